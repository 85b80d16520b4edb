"""Keep search documents current. Handlers only enqueue, after the commit."""

from django.db import transaction
from django.db.models.signals import post_save


def enqueue_index(article_id: int) -> None:
    from articles.workflow import send
    from search.tasks import index_article_task

    transaction.on_commit(lambda: send(index_article_task, article_id))


def index_on_blocks_checked(sender, article_id, **kwargs) -> None:
    enqueue_index(article_id)


def index_on_article_save(sender, instance, created, update_fields=None, **kwargs) -> None:
    # Only the title is indexed from the row itself; blocks come via blocks_checked.
    if created or (update_fields is not None and "title" not in update_fields):
        return
    enqueue_index(instance.pk)


def connect() -> None:
    from articles.models import Article
    from articles.signals import blocks_checked
    from body.signals import body_changed

    blocks_checked.connect(index_on_blocks_checked, dispatch_uid="search_blocks_checked")
    # The index holds what readers read: the story body, once edited.
    body_changed.connect(index_on_blocks_checked, dispatch_uid="search_body_changed")
    post_save.connect(index_on_article_save, sender=Article, dispatch_uid="search_article_save")
