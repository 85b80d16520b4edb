"""State changes of an article that other parts trigger: enqueue, publish."""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from articles.models import Article

logger = logging.getLogger(__name__)


def send_processing(article_id: int, force: bool = False) -> None:
    from articles.tasks import process_article_task

    try:
        process_article_task.delay(article_id, force=force)
    except Exception:
        # The article is saved and stays pending (or failed, with its run
        # recorded); the beat sweep enqueues it once the broker is back.
        # Losing the save over a queue outage would be worse.
        logger.exception("could not enqueue processing of article %s; the sweep will", article_id)


def enqueue_processing(article: Article, *, force: bool = False) -> None:
    """Process after commit, so the worker never looks for a row it cannot see yet."""
    transaction.on_commit(partial(send_processing, article.pk, force))


def publish(article: Article, *, when=None) -> Article:
    article.status = Article.Status.PUBLISHED
    article.published_at = when or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article
