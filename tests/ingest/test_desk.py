"""What the desk sees and may do: feeds per source, poll now, pause, the review filter."""

import html

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.imports import import_article, refusal
from articles.models import Article, Source
from ingest.errors import message
from ingest.loopback import Route
from ingest.models import Feed, FeedItem, SourcePause, recorded
from ingest.polling import poll_feed

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    def make(name, role):
        user = django_user_model.objects.create_user(name, password="pw-Long-enough-1",
                                                     is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client = Client()
        client.force_login(user)
        client.cookies["django_language"] = "en"  # assertions read the English strings
        return client

    return {"reporter": make("rita", "reporter"), "editor": make("eddie", "editor")}


@pytest.fixture
def feed(wire):
    return Feed.objects.create(source=Source.objects.create(name="测试通讯社"), url=wire)


def act(client, url, action, ids):
    return client.post(url, {"action": action, "_selected_action": [str(i) for i in ids]},
                       follow=True)


def test_feed_list_shows_poll_state_and_counts(staff, feed, server):
    poll_feed(feed.pk)
    server.routes["/news/rss.xml"] = Route(b"<<<broken")
    poll_feed(feed.pk, force=True)
    page = staff["reporter"].get(reverse("admin:ingest_feed_changelist")).content.decode()
    assert "Failed" in page and "Malformed feed" in page
    assert ">3<" in page  # found / imported
    sources = staff["reporter"].get(reverse("admin:articles_source_changelist")).content.decode()
    assert "1 feed failing" in sources and "3 / 3 / 0 / 0" in sources
    change = staff["editor"].get(reverse("admin:articles_source_change", args=[feed.source_id]))
    assert "Malformed feed" in change.content.decode()
    desk = staff["editor"].get(reverse("admin:index")).content.decode()
    assert "Malformed feed" in desk and "3 ingested items in review" in desk


def test_a_failed_poll_says_why_in_the_editors_language(staff, feed, server):
    """A worker has no editor to speak to: the poll stores the sentence's code and
    parameters, and the admin and the desk say it in the editor's language (Chinese
    unless the editor chose English), the parser's own words kept as they came."""
    server.routes["/news/rss.xml"] = Route(b"<<<broken")
    poll_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.last_error["code"] == "malformed-feed"
    parser_said = html.escape(feed.last_error["params"]["error"])
    client = staff["editor"]
    pages = (reverse("admin:ingest_feed_changelist"),
             reverse("admin:ingest_feed_change", args=[feed.pk]),
             reverse("admin:articles_source_change", args=[feed.source_id]),
             reverse("admin:index"))
    for language, said, unsaid in (("zh-hans", f"订阅源格式有误：{parser_said}", "Malformed feed"),
                                   ("en", f"Malformed feed: {parser_said}", "订阅源格式有误")):
        client.cookies["django_language"] = language
        for url in pages:
            page = client.get(url).content.decode()
            assert said in page and unsaid not in page, (language, url)


def test_a_failed_item_says_why_in_the_editors_language(staff, feed):
    item = FeedItem.objects.create(
        feed=feed, guid="g1", url="https://例子.cn/空", status=FeedItem.Status.FAILED,
        error=recorded(message("empty-page", url="https://例子.cn/空")))
    refused = FeedItem.objects.create(
        feed=feed, guid="g2", url="https://例子.cn/大", status=FeedItem.Status.FAILED,
        error=recorded(refusal("file-too-big", size=6.25, limit=5.0)))
    client = staff["editor"]
    for language, said in (("zh-hans", ["https://例子.cn/空 返回了空页面",
                                        "文件大小为 6.2 MB，上限为 5.0 MB。"]),
                           ("en", ["https://例子.cn/空 returned an empty page",
                                   "The file is 6.2 MB; the limit is 5.0 MB."])):
        client.cookies["django_language"] = language
        for row, sentence in zip((item, refused), said, strict=True):
            page = client.get(reverse("admin:ingest_feeditem_change", args=[row.pk]))
            assert sentence in page.content.decode(), language


def test_why_a_duplicate_is_said_in_the_editors_language(staff, feed):
    original = import_article("原稿正文，讲芯片的一段文字。", title="原稿")
    item = FeedItem.objects.create(
        feed=feed, guid="copy", url="https://例子.cn/转载", status=FeedItem.Status.DUPLICATE,
        duplicate_of=original, duplicate_reason=recorded(message("same-story", shared=3, total=4)))
    client = staff["editor"]
    pages = (reverse("admin:ingest_feeditem_changelist"),
             reverse("admin:ingest_feeditem_change", args=[item.pk]),
             reverse("admin:articles_article_change", args=[original.pk]))
    for language, said in (("zh-hans", "同一篇报道：4 个正文段落中有 3 个相同（SimHash）"),
                           ("en", "same story: 3 of 4 story blocks match (SimHash)")):
        client.cookies["django_language"] = language
        for url in pages:
            assert said in client.get(url).content.decode(), (language, url)


def test_poll_now_is_permission_checked(staff, feed, eager,
                                        django_capture_on_commit_callbacks):
    url = reverse("admin:ingest_feed_changelist")
    with django_capture_on_commit_callbacks(execute=True) as sent:
        act(staff["reporter"], url, "poll_now", [feed.pk])
    assert not sent and FeedItem.objects.count() == 0  # reporters may look, not poll
    with django_capture_on_commit_callbacks(execute=True):
        response = act(staff["editor"], url, "poll_now", [feed.pk])
    assert "1 feed queued for polling" in response.content.decode()
    assert Article.objects.filter(status=Article.Status.REVIEW).count() == 3


def test_poll_now_on_the_feed_list_leaves_a_paused_source_alone(staff, feed, eager,
                                                                 django_capture_on_commit_callbacks):
    """The feed list's "Poll now" polled the feeds of a paused source, which the pause
    promises never happens (the source's own "poll now" already left them out)."""
    SourcePause.objects.create(source=feed.source)
    url = reverse("admin:ingest_feed_changelist")
    with django_capture_on_commit_callbacks(execute=True) as sent:
        response = act(staff["editor"], url, "poll_now", [feed.pk])
    assert not sent and FeedItem.objects.count() == 0
    assert ("1 feed left out: it is disabled, or its source is paused."
            in html.unescape(response.content.decode()))


def test_pause_and_resume_a_source(staff, feed):
    url = reverse("admin:articles_source_changelist")
    act(staff["reporter"], url, "pause", [feed.source_id])
    assert not SourcePause.objects.exists()
    act(staff["editor"], url, "pause", [feed.source_id])
    assert SourcePause.objects.filter(source=feed.source).exists()
    assert not Feed.objects.due(timezone.now()).exists()
    act(staff["editor"], url, "resume", [feed.source_id])
    assert list(Feed.objects.due()) == [feed]


def test_review_queue_filters_ingested_articles(staff, feed):
    poll_feed(feed.pk)
    by_hand = import_article("手工导入的稿件正文,足够长的一段文字。", title="手工稿件")
    url = reverse("admin:articles_article_changelist")
    ingested = staff["editor"].get(url, {"ingested": "yes"}).content.decode()
    assert by_hand.title not in ingested and feed.items.first().article.title in ingested
    manual = staff["editor"].get(url, {"ingested": "no"}).content.decode()
    assert by_hand.title in manual
    article = feed.items.first().article
    change = staff["editor"].get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "originally published" in change.content.decode()


def test_item_links_are_only_http(staff, feed):
    article = import_article("正文内容,足够长的一段文字。", title="原稿")
    FeedItem.objects.create(feed=feed, guid="x", url="javascript:alert(1)",
                            status=FeedItem.Status.DUPLICATE, duplicate_of=article)
    page = staff["editor"].get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'href="javascript' not in page.content.decode()
    assert "href='javascript" not in page.content.decode()


def test_the_desk_reads_chinese(staff, feed):
    poll_feed(feed.pk)
    client = staff["editor"]
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("admin:ingest_feed_changelist")).content.decode()
    assert "上次抓取" in page and "发现" in page and "下次抓取" in page
    desk = client.get(reverse("admin:index")).content.decode()
    assert "3 篇抓取稿件待审" in desk and "所有订阅源抓取正常。" in desk


def test_the_feed_form_refuses_a_sitemap_in_content_mode(staff):
    source = Source.objects.create(name="来源")
    response = staff["editor"].post(reverse("admin:ingest_feed_add"), {
        "source": source.pk, "url": "https://x.example/sitemap.xml", "kind": "sitemap",
        "mode": "content", "every": 30, "enabled": "on",
        "next_poll_at_0": "2026-11-03", "next_poll_at_1": "08:30:00"})
    assert "A sitemap lists addresses only" in response.content.decode()
    assert not Feed.objects.exists()
