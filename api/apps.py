from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The API for apps, newsletters and partners, under /api/v1/.

    On top of everything: it reads what the public site shows with the public
    site's own querysets and filters, and writes through the same functions the
    admin calls. Nothing imports it.
    """

    name = "api"
    verbose_name = _("API")
