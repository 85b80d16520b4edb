"""The story body: the desk's own document, apart from the raw import and its verdicts.

Made from the checker's story blocks the first time an article is checked, and
rebuilt from them while no editor has touched it; from the first edit on it is the
editors' alone and a new checker run only raises warnings about text it holds that
the body does not (``body.build``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class StoryBody(models.Model):
    """One per article: whether editors own it yet, and what the checker said since."""

    article = models.OneToOneField(Article, models.CASCADE, primary_key=True,
                                   related_name="story_body")
    edited = models.BooleanField(
        default=False, help_text=_("Once edited, checker runs never rewrite it."))
    # Keys are never reused, so a revision's block is the same block later.
    next_key = models.PositiveIntegerField(default=0)
    # [{"code", "index", "text"}]: story text the checker found that the body does not
    # hold, or body text whose source the checker now drops. Shown to editors.
    warnings = models.JSONField(default=list, blank=True)
    checker_version = models.CharField(max_length=32, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("story body")
        verbose_name_plural = _("story bodies")

    def __str__(self) -> str:
        return str(self.article)


class StoryBlock(models.Model):
    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("Paragraph")
        HEADING = "heading", _("Heading")
        QUOTE = "quote", _("Quote")
        LIST = "list", _("List (one item a line)")
        FIGURE = "figure", _("Figure")
        TABLE = "table", _("Data table")
        EMBED = "embed", _("Embed")

    article = models.ForeignKey(Article, models.CASCADE, related_name="story_blocks")
    # Stable identity: entity mentions (``block_index``), revisions and diffs key on it.
    # A block made from a checked block keeps that block's index.
    key = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.PARAGRAPH)
    text = models.TextField(_("text"), blank=True,
                            help_text=_("Bold, italic and links only; sanitised on save."))
    image = models.ForeignKey("images.Image", models.PROTECT, null=True, blank=True,
                              related_name="story_blocks", verbose_name=_("image"))
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    alt = models.CharField(_("alt text"), max_length=300, blank=True)
    table = models.ForeignKey("datatables.DataTable", models.SET_NULL, null=True, blank=True,
                              related_name="story_blocks", verbose_name=_("data table"))
    embed_url = models.URLField(_("embed address"), max_length=500, blank=True)
    # Index of the checked block it was made from (a table: its first cell), if any.
    source_index = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="story_block_unique_key"),
        ]
        indexes = [models.Index(fields=["article", "position"])]
        verbose_name = _("story block")
        verbose_name_plural = _("story blocks")

    def __str__(self) -> str:
        return f"{self.article_id}#{self.key} {self.kind}"

    @property
    def alt_text(self) -> str:
        return self.alt or (self.image.alt if self.image_id else "")

    def snapshot(self) -> dict:
        """The block as a revision keeps it (``body.document.FIELDS`` plus identity)."""
        return {
            "key": self.key, "kind": self.kind, "text": self.text, "image": self.image_id,
            "caption": self.caption, "credit": self.credit, "alt": self.alt,
            "table": self.table_id, "embed_url": self.embed_url,
            "source_index": self.source_index,
        }


class PreviewGrant(models.Model):
    """A preview link handed out: who made it and until when (the link is signed;
    this row lets an editor see and revoke what is out there)."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"preview {self.pk} of {self.article_id}"
