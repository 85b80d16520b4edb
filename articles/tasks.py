import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

import cleaning
from articles import caching, processing, stories
from articles.models import Article
from newsroom.celery import PIPELINE_TASK, transient_errors

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=transient_errors(), **PIPELINE_TASK)
def process_article_task(self, article_id: int, force: bool = False) -> str:
    run = processing.process_article(
        article_id,
        task_id=self.request.id or "",
        attempt=self.request.retries + 1,
        force=force,
    )
    return run.state if run else "gone"


@shared_task
def sweep_unprocessed_task(older_than_seconds: int = 600) -> int:
    """Re-enqueue processing that was never enqueued (broker down) or never finished
    (worker lost). Runs every few minutes under beat."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    stale = Article.objects.filter(
        processing_state__in=[Article.Processing.PENDING, Article.Processing.RUNNING],
        updated_at__lt=cutoff,
    )
    count = 0
    for article_id in stale.values_list("pk", flat=True):
        try:
            process_article_task.delay(article_id)
        except Exception:  # broker still down: the next sweep tries again
            logger.warning("could not enqueue article %s; will retry on next sweep", article_id)
            break
        count += 1
    return count


@shared_task
def publish_due_task() -> int:
    """Publish scheduled articles whose time has come (beat runs this every 20 s)."""
    from articles.workflow import publish_due

    return len(publish_due())


@shared_task
def recheck_outdated_task() -> int:
    """Nightly: re-check articles processed by an older checker, as one tracked bulk job."""
    from desk.jobs import start_job

    outdated = Article.objects.filter(processing_state=Article.Processing.DONE).exclude(
        checker_version=cleaning.CHECKER_VERSION
    )
    ids = list(outdated.values_list("pk", flat=True))
    if ids:
        start_job("recheck", ids)
    return len(ids)


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
    from articles.workflow import send

    ids = stories.outdated_ids(limit)
    for start in range(0, len(ids), stories.CHUNK):
        if not send(render_stories_task, ids[start:start + stories.CHUNK]):
            break  # broker down: the next sweep tries again
    return len(ids)
