from celery import shared_task
from django.db import InterfaceError, OperationalError

from datatables.drafts import refresh_article_tables

# Only these are worth another try; a bug in the rebuild would fail the same way again.
TRANSIENT = (OperationalError, InterfaceError)


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=2, retry_backoff_max=120,
             retry_jitter=True, max_retries=6)
def rebuild_tables_task(article_id: int) -> dict | None:
    """Refresh the article's table drafts; idempotent, quiet when the article is gone."""
    outcome = refresh_article_tables(article_id)
    if outcome is None:
        return None
    return {"created": len(outcome.created), "updated": len(outcome.updated),
            "flagged": len(outcome.flagged), "deleted": outcome.deleted}
