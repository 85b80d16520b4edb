"""Raw text in the admin shows its invisible format characters (bidi controls,
zero-width characters) as marked escapes; the stored raw text stays as imported."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles import processing
from articles.imports import import_article
from articles.rawtext import RAW_PREVIEW_BLOCKS, RAW_PREVIEW_CHARS, show_invisible

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


def test_the_compare_pages_cleaned_column_marks_them_too(editor_client):
    """The cleaned column printed a U+202E as it is (reversing the rest of its line)
    while the raw column beside it marked it: paragraphs, headings, captions, credits
    and table cells are now marked the same way; the stored text is untouched."""
    text = ("票价为\u202e元05\u202c，今天起执行。\n"
            "新线路\u2066开通\u2069\n"
            "公交车站\u200b照片\n"
            "线路\n\u202e票价\n一号线\n2元\n"
            "票价表|来源:\u202e市交通局\n")
    article = import_article(text, title="公交线路", source="演示源")
    processing.process_article(article.pk)
    blocks = article.blocks
    blocks.filter(index=0).update(kind="paragraph")
    blocks.filter(index=1).update(kind="heading")
    blocks.filter(index=2).update(kind="caption", meta={"caption": "公交车站\u200b照片"})
    blocks.filter(index__in=range(3, 7)).update(kind="table_cells", meta={"table": 1})
    blocks.filter(index=7).update(kind="caption",
                                  meta={"caption": "票价表", "credit": "\u202e市交通局"})
    html = editor_client.get(reverse("admin:articles_article_compare",
                                     args=[article.pk])).content.decode()
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b]", html)
    cleaned = html.split('class="nr-raw"', 1)[1].split("</section>", 1)[1]
    for code in ("202E", "202C", "2066", "2069", "200B"):
        assert f"⟨U+{code}⟩" in cleaned, code
    assert article.blocks.get(index=0).text == "票价为\u202e元05\u202c，今天起执行。"


def test_the_block_review_page_marks_them_too(editor_client):
    """The review page, where editors judge each block, printed the raw block text
    as it is: a U+202E there reversed the block's line and hid what it held."""
    article = import_article(TRICK, title="公交线路", source="演示源")
    processing.process_article(article.pk)
    html = editor_client.get(reverse("admin:articles_article_review",
                                     args=[article.pk])).content.decode()
    texts = "".join(re.findall(r'<div class="nr-text">(.*?)</div>', html, re.S))
    for code in ("202E", "202C", "200B", "2066", "2069"):
        assert f"⟨U+{code}⟩" in texts, code
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b]", html)


def test_plain_raw_text_is_shown_as_it_is_and_still_escaped():
    assert show_invisible("公交<b>线路</b>\n第二行") == "公交&lt;b&gt;线路&lt;/b&gt;\n第二行"
    assert "nr-invisible" not in show_invisible("普通的文字，没有控制符。")


# --- Bounded: a page holds the start of a large import, the whole text is a link away ---

def long_text(lines: int) -> str:
    return "".join(f"第{n}段：市政府今天宣布新的公交线路，沿线居民出行更方便了。\n"
                   for n in range(lines)) + "最后一行的标记文字。\n"


def test_a_large_import_shows_its_start_and_links_the_whole_raw_text(editor_client):
    """The collapsed raw preview held the whole text: a 4.9 MB import, a 4.9 MB page."""
    text = long_text(RAW_PREVIEW_CHARS // 20)
    assert len(text) > RAW_PREVIEW_CHARS
    article = import_article(text, title="长稿", source="演示源")
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Showing the first {RAW_PREVIEW_CHARS} of {len(text)} characters." in html
    assert "最后一行的标记文字" not in html
    assert text[:1000] in html
    raw_url = reverse("admin:articles_article_raw", args=[article.pk])
    assert raw_url in html
    response = editor_client.get(raw_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == text


def test_a_short_import_is_shown_whole_without_the_link(editor_client):
    article = import_article(TRICK, title="公交线路", source="演示源")
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Showing the first" not in html
    assert reverse("admin:articles_article_raw", args=[article.pk]) not in html


def test_the_whole_raw_text_needs_the_view_permission(client, django_user_model):
    article = import_article(TRICK, title="公交线路", source="演示源")
    url = reverse("admin:articles_article_raw", args=[article.pk])
    assert client.get(url).status_code == 302  # not logged in: the admin's login page
    user = django_user_model.objects.create_user("staff", password="a-long-test-pass-3",
                                                 is_staff=True)
    client.force_login(user)
    assert client.get(url).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(django_user_model.objects.get(pk=user.pk))
    assert client.get(url).content.decode() == TRICK


def test_the_story_editor_lists_a_bounded_number_of_raw_blocks(editor_client):
    """Every raw block was listed: a large import made a 3.8 MB editor page."""
    article = import_article(long_text(RAW_PREVIEW_BLOCKS + 40), title="长稿", source="演示源")
    processing.process_article(article.pk)
    total = article.blocks.count()
    assert total > RAW_PREVIEW_BLOCKS
    html = editor_client.get(reverse("admin:body_storybody_edit", args=[article.pk]),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    raw = re.search(r'<details class="nr-raw">(.*?)</details>', html, re.S).group(1)
    assert raw.count("<li ") == RAW_PREVIEW_BLOCKS
    assert f"Showing the first {RAW_PREVIEW_BLOCKS} of {total} blocks." in raw
    assert reverse("admin:articles_article_raw", args=[article.pk]) in raw


def test_the_story_editor_lists_every_raw_block_of_a_short_import(editor_client):
    article = import_article(TRICK, title="公交线路", source="演示源")
    processing.process_article(article.pk)
    html = editor_client.get(reverse("admin:body_storybody_edit", args=[article.pk]),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    raw = re.search(r'<details class="nr-raw">(.*?)</details>', html, re.S).group(1)
    assert raw.count("<li ") == article.blocks.count()
    assert "Showing the first" not in raw


def test_the_format_table_is_every_cf_character_of_this_python():
    """The literal table stands for scanning unicodedata (77 ms on first use): it must
    say exactly what the running Python's unicodedata says, range for range."""
    import sys
    import unicodedata

    from articles.rawtext import FORMAT_RANGES, INVISIBLE

    cf = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    listed = [c for start, end in FORMAT_RANGES for c in range(start, end + 1)]
    assert listed == cf, f"regenerate FORMAT_RANGES for Unicode {unicodedata.unidata_version}"
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert "".join(INVISIBLE.findall(everything)) == "".join(map(chr, cf))
