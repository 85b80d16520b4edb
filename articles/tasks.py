import logging
from datetime import timedelta

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from articles import cleaning, processing
from articles.models import Article

logger = logging.getLogger(__name__)

# Only these are worth another try; a bug in the checker would fail the same way again.
TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=6,
)
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
    (worker lost); also articles checked by an older checker version."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    never_started = Article.objects.filter(
        processing_state=Article.Processing.PENDING, updated_at__lt=cutoff
    )
    abandoned = Article.objects.filter(processing_state=Article.Processing.RUNNING).exclude(
        runs__started_at__gte=cutoff
    )
    outdated = Article.objects.filter(processing_state=Article.Processing.DONE).exclude(
        checker_version=cleaning.CHECKER_VERSION
    )
    ids = [
        pk
        for queryset in (never_started, abandoned, outdated)
        for pk in queryset.values_list("pk", flat=True)
    ]
    for article_id in ids:
        try:
            process_article_task.delay(article_id)
        except Exception:  # broker still down: the next sweep tries again
            logger.warning("could not enqueue article %s; will retry on next sweep", article_id)
            return 0
    return len(ids)
