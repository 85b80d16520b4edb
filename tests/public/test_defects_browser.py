"""Issue #17 defects that were pages, checked in headless Chromium (Debian's chromium)."""

import pytest
from django.conf import settings
from django.urls import reverse

from articles import processing
from articles.imports import import_article
from articles.models import Article
from articles.review import BLOCKS_PER_PAGE
from articles.workflow import transition
from public import stories
from tests.browser import Browser, session_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_long_import_review_pages_are_windows_in_the_browser(live_server, plain_static,
                                                             django_user_model):
    lines = "\n".join(f"第{i}段:这是一段足够长的正文,讲芯片和软件生态。" for i in range(700))
    article = import_article(lines, title="很长的导入")
    processing.process_article(article.pk)
    assert article.blocks.count() > BLOCKS_PER_PAGE
    user = django_user_model.objects.create_superuser("long-review", password="x-long-pass-1")
    pages = {name: reverse(name, args=[article.pk]) for name in (
        "admin:articles_article_review", "admin:articles_article_compare",
        "admin:entities_mention_review")}
    with Browser() as browser:
        browser.set_cookie("sessionid", session_of(user), live_server.url)
        for name, path in pages.items():
            first = browser.visit(live_server.url + path)
            assert "第0段" in first.html and "第699段" not in first.html, name
            assert 'rel="next"' in first.html, name
            assert not [m for m in first.messages if "exception" in m], (name, first.messages)
            last = browser.visit(live_server.url + path + "?page=9999")
            assert "第699段" in last.html, name
    rows = first.html.count('class="nr-review-block"')
    assert 0 < rows <= BLOCKS_PER_PAGE


def test_a_javascript_original_url_is_no_link_in_the_browser(live_server, plain_static):
    article = import_article("第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n",
                             title="原文链接", source="某来源",
                             source_url="https://example.com/original")
    processing.process_article(article.pk)
    transition(article, Article.Status.PUBLISHED, None)
    # A row stored before validation refused such addresses.
    Article.objects.filter(pk=article.pk).update(source_url="javascript:alert(document.domain)")
    stories.build(article.pk, force=True)
    with Browser() as browser:
        page = browser.visit(live_server.url + article.get_absolute_url())
    assert "原文链接" in page.html and "某来源" in page.html
    assert not page.handlers, page.handlers  # no live javascript: attribute anywhere
    assert 'href="javascript:' not in page.html


def test_review_page_shows_stored_reason_codes_as_sentences_in_chromium(
        live_server, plain_static, django_user_model):
    """Reasons are stored as codes with parameters; the editor reads them in her language."""
    line = "这家芯片公司今年发布了新的处理器，软件生态也在扩大。"
    story = "\n".join(f"第{i}段：{line}" for i in range(6))
    article = import_article(story + "\n郑重声明：本文版权归原作者所有，转载文章仅为传播更多信息。",
                             title="芯片公司发布新处理器")
    processing.process_article(article.pk)
    notice = article.blocks.get(kind="disclaimer")
    assert {"code": "copyright-notice", "params": {"words": "郑重声明"}} in notice.reasons
    user = django_user_model.objects.create_superuser("reasons", password="x-reasons-pass-1")
    url = live_server.url + reverse("admin:articles_article_review", args=[article.pk])
    with Browser() as browser:
        browser.set_cookie("sessionid", session_of(user), live_server.url)
        english = browser.visit(url)  # Chromium asks for English
        browser.set_cookie(settings.LANGUAGE_COOKIE_NAME, "zh-hans", live_server.url)
        chinese = browser.visit(url)
    assert "copyright/liability notice '郑重声明'" in english.html
    assert "版权/免责声明“郑重声明”" in chinese.html
    assert "liability notice" not in chinese.html
    for page in (english, chinese):
        assert "copyright-notice" not in page.html  # the code itself is never shown
        assert not [m for m in page.messages if "exception" in m], page.messages
