"""chrome_line's two-character prechecks (CHROME_LINE_PAIRS, UI_CONTROL_OPENINGS): read
off the patterns, and chrome_line's signals the same as without them."""

from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import lexicon, signals
from cleaning.segment import Segment

from .test_speedups import alternatives

LABELS = alternatives(lexicon._CHROME_LABELS)
CONTROLS = alternatives(lexicon._UI_CONTROLS)


def test_every_alternative_opens_with_a_listed_pair() -> None:
    assert "上一篇" in LABELS and "related(?: articles| posts)?:" in LABELS
    assert "关闭" in CONTROLS and "[×✕✖]" in CONTROLS
    for words, openings in ((LABELS, lexicon.CHROME_LINE_PAIRS),
                            (CONTROLS, lexicon.UI_CONTROL_OPENINGS)):
        for w in words:
            if w.startswith("["):  # a one-character class, whole
                assert w.endswith("]") and set(w[1:-1]) <= openings
                continue
            # Two literal characters (no regex syntax), so every match opens with them.
            assert w[:2].isalnum() or (w[0].isalnum() and w[1] == " "), w
            assert w[:2] in openings and w[:2].upper() in openings, w


def test_pairs_hold_every_case_twin() -> None:
    # Every character re.IGNORECASE takes for one of the pairs' characters is in
    # opening_chars of that character (so its pairs are listed too).
    chars = {c for w in LABELS + CONTROLS if not w.startswith("[") for c in w[:2]}
    any_of = re.compile("[" + re.escape("".join(sorted(chars))) + "]", re.IGNORECASE)
    for code in range(0x110000):
        c = chr(code)
        if any_of.match(c):
            for ch in chars:
                if re.match(re.escape(ch), c, re.IGNORECASE):
                    assert c in lexicon.opening_chars(ch), (hex(code), ch)


class _Every:
    """Holds everything: chrome_line as it was before the two-character prechecks."""

    def __contains__(self, item: object) -> bool:
        return True


PIECES = [
    *(w for w in LABELS + CONTROLS if w[:2].isalnum()),
    "tags", "share this", "Share on", "Related articles:", "related:", "full screen",
    "VIEW photos", "wait 3 seconds to continue", "×", "✕", " ", "\u3000", "\t", "【", "】",
    "[", "]", "(", "（", "）", ":", "：", "|", "｜", "上", "下", "相", "C", "A", "a", "ſ",
    "\u212a", "\u0130", "\u0131", "x", "新闻", "。", "2024", "T", "ad", "AD", "Ad", "next",
]


def _segments(lines: list[str]) -> list[Segment]:
    segs, pos = [], 0
    for k, text in enumerate(t for t in lines if t):
        segs.append(Segment(pos, pos + len(text), text, line=k))
        pos += len(text) + 1
    return segs or [Segment(0, 1, "x")]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=5).map("".join), max_size=8))
def test_chrome_line_as_without_the_pair_prechecks(lines: list[str]) -> None:
    ctx = signals.DocContext.build(_segments(lines))
    new = [signals.chrome_line(i, ctx) for i in range(len(ctx.segments))]
    with patch.object(signals, "CHROME_LINE_PAIRS", _Every()), patch.object(
        signals, "UI_CONTROL_OPENINGS", _Every()
    ):
        old = [signals.chrome_line(i, ctx) for i in range(len(ctx.segments))]
    assert new == old


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=12),
                 st.lists(st.sampled_from(PIECES), max_size=4).map("".join)))
def test_prechecks_never_miss_a_match(text: str) -> None:
    m = lexicon.CHROME_LINE.match(text)
    if m:
        opens = lexicon.CHROME_LINE_OPENS.match(text)
        assert opens and text[opens.end() - 1 : opens.end() + 1] in lexicon.CHROME_LINE_PAIRS
    if lexicon.UI_CONTROL.match(text):
        assert lexicon.opens_with(text, lexicon.UI_CONTROL_OPENINGS)


CHROME_BITS_PIECES = [
    "评论(3)", "12人气", "阅读 5", "浏览：7", "点击量", "播放次数 2", "3.5万次浏览", "8赞",
    "发布时间:",
    "1.2k views", "5 min read", "责任编辑：", "编辑:", "作者：", "出处:", "来源：", "12 10:30",
    "2023-8-6 10:00", "#话题#", "http://", "HTTPS://", "www.a", "WWW.b", "中", "x", " ", "1", "#",
    ":", "。", "\u212a", "٣",
]


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=16),
                 st.lists(st.sampled_from(CHROME_BITS_PIECES), max_size=6).map("".join)))
def test_chrome_bits_scan_finds_what_chrome_bits_found(text: str) -> None:
    assert lexicon.CHROME_BITS_SCAN.findall(text) == lexicon.CHROME_BITS.findall(text)
