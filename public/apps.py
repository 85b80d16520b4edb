from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The reader-facing site: pages, feeds, sitemaps, stored pages and the page cache.

    It sits on top: it reads every app below it and hears about their changes
    through signals connected here; nothing imports it.
    """

    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        from public import caching, stories

        caching.connect()
        stories.connect()
