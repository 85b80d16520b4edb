from celery import shared_task

from body import build
from newsroom.celery import PIPELINE_TASK, transient_errors


@shared_task(bind=True, autoretry_for=transient_errors(), **PIPELINE_TASK)
def sync_body_task(self, article_id: int) -> str:
    """Make the story body from fresh verdicts, or warn an edited one (idempotent)."""
    return build.sync_from_verdicts(article_id)
