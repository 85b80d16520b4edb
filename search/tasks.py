from celery import shared_task
from django.db import InterfaceError, OperationalError

from search import indexing


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def index_article_task(article_id: int) -> str:
    """Rebuild one article's search document; quiet when the article is gone."""
    return "indexed" if indexing.index_article(article_id) else "gone"
