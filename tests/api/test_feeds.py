"""Feeds over the desk's API: what a poll stored is given as its code and parameters,
and as a message in the request's language (Chinese unless it asks for English)."""

import json

import pytest

from articles.imports import import_article, refusal
from articles.models import Source
from ingest.errors import message
from ingest.models import Feed, FeedItem, recorded
from tests.api.test_schema import matches
from tests.api.test_staff import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed():
    source = Source.objects.create(name="测试通讯社")
    feed = Feed.objects.create(source=source, url="https://例子.cn/rss.xml",
                               last_outcome=Feed.Outcome.FAILED, failures=2,
                               last_error=recorded(message("http-status", status=503,
                                                           url="https://例子.cn/rss.xml")))
    original = import_article("原稿正文，讲芯片的一段文字。", title="原稿")
    FeedItem.objects.create(feed=feed, guid="copy", url="https://例子.cn/转载",
                            status=FeedItem.Status.DUPLICATE, duplicate_of=original,
                            duplicate_reason=recorded(message("same-url-article")))
    FeedItem.objects.create(feed=feed, guid="big", url="https://例子.cn/大",
                            status=FeedItem.Status.FAILED,
                            error=recorded(refusal("file-too-big", size=6.25, limit=5.0)))
    FeedItem.objects.create(feed=feed, guid="old", status=FeedItem.Status.FAILED,
                            error="a row from before: no code")
    return feed


def test_a_feeds_last_error_follows_accept_language(api, feed):
    editor = api("editor")
    chinese = send(editor, "get", f"/api/v1/staff/feeds/{feed.pk}/").json()
    assert chinese["last_error"] == {
        "code": "http-status", "params": {"status": "503", "url": "https://例子.cn/rss.xml"},
        "message": "https://例子.cn/rss.xml 返回 HTTP 503"}
    english = send(editor, "get", f"/api/v1/staff/feeds/{feed.pk}/",
                   HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["last_error"]["message"] == "HTTP 503 from https://例子.cn/rss.xml"
    listed = send(editor, "get", "/api/v1/staff/feeds/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [f["last_error"]["code"] for f in listed["results"]] == ["http-status"]


def test_item_errors_and_duplicates_follow_accept_language(api, feed):
    url = f"/api/v1/staff/feeds/{feed.pk}/items/"
    items = {i["guid"]: i for i in send(api("reporter"), "get", url).json()["results"]}
    assert items["big"]["error"] == {"code": "file-too-big",
                                     "params": {"size": 6.25, "limit": 5.0},
                                     "message": "文件大小为 6.2 MB，上限为 5.0 MB。"}
    assert items["copy"]["duplicate_reason"]["message"] == "与先前导入的一篇稿件网址相同"
    assert items["copy"]["error"] is None
    assert items["old"]["error"] == {"code": None, "params": {},
                                     "message": "a row from before: no code"}
    english = send(api("reporter"), "get", url + "?status=duplicate",
                   HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert [i["duplicate_reason"]["message"] for i in english] == [
        "same URL as an article imported earlier"]


def test_an_unknown_item_status_is_refused_not_answered_with_nothing(api, feed):
    response = send(api("reporter"), "get",
                    f"/api/v1/staff/feeds/{feed.pk}/items/?status=lost")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "status" in response.json()["errors"]


def test_feed_responses_match_the_schema(api, feed, client):
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)
    editor = api("editor")
    for path, template in [("/api/v1/staff/feeds/", "/api/v1/staff/feeds/"),
                           (f"/api/v1/staff/feeds/{feed.pk}/", "/api/v1/staff/feeds/{id}/"),
                           (f"/api/v1/staff/feeds/{feed.pk}/items/",
                            "/api/v1/staff/feeds/{id}/items/")]:
        response = send(editor, "get", path)
        assert response.status_code == 200, response.content
        matches(schema, template, "get", 200, response.json())


def test_feeds_are_for_the_desk_only(api, feed):
    assert send(api("anonymous"), "get", "/api/v1/staff/feeds/").status_code == 401
