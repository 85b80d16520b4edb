from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatatablesConfig(AppConfig):
    name = "datatables"
    verbose_name = _("Data tables")

    def ready(self):
        from django.db.models.signals import post_save

        from articles.signals import blocks_checked
        from body.signals import body_changed
        from datatables import handlers
        from datatables.models import DataTable

        blocks_checked.connect(handlers.enqueue_table_rebuild, dispatch_uid="datatables_rebuild")
        # Tables stay linked from the story body wherever their cells were.
        post_save.connect(handlers.on_table_saved, sender=DataTable,
                          dispatch_uid="datatables_link_story")
        body_changed.connect(handlers.on_body_changed, dispatch_uid="datatables_link_body")
