"""Cuts of pages.features' work (issue 15): each rewritten piece gives what the code it
replaced gave; that code is kept here as the reference."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import pages

# Pieces that make field rows, teasers and near misses of both, with filler around them.
PIECES = [
    "重量", "：", ":", "1.2kg", "【联系方式】", "[", "]", "［", "］", "16:39", "。", "，",
    "...", "…", "。。。", ">>", "»", "[详细]", "［详细］", "详细", " ", "\n", "Price",
    "价格", "这是一段很长的正文内容" * 3, "a", "7",
]
TEXTS = st.lists(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=8).map("".join),
    max_size=12,
)


def old_field_rows(counts: Counter[str]) -> int:
    """The field rows as features counted them: _field_row of every distinct text."""
    return sum(pages._field_row(text) * times for text, times in counts.items())


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_field_rows_as_per_text(texts: list[str]) -> None:
    counts = Counter(texts)
    assert pages._field_rows(counts) == old_field_rows(counts)


# _teaser as it was: a hint searched in the line's last 12 characters, then the ending.
_OLD_TEASER_HINT = re.compile(r"\.\.\.|…|。。。|>>|»|详细")
_OLD_TEASER_END = re.compile(r"(?:\.{3,}|…+|。。。|>>|»|\[详细\]|［详细］)\s*$")


def old_teaser(text: str) -> bool:
    tail = text[-12:]
    return _OLD_TEASER_HINT.search(tail) is not None and _OLD_TEASER_END.search(tail) is not None


SPACES = st.sampled_from([" ", "\n", "\t", "\u3000", "\xa0", "\r", "\x1c", "\u2028", "\x85"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), SPACES, st.text(max_size=3)), max_size=10))
def test_teaser_as_by_regex(parts: list[str]) -> None:
    text = "".join(parts)
    assert pages._teaser(text) == old_teaser(text)


def test_field_rows_counts_repeats() -> None:
    counts = Counter(["重量：1.2kg", "重量：1.2kg", "产地：浙江", "一段正文。", "16:39 更新"])
    assert pages._field_rows(counts) == 3
