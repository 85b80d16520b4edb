"""Polling feeds end to end against loopback servers: items imported once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Source
from ingest import polling
from ingest.demo import STORIES, json_feed, page, rss
from ingest.loopback import Route
from ingest.models import Feed, FeedItem, SourcePause, english
from ingest.polling import claim, dispatch_due, poll_feed
from tests.ingest.conftest import WHEN, serve_wire, story_items

pytestmark = pytest.mark.django_db


def add(url: str, kind: str = "rss", source: str = "测试通讯社", **fields) -> Feed:
    return Feed.objects.create(source=Source.objects.get_or_create(name=source)[0], url=url,
                               kind=kind, **fields)


def test_items_arrive_in_review_with_url_time_and_author(server, wire):
    feed = add(wire)
    report = poll_feed(feed.pk)
    assert (report.outcome, report.found, report.imported, report.failed) == ("ok", 3, 3, 0)
    articles = Article.objects.order_by("pk")
    assert [a.title for a in articles] == [s.title for s in STORIES]
    for story, article in zip(STORIES, articles, strict=True):
        assert article.status == Article.Status.REVIEW
        assert article.source.name == "测试通讯社"
        assert article.source_url == server.url(f"/news/{story.slug}.html")
        assert article.byline == story.author
        assert article.raw_format == "html" and story.paragraphs[0] in article.raw_body
        item = article.feed_item
        assert item.status == FeedItem.Status.IMPORTED and item.original_published_at >= WHEN
        assert article.transitions.get().note.startswith("ingested from")
    feed.refresh_from_db()
    assert (feed.found, feed.imported, feed.last_outcome, feed.failures) == (3, 3, "ok", 0)
    assert feed.last_polled_at and feed.next_poll_at > timezone.now() + timedelta(minutes=29)
    assert feed.lease_until is None


def test_polling_again_imports_nothing_and_uses_conditional_get(server):
    url = serve_wire(server, etag='"rev-1"')
    feed = add(url)
    poll_feed(feed.pk)
    again = poll_feed(feed.pk, force=True)
    assert (again.outcome, again.found, again.imported) == ("not_modified", 0, 0)
    assert server.requests[-1].headers["if-none-match"] == '"rev-1"'
    # A changed feed (new ETag) listing the same items still imports nothing twice.
    server.routes["/news/rss.xml"].etag = '"rev-2"'
    third = poll_feed(feed.pk, force=True)
    assert (third.outcome, third.found, third.imported) == ("ok", 0, 0)
    assert Article.objects.count() == 3 and FeedItem.objects.count() == 3


def test_a_poll_that_is_not_due_does_nothing(wire):
    feed = add(wire)
    poll_feed(feed.pk)
    assert poll_feed(feed.pk).outcome == "busy"  # next poll not reached: a second beat's dispatch


def test_a_claimed_feed_is_not_polled_twice(wire):
    feed = add(wire)
    taken, _lease = claim(feed.pk)
    assert taken is not None
    assert claim(feed.pk, force=True) == (None, None)
    assert poll_feed(feed.pk, force=True).outcome == "busy"
    assert FeedItem.objects.count() == 0


def test_feed_content_mode_with_atom(server):
    entries = "".join(
        f"<entry><title>{s.title}</title><id>urn:{s.slug}</id><link href='/a/{s.slug}'/>"
        f"<author><name>{s.author}</name></author><updated>2026-11-03T08:30:00Z</updated>"
        f"<content type='html'>{''.join(f'&lt;p&gt;{p}&lt;/p&gt;' for p in s.paragraphs)}"
        "</content></entry>" for s in STORIES)
    server.routes["/atom"] = Route(
        f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>t</title><id>urn:f</id><updated>2026-11-03T08:30:00Z</updated>{entries}</feed>",
        content_type="application/atom+xml")
    feed = add(server.url("/atom"), "atom", mode=Feed.Mode.CONTENT)
    report = poll_feed(feed.pk)
    assert report.imported == 3
    assert not [r for r in server.requests if r.path.startswith("/a/")]  # no page fetched
    article = Article.objects.get(title=STORIES[1].title)
    assert STORIES[1].paragraphs[2] in article.raw_body and article.byline == STORIES[1].author


def test_json_feed(server, wire):
    server.routes["/feed.json"] = Route(json_feed(story_items(server)),
                                        content_type="application/feed+json")
    feed = add(server.url("/feed.json"), "json")
    assert poll_feed(feed.pk).imported == 3


def test_a_json_feed_carrying_nul_is_stored_and_imported(server, wire):
    """JSON strings may hold NUL (XML cannot), which PostgreSQL text refuses: the whole
    poll failed there. Each NUL is stored as an import shows it (U+2400)."""
    items = story_items(server)
    items[0]["title"] = "标题\x00里有空字符"
    items[1]["author"] = "作\x00者"
    items[2]["content"] = "<p>正文\x00内容是很长的一段话，讲的是新技术。</p>"
    server.routes["/nul.json"] = Route(json_feed(items), content_type="application/feed+json")
    feed = add(server.url("/nul.json"), "json", mode=Feed.Mode.CONTENT)
    assert poll_feed(feed.pk).imported == 3
    stored = FeedItem.objects.filter(feed=feed)
    assert not [i for i in stored if "\x00" in i.title + i.author + i.content]
    assert stored.filter(title="标题\u2400里有空字符").exists()
    assert Article.objects.filter(title="标题\u2400里有空字符").exists()


def test_sitemap_index_with_google_news_sitemaps(server, wire):
    news = "".join(
        f"<url><loc>{server.url(f'/news/{s.slug}.html')}</loc><news:news><news:publication>"
        "<news:name>测试</news:name><news:language>zh</news:language></news:publication>"
        f"<news:publication_date>2026-11-03T08:30:00Z</news:publication_date>"
        f"<news:title>{s.title}(新闻)</news:title></news:news></url>" for s in STORIES[:2])
    server.routes["/news-sitemap.xml"] = Route(
        "<?xml version='1.0' encoding='UTF-8'?><urlset "
        "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{news}</urlset>",
        content_type="application/xml")
    plain = f"<url><loc>{server.url(f'/news/{STORIES[2].slug}.html')}</loc></url>"
    server.routes["/pages.xml.gz"] = Route(
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{plain}</urlset>",
        content_type="application/xml", gzip=True)
    server.routes["/sitemap.xml"] = Route(
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        "<sitemap><loc>/news-sitemap.xml</loc></sitemap><sitemap><loc>/pages.xml.gz</loc>"
        "</sitemap></sitemapindex>", content_type="application/xml")
    feed = add(server.url("/sitemap.xml"), "sitemap")
    report = poll_feed(feed.pk)
    assert (report.found, report.imported) == (3, 3)
    assert Article.objects.filter(title=STORIES[0].title + "(新闻)").exists()
    # A plain sitemap has no title: the page's own title is used.
    assert Article.objects.filter(title__startswith=STORIES[2].title).exists()


@pytest.mark.parametrize("codec, declared", [("gbk", "gbk"), ("gb18030", ""), ("big5", "big5")])
def test_legacy_encoded_pages_are_decoded_as_imports_are(server, codec, declared):
    story = STORIES[2]
    html = page(story.title, story.paragraphs, outlet="旧站", charset=declared or "x")
    if not declared:
        html = html.replace('<meta charset="x">', "")
    server.routes["/old/1.html"] = Route(html.encode(codec, "replace"),
                                         content_type="text/html")
    server.routes["/old/rss.xml"] = Route(rss([{"title": "", "link": server.url("/old/1.html")}]))
    feed = add(server.url("/old/rss.xml"))
    assert poll_feed(feed.pk).imported == 1
    article = Article.objects.get()
    expected = story.paragraphs[0].encode(codec, "replace").decode(codec)
    assert expected in article.raw_body
    assert article.raw_encoding == "converted" and bytes(article.raw_original) == html.encode(
        codec, "replace")
    assert article.title.startswith(story.title.encode(codec, "replace").decode(codec))


def test_a_republished_story_is_linked_not_imported(server, wire):
    add(wire)
    copy = STORIES[0]
    server.routes["/agg/copy.html"] = Route(page(
        "转载|" + copy.title, copy.paragraphs, outlet="聚合站",
        extra="<p>免责声明:本文转载自其他媒体,不代表本站观点,仅供参考。</p>"))
    server.routes["/agg/feed.json"] = Route(json_feed(
        [{"title": "转载|" + copy.title, "link": server.url("/agg/copy.html")}]))
    aggregator = add(server.url("/agg/feed.json"), "json", source="聚合站")
    call = polling.dispatch_due(lambda feed_id, jitter: bool(poll_feed(feed_id)))
    assert len(call) == 2
    assert Article.objects.count() == 3
    item = FeedItem.objects.get(feed=aggregator)
    assert item.status == FeedItem.Status.DUPLICATE and item.article is None
    original = Article.objects.get(title=copy.title)
    assert item.duplicate_of == original and item.duplicate_reason["code"] == "same-story"
    assert "SimHash" in english(item.duplicate_reason)
    aggregator.refresh_from_db()
    assert (aggregator.found, aggregator.imported, aggregator.duplicates) == (1, 0, 1)


def test_the_same_url_in_another_feed_is_a_duplicate(server, wire):
    poll_feed(add(wire).pk)
    tracked = server.url(f"/news/{STORIES[1].slug}.html?utm_source=rss&utm_medium=x")
    server.routes["/other.xml"] = Route(rss([{"title": "x", "link": tracked}]))
    other = add(server.url("/other.xml"), source="另一家")
    report = poll_feed(other.pk)
    assert (report.imported, report.duplicates) == (0, 1)
    item = FeedItem.objects.get(feed=other)
    assert item.duplicate_of.title == STORIES[1].title
    first = FeedItem.objects.get(article__title=STORIES[1].title)
    assert item.duplicate_reason == {"code": "same-url-item",
                                     "params": {"item": str(first.pk), "feed": str(first.feed_id)}}


def test_a_malformed_feed_fails_and_backs_off(server):
    server.routes["/bad.xml"] = Route(b"<rss><channel><item><title>broken</ti",
                                      content_type="application/rss+xml")
    feed = add(server.url("/bad.xml"))
    before = timezone.now()
    report = poll_feed(feed.pk)
    assert report.outcome == "failed" and "Malformed" in report.error
    feed.refresh_from_db()
    assert feed.last_outcome == "failed" and feed.last_error["code"] == "malformed-feed"
    assert english(feed.last_error) == report.error
    assert feed.failures == 1 and feed.lease_until is None
    first_delay = feed.next_poll_at - before
    poll_feed(feed.pk, force=True)
    feed.refresh_from_db()
    assert feed.failures == 2 and feed.next_poll_at - timezone.now() > first_delay
    # Fixed: the next poll succeeds and the error is cleared.
    server.routes["/bad.xml"] = Route(rss([]))
    fixed = poll_feed(feed.pk, force=True)
    assert fixed.outcome == "ok", fixed.error
    feed.refresh_from_db()
    assert (feed.failures, feed.last_error, feed.last_outcome) == (0, None, "ok")


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_on_the_feed_is_honoured(server, status):
    server.routes["/feed"] = Route(b"busy", status=status, headers={"Retry-After": "3600"})
    feed = add(server.url("/feed"), every=5)
    poll_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.next_poll_at >= timezone.now() + timedelta(minutes=59)
    assert feed.last_error == {"code": "http-status",
                               "params": {"status": str(status), "url": feed.url}}


def test_retry_after_on_an_item_page_stops_the_poll_and_keeps_the_items(server, wire):
    server.routes[f"/news/{STORIES[0].slug}.html"] = Route(b"", status=429,
                                                           headers={"Retry-After": "900"})
    feed = add(wire, every=1)
    report = poll_feed(feed.pk)
    assert (report.imported, report.skipped) == (0, 1)
    assert FeedItem.objects.pending().count() == 3
    feed.refresh_from_db()
    assert feed.next_poll_at >= timezone.now() + timedelta(minutes=14)


@pytest.mark.parametrize("route, code, message", [
    (Route(status=404), "http-status", "HTTP 404"),
    (Route(b"x" * (11 * 1024 * 1024)), "too-big", "larger than"),
    (Route(rss([]), delay=3.0), "timed-out", "timed out"),
])
def test_feed_failures_are_shown(server, route, code, message):
    server.routes["/feed"] = route
    feed = add(server.url("/feed"))
    assert poll_feed(feed.pk).outcome == "failed"
    feed.refresh_from_db()
    assert feed.last_error["code"] == code and message in english(feed.last_error)


def test_item_pages_robots_disallows_are_skipped(server, wire):
    server.routes["/robots.txt"] = Route(
        f"User-agent: *\nDisallow: /news/{STORIES[1].slug}.html\n", content_type="text/plain")
    feed = add(wire)
    report = poll_feed(feed.pk)
    assert (report.imported, report.skipped) == (2, 1)
    item = FeedItem.objects.get(url__endswith=f"{STORIES[1].slug}.html")
    assert item.status == FeedItem.Status.SKIPPED
    assert item.error == {"code": "robots", "params": {"url": item.url}}


def test_item_page_errors(server, wire):
    server.routes[f"/news/{STORIES[0].slug}.html"] = Route(status=404)
    server.routes[f"/news/{STORIES[1].slug}.html"] = Route(b"oops", status=500)
    feed = add(wire)
    report = poll_feed(feed.pk)
    assert (report.imported, report.failed, report.skipped) == (1, 1, 1)
    gone = FeedItem.objects.get(url__endswith=f"{STORIES[0].slug}.html")
    assert gone.status == FeedItem.Status.FAILED
    assert gone.error == {"code": "http-status", "params": {"status": "404", "url": gone.url}}
    flaky = FeedItem.objects.get(url__endswith=f"{STORIES[1].slug}.html")
    assert flaky.status == FeedItem.Status.NEW and flaky.attempts == 1
    # Fixed before the attempts run out: imported by the next poll.
    server.routes[f"/news/{STORIES[1].slug}.html"] = Route(page(
        STORIES[1].title, STORIES[1].paragraphs, outlet="测试通讯社"))
    assert poll_feed(feed.pk, force=True).imported == 1


def test_a_worker_killed_mid_poll_loses_no_item(server, wire, monkeypatch):
    feed = add(wire)
    real = polling.import_article
    calls = []

    def dies_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(polling, "import_article", dies_on_the_second)
    with pytest.raises(SystemExit):
        poll_feed(feed.pk)
    # As a killed worker would: the lease is still held and runs out later.
    assert FeedItem.objects.count() == 3 and Article.objects.count() == 1
    feed.refresh_from_db()
    assert feed.etag == "" and feed.lease_until is not None
    assert poll_feed(feed.pk, force=True).outcome == "busy"
    Feed.objects.filter(pk=feed.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    monkeypatch.setattr(polling, "import_article", real)
    report = poll_feed(feed.pk)
    assert (report.found, report.imported) == (0, 2)
    assert Article.objects.count() == 3
    assert FeedItem.objects.filter(status="imported").count() == 3


def test_dispatch_sends_due_feeds_with_jitter_and_skips_paused_sources(wire):
    due = add(wire, every=10)
    add(wire + "?later", next_poll_at=timezone.now() + timedelta(hours=1))
    add(wire + "?off", enabled=False)
    paused = add(wire + "?paused", source="暂停的源")
    SourcePause.objects.create(source=paused.source)
    sent = []
    assert dispatch_due(lambda feed_id, jitter: sent.append((feed_id, jitter)) or True) == [
        due.pk]
    assert 0 <= sent[0][1] <= 30


def test_dispatch_task_polls_through_celery(wire, eager, django_capture_on_commit_callbacks):
    from ingest.tasks import dispatch_due_feeds_task

    add(wire)
    assert dispatch_due_feeds_task.delay().get() == 1
    assert Article.objects.count() == 3


def test_a_worker_stores_refused_imports_as_codes(server, eager, settings):
    """Refused in a worker (a binary page, a page over the import limit): the item keeps
    the refusal's code and parameters, not a sentence in the worker's language."""
    from ingest.tasks import poll_feed_task

    settings.NEWSROOM_MAX_IMPORT_BYTES = 10_000
    big = ("<html><body><p>" + "长文" * 3000 + "</p></body></html>").encode()
    server.routes["/bin/a.png"] = Route(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
                                        content_type="image/png")
    server.routes["/bin/big.html"] = Route(big)
    server.routes["/bin/feed.xml"] = Route(rss([
        {"title": "一张图", "link": server.url("/bin/a.png"), "guid": "png"},
        {"title": "一篇长文", "link": server.url("/bin/big.html"), "guid": "big"}]))
    feed = add(server.url("/bin/feed.xml"))
    result = poll_feed_task.delay(feed.pk).get()
    assert (result["outcome"], result["failed"]) == ("ok", 2)
    png, too_big = FeedItem.objects.get(guid="png"), FeedItem.objects.get(guid="big")
    assert png.status == too_big.status == FeedItem.Status.FAILED
    assert png.error == {"code": "binary", "params": {}}
    assert too_big.error == {"code": "file-too-big", "params": {
        "size": len(big) / 1_048_576, "limit": 10_000 / 1_048_576}}
    assert english(too_big.error) == "The file is 0.0 MB; the limit is 0.0 MB."
