from celery import shared_task

from images import library
from newsroom.celery import PIPELINE_TASK, transient_errors


@shared_task(bind=True, autoretry_for=transient_errors(), **PIPELINE_TASK)
def make_renditions_task(self, image_id: int) -> str:
    """Store an image's srcset widths, WebP and social card (idempotent by size)."""
    return library.make_renditions(image_id)
