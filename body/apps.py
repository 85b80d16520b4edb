from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodyConfig(AppConfig):
    name = "body"
    verbose_name = _("Story body")

    def ready(self):
        from body import handlers

        handlers.connect()
