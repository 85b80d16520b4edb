"""The media library: uploaded images, kept once and reused by any story."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImageQuerySet(models.QuerySet):
    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(title__icontains=text) | Q(alt__icontains=text)
                           | Q(credit__icontains=text) | Q(caption__icontains=text))


def upload_to(instance: "Image", filename: str) -> str:
    # Named by content: the same file uploaded twice is one file, and names say nothing
    # of where the editor's laptop kept it.
    return f"images/{instance.sha256[:2]}/{instance.sha256}.{filename.rsplit('.', 1)[-1]}"


def rendition_to(instance: "Rendition", filename: str) -> str:
    return f"renditions/{instance.image.sha256[:2]}/{filename}"


FOCAL = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    """An image as uploaded (cleaned: upright, no EXIF, colour profile kept)."""

    class Licence(models.TextChoices):
        OWN = "own", _("Our own")
        AGENCY = "agency", _("Agency, licensed")
        CC_BY = "cc-by", _("CC BY")
        CC_BY_SA = "cc-by-sa", _("CC BY-SA")
        CC0 = "cc0", _("CC0 / public domain")
        PERMISSION = "permission", _("Used with permission")
        FAIR_USE = "fair-use", _("Quoted (fair use)")

    # Its size is stored from the cleaned upload, never read back from storage.
    file = models.ImageField(_("file"), upload_to=upload_to, max_length=200)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    format = models.CharField(_("format"), max_length=8, editable=False)
    bytes = models.PositiveIntegerField(editable=False, default=0)
    sha256 = models.CharField("SHA-256", max_length=64, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200, blank=True,
                             help_text=_("For finding it in the library."))
    alt = models.CharField(_("alt text"), max_length=300, blank=True,
                           help_text=_("What the image shows, for readers who cannot see it. "
                                       "Required before a story using it is published."))
    caption = models.CharField(_("default caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=16, choices=Licence, blank=True)
    focal_x = models.FloatField(_("focal point x"), default=0.5, validators=FOCAL,
                                help_text=_("0 = left edge, 1 = right edge; crops keep it."))
    focal_y = models.FloatField(_("focal point y"), default=0.5, validators=FOCAL,
                                help_text=_("0 = top, 1 = bottom."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, editable=False, related_name="+",
                                    verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.title or self.alt or self.file.name.rsplit("/", 1)[-1]


class Rendition(models.Model):
    """One stored size of an image: made once (``images.tasks``), served as a file."""

    class Kind(models.TextChoices):
        WIDTH = "width", _("width for srcset")
        CARD = "card", _("social card (cropped)")

    image = models.ForeignKey(Image, models.CASCADE, related_name="renditions")
    kind = models.CharField(max_length=8, choices=Kind)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=8)
    file = models.FileField(upload_to=rendition_to, max_length=200)
    # The focal point it was cropped for: a moved focal point outdates a card.
    focal = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["image", "kind", "width", "format"]
        constraints = [
            models.UniqueConstraint(fields=["image", "kind", "width", "format"],
                                    name="rendition_unique_size"),
        ]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")

    def __str__(self) -> str:
        return f"{self.image_id} {self.kind} {self.width}w {self.format}"
