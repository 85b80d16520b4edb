"""Signal handlers: they only enqueue work, after the surrounding transaction commits."""

from functools import partial

from django.db import transaction

from articles.workflow import send


def enqueue_table_rebuild(sender, article_id: int, **kwargs) -> None:
    """An article's blocks were rewritten: refresh its reconstructed table drafts."""
    from datatables.tasks import rebuild_tables_task

    transaction.on_commit(partial(send, rebuild_tables_task, article_id))


def link_story_tables(article_id: int) -> int:
    """Point the story body's table blocks that have no table yet at the table standing
    where their cells were (a table's position is its first cell's index)."""
    from body.models import StoryBlock
    from datatables.models import DataTable

    linked = 0
    for table_id, position in DataTable.objects.filter(
        article_id=article_id, position__isnull=False
    ).values_list("pk", "position"):
        linked += StoryBlock.objects.filter(
            article_id=article_id, kind="table", table__isnull=True, source_index=position,
        ).update(table_id=table_id)
    return linked


def on_table_saved(sender, instance, raw=False, **kwargs) -> None:
    """A rebuilt or placed table: the story block where its cells were refers to it."""
    if not raw and instance.article_id is not None and instance.position is not None:
        link_story_tables(instance.article_id)


def on_body_changed(sender, article_id, **kwargs) -> None:
    """A body made from new verdicts: its table blocks refer to the tables there are."""
    link_story_tables(article_id)
