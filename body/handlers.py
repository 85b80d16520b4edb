"""Signal handlers: enqueue work, link tables, refuse publishing without alt text."""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _


def enqueue_sync(sender, article_id, **kwargs) -> None:
    from articles.workflow import send
    from body.tasks import sync_body_task

    transaction.on_commit(partial(send, sync_body_task, article_id))


def on_table_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.article_id is None or instance.position is None:
        return
    from body.build import link_tables

    link_tables(instance.article_id)


def check_publishable(sender, article, **kwargs) -> None:
    """Every figure with an image needs alt text before the story goes out."""
    from articles.workflow import TransitionError
    from body.models import StoryBlock

    missing = [
        block for block in StoryBlock.objects.filter(article_id=article.pk, kind="figure",
                                                     image__isnull=False)
        .select_related("image") if not block.alt_text.strip()
    ]
    if missing:
        raise TransitionError(
            _("Add alt text to every image before publishing (%(n)d without).")
            % {"n": len(missing)}
        )


def connect() -> None:
    from django.db.models.signals import post_save

    from articles import revisions
    from articles.models import Article
    from articles.signals import blocks_checked, publishing
    from body import history
    from datatables.models import DataTable
    from images.models import Image
    from images.signals import renditions_made

    blocks_checked.connect(enqueue_sync, sender=Article, dispatch_uid="body_sync")
    post_save.connect(on_table_saved, sender=DataTable, dispatch_uid="body_link_tables")
    publishing.connect(check_publishable, dispatch_uid="body_alt_text")
    revisions.register_part("body", history.BodyPart())
    post_save.connect(on_image_changed, sender=Image, dispatch_uid="body_image_changed")
    renditions_made.connect(on_image_changed, dispatch_uid="body_renditions_made")


def on_image_changed(sender, instance=None, raw=False, image_id=None, **kwargs) -> None:
    """New renditions, alt text or a credit change every story showing the image."""
    if raw:
        return
    from articles.signals import stories_changed
    from body.models import StoryBlock

    image_id = image_id or instance.pk
    ids = list(StoryBlock.objects.filter(image_id=image_id)
               .values_list("article_id", flat=True).distinct())
    if ids:
        stories_changed.send(sender=type(instance), article_ids=ids)
