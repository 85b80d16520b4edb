from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _


class NewsroomAdminSite(admin.AdminSite):
    """The admin with the desk dashboard as its front page."""

    site_header = _("Newsroom desk")
    site_title = _("Newsroom")
    index_title = _("Desk")
    index_template = "admin/desk/index.html"

    def get_urls(self):
        from desk.views import source_quality

        return [
            path("desk/quality/", self.admin_view(source_quality), name="desk_quality"),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        from desk.views import dashboard_context

        return super().index(request, {**dashboard_context(request), **(extra_context or {})})
