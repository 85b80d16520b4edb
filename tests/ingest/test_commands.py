"""add_feed, poll_feeds and the demo, as scripts and cron users run them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Source
from ingest.models import Feed, FeedItem

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_feed_creates_the_source_and_is_idempotent(wire):
    assert "added feed" in run("add_feed", "新来源", wire, "--every", "15")
    assert "updated feed" in run("add_feed", "新来源", wire, "--every", "5", "--kind", "rss")
    feed = Feed.objects.get()
    assert (feed.source.name, feed.every, feed.kind) == ("新来源", 5, "rss")
    assert Source.objects.count() == 1


@pytest.mark.parametrize("args", [["src", "ftp://x.example/feed"], ["src", "not a url"],
                                  ["src", "https://x.example/", "--every", "0"],
                                  ["src", "https://x.example/s.xml", "--kind", "sitemap",
                                   "--mode", "content"]])
def test_add_feed_refuses_bad_input(args):
    with pytest.raises(CommandError):
        run("add_feed", *args)
    assert not Feed.objects.exists()


def test_poll_feeds_prints_counts_and_is_idempotent(wire):
    run("add_feed", "测试通讯社", wire)
    first = run("poll_feeds", "--due")
    assert "found 3, imported 3, skipped 0 (0 duplicate), failed 0" in first
    assert run("poll_feeds", "--due").strip() == (
        "total: found 0, imported 0, skipped 0 (0 duplicate), failed 0")  # nothing due
    again = run("poll_feeds", "--all")
    assert "found 0, imported 0" in again
    assert Article.objects.count() == 3


def test_demo_shows_items_arriving_and_a_duplicate_linked():
    out = run("serve_demo_feed", "--drip", "0", "--poll-every", "0.5", "--duration", "1")
    assert "Demo Wire: ok; found 3, imported 3" in out
    assert "duplicates linked 1" in out
    copy = FeedItem.objects.get(feed__source__name="Demo Aggregator")
    assert copy.status == FeedItem.Status.DUPLICATE
    assert copy.duplicate_of.source.name == "Demo Wire"
    assert Article.objects.filter(status=Article.Status.REVIEW).count() == 3
