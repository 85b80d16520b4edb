"""Adding images to the library and making their renditions (Django glue around
``images.processing``)."""

import hashlib
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from images import processing
from images.models import Image, Rendition
from images.signals import renditions_made


def limits() -> processing.Limits:
    return processing.Limits(
        max_bytes=settings.NEWSROOM_MAX_IMAGE_BYTES,
        max_pixels=settings.NEWSROOM_MAX_IMAGE_PIXELS,
    )


def add_image(data: bytes, filename: str = "", *, user=None, **fields) -> Image:
    """Clean an upload and keep it (raises ``ImageRefused``). The same picture uploaded
    again is the same library image: its fields are filled where still empty."""
    prepared = processing.prepare(data, limits())
    digest = hashlib.sha256(prepared.data).hexdigest()
    with transaction.atomic():
        image = Image.objects.select_for_update().filter(sha256=digest).first()
        if image is not None:
            changed = [name for name, value in fields.items()
                       if value and not getattr(image, name)]
            for name in changed:
                setattr(image, name, fields[name])
            if changed:
                image.save(update_fields=changed)
            return image
        image = Image(sha256=digest, format=prepared.format, bytes=len(prepared.data),
                      width=prepared.width, height=prepared.height,
                      uploaded_by=user, title=fields.pop("title", "") or filename[:200],
                      **fields)
        image.file.save(f"upload.{prepared.extension}", ContentFile(prepared.data), save=False)
        image.save()
        transaction.on_commit(partial(send_renditions, image.pk))
    return image


def send_renditions(image_id: int) -> None:
    from articles.workflow import send
    from images.tasks import make_renditions_task

    send(make_renditions_task, image_id)


def focal_key(image: Image) -> str:
    return f"{image.focal_x:.3f},{image.focal_y:.3f}"


def make_renditions(image_id: int) -> str:
    """Store every rendition the image lacks: "gone", "current" or "made". Idempotent;
    the card is made again when the focal point moved."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return "gone"
    have = {(r.kind, r.width, r.format, r.focal) for r in image.renditions.all()}
    with image.file.open("rb") as handle:
        data = handle.read()
    made = 0
    for resized in processing.renditions(data, (image.focal_x, image.focal_y)):
        focal = focal_key(image) if resized.kind == Rendition.Kind.CARD else ""
        if (resized.kind, resized.width, resized.format, focal) in have:
            continue
        with transaction.atomic():
            Rendition.objects.filter(image=image, kind=resized.kind, width=resized.width,
                                     format=resized.format).delete()
            rendition = Rendition(image=image, kind=resized.kind, width=resized.width,
                                  height=resized.height, format=resized.format, focal=focal)
            ext = processing.FORMATS[resized.format][0]
            rendition.file.save(f"{image.sha256[:16]}-{resized.kind}-{resized.width}.{ext}",
                                ContentFile(resized.data), save=False)
            rendition.save()
        made += 1
    if made:
        renditions_made.send(sender=Image, image_id=image.pk)
    return "made" if made else "current"
