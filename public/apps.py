from django.apps import AppConfig
from django.core.signals import setting_changed
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The reader-facing site: pages, feeds, sitemaps, stored pages and the page cache.

    It sits on top: it reads every app below it and hears about their changes
    through signals connected here; nothing imports it.
    """

    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        from articles.signals import publication_changed
        from public import caching, frames, invalidation, stories

        invalidation.connect(forget=stories.forget, stale=caching.bump)
        publication_changed.connect(stories.on_publication_changed,
                                    dispatch_uid="public_publication_changed")
        frames.connect()
        setting_changed.connect(caching.on_setting_changed, dispatch_uid="public_caches")
