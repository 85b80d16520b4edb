from celery import shared_task

from datatables.drafts import refresh_article_tables
from newsroom.celery import PIPELINE_TASK, transient_errors


@shared_task(autoretry_for=transient_errors(), **PIPELINE_TASK)
def rebuild_tables_task(article_id: int) -> dict | None:
    """Refresh the article's table drafts; idempotent, quiet when the article is gone."""
    outcome = refresh_article_tables(article_id)
    if outcome is None:
        return None
    return {"created": len(outcome.created), "updated": len(outcome.updated),
            "flagged": len(outcome.flagged), "deleted": outcome.deleted}
