"""A feed's stored error in a real browser: the admin says it in the editor's language,
chosen by the language cookie or, without one, by what the browser asks for."""

import pytest
from django.urls import reverse

from articles.models import Source
from ingest.errors import message
from ingest.models import Feed, recorded
from tests.browser import Browser, session_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_feed_admin_says_the_last_error_in_the_editors_language(live_server,
                                                                    django_user_model,
                                                                    plain_static):
    feed = Feed.objects.create(
        source=Source.objects.create(name="测试通讯社"), url="https://例子.cn/rss.xml",
        last_outcome=Feed.Outcome.FAILED, failures=1,
        last_error=recorded(message("robots", url="https://例子.cn/rss.xml")))
    user = django_user_model.objects.create_superuser("feed-admin", password="x-long-pass-1")
    url = live_server.url + reverse("admin:ingest_feed_change", args=[feed.pk])
    with Browser() as browser:
        browser.set_cookie("sessionid", session_of(user), live_server.url)
        asked = browser.visit(url)  # headless Chromium asks for en-US
        browser.set_cookie("django_language", "zh-hans", live_server.url)
        chosen = browser.visit(url)
    assert "robots.txt disallows https://例子.cn/rss.xml" in asked.html, asked.title
    assert "robots.txt 不允许抓取 https://例子.cn/rss.xml" in chosen.html, chosen.title
    assert "disallows" not in chosen.html
