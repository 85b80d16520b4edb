"""The context every custom page of a ModelAdmin needs, stated once."""


class AdminPageMixin:
    """For a ModelAdmin's own views (import, review, merge...): the site's header,
    sidebar and permissions (``each_context``), the model's options for breadcrumbs,
    and the page title."""

    def page_context(self, request, title, **extra) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.model._meta,
                "title": title, **extra}
