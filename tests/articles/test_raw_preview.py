"""Raw text in the admin shows its invisible format characters (bidi controls,
zero-width characters) as marked escapes; the stored raw text stays as imported."""

import re

import pytest
from django.urls import reverse

from articles import processing
from articles.imports import import_article
from articles.rawtext import show_invisible

pytestmark = pytest.mark.django_db

TRICK = ("市政府今天宣布新的公交线路。\n"
         "票价为\u202e元05\u202c，零宽\u200b空格和隔离\u2066符号\u2069都在这里。\n")


def raw_pre(html: str) -> str:
    return re.search(r'<pre style="white-space:pre-wrap[^"]*">(.*?)</pre>', html, re.S).group(1)


def test_the_change_page_shows_bidi_controls_as_marked_escapes(editor_client):
    """U+202E printed as it is reversed the rest of the line on the change page."""
    article = import_article(TRICK, title="公交线路", source="演示源")
    processing.process_article(article.pk)
    html = editor_client.get(reverse("admin:articles_article_change",
                                     args=[article.pk])).content.decode()
    pre = raw_pre(html)
    for code in ("202E", "202C", "200B", "2066", "2069"):
        assert f"⟨U+{code}⟩" in pre
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b]", pre)
    assert 'title="RIGHT-TO-LEFT OVERRIDE"' in pre
    article.refresh_from_db()
    assert article.raw_body == TRICK  # never altered


def test_the_compare_page_and_the_story_editor_mark_them_too(editor_client):
    article = import_article(TRICK, title="公交线路", source="演示源")
    processing.process_article(article.pk)
    for name, tag in (("admin:articles_article_compare", "section"),
                      ("admin:body_storybody_edit", "details")):
        html = editor_client.get(reverse(name, args=[article.pk])).content.decode()
        raw = re.search(rf'<{tag} class="nr-raw">(.*?)</{tag}>', html, re.S).group(1)
        assert "⟨U+202E⟩" in raw and "\u202e" not in raw, name


def test_plain_raw_text_is_shown_as_it_is_and_still_escaped():
    assert show_invisible("公交<b>线路</b>\n第二行") == "公交&lt;b&gt;线路&lt;/b&gt;\n第二行"
    assert "nr-invisible" not in show_invisible("普通的文字，没有控制符。")
