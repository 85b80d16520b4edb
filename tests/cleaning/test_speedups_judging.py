"""Speed rewrites of issue 15 on the judging path (segmentation, signals, vocabulary)
against the code they replaced."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import segment, signals
from cleaning.codes import code_points
from cleaning.segment import Segment
from cleaning.vocabulary import TermTable

# Lines with and without a character of segment._MAYBE_CUT (a bracket, a quote, a garbled
# GBK lead such as 鋩, an accented Latin letter), the breaks segment knows, spaces and the
# invisible characters it trims at a line's edges.
CUT_PIECES = st.lists(
    st.sampled_from(
        ["中文", "。", "<", '"', "/", "R", "[", "消息", "?", "）", "记者", "【", "鋩", "Â", "ô",
         "Á", "abc", " ", "\u3000", "\xa0", "\n", "\r", "\u2028", "\ue40c", "\u200b", "\ufeff",
         "\x85", "\t"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(CUT_PIECES)
def test_cut_lines_as_the_search_per_line_gave_them(text: str) -> None:
    lines = segment._lines(text, segment.code_points(text) if text else None)
    found = segment._cut_lines(code_points(text), [start for start, _ in lines])
    assert found == {k for k, (_, raw) in enumerate(lines) if segment._MAYBE_CUT.search(raw)}
    # What segment_text trims off a line (spaces, invisible edges) is never in the class:
    # the line it searched holds a match where its raw line does.
    for _, raw in lines:
        assert (segment._MAYBE_CUT.search(raw) is None) == (
            segment._MAYBE_CUT.search(raw.strip().strip(segment._INVISIBLE)) is None
        )


@settings(max_examples=200, deadline=None)
@given(st.lists(CUT_PIECES, min_size=1, max_size=8))
def test_long_text_segments_as_the_search_per_line_gave_them(pieces: list[str]) -> None:
    """A long text (code points read once) is cut as a short one is (a regex per line)."""
    text = "\n".join(pieces)
    text = (text + "\n") * (segment._LONG_TEXT // max(len(text), 1) + 1)
    fast = segment.segment_text(text, gambling=False)
    was = segment._LONG_TEXT
    segment._LONG_TEXT = len(text) + 1  # every text short: searched line by line
    try:
        slow = segment.segment_text(text, gambling=False)
    finally:
        segment._LONG_TEXT = was
    assert fast == slow


def _blocks_of(pieces: list[str], min_pieces: int, max_pieces: int) -> st.SearchStrategy:
    """One to eight blocks, each ``pieces`` joined."""
    block = st.lists(st.sampled_from(pieces), min_size=min_pieces, max_size=max_pieces)
    return st.lists(block.map("".join), min_size=1, max_size=8)


# Blocks of Han text, Latin words and function characters, for TermTable.
TERM_BLOCKS = _blocks_of(
    ["地铁", "公司", "的", "了", "在", "线路", "开通", "Metro", "line", "3", "，"], 0, 12
)


@settings(max_examples=300, deadline=None)
@given(TERM_BLOCKS)
def test_content_counts_as_the_weighted_bincount_gave_them(texts: list[str]) -> None:
    table = TermTable(texts)
    old = np.bincount(table.row_blocks, weights=table.content(), minlength=len(texts)).astype(
        np.int64
    )
    got = table.content_counts()
    assert got.dtype == old.dtype and np.array_equal(got, old)
    assert table.content_counts() is got  # counted once


@settings(max_examples=300, deadline=None)
@given(TERM_BLOCKS, st.data())
def test_runs_and_naming_after_against_as_on_a_fresh_table(texts: list[str], data) -> None:
    """runs and naming reuse against's per-row reference and term users when the
    reference is the same (values and type): their figures are those of a table that
    never ran against."""
    n = len(texts)
    flags = st.lists(st.integers(0, 1), min_size=n, max_size=n)
    first = np.array(data.draw(flags), dtype=np.int64)
    second = first.copy() if data.draw(st.booleans()) else np.array(data.draw(flags))
    second = second.astype(data.draw(st.sampled_from([np.int64, np.int32, float])))
    members = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    title = data.draw(st.sampled_from([None, *range(n)]))
    used, fresh = TermTable(texts), TermTable(texts)
    used.against(first)
    for margin in (1, 0):
        got = used.runs(second, title, 3, members=members, margin=margin)
        want = fresh.runs(second, title, 3, members=members, margin=margin)
        for a, b in zip(got, want, strict=True):
            assert a.dtype == b.dtype and np.array_equal(a, b)
    assert np.array_equal(used.naming(second, 2), fresh.naming(second, 2))


def old_is_body(text: str) -> bool:
    """signals.is_body as it was, before DocContext.build found every block's at once."""
    if not signals.is_prose(text):
        return False
    if signals.is_han_text(text):
        return len(text) >= 40 or "。" in text
    return len(text.split()) >= 12


# Blocks: Han sentences and headlines, Latin sentences of few and many words, long ones
# (past is_han_text's sample), with and without a stop.
BODY_BLOCKS = _blocks_of(
    ["地铁三号线今天开通", "。", "，", "？", "word ", "Metro line opened today. ", "a b c ",
     "12", "中" * 30, "x" * 700, "!"],
    1,
    10,
)


@settings(max_examples=300, deadline=None)
@given(BODY_BLOCKS)
def test_bodies_found_at_once_are_is_body(texts: list[str]) -> None:
    segs = [Segment(0, len(t), t) for t in texts if t.strip()]
    if not segs:
        return
    signals.DocContext.build(segs)
    known = signals._BODY_KNOWN.get()
    for seg in segs:
        assert known[seg.text] == old_is_body(seg.text)
        signals.is_body.cache_clear()
        assert signals.is_body(seg.text) == old_is_body(seg.text)


def old_han_terms_of(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """vocabulary._han_terms_of as it was: every code point widened to int64 first."""
    codes = codes.astype(np.int64)
    flags = np.zeros(len(codes) + 2, dtype=bool)
    han, nxt, prev = flags[1:-1], flags[2:], flags[:-2]
    np.less((codes - 0x4E00).view(np.uint64), 0x9FFF - 0x4E00 + 1, out=han)
    at = np.flatnonzero(han & (nxt | ~prev))
    first = codes[at]
    follower = codes.take(at + 1, mode="clip")
    return at, np.where(nxt[at], first << 21 | follower, first), han


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="地铁一丁龥\u4dff\ua000\U00020000a\n 。", max_size=30))
def test_han_terms_read_off_narrow_code_points(text: str) -> None:
    from cleaning import vocabulary

    got = vocabulary._han_terms_of(code_points(text))
    want = old_han_terms_of(code_points(text))
    for a, b in zip(got, want, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)


# Every character signals._FLAG_OF_CHAR flags, spaces, and other text.
FLAG_TEXTS = st.lists(
    st.text(alphabet="|｜丨︱.<\"&'\\》_–—:：-/月年 \u3000中a\n\U00020000", max_size=12),
    max_size=8,
)


@settings(max_examples=500, deadline=None)
@given(FLAG_TEXTS)
def test_char_flags_as_the_substring_tests_gave_them(texts: list[str]) -> None:
    """What _sort_blocks and chrome_line tested by ``char in text`` (and counted by
    text.count) is read off the flags found for all blocks at once."""
    chars = signals._block_chars(texts)
    flags, spaces = chars.flags.tolist(), chars.spaces.tolist()
    assert len(flags) == len(spaces) == len(texts)
    bits = set(signals._FLAG_OF_CHAR.values())
    for text, held, spaced in zip(texts, flags, spaces, strict=True):
        for bit in bits:
            chars = [c for c, b in signals._FLAG_OF_CHAR.items() if b == bit]
            assert bool(held & bit) == any(c in text for c in chars)
        assert spaced == text.count(" ") + text.count("\u3000")
        assert bool(held & signals._META_MARKS) == any(c in text for c in ":-/月年.")
        assert bool(held & signals._HAS_BAR) == any(c in text for c in "︱丨｜|")
