"""Signal handlers: they only enqueue work or mark the KB changed (connected in ready())."""

from functools import partial

from django.db import transaction

from articles.workflow import send
from entities.models import KnowledgeBaseVersion


def enqueue_extraction(sender, article_id, **kwargs):
    """An article's blocks were rewritten: look for entities in its story blocks."""
    from entities.tasks import extract_mentions_task

    transaction.on_commit(partial(send, extract_mentions_task, article_id))


def mark_kb_changed(sender, **kwargs):
    """Entities, aliases or relations changed: every process rebuilds its matcher.

    Bumped inside the same transaction as the change, so no process can see the new
    version before the new rows. Bulk loads mute this and bump once at the end.
    """
    from entities.knowledge import changes_muted

    if kwargs.get("raw") or changes_muted():
        return
    KnowledgeBaseVersion.bump()
