from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from desk.views import dashboard_context, source_quality

# django-axes ships no Chinese catalogue; these are its admin strings, translated in ours
# (LOCALE_PATHS comes before the apps' own catalogues).
AXES_STRINGS = (
    gettext_noop("access attempt"), gettext_noop("access attempts"),
    gettext_noop("access failure"), gettext_noop("access failures"),
    gettext_noop("access log"), gettext_noop("access logs"),
    gettext_noop("access attempt expiration"), gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"), gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"), gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"), gettext_noop("Expires At"),
    gettext_noop("Failed Logins"), gettext_noop("Form Data"), gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"), gettext_noop("IP Address"), gettext_noop("Locked Out"),
    gettext_noop("Logout Time"), gettext_noop("Meta Data"), gettext_noop("Not set"),
    gettext_noop("POST Data"), gettext_noop("Path"), gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"), gettext_noop("Username"),
)
# Django's own zh_Hans admin catalogue lags its templates: these msgids have no Chinese
# there (the app list's screen-reader column headers, the "Error:" title prefix, ...).
ADMIN_STRINGS = (
    gettext_noop("Model name"), gettext_noop("Add link"),
    gettext_noop("Change or view list link"), gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
)


# Columns a list never needs unless it shows them: a multi-MB raw import loaded (or, on
# SQLite, grouped by) for every row of a page exhausted memory (issue #17).
HEAVY_FIELDS = (models.TextField, models.BinaryField)


def heavy_fields(model, relations, shown) -> list[str]:
    """The text and binary columns of ``model`` and of the ``relations`` it joins, by path,
    leaving out those named in ``shown``."""
    names = []
    for prefix, target in [("", model), *((f"{rel}__", related_model(model, rel))
                                           for rel in relations)]:
        if target is None:
            continue
        names += [prefix + f.name for f in target._meta.concrete_fields
                  if isinstance(f, HEAVY_FIELDS) and prefix + f.name not in shown]
    return names


def field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a method or a lookup, not a column
        return None


def related_model(model, path: str):
    for part in path.split("__"):
        found = field(model, part)
        model = found.related_model if found is not None else None
        if model is None:
            return None
    return model


class LightChangeList(ChangeList):
    """A changelist that defers every large column it does not show, also on joins."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if isinstance(self.list_select_related, (list, tuple)):
            relations = list(self.list_select_related)
        else:
            relations = [name for name in self.list_display
                         if isinstance(name, str) and isinstance(field(self.model, name),
                                                                 models.ForeignKey)]
        deferred = heavy_fields(self.model, relations, set(self.list_display))
        return queryset.defer(*deferred) if deferred else queryset


class LightListAdmin:
    """Mixed into every registered ModelAdmin by the site: lists stay light."""

    def get_changelist(self, request, **kwargs):
        return LightChangeList


class NewsroomAdminSite(admin.AdminSite):
    """The admin with the desk dashboard as its front page; every list defers the
    large columns it does not show (``LightChangeList``)."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, LightListAdmin) and \
                admin_class.get_changelist is admin.ModelAdmin.get_changelist:
            admin_class = type(admin_class.__name__, (LightListAdmin, admin_class),
                               {"__module__": admin_class.__module__})
        return super().register(model_or_iterable, admin_class, **options)

    site_header = _("Newsroom desk")
    site_title = _("Newsroom")
    index_title = _("Desk")
    index_template = "admin/desk/index.html"

    def get_urls(self):
        return [
            path("desk/quality/", self.admin_view(source_quality), name="desk_quality"),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] == "axes":  # its name is the bare label "Axes"
                app["name"] = _("Sign-in security")
        return apps

    def index(self, request, extra_context=None):
        return super().index(request, {**dashboard_context(request), **(extra_context or {})})
