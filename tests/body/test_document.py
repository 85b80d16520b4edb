"""The body's text rules, without a database."""

import ast
from pathlib import Path

import pytest

from body.document import (
    Link,
    body_diff,
    embed_provider,
    from_plain,
    link_entities,
    plain_text,
    sanitise,
    word_diff,
)


@pytest.mark.parametrize("dirty, clean", [
    ("<b>粗</b><i>斜</i>", "<b>粗</b><i>斜</i>"),
    ('<a href="https://example.com/a?x=1&y=2">链接</a>',
     '<a href="https://example.com/a?x=1&amp;y=2" rel="nofollow noopener noreferrer">链接</a>'),
    ('<a href="mailto:desk@example.com">写信</a>',
     '<a href="mailto:desk@example.com" rel="nofollow noopener noreferrer">写信</a>'),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="nofollow noopener noreferrer">x</a>'),
    ('<a href="data:text/html,hi" onclick="x()">x</a>',
     '<a rel="nofollow noopener noreferrer">x</a>'),
    ("<script>alert(1)</script>文字", "文字"),
    ('<img src=x onerror="alert(1)">图', "图"),
    ("<p>段落</p><div>二</div>", "段落二"),
    ('<b style="color:red" class="x">粗</b>', "<b>粗</b>"),
    ("a  \t b", "a b"),
])
def test_sanitise_keeps_only_bold_italic_and_safe_links(dirty, clean):
    assert sanitise(dirty) == clean


def test_plain_text_and_from_plain_round_trip():
    text = "AT&T 与 <腾讯> 的“合作”"
    assert plain_text(from_plain(text)) == text
    assert "<" not in from_plain(text).replace("&lt;", "")


def test_entity_links_are_laid_on_text_nodes_outside_editor_links():
    fragment = "<b>腾讯</b>和阿里巴巴，见<a href=\"https://x.com\">腾讯官网</a>"
    text = plain_text(fragment)
    tencent = text.index("腾讯")
    ali = text.index("阿里巴巴")
    in_link = text.rindex("腾讯")
    html = link_entities(fragment, [
        Link(tencent, tencent + 2, "/entities/tencent/", "腾讯", "entity"),
        Link(ali, ali + 4, "/entities/alibaba/", "阿里巴巴", "entity"),
        Link(in_link, in_link + 2, "/entities/tencent/", "腾讯", "entity"),
    ])
    assert '<b><a class="entity" href="/entities/tencent/" title="腾讯">腾讯</a></b>' in html
    assert '<a class="entity" href="/entities/alibaba/" title="阿里巴巴">阿里巴巴</a>' in html
    assert html.count("/entities/tencent/") == 1  # never a link inside the editor's link
    assert plain_text(html) == text


def test_entity_links_escape_and_survive_bad_offsets():
    html = link_entities("a &lt;b&gt; c", [Link(2, 5, '/e/"x"', "<t>", "entity"),
                                            Link(50, 60, "/e/", "x", "entity")])
    assert html == 'a <a class="entity" href="/e/&quot;x&quot;" title="&lt;t&gt;">&lt;b&gt;</a> c'


@pytest.mark.parametrize("url, provider", [
    ("https://www.youtube.com/watch?v=1", "YouTube"), ("https://youtu.be/1", "YouTube"),
    ("https://www.bilibili.com/video/BV1", "Bilibili"), ("http://youtube.com/x", None),
    ("https://evil.com/youtube.com", None), ("https://youtube.com.evil.com/", None),
    ("javascript:alert(1)", None),
])
def test_embeds_only_from_allowed_providers_over_https(url, provider):
    assert embed_provider(url) == provider


def test_word_diff_marks_one_character_in_chinese_and_whole_latin_words():
    assert word_diff("大模型的应激反映很强", "大模型的应激反应很强") == [
        ("same", "大模型的应激反"), ("removed", "映"), ("added", "应"), ("same", "很强"),
    ]
    assert ("removed", "GPT-3") in word_diff("from GPT-3 on", "from GPT-4 on")


def block(key, text, kind="paragraph"):
    return {"key": key, "kind": kind, "text": text, "image": None, "caption": "",
            "credit": "", "alt": "", "table": None, "embed_url": ""}


def test_body_diff_block_by_block():
    before = [block(1, "一"), block(2, "二"), block(3, "三"), block(4, "四")]
    after = [block(1, "一"), block(3, "三"), block(2, "二改"), block(5, "五")]
    changes = {c.key: c for c in body_diff(before, after)}
    assert changes[1].status == "same"
    assert changes[2].status == "changed"
    assert changes[2].words == (("same", "二"), ("added", "改"))
    # Two blocks swapped places: one of them moved (either reading is minimal).
    assert ("position" in changes[2].fields) != (changes[3].status == "moved")
    assert changes[4].status == "removed" and changes[5].status == "added"


def test_a_moved_block_alone_is_moved():
    before = [block(1, "一"), block(2, "二"), block(3, "三")]
    after = [block(2, "二"), block(1, "一"), block(3, "三")]
    statuses = [c.status for c in body_diff(before, after)]
    assert statuses.count("moved") == 1 and statuses.count("same") == 2


def test_document_module_is_pure():
    tree = ast.parse(Path("body/document.py").read_text())
    imported = {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)
                 for a in n.names}
    assert not imported & {"django", "celery", "articles", "body"}
