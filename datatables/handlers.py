"""Signal handlers: they only enqueue work, after the surrounding transaction commits."""

from functools import partial

from django.db import transaction

from articles.workflow import send


def enqueue_table_rebuild(sender, article_id: int, **kwargs) -> None:
    """An article's blocks were rewritten: refresh its reconstructed table drafts."""
    from datatables.tasks import rebuild_tables_task

    transaction.on_commit(partial(send, rebuild_tables_task, article_id))
