"""Readers see published stories only, rendered from story blocks and escaped."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import processing
from articles.imports import import_article
from articles.workflow import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Public pages are cached (public/caching.py); no test may see another's pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

HOSTILE = (
    "第一段正文讲述国产芯片的进展,工程师们正在打磨软件栈。<script>alert(1)</script>\n"
    "第二段正文:<img src=x onerror=alert(2)> 客户需要耐心,生态需要时间。\n"
)


def published(text: str, title: str, **kwargs):
    article = import_article(text, title=title, **kwargs)
    processing.process_article(article.pk)
    return publish(article)


def test_home_lists_published_only(client):
    shown = published(HOSTILE, "已发布")
    import_article(HOSTILE, title="草稿不显示")
    later = import_article(HOSTILE, title="未来发布")
    publish(later, when=timezone.now() + timedelta(days=1))
    html = client.get(reverse("articles:home")).content.decode()
    assert shown.title in html
    assert "草稿不显示" not in html and "未来发布" not in html


def test_empty_home_says_so(client):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert "No stories yet" in response.content.decode() or "还没有" in response.content.decode()


def test_article_page_escapes_everything(client):
    article = published(HOSTILE, "<b>标题</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html or "alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;标题&lt;/b&gt;" in html


def test_draft_is_404_for_readers_and_preview_for_editors(client, editor_client):
    article = import_article(HOSTILE, title="草稿")
    assert client.get(article.get_absolute_url()).status_code == 404
    response = editor_client.get(article.get_absolute_url())
    html = response.content.decode()  # the interface is in Chinese by default
    assert response.status_code == 200 and ("Preview" in html or "预览" in html)


def test_unknown_page_is_friendly_404(client):
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 404
