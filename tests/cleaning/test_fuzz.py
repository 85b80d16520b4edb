"""Fuzzing the pure pipeline: no input may crash it or break its offsets.

Arbitrary Unicode, mixed scripts, control characters, very long lines, random
HTML and random bytes. Each function either returns a well-formed result or
refuses with its own error type (InputError, SheetError); anything else is a bug.
No database: these run everywhere in a few seconds.
"""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaning import STORY_KINDS, InputError, check, decode, numbers, spreadsheets, tables

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# The whole checker is slower per example; fewer examples keep this file under ~30 s.
FUZZ_CHECK = settings(FUZZ, max_examples=80)

# Pieces that exercise the checker's signals, mixed with arbitrary text.
SNIPPETS = [
    "郑重声明:本文版权归原作者所有", "数据来源:烯牛数据", "2023WAIC现场", "阅读更多",
    "标题:8月2日消息,某某[2022/8/2 2:53:15]", '与/img/202386162600/1.jpg">', "騰讯", "智谱Al",
    "人工智能大模型的研发需要大量算力,企业纷纷加大投入。", "BTC 矿池 交易所 节点",
    "قال المتحدث", "Привет, мир", "नमस्ते", "😀👩‍👩‍👧‍👦", "\u202e\u200b\ufeff", "ｆｕｌｌｗｉｄｔｈ",
    "1,234.5万元", "45%", "2023年7月", "—", "\t\t", "\r\n", "\x00\x01\x07\x1b\x7f", "\ud7ff\ue000",
]
CHARS = st.characters(codec="utf-8")  # every code point except surrogates, controls included
LINE = st.one_of(st.text(CHARS, max_size=60), st.sampled_from(SNIPPETS),
                 st.builds(lambda c, n: c * n, st.sampled_from("a中,。 <>&\x0b"),
                           st.integers(1000, 12000)))
TEXTS = st.lists(LINE, max_size=20).map("\n".join)


def subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def assert_well_formed(result, source: str) -> None:
    for block in result.blocks:
        assert 0 <= block.start <= block.end <= len(source), (block.start, block.end)
        assert block.kind
        assert 0.0 <= block.score <= 1.0, block.score


@FUZZ_CHECK
@given(TEXTS)
def test_check_text_never_crashes_offsets_within_input(text):
    result = check(text, "text")
    assert_well_formed(result, text)
    previous_end = 0
    for block in result.blocks:
        assert block.start >= previous_end
        previous_end = block.end
        assert text[block.start:block.end] == block.text
    story = "".join(b.text for b in result.blocks if b.kind in STORY_KINDS)
    assert subsequence(story, text)


TAGS = ["p", "div", "span", "h1", "h2", "li", "ul", "ol", "td", "tr", "table", "figure",
        "figcaption", "a", "b", "br", "img", "script", "style", "svg", "iframe", "noscript",
        "template", "textarea", "title", "meta", "base", "!--", "![CDATA[", "?xml", "math"]
ATTRS = ["", " hidden", " style='display:none'", " class='nav'", " onload=\"x()\"",
         " href='javascript:alert(1)'", " src=data:,x", ' alt="a>b"', " data-x='\x00'",
         " lang=zh", " =broken", ' "unterminated']


@st.composite
def html_documents(draw):
    parts = [draw(st.sampled_from(["", "<!doctype html>", "<html><body>", "<html><head>",
                                   "<?xml version='1.0' encoding='gbk'?>"]))]
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        parts.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>")
        parts.append(draw(LINE))
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
        if draw(st.integers(0, 9)) == 0:
            parts.append(draw(st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&nbsp;", "&",
                                               "&#55296;", "<", ">", "]]>", "-->"])))
    return "".join(parts)


@FUZZ_CHECK
@given(html_documents())
def test_check_html_never_crashes_offsets_within_input(html):
    result = check(html, "html")
    assert_well_formed(result, html)


def test_check_html_blocks_in_document_order():
    html = "<p>&amp;<p><p></p>&amp;"
    starts = [block.start for block in check(html, "html").blocks]
    assert starts == sorted(starts)


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["text", "html"]))
def test_decode_returns_text_or_refuses_clearly(data, fmt):
    try:
        text = decode(data, fmt)
    except InputError as error:
        assert str(error)  # a message an editor can read
        return
    assert isinstance(text, str)


@FUZZ
@given(st.one_of(
    st.binary(max_size=2048),
    st.text(CHARS, max_size=400).map(lambda t: t.encode("utf-8")),
    st.text(max_size=300).map(lambda t: t.encode("gb18030", errors="replace")),
    st.lists(st.lists(st.text(string.printable + "中文,;\t\"", max_size=12), max_size=8),
             max_size=12).map(lambda rows: "\n".join(",".join(r) for r in rows).encode()),
))
def test_read_csv_returns_a_sheet_or_refuses(data):
    try:
        sheet = spreadsheets.read_csv(data)
    except spreadsheets.SheetError as error:
        assert str(error)
        return
    assert isinstance(sheet, spreadsheets.Sheet)
    assert all(isinstance(cell, str) for row in sheet.rows for cell in row)


@FUZZ
@given(st.binary(max_size=1024))
def test_read_xlsx_on_random_bytes_refuses_cleanly(data):
    try:
        spreadsheets.read_xlsx(data)
    except spreadsheets.SheetError:
        return


CELL = st.one_of(st.text(CHARS, max_size=30), st.sampled_from(
    ["公司", "融资轮次", "2023年", "A轮", "1.2亿元", "45%", "-", "智谱AI", "北京", "", " ",
     "\x00"]))


@FUZZ
@given(st.lists(CELL, max_size=60), st.text(CHARS, max_size=40))
def test_table_rebuild_never_crashes(texts, caption):
    cells, offset = [], 0
    for text in texts:
        cells.append(tables.Cell(text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    draft = tables.rebuild(cells, caption)
    assert 0.0 <= draft.confidence <= 1.0
    width = len(draft.header)
    if width:
        assert all(len(row) == width for row in draft.rows)
    for cell in draft.unplaced:
        assert cell in cells
    tables.draft_as_text(draft)


@FUZZ
@given(st.lists(CELL, max_size=80))
def test_find_tables_runs_are_within_the_lines(texts):
    lines, offset = [], 0
    for text in texts:
        lines.append((offset, offset + len(text), text))
        offset += len(text) + 1
    previous = -1
    for first, last in tables.find_tables(lines):
        assert 0 <= first <= last < len(lines)
        assert first > previous
        previous = last


@FUZZ
@given(st.one_of(st.text(CHARS, max_size=40), st.from_regex(
    r"[+-]?[0-9０-９,.]{0,12}(万|亿|千|百)?(元|美元|%|％|个|年|月|日)?", fullmatch=True)))
def test_parse_value_always_returns_a_value(text):
    value = numbers.parse_value(text)
    assert value.text == text
    assert value.kind


try:
    from extraction import KnownName, Matcher, normalise
except ImportError:  # the entities app is optional here
    Matcher = None


@pytest.mark.skipif(Matcher is None, reason="extraction is not importable")
@FUZZ
@given(st.text(CHARS, max_size=300))
def test_normalise_keeps_length_and_offsets(text):
    normalised = normalise(text)
    assert len(normalised.text) == len(text)
    assert normalised.surface(0, len(text)) == text


@pytest.fixture(scope="module")
def matcher():
    if Matcher is None:
        pytest.skip("extraction is not importable")
    names = [("zhipu", "智谱AI", "organisation"), ("zhipu", "智谱Al", "organisation"),
             ("baidu", "百度", "organisation"), ("chatglm", "ChatGLM", "product"),
             ("360", "360", "organisation"), ("ai", "AI", "concept")]
    return Matcher.build([KnownName(entity_key=k, name=n, kind=t) for k, n, t in names])


@FUZZ
@given(st.lists(st.one_of(st.text(CHARS, max_size=20),
                          st.sampled_from(["智谱AI", "智谱Al", "百度", "ChatGLM", "360度", "AI",
                                           "騰讯", "ｃｈａｔｇｌｍ"])), max_size=20).map("".join))
def test_matcher_offsets_within_text(matcher, text):
    for match in matcher.find(text):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start:match.end] == match.surface
