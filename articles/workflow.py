"""State changes of an article that other parts trigger: enqueue, publish."""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from articles.models import Article

logger = logging.getLogger(__name__)


def send(task, *args, **kwargs) -> bool:
    """Enqueue a task; a broker outage is logged, never raised.

    The rows stay in their pending state and the beat sweep enqueues them once
    the broker is back: losing an editor's save over a queue outage would be worse.
    """
    try:
        task.delay(*args, **kwargs)
    except Exception:
        logger.exception("could not enqueue %s%r; the sweep will retry", task.name, args)
        return False
    return True


def send_processing(article_id: int, force: bool = False) -> None:
    from articles.tasks import process_article_task

    send(process_article_task, article_id, force=force)


def enqueue_processing(article: Article, *, force: bool = False) -> None:
    """Process after commit, so the worker never looks for a row it cannot see yet."""
    transaction.on_commit(partial(send_processing, article.pk, force))


def publish(article: Article, *, when=None) -> Article:
    article.status = Article.Status.PUBLISHED
    article.published_at = when or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article
