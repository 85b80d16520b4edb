"""Polling a feed: claim it, fetch, record every item, import the new ones once.

The order is what makes it safe. A poll first claims its feed with a
conditional UPDATE (a lease that runs out if the worker dies), so two beats or
two workers never poll one feed at once. Every listed item is recorded before
anything is imported (a unique constraint per feed and GUID), and the feed's
conditional-GET state is saved only after that, so a crash can never make the
next poll skip an item. Each item is imported in one transaction that locks
its row (``select_for_update(skip_locked=True)``), creates the article through
``articles.imports`` and marks the item imported; killed halfway, nothing is
committed and the item is still ``new`` for the next poll.
"""

from __future__ import annotations

import html
import logging
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

import cleaning
from articles.imports import NUL_SHOWN_AS, ImportRefused, import_article
from articles.memory import band_fields, band_filter
from articles.models import Article, Block
from articles.workflow import transition
from cleaning.reprints import same_story, shared_prints, story_prints
from ingest.errors import message
from ingest.fetch import Fetched, Fetcher, FetchError, RobotsDisallowed
from ingest.models import Feed, FeedItem, ItemPrint, recorded
from ingest.parse import Entry, ParseError, canonical_url, parse
from phrasebook import Message

logger = logging.getLogger(__name__)

BACKOFF_BASE = timedelta(minutes=2)
BACKOFF_MAX = timedelta(hours=6)
MAX_ATTEMPTS = 3  # per item, for failures that may pass (timeouts, 5xx)
MAX_SITEMAPS = 20  # children of sitemap indexes followed per poll
ACCEPT = {
    "rss": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    "atom": "application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    "json": "application/feed+json, application/json;q=0.9, */*;q=0.5",
    "sitemap": "application/xml, text/xml;q=0.9, */*;q=0.5",
}
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class PollReport:
    feed_id: int
    outcome: str = ""  # ok, not_modified, failed, busy, gone
    found: int = 0
    imported: int = 0
    duplicates: int = 0
    # Not imported now: robots.txt forbids the page, or left for the next poll
    # (a transient failure, a host that asked us to wait).
    skipped: int = 0
    failed: int = 0
    error: str = ""
    item_errors: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        attribute = {"imported": "imported", "duplicate": "duplicates", "failed": "failed",
                     "retry": "skipped", "skipped": "skipped"}.get(outcome)
        if attribute:
            setattr(self, attribute, getattr(self, attribute) + 1)


# --- claiming and scheduling -----------------------------------------------------------


def claim(feed_id: int, *, force: bool = False):
    """Take the feed's lease if it is free (and the feed is due, unless forced)."""
    now = timezone.now()
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    candidates = Feed.objects.filter(free, pk=feed_id)
    if not force:
        candidates = candidates.filter(next_poll_at__lte=now)
    # Longer than a poll can take (the task's hard time limit), so a live poll never
    # loses its claim; a killed worker's claim runs out after it.
    lease = now + timedelta(seconds=settings.NEWSROOM_INGEST_LEASE)
    if not candidates.update(lease_until=lease):
        return None, None
    return Feed.objects.select_related("source").get(pk=feed_id), lease


def backoff(failures: int, retry_after: float | None = None) -> timedelta:
    delay = min(BACKOFF_BASE * 2 ** max(0, failures - 1), BACKOFF_MAX)
    if retry_after:
        delay = max(delay, timedelta(seconds=min(retry_after, 86400)))
    return delay


def finish(feed: Feed, lease, **fields) -> None:
    """Write the poll's result and give the lease back, if it is still ours."""
    Feed.objects.filter(pk=feed.pk, lease_until=lease).update(lease_until=None, **fields)


def dispatch_due(send) -> list[int]:
    """Enqueue a poll of every due feed, each delayed by a random jitter so feeds
    added together do not hit their hosts together."""
    sent = []
    for feed_id, every in Feed.objects.due().values_list("pk", "every"):
        jitter = random.uniform(0, min(30.0, every * 6.0))  # <= 10% of the interval
        if not send(feed_id, jitter):
            break  # broker down: the next beat tries again
        sent.append(feed_id)
    return sent


# --- one poll -----------------------------------------------------------------------------


def poll_feed(feed_id: int, *, force: bool = False, fetcher: Fetcher | None = None) -> PollReport:
    report = PollReport(feed_id)
    if not Feed.objects.filter(pk=feed_id).exists():
        report.outcome = "gone"
        return report
    feed, lease = claim(feed_id, force=force)
    if feed is None:
        report.outcome = "busy"
        return report
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    now = timezone.now()
    try:
        try:
            got, entries = fetch_entries(feed, fetcher)
        except (FetchError, ParseError) as error:
            failures = feed.failures + 1
            report.outcome, report.error = "failed", str(error)
            logger.warning("poll of feed %s failed: %s", feed.pk, error)
            finish(feed, lease, last_polled_at=now, last_outcome=Feed.Outcome.FAILED,
                   last_error=recorded(error), failures=failures,
                   next_poll_at=now + backoff(failures, getattr(error, "retry_after", None)))
            return report
        if entries is not None:
            report.found = record(feed, entries)
        retry_after = import_pending(feed, fetcher, report)
        report.outcome = "not_modified" if got.not_modified else "ok"
        next_poll = now + feed.interval
        if retry_after:
            next_poll = max(next_poll, now + timedelta(seconds=retry_after))
        finish(feed, lease, last_polled_at=now, last_outcome=report.outcome, last_error=None,
               failures=0, next_poll_at=next_poll,
               **({} if got.not_modified else {"etag": got.etag[:500],
                                               "last_modified": got.last_modified[:100]}))
        return report
    except Exception as error:
        # A bug, not the feed's fault: still give the lease back and show the error.
        finish(feed, lease, last_polled_at=now, last_outcome=Feed.Outcome.FAILED,
               last_error=recorded(message("bug", kind=type(error).__name__, error=error)),
               failures=feed.failures + 1, next_poll_at=now + backoff(feed.failures + 1))
        raise
    finally:
        if own:
            fetcher.close()


def fetch_entries(feed: Feed, fetcher: Fetcher) -> tuple[Fetched, list[Entry] | None]:
    """The feed's entries, or None when the server says nothing changed (304)."""
    got = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                      accept=ACCEPT[feed.kind])
    if got.not_modified:
        return got, None
    parsed = parse(got.body, feed.kind, got.url)
    entries = list(parsed.entries)
    queue, seen = list(parsed.sitemaps), {canonical_url(got.url)}
    while queue and len(seen) <= MAX_SITEMAPS:
        child = queue.pop(0)
        if canonical_url(child) in seen:
            continue
        seen.add(canonical_url(child))
        child_got = fetcher.get(child, accept=ACCEPT["sitemap"])
        child_parsed = parse(child_got.body, "sitemap", child_got.url)
        entries.extend(child_parsed.entries)
        queue.extend(child_parsed.sitemaps)
    return got, entries


def storable(text: str) -> str:
    """A feed's text as a column can hold it: a JSON Feed string may carry NUL, which
    PostgreSQL text refuses (the whole poll failed); shown as an import shows it."""
    return text.replace("\x00", NUL_SHOWN_AS)


def record(feed: Feed, entries: list[Entry]) -> int:
    """Store the items not seen before; returns how many were new."""
    unique: dict[str, Entry] = {}
    for entry in entries:
        entry = replace(entry, guid=storable(entry.guid), url=storable(entry.url),
                        title=storable(entry.title), author=storable(entry.author),
                        content=storable(entry.content))
        unique.setdefault(entry.guid, entry)
    guids = list(unique)
    known: set[str] = set()
    for start in range(0, len(guids), 500):
        known.update(FeedItem.objects.filter(feed=feed, guid__in=guids[start:start + 500])
                     .values_list("guid", flat=True))
    fresh = [
        FeedItem(feed=feed, guid=e.guid, url=e.url, canonical_url=canonical_url(e.url)[:1000],
                 title=e.title, author=e.author, original_published_at=e.published,
                 content=e.content if feed.mode == Feed.Mode.CONTENT else "")
        for guid, e in unique.items() if guid not in known
    ]
    # ignore_conflicts: a poll that overran its lease may race another; the unique
    # constraint keeps one row per item either way.
    FeedItem.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=500)
    if fresh:
        Feed.objects.filter(pk=feed.pk).update(found=F("found") + len(fresh))
    return len(fresh)


def import_pending(feed: Feed, fetcher: Fetcher, report: PollReport) -> float | None:
    """Import the feed's items still ``new`` (this poll's and any a crash left),
    oldest first, a bounded number per poll. Returns a host's Retry-After, if one
    asked us to stop."""
    ids = list(FeedItem.objects.pending().filter(feed=feed).order_by("first_seen_at", "pk")
               .values_list("pk", flat=True)[:settings.NEWSROOM_INGEST_ITEMS_PER_POLL])
    for item_id in ids:
        try:
            outcome = import_item(item_id, fetcher)
        except FetchError as error:  # the host asked us to wait: leave the rest for later
            report.skipped += 1
            report.item_errors.append(str(error))
            return error.retry_after or 60.0
        report.count(outcome)
    return None


# --- one item -------------------------------------------------------------------------------


def import_item(item_id: int, fetcher: Fetcher) -> str:
    """imported, duplicate, failed, retry (left new) or gone (someone else did it).
    Raises FetchError only for 429/503, so the poll stops asking that host."""
    item = FeedItem.objects.select_related("feed__source").filter(
        pk=item_id, status=FeedItem.Status.NEW).first()
    if item is None:
        return "gone"
    feed = item.feed
    found = url_duplicate(item)
    if found:
        return settle_duplicate(item, *found)
    try:
        data, fmt = body_of(item, fetcher)
    except RobotsDisallowed as error:
        return skip_item(item, error)
    except FetchError as error:
        if error.status in (429, 503):
            raise
        return note_failure(item, error, permanent=error.permanent)
    try:
        text = cleaning.decode(data, fmt)
    except cleaning.InputError as error:
        return note_failure(item, error, permanent=True)
    prints = story_prints(text, fmt)
    found = content_duplicate(item, prints)
    if found:
        return settle_duplicate(item, *found)
    title = item.title or page_title(text) or item.url or item.guid
    with transaction.atomic():
        locked = (FeedItem.objects.select_for_update(skip_locked=True)
                  .filter(pk=item.pk, status=FeedItem.Status.NEW).first())
        if locked is None:
            return "gone"
        try:
            article = import_article(
                data, title=title[:300], fmt=fmt, source=feed.source,
                source_url=(item.url or "")[:1000], byline=item.author[:200],
                language=language_of(title + text[:2000]),
            )
        except ImportRefused as error:
            fail_item(locked, error)
            return "failed"
        transition(article, Article.Status.REVIEW, None, note=f"ingested from {feed.url}"[:300])
        ItemPrint.objects.bulk_create(
            [ItemPrint(item=locked, fingerprint=fp, **band_fields(fp)) for fp in prints])
        locked.status, locked.article, locked.done_at = (FeedItem.Status.IMPORTED, article,
                                                         timezone.now())
        locked.attempts += 1
        locked.error = None
        locked.save(update_fields=["status", "article", "done_at", "attempts", "error"])
        Feed.objects.filter(pk=feed.pk).update(imported=F("imported") + 1)
    return "imported"


def body_of(item: FeedItem, fetcher: Fetcher) -> tuple[bytes, str]:
    """The bytes to import: the item's page, or the feed's own content."""
    if item.feed.mode == Feed.Mode.CONTENT and item.content.strip():
        return item.content.encode("utf-8"), Article.Format.HTML
    if not item.url:
        raise FetchError(message("no-content-no-link"), permanent=True)
    got = fetcher.get(item.url, accept=PAGE_ACCEPT)
    if not got.body.strip():
        raise FetchError(message("empty-page", url=item.url), permanent=True)
    return got.body, Article.Format.HTML


def page_title(text: str) -> str:
    match = _TITLE.search(text[:65536])
    return re.sub(r"\s+", " ", html.unescape(match.group(1))).strip() if match else ""


def language_of(text: str) -> str:
    return Article.Language.ZH if _HAN.search(text) else Article.Language.EN


# --- duplicates --------------------------------------------------------------------------


def url_duplicate(item: FeedItem) -> tuple[Article, Message] | None:
    """An article already imported from the same address, by any feed or by hand."""
    if not item.canonical_url:
        return None
    twin = (FeedItem.objects.filter(canonical_url=item.canonical_url, article__isnull=False)
            .exclude(pk=item.pk).select_related("article").order_by("pk").first())
    if twin:
        return twin.article, message("same-url-item", item=twin.pk, feed=twin.feed_id)
    urls = {item.url, item.canonical_url} - {""}
    article = Article.objects.filter(source_url__in=urls).order_by("pk").first()
    if article:
        return article, message("same-url-article")
    return None


def content_duplicate(item: FeedItem, prints: list[int]) -> tuple[Article, Message] | None:
    """An article whose story holds this one's: SimHash prints of the story blocks,
    looked up by band like the checker's block memory, among imported items and
    every checked article's story blocks."""
    if not prints:
        return None
    bands = band_filter(prints)
    theirs: dict[int, list[int]] = defaultdict(list)
    rows = (ItemPrint.objects.filter(bands, item__article__isnull=False)
            .exclude(item=item).values_list("item__article_id", "fingerprint"))
    for article_id, fp in rows.iterator():
        theirs[article_id].append(fp)
    story = Block.objects.filter(bands, kind__in=cleaning.STORY_KINDS)
    for article_id, fp in story.values_list("article_id", "fingerprint").iterator():
        theirs[article_id].append(fp)
    best = None
    for article_id, fps in theirs.items():
        if same_story(prints, fps):
            shared = shared_prints(prints, fps)
            if best is None or (shared, -article_id) > (best[0], -best[1]):
                best = (shared, article_id)
    if best is None:
        return None
    article = Article.objects.filter(pk=best[1]).first()
    if article is None:
        return None
    return article, message("same-story", shared=best[0], total=len(prints))


def settle_duplicate(item: FeedItem, article: Article, reason: Message) -> str:
    won = FeedItem.objects.filter(pk=item.pk, status=FeedItem.Status.NEW).update(
        status=FeedItem.Status.DUPLICATE, duplicate_of=article, duplicate_reason=recorded(reason),
        done_at=timezone.now(), error=None,
    )
    if not won:
        return "gone"
    Feed.objects.filter(pk=item.feed_id).update(duplicates=F("duplicates") + 1)
    return "duplicate"


def skip_item(item: FeedItem, why: Exception) -> str:
    won = FeedItem.objects.filter(pk=item.pk, status=FeedItem.Status.NEW).update(
        status=FeedItem.Status.SKIPPED, error=recorded(why), done_at=timezone.now())
    return "skipped" if won else "gone"


def note_failure(item: FeedItem, error: Exception, *, permanent: bool) -> str:
    attempts = item.attempts + 1
    if permanent or attempts >= MAX_ATTEMPTS:
        with transaction.atomic():
            locked = (FeedItem.objects.select_for_update()
                      .filter(pk=item.pk, status=FeedItem.Status.NEW).first())
            if locked is None:
                return "gone"
            locked.attempts = attempts
            fail_item(locked, error)
        return "failed"
    FeedItem.objects.filter(pk=item.pk, status=FeedItem.Status.NEW).update(
        attempts=attempts, error=recorded(error))
    return "retry"


def fail_item(item: FeedItem, error: Exception) -> None:
    item.status, item.error, item.done_at = (FeedItem.Status.FAILED, recorded(error),
                                             timezone.now())
    item.save(update_fields=["status", "error", "done_at", "attempts"])
    Feed.objects.filter(pk=item.feed_id).update(failed=F("failed") + 1)
