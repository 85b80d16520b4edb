"""Signal handlers: enqueue work, refuse publishing without alt text."""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _


def enqueue_sync(sender, article_id, **kwargs) -> None:
    from articles.workflow import send
    from body.tasks import sync_body_task

    transaction.on_commit(partial(send, sync_body_task, article_id))


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
    from articles import revisions
    from articles.models import Article
    from articles.signals import blocks_checked, publishing
    from body import history
    from images.signals import renditions_made

    blocks_checked.connect(enqueue_sync, sender=Article, dispatch_uid="body_sync")
    publishing.connect(check_publishable, dispatch_uid="body_alt_text")
    revisions.register_part("body", history.BodyPart())
    renditions_made.connect(on_renditions_made, dispatch_uid="body_renditions_made")


def on_renditions_made(sender, image_id, **kwargs) -> None:
    """New sizes to offer: every story showing the image (other changes to an image
    reach pages through public.invalidation)."""
    from articles.signals import stories_changed
    from body.models import StoryBlock

    ids = list(StoryBlock.objects.filter(image_id=image_id)
               .values_list("article_id", flat=True).distinct())
    if ids:
        stories_changed.send(sender=None, article_ids=ids)
