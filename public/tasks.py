from celery import shared_task

from articles.workflow import send
from newsroom.celery import PIPELINE_TASK, transient_errors
from public import caching, stories


@shared_task(autoretry_for=transient_errors(), **PIPELINE_TASK)
def render_stories_task(article_ids: list[int]) -> int:
    """Store the stories of these articles; idempotent (a current one is left alone)."""
    return sum(stories.build(article_id) == "built" for article_id in article_ids)


@shared_task(autoretry_for=transient_errors(), **PIPELINE_TASK)
def refresh_related_task(article_id: int) -> int:
    """A story was published or withdrawn: re-rank it and the stories it is related to."""
    refreshed = stories.refresh_related(article_id)
    caching.bump()
    return len(refreshed)


@shared_task
def sweep_stories_task(limit: int = stories.SWEEP_BATCH) -> int:
    """Rebuild stored stories a lost enqueue or a deploy left missing or outdated,
    newest first, a bounded batch per run (beat)."""
    ids = stories.outdated_ids(limit)
    for start in range(0, len(ids), stories.CHUNK):
        if not send(render_stories_task, ids[start:start + stories.CHUNK]):
            break  # broker down: the next sweep tries again
    return len(ids)
