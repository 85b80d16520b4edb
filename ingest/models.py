"""Feeds that bring articles in on a schedule, and every item they ever listed.

An item is recorded (one row per feed and GUID, a unique constraint) before it is
imported, so a worker killed mid-poll loses nothing: the next poll finds the row
still ``new`` and imports it. Its article is linked in the same transaction that
creates it, so nothing is imported twice.

What went wrong (a feed's last error, an item's) and why an item is a duplicate are
written by a worker, which knows no reader: each is stored as a sentence's code and
parameters (``recorded``) and said in the reader's language when read (``said``).
"""

from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.imports import REFUSALS
from articles.models import Article, Banded, Source, band_indexes
from articles.reasons import say_message
from cleaning.reasons import REASONS
from ingest.errors import MESSAGES
from phrasebook import restored, stored

# Every sentence a poll may store, by code: its own, an import's refusal and the
# decoder's reason for not reading a page. No code is in two of them (a test says so).
RECORDED: Mapping[str, str] = {**MESSAGES, **REFUSALS, **REASONS}


def recorded(what: object) -> object:
    """What a feed or an item keeps for a sentence (or an exception made with one):
    ``{"code": ..., "params": {...}}``, or the text of anything else."""
    if isinstance(what, BaseException):
        what = what.args[0] if what.args else type(what).__name__
    kept = stored(what, RECORDED)
    return kept[:2000] if isinstance(kept, str) else kept


def said(value: object) -> str:
    """A stored sentence in the active language; text stored as text, as it is."""
    return say_message(restored(value, RECORDED)) if value else ""


def english(value: object) -> str:
    """A stored sentence in English, as logs and the command line read it."""
    return str(restored(value, RECORDED)) if value else ""


class FeedQuerySet(models.QuerySet):
    def active(self):
        """Enabled feeds of sources nobody paused."""
        return self.filter(enabled=True).exclude(source__ingest_pause__isnull=False)

    def due(self, now=None):
        """Active feeds whose next poll has come and that no poll holds right now."""
        now = now or timezone.now()
        return self.active().filter(next_poll_at__lte=now).filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now)
        )


class Feed(models.Model):
    class Kind(models.TextChoices):
        RSS = "rss", _("RSS")
        ATOM = "atom", _("Atom")
        JSON = "json", _("JSON Feed")
        SITEMAP = "sitemap", _("Sitemap (also Google News and sitemap index)")

    class Mode(models.TextChoices):
        PAGE = "page", _("Import the item's page")
        CONTENT = "content", _("Import the feed's own content")

    class Outcome(models.TextChoices):
        NEVER = "never", _("Not polled yet")
        OK = "ok", _("OK")
        NOT_MODIFIED = "not_modified", _("Not modified")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(Source, models.CASCADE, related_name="feeds",
                               verbose_name=_("source"))
    url = models.URLField(_("feed URL"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.RSS)
    mode = models.CharField(_("mode"), max_length=16, choices=Mode, default=Mode.PAGE)
    every = models.PositiveIntegerField(_("poll every (minutes)"), default=30)
    enabled = models.BooleanField(_("enabled"), default=True)

    # Conditional GET: what the server said last time.
    etag = models.CharField(_("ETag"), max_length=500, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True, editable=False)

    next_poll_at = models.DateTimeField(_("next poll"), default=timezone.now, db_index=True)
    # A poll claims its feed with a conditional UPDATE on this lease; a killed worker's
    # claim simply runs out, so the feed is never stuck.
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last poll"), null=True, blank=True, editable=False)
    last_outcome = models.CharField(_("status"), max_length=16, choices=Outcome,
                                    default=Outcome.NEVER, editable=False)
    last_error = models.JSONField(_("last error"), null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)

    found = models.PositiveIntegerField(_("found"), default=0, editable=False)
    imported = models.PositiveIntegerField(_("imported"), default=0, editable=False)
    duplicates = models.PositiveIntegerField(_("duplicates"), default=0, editable=False)
    failed = models.PositiveIntegerField(_("failed"), default=0, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["source__name", "url"]
        constraints = [
            models.UniqueConstraint(fields=["source", "url"], name="feed_unique_url_per_source"),
        ]
        permissions = [("poll_feed", _("Can poll feeds now"))]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self) -> str:
        return f"{self.source.name}: {self.url}"

    @property
    def error_message(self) -> str:
        """The last poll's error in the active language."""
        return said(self.last_error)

    def clean(self) -> None:
        if self.kind == self.Kind.SITEMAP and self.mode == self.Mode.CONTENT:
            raise ValidationError({"mode": _("A sitemap lists addresses only: import the "
                                              "item's page.")})
        if not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": _("Feeds are fetched over http or https.")})

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=max(1, self.every))


class SourcePause(models.Model):
    """A paused source: none of its feeds is polled while this row exists."""

    source = models.OneToOneField(Source, models.CASCADE, related_name="ingest_pause",
                                  verbose_name=_("source"))
    paused_at = models.DateTimeField(_("paused"), default=timezone.now)
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("paused by"))

    class Meta:
        verbose_name = _("paused source")
        verbose_name_plural = _("paused sources")

    def __str__(self) -> str:
        return str(self.source)


class FeedItemQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=FeedItem.Status.NEW)


class FeedItem(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New (not imported yet)")
        IMPORTED = "imported", _("Imported")
        DUPLICATE = "duplicate", _("Duplicate (linked)")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    feed = models.ForeignKey(Feed, models.CASCADE, related_name="items", verbose_name=_("feed"))
    # The feed's id for the item, or its canonical URL when it gives none.
    guid = models.CharField(_("GUID"), max_length=1000)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    canonical_url = models.CharField(_("canonical URL"), max_length=1000, blank=True,
                                     db_index=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    original_published_at = models.DateTimeField(_("originally published"), null=True,
                                                 blank=True)
    # The feed's own content, kept so an item recorded before a crash can still be
    # imported in "feed content" mode.
    content = models.TextField(_("feed content"), blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NEW,
                              db_index=True)
    article = models.OneToOneField(Article, models.SET_NULL, null=True, blank=True,
                                   related_name="feed_item", verbose_name=_("article"))
    duplicate_of = models.ForeignKey(Article, models.SET_NULL, null=True, blank=True,
                                     related_name="republished_as",
                                     verbose_name=_("duplicate of"))
    duplicate_reason = models.JSONField(_("why a duplicate"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.JSONField(_("error"), null=True, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    objects = FeedItemQuerySet.as_manager()

    class Meta:
        ordering = ["-first_seen_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="feed_item_unique_guid"),
        ]
        indexes = [models.Index(fields=["feed", "status"], name="feed_item_feed_status")]
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")

    def __str__(self) -> str:
        return self.title or self.url or self.guid

    @property
    def error_message(self) -> str:
        """Why the item failed or was skipped, in the active language."""
        return said(self.error)

    @property
    def duplicate_message(self) -> str:
        """Why the item is a duplicate of ``duplicate_of``, in the active language."""
        return said(self.duplicate_reason)


class ItemPrint(Banded):
    """SimHash of one story block of an imported item, banded like the checker's
    block memory so a republished copy is found by four indexed lookups."""

    item = models.ForeignKey(FeedItem, models.CASCADE, related_name="prints")

    class Meta:
        indexes = band_indexes("item_print")

    def __str__(self) -> str:
        return f"{self.item_id}:{self.fingerprint}"
