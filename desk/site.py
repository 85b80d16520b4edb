from django.contrib import admin
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


class NewsroomAdminSite(admin.AdminSite):
    """The admin with the desk dashboard as its front page."""

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
