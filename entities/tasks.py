from celery import shared_task
from django.db import InterfaceError, OperationalError

from entities import pipeline

# Only these are worth another try; a bug in extraction would fail the same way again.
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
def extract_mentions_task(self, article_id: int, force: bool = False) -> str:
    """Suggest entity mentions for an article's story blocks (idempotent by article,
    blocks, KB version and extractor version)."""
    return pipeline.extract_article(article_id, force=force)
