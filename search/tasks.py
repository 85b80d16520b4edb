from celery import shared_task

from newsroom.celery import PIPELINE_TASK, transient_errors
from search import indexing


@shared_task(autoretry_for=transient_errors(), **PIPELINE_TASK)
def index_article_task(article_id: int) -> str:
    """Rebuild one article's search document; quiet when the article is gone."""
    return "indexed" if indexing.index_article(article_id) else "gone"
