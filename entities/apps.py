from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = _("Entities")

    def ready(self):
        from articles.models import Article
        from articles.signals import blocks_checked
        from body.signals import body_changed
        from entities import signals
        from entities.models import Alias, Entity, Relation

        blocks_checked.connect(
            signals.enqueue_extraction, sender=Article, dispatch_uid="entities_extract"
        )
        # Edited text is read again; editors' confirmed and rejected mentions are kept.
        body_changed.connect(signals.enqueue_extraction, dispatch_uid="entities_body_changed")
        for model in (Entity, Alias, Relation):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.mark_kb_changed, sender=model,
                    dispatch_uid=f"entities_kb_changed_{signal is post_save}_{model.__name__}",
                )
