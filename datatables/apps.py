from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatatablesConfig(AppConfig):
    name = "datatables"
    verbose_name = _("Data tables")

    def ready(self):
        from articles.signals import blocks_checked
        from datatables import handlers

        blocks_checked.connect(handlers.enqueue_table_rebuild, dispatch_uid="datatables_rebuild")
