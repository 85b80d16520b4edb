"""The desk's roles as Django groups. A migration creates them; post_migrate keeps
them in step when an app adds permissions later."""

from django.contrib.auth.management import create_permissions

REPORTER = "reporter"
EDITOR = "editor"
ADMIN = "admin"

_REPORTER = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.view_block", "articles.view_source", "articles.add_source",
    "articles.view_section", "articles.view_processingrun", "articles.view_revision",
    "entities.view_entity", "entities.view_mention",
    "ingest.view_feed", "ingest.view_feeditem", "ingest.view_sourcepause",
    # Pictures for their own stories: upload into the library, reuse what is there.
    "images.add_image", "images.view_image",
]
_EDITOR = [
    *_REPORTER,
    "articles.review_article", "articles.publish_article", "articles.delete_article",
    "articles.change_block", "articles.view_blockoverride", "articles.change_source",
    "articles.add_section", "articles.change_section", "articles.view_transition",
    "entities.add_entity", "entities.change_entity", "entities.add_alias",
    "entities.change_alias", "entities.view_alias", "entities.delete_alias",
    "entities.add_mention", "entities.change_mention", "entities.view_relation",
    "entities.add_relation", "entities.change_relation", "entities.delete_relation",
    "datatables.add_datatable", "datatables.change_datatable", "datatables.view_datatable",
    "datatables.confirm_datatable", "datatables.delete_datatable",
    "desk.view_auditentry", "desk.view_bulkjob", "desk.add_bulkjob",
    "ingest.add_feed", "ingest.change_feed", "ingest.poll_feed",
    "ingest.add_sourcepause", "ingest.delete_sourcepause",
    "images.change_image",
]
ROLES: dict[str, list[str] | None] = {
    REPORTER: _REPORTER,
    EDITOR: _EDITOR,
    ADMIN: None,  # every permission there is
}


def sync_roles(apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    everything = list(Permission.objects.all())
    by_name = {f"{p.content_type.app_label}.{p.codename}": p
               for p in Permission.objects.select_related("content_type")}
    for role, names in ROLES.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = everything if names is None else [by_name[n] for n in names if n in by_name]
        group.permissions.set(wanted)


def create_roles(apps, schema_editor) -> None:
    """Migration step: permissions are normally made after migrations; make them first."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


def sync_roles_after_migrate(sender, **kwargs) -> None:
    if sender.name != "desk":
        return
    from django.apps import apps

    sync_roles(apps)
