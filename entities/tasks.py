from celery import shared_task

from entities import pipeline
from newsroom.celery import PIPELINE_TASK, transient_errors


@shared_task(bind=True, autoretry_for=transient_errors(), **PIPELINE_TASK)
def extract_mentions_task(self, article_id: int, force: bool = False) -> str:
    """Suggest entity mentions for an article's story blocks (idempotent by article,
    blocks, KB version and extractor version)."""
    return pipeline.extract_article(article_id, force=force)
