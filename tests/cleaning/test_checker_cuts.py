"""Cuts of the checker's work (issue 15, second pass): each rewritten function gives what
the version it replaced gave; that version is kept here as the reference."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaning import lexicon, segment, signals
from cleaning.segment import Segment
from cleaning.vocabulary import TermTable

SCANS = {
    "any": lexicon._ANY_SCAN,
    "gambling": lexicon._GAMBLING_SCAN,
    "any_word": lexicon._ANY_WORD_SCAN,
    "promo": signals._PROMO_SCAN,
}


def old_word_matches(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """word_matches as it was: the one-character words found by np.isin."""
    words = pattern.pattern.split("|")
    opener = np.zeros(max(ord(w[0]) for w in words) + 2, dtype=bool)
    opener[[ord(w[0]) for w in words]] = True
    pairs = np.array(sorted({ord(w[0]) << 21 | ord(w[1]) for w in words if len(w) > 1}),
                     dtype=np.int64)
    singles = np.array(sorted({ord(w) for w in words if len(w) == 1}), dtype=np.int64)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    codes = codes.astype(np.int64)
    at = np.flatnonzero(opener.take(codes, mode="clip"))
    first = codes[at]
    key = first << 21 | codes[np.minimum(at + 1, len(codes) - 1)]
    place = np.minimum(np.searchsorted(pairs, key), len(pairs) - 1)
    opens = (pairs[place] == key) | np.isin(first, singles)
    end = 0
    for start in at[opens].tolist():
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                end = m.end()


def _pieces(scan: lexicon.WordScan) -> list[str]:
    words = scan.pattern.pattern.split("|")
    return sorted({*words[::7], *(w for w in words if len(w) == 1), *(w[:1] for w in words[::5])})


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(SCANS)), st.data())
def test_word_matches_as_with_isin(name: str, data) -> None:
    scan = SCANS[name]
    parts = st.one_of(st.sampled_from(_pieces(scan)), st.text(max_size=3))
    text = "".join(data.draw(st.lists(parts, max_size=14)))
    fast = [(m.span(), m.group()) for m in lexicon.word_matches(text, scan)]
    assert fast == [(m.span(), m.group()) for m in old_word_matches(text, scan.pattern)]
    assert fast == [(m.span(), m.group()) for m in scan.pattern.finditer(text)]


def old_han_sample(texts: list[str]) -> bool:
    """DocContext.build's sample as it was: the first 200 blocks joined, then is_han_text
    (its Han count, _han_count, read anew: no block's count is known here)."""
    sample = "".join(texts[:200])[:2000]
    han = sum(map(len, re.findall(r"[\u4e00-\u9fff]+", sample)))
    return han >= 2 and han * 3 >= len(sample) // 2


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(alphabet="中文字a b\n。一\u9fff\u4e00\u3400Ω", max_size=30), max_size=12),
    st.integers(1, 40),
    st.integers(1, 260),
)
def test_han_sample_as_the_joined_blocks(pieces: list[str], repeat: int, blocks: int) -> None:
    texts = [pieces[k % len(pieces)] * repeat for k in range(blocks)] if pieces else []
    assert signals._han_sample(texts, TermTable(texts).han) == old_han_sample(texts)
    assert old_han_sample(texts) == signals.is_han_text.__wrapped__("".join(texts[:200]))


def old_gap_cuts(line: str) -> list[int]:
    """_cut_points' paragraph gaps as they were: searched in every long line."""
    if len(line) > 200 or "  " in line:
        return [m.end() for m in segment._PARA_GAP.finditer(line)]
    return []


def test_whitespace_that_isprintable_lets_through_is_the_space() -> None:
    """The premise of _cut_points' skip: re's \\s in a printable string is " " only."""
    spaces = [c for c in range(0x110000) if re.match(r"\s", chr(c))]
    assert [c for c in spaces if chr(c).isprintable()] == [32]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["中文", "句子。", ". ", "  ", " ", "\t", "\u3000", "\xa0",
                                 "A", ")", "”", "\u2028", "x" * 60]), max_size=14).map("".join),
       st.booleans())
def test_paragraph_gaps_skip_only_lines_without_one(line: str, controls: bool) -> None:
    line = line.strip() or "x"
    cuts = {(off, hint) for off, hint, _ in segment._cut_points(line, False, controls, False)}
    assert {(g, "") for g in old_gap_cuts(line)} <= cuts
    if len(line) > 200 and "  " not in line and line.isprintable():  # the lines skipped
        assert old_gap_cuts(line) == []


LINE_PIECES = ["标题", "新闻", "|", "｜", "丨", "︱", "_", " - ", " – ", " — ", "网站", "A", "Site",
               "频道", "。", "，", " ", "2024", "来源：", "编辑", "\n"]


def _context(pieces: list[str]) -> signals.DocContext:
    texts = [t.strip() for t in "".join(pieces).split("\n")]
    segs, pos = [], 0
    for k, text in enumerate(t for t in texts if t):
        segs.append(Segment(pos, pos + len(text), text, line=k))
        pos += len(text) + 1
    return signals.DocContext.build(segs or [Segment(0, 1, "x")])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=40))
def test_chrome_line_as_when_every_block_was_searched_for_separators(pieces: list[str]) -> None:
    ctx = _context(pieces)
    fast = [signals.chrome_line(i, ctx) for i in range(len(ctx.segments))]
    ctx.bars = ctx.dashes = True  # the old way: every block's own tests
    assert fast == [signals.chrome_line(i, ctx) for i in range(len(ctx.segments))]


GAMBLING_PIECES = ["博彩", "赌场", "百家乐", "威尼斯人", "彩票", "新闻", "。", "\n", "体育", "网址",
                   "bet365", "官网", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(GAMBLING_PIECES), max_size=30))
def test_gambling_candidates_are_the_marked_blocks(pieces: list[str]) -> None:
    ctx = _context(pieces)
    old = [i for i, maybe in enumerate(ctx._gambling) if maybe]
    assert list(signals.candidates_of(signals.gambling, ctx)) == old


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*LINE_PIECES, "\u3000", "  "]), max_size=60))
def test_menu_candidates_are_the_separated_short_blocks(pieces: list[str]) -> None:
    ctx = _context(pieces)
    old = [i for i, s in enumerate(ctx.segments)
           if len(s.text) <= 200 and signals._separated(s.text)]
    assert list(signals.candidates_of(signals.menu_line, ctx)) == old


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Read: The New Thing Arrives", "Related: Another Story Here",
                                 "a story goes on here and on.", "新闻。", "\n"]), max_size=20))
def test_related_link_candidates_as_every_meta_asked(pieces: list[str]) -> None:
    text = "".join(pieces) or "x"
    ctx = signals.DocContext.build(segment.segment_text(text))
    old = [i for i, s in enumerate(ctx.segments) if s.meta.get("related_link")]
    assert list(signals.candidates_of(signals.related_link, ctx)) == old


def old_maybe_markup(ctx: signals.DocContext) -> list[int]:
    """_maybe_markup as it was: every block searched for every character (a wordless
    block's length counted as markup_residue counts it, spaces aside)."""
    return [
        i
        for i, s in enumerate(ctx.segments)
        if s.hint == "residue"
        or i in ctx._controls
        or ("." in s.text and len(s.text) < 80)
        or len(s.text) <= 3
        or (signals._marks_chars(s.text) <= signals._WORDLESS_CHARS
            and ("'" in s.text or "\\" in s.text))
        or "<" in s.text
        or '"' in s.text
        or "&" in s.text
    ]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<", '"', "&", "'", "\\", "\\n", ".", "新闻", "标题是这个",
                                 "abc", "\x01\x02\x03", "\n", "[", "]", " "]), max_size=40))
@example(["'", "\\n", "\\n", "标题是这个", "标题是这个", " ", "'"])  # 17 characters, one a space
def test_markup_candidates_as_every_character_looked_for(pieces: list[str]) -> None:
    text = "".join(pieces) or "x"
    ctx = signals.DocContext.build(segment.segment_text(text))
    assert signals._maybe_markup(ctx) == old_maybe_markup(ctx)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["关闭", "全屏", "广告", "中", "Close", "ſkip ad", "PLAY", "next",
                                 "×", " ", "\u3000", "1", "x", "Wait 5 seconds to continue",
                                 "Ad", "sponsored content"]), max_size=4).map("".join))
def test_ui_control_test_as_with_the_han_precheck(text: str) -> None:
    """chrome_line's ui_control test, first character against UI_CONTROL_FIRSTS, as it
    was with only Han openers ruled out."""
    from cleaning.lexicon import UI_CONTROL, UI_CONTROL_FIRSTS

    first = text[:1]
    old = (
        len(text) <= 40
        and not ("\u4e00" <= text[:1] <= "\u9fff" and text[0] not in "关全自查点展收上下重广")
        and UI_CONTROL.match(text) is not None
    )
    new = (
        len(text) <= 40
        and (first in UI_CONTROL_FIRSTS or first.isspace())
        and UI_CONTROL.match(text) is not None
    )
    assert new == old


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(sorted(SCANS)), st.data())
def test_word_spans_are_the_regex_matches(name: str, data) -> None:
    """word_spans reads each candidate by str.startswith where word_matches asked the
    regex: the same (start, word) in the same order."""
    scan = SCANS[name]
    parts = st.one_of(st.sampled_from(_pieces(scan)), st.text(max_size=3))
    text = "".join(data.draw(st.lists(parts, max_size=14)))
    spans = list(lexicon.word_spans(text, scan))
    assert spans == [(m.start(), m.group()) for m in old_word_matches(text, scan.pattern)]


def test_nav_end_openers_hold_every_first_character_of_a_match() -> None:
    """Every first character of a _NAV_END alternative, and each character re.IGNORECASE
    takes for one, is in _NAV_END_FIRSTS."""
    firsts = {w[0] for w in signals._NAV_LABELS.split("|")} | {"【", "["}
    assert signals._NAV_END.pattern == r"^\s*[【\[]?(?:" + signals._NAV_LABELS + ")"
    assert firsts <= signals._NAV_END_FIRSTS
    opens = re.compile("[" + re.escape("".join(sorted(firsts))) + "]", re.IGNORECASE)
    for code in range(0x110000):
        if opens.match(chr(code)):
            assert chr(code) in signals._NAV_END_FIRSTS, hex(code)


NAV_PIECES = ["上一篇", "下一篇", "【", "[", " ", "\u3000", "相关阅读", "Read more",
              "RELATED articles", "you may also like", "More from", "中", "x", "标签", "：", "1"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(NAV_PIECES), max_size=4).map("".join))
def test_nav_end_is_the_regex_search(text: str) -> None:
    assert signals.nav_end(text) == (signals._NAV_END.search(text) is not None)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["标题", "新闻", ":", "：", "，", "。", "x", " ", "消息", "说"]),
                max_size=60).map("".join))
def test_headline_shape_as_with_every_long_line_searched(text: str) -> None:
    """headline_shape asks _NEWS_HEAD_LOOSE only of lines holding a colon: every match
    holds one."""
    if signals._NEWS_HEAD_LOOSE.search(text):
        assert ":" in text or "：" in text
    segs = [Segment(0, len(text), text or "x")]
    ctx = signals.DocContext.build(segs)
    assert signals.headline_shape(0, ctx) == old_headline_shape(0, ctx)


def old_headline_shape(i: int, ctx: signals.DocContext) -> list:
    """headline_shape as it was (every line of more than 80 characters searched)."""
    text = ctx.segments[i].text
    if "消息" in text and signals._NEWS_HEAD.search(text):
        head = (
            text[: max(text.find(":"), text.find("："), 0)] if (":" in text or "：" in text) else ""
        )
        why = signals.reason("flash-news", head=f"{head[:30]}: …消息")
        return [signals.Signal("news_item", "foreign", 0.6, why)]
    if (len(text) > 80 and signals._NEWS_HEAD_LOOSE.search(text)
            and not signals.SUMMARY_LABEL.search(text)):
        cut = min(p for p in (text.find(":"), text.find("：")) if p >= 0)
        head = text[:cut]
        if not signals.CHROME_LINE.match(text) and not re.search(
            r"(?:说|表示|认为|指出|称|道|问|答)$", head
        ):
            why = signals.reason("headline-colon", head=head[:30])
            return [signals.Signal("headline_colon", "foreign", 0.3, why)]
    return []


def _word_spans_by_search(text: str, scan: lexicon.WordScan) -> list[tuple[int, str]]:
    """word_spans as it was: each place's pair of code points looked up in ``scan.pairs``
    by a binary search."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    codes = codes.astype(np.int64)
    at = np.flatnonzero(scan.first.take(codes, mode="clip"))
    first = codes[at]
    key = first << 21 | codes[np.minimum(at + 1, len(codes) - 1)]
    place = np.minimum(np.searchsorted(scan.pairs, key), len(scan.pairs) - 1)
    paired = scan.pairs[place] == key
    opens = paired | scan.singles.take(first)
    keys = np.where(paired, key, first)[opens].tolist()
    out, end = [], 0
    for start, k in zip(at[opens].tolist(), keys, strict=True):
        if start >= end:
            for word in scan.words_at[k]:
                if text.startswith(word, start):
                    out.append((start, word))
                    end = start + len(word)
                    break
    return out


def _pair_pieces(scan: lexicon.WordScan) -> list[str]:
    """Each pair's two characters, each apart, and a character doubled (a text ending on
    a pair's first character reads it as its own second)."""
    pairs = scan.pairs.tolist()[::3]
    firsts = [chr(k >> 21) for k in pairs]
    seconds = [chr(k & (1 << 21) - 1) for k in pairs]
    return sorted({*firsts, *seconds, *(a + b for a, b in zip(firsts, seconds, strict=True)),
                   *(a + a for a in firsts[::4]), "𠀀", "\ud800", "\uffff", "\n"})


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(sorted(SCANS)), st.data())
def test_word_spans_by_rank_tables_as_by_search(name: str, data) -> None:
    """word_spans reads whether a place's two code points are a key of the scan's pairs off
    rank tables, where it searched the sorted pairs: the same spans."""
    scan = SCANS[name]
    parts = st.one_of(st.sampled_from(_pair_pieces(scan)), st.sampled_from(_pieces(scan)),
                      st.text(max_size=3))
    text = "".join(data.draw(st.lists(parts, max_size=16)))
    assert list(lexicon.word_spans(text, scan)) == _word_spans_by_search(text, scan)
