from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = _("Entities")

    def ready(self):
        from body.signals import body_changed
        from entities import signals
        from entities.models import Alias, Entity, Relation

        # Extraction reads the story body (body.build makes it from fresh verdicts, then
        # sends body_changed; an editor's save sends it too). Editors' confirmed and
        # rejected mentions are kept across runs.
        body_changed.connect(signals.enqueue_extraction, dispatch_uid="entities_extract")
        for model in (Entity, Alias, Relation):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.mark_kb_changed, sender=model,
                    dispatch_uid=f"entities_kb_changed_{signal is post_save}_{model.__name__}",
                )
