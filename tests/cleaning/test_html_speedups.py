"""The HTML extractor's shortcuts against the plainer code they replaced: same answers."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import html
from cleaning.vocabulary import sums_per_text

from .test_speedups import SOUP, _flatten_by_the_loop


def reference_spans(root: object, source: str) -> dict[object, tuple[int, int]]:
    """_spans as it was: one token loop, then every element's span clamped one by one."""
    line_starts = html._line_starts(source)
    opens: dict[str, list[int]] = {}
    close_end: dict[int, int] = {}
    stacks: dict[str, list[int]] = {}
    open_names: list[str] = []
    open_at: list[int] = []
    for m in html._TOKENS.finditer(source):
        raw, slash, name = m.groups()
        at = m.start()
        if raw is not None:
            raw = raw.lower()
            opens.setdefault(raw, []).append(at)
            open_names.append(raw)
            open_at.append(at)
            close_end[at] = m.end()
            continue
        if name is None:
            continue
        name = name.lower()
        if slash:
            stack = stacks.get(name)
            if stack:
                gt = source.find(">", m.end())
                close_end[stack.pop()] = gt + 1 if gt >= 0 else len(source)
        else:
            opens.setdefault(name, []).append(at)
            stacks.setdefault(name, []).append(at)
            open_names.append(name)
            open_at.append(at)
    order = list(root.iter(html.lxml.etree.Element))
    if html._aligned(order, open_names, open_at, line_starts):
        starts, matched = open_at, open_at
    else:
        starts, matched = html._match(order, opens, line_starts)
    total = len(source)
    spans = {}
    index = None
    for i, el in enumerate(order):
        start = starts[i]
        pos = matched[i]
        end = None if pos is None else close_end.get(pos)
        if end is None or end < start:
            if index is None:
                index = {el: i for i, el in enumerate(order)}
            bound = max(html._after(el, index, starts, total), start)
            if end is None and pos is not None and el.tag.lower() in html._VOID:
                end = html._start_tag_end(source, pos, bound)
            if end is None or end < start:
                end = bound
                while end > start and source[end - 1].isspace():
                    end -= 1
        spans[el] = (start, max(start, min(end, total)))
    return spans


@settings(max_examples=400, deadline=None)
@given(SOUP)
def test_spans_agree_with_the_clamped_loop(pieces: list[str]) -> None:
    source = "".join(pieces)
    if not source.strip():
        return
    try:
        root = html._parse(source)
    except Exception:  # lxml rejects some soups outright; extract() falls back to text
        return
    spans = html._spans(root, source)
    assert list(spans.items()) == list(reference_spans(root, source).items())
    # The general matcher (start tags grouped by name after the token loop) agrees too.
    assert list(html._spans(root, source, aligned=False).items()) == list(spans.items())
    assert all(0 <= start <= end <= len(source) for start, end in spans.values())


@pytest.mark.parametrize("source", [
    "<html><body><div><p>One<br>two<img src=a.png><p>Three</div>\n<p>Four",
    "<P>one</p><Div>two</DIV></DiV><p>three",
    "<script x<script>a</script><p>b</p><style>c</style><STYLE>d</style>",
])
def test_spans_of_unclosed_void_and_raw_elements(source: str) -> None:
    root = html._parse(source)
    assert list(html._spans(root, source).items()) == list(reference_spans(root, source).items())


def reference_punct_counts(texts: list[str]) -> list[int]:
    """_punct_counts as it was: a running sum over every character."""
    if not texts:
        return []
    codes = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths + 1) - lengths - 1
    return sums_per_text(html._PUNCT[np.minimum(codes, 0xFFFF)], starts, lengths).tolist()


@given(st.lists(st.text(alphabet="，。,;；！？!?、a 中\n\U0001f600\ud800\uffff", max_size=12),
                max_size=8))
def test_punct_counts_agree_with_the_running_sum(texts: list[str]) -> None:
    assert html._punct_counts(texts) == reference_punct_counts(texts)


def test_punct_counts_of_a_few_texts() -> None:
    assert html._punct_counts(["一，二。", "", "no marks", "a, b; c!?"]) == [2, 0, 0, 4]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<br>", "<!-- x -->",
                                 "<!DOCTYPE html>", "<!", "</", "<", "< p>", "<1>", "<a/>",
                                 "<linK>", "text", "\n"]), max_size=30))
def test_flatten_deep_counts_only_what_can_open_a_tag(pieces: list[str]) -> None:
    text = "".join(pieces)
    for max_depth in range(4):
        assert html.flatten_deep(text, max_depth) == _flatten_by_the_loop(text, max_depth)
