from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Desk")

    def ready(self):
        from articles.signals import decision_made
        from desk.audit import on_decision_made
        from desk.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="desk.sync_roles")
        decision_made.connect(on_decision_made, dispatch_uid="desk.audit")
