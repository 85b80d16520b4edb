import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from articles import processing
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
