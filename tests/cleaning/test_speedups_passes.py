"""Speed rewrites of issue 15 (fewer passes, cheaper objects) against the code they replaced."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import segment, signals
from cleaning.model import Block, new_block
from cleaning.segment import Segment, plain_segment

# Text with every kind of line break segment knows, control characters, the dashes and
# bars of title bars, and ordinary Han and Latin text.
PIECES = st.text(
    alphabet="中文。，ab _-–—|\n\r\x85\u2028\u2029\ue40c\x00\x01\x1f\u200b\u200f\u3000\xa0\t",
    max_size=40,
)


def old_lines(text: str) -> list[tuple[int, str]]:
    """segment._lines's newline-only branch as it was: one tuple a line, in a loop."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append((pos, raw))
        pos += len(raw) + 1
    return out


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_lines_offsets_as_the_loop_gave_them(text: str) -> None:
    if segment._has_odd_break(text, None):
        return  # the other branch is unchanged
    assert segment._lines(text) == old_lines(text)
    for start, raw in segment._lines(text):
        assert text[start : start + len(raw)] == raw


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 10**6), PIECES, st.integers(0, 5000))
def test_plain_segment_is_the_dataclass(start: int, end: int, text: str, line: int) -> None:
    made = plain_segment(start, end, text, line)
    want = Segment(start, end, text, line=line)
    assert type(made) is Segment and made == want
    made.meta["x"] = 1  # a dict of its own, as the default factory gives
    assert plain_segment(start, end, text, line).meta == {}


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(
        st.integers(), st.integers(), st.integers(), st.sampled_from(["paragraph", "chrome"]),
        st.floats(allow_nan=False), st.lists(st.text(max_size=5)).map(tuple), PIECES,
        st.dictionaries(st.text(max_size=3), st.integers()), st.integers(-(2**63), 2**63 - 1),
    )
)
def test_new_block_is_the_frozen_dataclass(fields: tuple) -> None:
    made = new_block(*fields)
    assert type(made) is Block and made == Block(*fields)
    assert dataclasses.astuple(made) == dataclasses.astuple(Block(*fields))
    assert hash(made.text) == hash(fields[6])
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.kind = "foreign"  # type: ignore[misc]


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=6))
def test_document_flags_as_the_substring_tests_gave_them(texts: list[str]) -> None:
    """DocContext.build's flags: the control characters (was: each looked for in the
    joined text) and the title bar's dashes (was: each dash looked for whole)."""
    joined = "\n".join(texts)
    assert signals._holds_control(texts, joined) == any(
        c in joined for c in signals._CONTROL_CHARS
    )
    assert signals._holds_dash(joined) == any(d in joined for d in signals._TITLE_BAR_DASHES)


def old_img_cuts(line: str) -> list[tuple[int, str, dict[str, object]]]:
    """segment._img_cuts as it was: the image path tried in every line."""
    cuts: list[tuple[int, str, dict[str, object]]] = []
    for m in segment._IMG_RESIDUE.finditer(line):
        src = m.group("src")
        if src:
            cuts.append((m.start(), "figure", {"src": src}))
            if m.group("tail") and m.group("tail").strip():
                cuts.append((m.end("src"), "residue", {}))
        else:
            cuts.append((m.start(), "residue", {}))
        if m.end() < len(line):
            cuts.append((m.end(), "", {}))
    return cuts


# Lines of image paths, tags, quotes and words, extensions in odd cases included.
IMAGE_BITS = st.lists(
    st.sampled_from(
        ['"', "'", "/", "//", ".", ".jpg", ".JPEG", ".pNg", ".gİf", ".gıf", ".webp", ".bmp",
         "<img src=", ">", "/>", ' target="_blank">', "http:", "https://a.cn/", "img/1",
         "Code", "Read", " ", "中文", "2021/9/9", "[", "]", "\n", "K"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(IMAGE_BITS)
def test_img_cuts_as_with_the_path_tried_everywhere(line: str) -> None:
    assert segment._img_cuts(line) == old_img_cuts(line)


def old_candidates(ctx: signals.DocContext) -> dict[str, list[int]]:
    """The candidate tests as they were, each a pass over the blocks of its own."""
    segs, first = ctx.segments, ctx.story_first
    return {
        "chrome": [i for i, s in enumerate(segs) if len(s.text) <= 400],
        "heads": [i for i, s in enumerate(segs) if len(s.text) > 80 or "消息" in s.text],
        "menus": [
            i for i, s in enumerate(segs) if len(s.text) <= 200 and signals._separated(s.text)
        ],
        "keywords": [] if first < 0 else [
            i
            for i in range(first + 1, len(segs))
            if segs[i].text[-1:] in signals._SEARCH_LAST
            and len(segs[i].text) <= signals.SEARCH_LINE_CHARS
            and segs[i].text.endswith(signals._SEARCH_ENDINGS)
        ],
        "books": [] if first < 0 else [
            i
            for i in range(first + 1, len(segs))
            if "》" in segs[i].text and any(a in segs[i].text for a in signals._NOVEL_ANCHORS)
        ],
    }


# Lines of every length around the tests' limits, with the words and marks they look for.
CANDIDATE_PIECES = st.lists(
    st.sampled_from(
        ["中文句子" * 5, "长" * 81, "消息", "官网", "app下载", "最新章节", "《书名》", "|", "｜",
         " ", "\u3000", "<", '"', "&", "'", "\\", ".", "。", "\n", "\n", "x" * 199, "全文阅读"]
    ),
    max_size=50,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(CANDIDATE_PIECES, st.integers(-1, 12))
def test_one_pass_candidates_as_each_pass_gave_them(text: str, first: int) -> None:
    ctx = signals.DocContext.build(segment.segment_text(text or "x"))
    ctx.story_first = first
    old = old_candidates(ctx)
    # chrome_line is asked of the short blocks it can fire on (test_speedups_chars).
    chrome = list(signals.candidates_of(signals.chrome_line, ctx))
    assert set(chrome) <= set(old["chrome"]) and chrome == sorted(chrome)
    assert all(signals.chrome_line(i, ctx) == [] for i in set(old["chrome"]) - set(chrome))
    assert list(signals.candidates_of(signals.headline_shape, ctx)) == old["heads"]
    assert list(signals.candidates_of(signals.menu_line, ctx)) == old["menus"]
    assert list(signals.candidates_of(signals.keyword_line, ctx)) == old["keywords"]
    assert list(signals.candidates_of(signals.novel_ad, ctx)) == old["books"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1980, 2049), min_size=1, max_size=6), st.integers(1981, 2054))
def test_dated_signal_as_it_was_made_each_time(ys: list[int], article: int) -> None:
    """signals.dates' signal, made once per years and article (was: made per block)."""
    from cleaning.reasons import reason

    if not (max(ys) <= article - 1 and min(ys) >= article - 5):
        return
    shown = "-".join(str(y) for y in sorted({min(ys), max(ys)}))
    want = signals.Signal("dates", "foreign", 0.25,
                          reason("dated-years", years=shown, article=article))
    made = signals._dated(min(ys), max(ys), article)
    assert made == want and made.reason.params == want.reason.params
