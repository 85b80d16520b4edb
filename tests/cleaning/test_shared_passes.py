"""Issue 15: passes shared between the checker's components must change no answer.

Each test keeps the version a shared pass replaced as its reference.
"""

import re
from itertools import count

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import cohesion
from cleaning.codes import code_points
from cleaning.cohesion import median
from cleaning.memory import _BATCH_CHARS, _simhash, fingerprints, normalise
from cleaning.pages import _names, _names_by_text
from cleaning.vocabulary import (
    _WORD_BASE,
    WORD,
    TermTable,
    _han_terms,
    _pairs,
    _word_spans,
    changes,
    sums_per_text,
)

# --- TermTable: Latin words read off the code points the Han terms are read from ---------

# The scan TermTable made before: WORD or a newline, the newlines counting the lines.
_WORD_OR_LINE = re.compile(r"[A-Za-z\n](?:(?<=\n)|[A-Za-z0-9'’\-]*[A-Za-z0-9])")


def reference_rows(texts: list[str]):
    """TermTable's words, rows and per-block counts as its regex scan made them."""
    n = len(texts)
    whole = "\n".join(texts)
    at, han_ids, han = _han_terms(whole)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.cumsum(lengths + 1) - lengths - 1
    han_counts = sums_per_text(han, starts, lengths).tolist()
    han_blocks = np.repeat(np.arange(n, dtype=np.int32), lengths + 1)[at]
    words: dict[str, int] = {}
    tokens = map(str.lower, _WORD_OR_LINE.findall(whole))
    ids = np.fromiter(map(words.setdefault, tokens, count(_WORD_BASE)), dtype=np.int64)
    newline = ids == words.pop("\n", -1)
    line = np.cumsum(newline)[~newline]
    word_ids = ids[~newline]
    if whole.count("\n") == n - 1:
        word_blocks = line
    else:
        breaks = np.fromiter((t.count("\n") for t in texts), dtype=np.int64, count=n)
        word_blocks = np.repeat(np.arange(n), breaks + 1)[line]
    ids = np.concatenate([han_ids, word_ids])
    blocks = np.concatenate([han_blocks, word_blocks])
    return words, _pairs(ids, blocks, n), np.bincount(blocks, minlength=n), han_counts


WORDY = st.text(alphabet="aZq9'’-\n 中文.\u2018\u201a\U00020000", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(WORDY)
def test_word_spans_are_the_regex_matches(text: str) -> None:
    at, end = _word_spans(code_points(text))
    assert list(zip(at.tolist(), end.tolist(), strict=True)) == [
        m.span() for m in WORD.finditer(text)
    ]


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDY, min_size=1, max_size=8))
def test_term_table_words_as_the_line_scan_found_them(texts: list[str]) -> None:
    table = TermTable(texts)
    words, (ids, blocks, occurrences), total, han = reference_rows(texts)
    # The scan gave the first newline an id too, so a word's id could be one higher; the
    # words keep their order (of first occurrence), so the rows and terms do.
    assert list(table.words) == list(words)
    assert table._term.tolist() == (np.cumsum(changes(ids)) - 1).tolist()
    han_rows = ids < _WORD_BASE
    assert table._id[han_rows].tolist() == ids[han_rows].tolist()
    assert (table._id[~han_rows] >= _WORD_BASE).all()
    names = {v: k for k, v in table.words.items()}
    was = {v: k for k, v in words.items()}
    assert [names[i] for i in table._id[~han_rows].tolist()] == [
        was[i] for i in ids[~han_rows].tolist()
    ]
    assert table._block.tolist() == blocks.tolist()
    assert table._block.dtype == blocks.dtype
    assert table._count.tolist() == occurrences.tolist()
    assert table.total.tolist() == total.tolist()
    assert table.han == han


# --- TermTable.runs: the story blocks' term counts taken from ``against`` ------------------

RUN_TEXTS = st.lists(
    st.text(alphabet="模型芯片云大中的 abAB1-,。", max_size=40), min_size=1, max_size=9
)


@settings(max_examples=300, deadline=None)
@given(RUN_TEXTS, st.data())
def test_runs_after_against_as_on_a_fresh_table(texts: list[str], data) -> None:
    n = len(texts)
    reference = np.array(data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    other = np.array(data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    title = data.draw(st.none() | st.integers(0, n - 1))
    fresh = TermTable(texts).runs(reference, title)
    table = TermTable(texts)
    table.against(other)  # counts for another reference: not taken
    table.against(reference)
    for want, got in zip(fresh, table.runs(reference, title), strict=True):
        assert want.tolist() == got.tolist()
    table.against(other)
    for want, got in zip(fresh, table.runs(reference, title), strict=True):
        assert want.tolist() == got.tolist()


# --- cohesion.median: np.median of the typical run, sorted in Python ----------------------


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), max_size=30))
def test_median_is_numpy_s(values: list[float]) -> None:
    array = np.array(values, dtype=float)
    with np.errstate(all="ignore"):
        want = float(np.median(array)) if len(values) else None
    if want is None:
        return  # np.median of nothing warns and is NaN; runs always has one run at least
    got = median(array)
    assert got == want or (np.isnan(got) and np.isnan(want))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=400), st.integers(1, 12))
def test_median_of_block_shares_is_numpy_s(shared: list[int], content: int) -> None:
    """off_topic's typical share (a ratio per worded block, many ties, hundreds of blocks
    on a long page) by cohesion.median, as np.median gave it, sign of zero included."""
    array = np.array(shared, dtype=float) / content
    want, got = float(np.median(array)), median(array)
    assert got == want and np.copysign(1.0, got) == np.copysign(1.0, want)


# --- memory.fingerprints: one batch without a loop over the texts ----------------------


def reference_fingerprints(texts, normalised=None) -> list[int]:
    """fingerprints() as it was: the texts gathered one by one, then cut into batches."""
    known = normalised or {}
    out = [0] * len(texts)
    where: list[int] = []
    norms: list[str] = []
    for i, text in enumerate(texts):
        norm = known.get(text)
        if norm is None:
            norm = normalise(text)
        if norm:
            where.append(i)
            norms.append(norm)
    first = size = 0
    for k, norm in enumerate(norms):
        size += len(norm)
        if size >= _BATCH_CHARS or k == len(norms) - 1:
            for j, value in zip(where[first : k + 1], _simhash(norms[first : k + 1]), strict=True):
                out[j] = value
            first, size = k + 1, 0
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab中文 ,.09٣１", max_size=40), max_size=12),
    st.data(),
)
def test_fingerprints_in_one_batch_as_the_loop(texts: list[str], data) -> None:
    known = data.draw(st.sets(st.sampled_from(texts))) if texts else set()
    normalised = {t: normalise(t) for t in known}
    assert fingerprints(texts, normalised) == reference_fingerprints(texts, normalised)
    assert fingerprints(texts) == reference_fingerprints(texts)


def test_fingerprints_past_one_batch_as_the_loop() -> None:
    texts = [f"第{k}段：模型与芯片 {k * 7919} words" * 200 for k in range(60)] + ["", "。"]
    assert sum(len(normalise(t)) for t in texts) > _BATCH_CHARS
    assert fingerprints(texts) == reference_fingerprints(texts)


# --- TermTable.against: flagged rows counted by integer bincounts -----------------------


def reference_against(table: TermTable, reference: np.ndarray):
    """against() as it was: the flags summed per block as float weights."""
    n = len(table.distinct)
    in_ref = reference[table._block]
    users = np.bincount(table._term, weights=in_ref, minlength=table._terms)
    elsewhere = users[table._term] - in_ref >= 1
    seen = np.bincount(table._block, weights=elsewhere, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        novelty = np.where(table.distinct > 0, (table.distinct - seen) / table.distinct, 0.0)
        keys = np.bincount(table._block, weights=table._key, minlength=n)
        absent = np.bincount(table._block, weights=table._key & ~elsewhere, minlength=n)
        topical = (keys >= 2) & (table.total - table.distinct >= 2)
        key = np.where(topical, absent / keys, 0.0)
    return novelty, key, np.where(topical, absent, 0).astype(np.int64)


@settings(max_examples=300, deadline=None)
@given(RUN_TEXTS, st.data())
def test_against_counts_as_the_float_sums(texts: list[str], data) -> None:
    n = len(texts)
    reference = np.array(data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    table = TermTable(texts)
    for want, got in zip(reference_against(table, reference), table.against(reference),
                         strict=True):
        assert want.dtype == got.dtype
        assert want.tolist() == got.tolist()



# --- Cohesion.runs: the window sums of every start block along shifted slices ------------


def reference_cohesion_runs(self, candidates: list[int], title: int | None):
    """Cohesion.runs as it was: the window sums gathered run by run, np.median."""
    n, block, w, size = self.n, self.block, self.w, self.size
    member = np.zeros(n + self.longest + 1, dtype=bool)
    member[np.fromiter(candidates, dtype=np.intp, count=len(candidates))] = True
    # A run is measured against the block before it; block 0 has none (its index
    # would wrap to the last block), so it starts no run.
    member[0] = False
    whead = float(size[title]) if title is not None and 0 <= title < n else 0.0
    head = None
    if whead:
        in_title = np.zeros(self.table.term_count, dtype=bool)
        in_title[self.term[block == title]] = True
        head_rows = np.flatnonzero(in_title[self.term])
        head = self._rows_opened(w[head_rows], head_rows)
    opened = self._rows_opened(w)
    single = self.single_before
    prev_block, prev_w, prev_gap = self.to_prev
    next_block, next_w, next_gap = self.to_next
    bridge_block, bridge_w, offsets = self.bridges
    sums = []
    fit = member[:n].copy()
    for length in range(1, self.longest + 1):
        if length > 1:
            fit &= member[length - 1 : n + length - 1]
        start = np.flatnonzero(fit)
        if not len(start):
            break
        lo, hi = start - 1, start + length
        local = sum(self.within[lo + j, hi - lo - j] for j in range(length + 2))
        gone = single[np.minimum(hi + 1, n)] - single[lo] + local
        mine = single[hi] - single[start] + local - self.ends[lo, hi - lo]
        wrun = single[hi] - single[start] + self._union(length, opened)[start]
        # Shared with the block before the run (the term's next user within the run),
        # after it (its previous one), and between those two (a user ``gap`` blocks on).
        gap = length + 1
        near = prev_gap <= length
        to_prev = np.bincount(prev_block[near], weights=prev_w[near], minlength=n)
        near = next_gap <= length
        to_next = np.bincount(next_block[near], weights=next_w[near], minlength=n)
        bridged = offsets[0] == gap
        for offset in offsets[1:gap]:
            bridged |= offset == gap
        both = np.bincount(bridge_block[bridged], weights=bridge_w[bridged], minlength=n)
        nxt = np.minimum(hi, n - 1)
        toward = self._union(length, head)[start] if head is not None else start * 0.0
        sums.append((np.full(len(start), length), start, gone, mine, wrun,
                     to_prev[lo], to_next[nxt], both[lo], toward))
    if not sums:
        return None
    singles = len(sums[0][1])  # the runs of one block come first
    length, start, gone, mine, wrun, to_prev, to_next, both, toward = (
        np.concatenate(column) for column in zip(*sums, strict=True)
    )
    lo, hi = start - 1, start + length
    wprev = size[lo]
    wnext = np.where(hi < n, size[np.minimum(hi, n - 1)], 0.0)
    total = self.total
    rest = (wrun - mine) / np.sqrt(np.maximum(wrun * (total - gone), 1e-12))
    rest[(wrun <= 0) | (total - gone <= 0)] = 0.0
    typical = float(np.median(rest[:singles]))
    if typical <= 0:
        return None
    runsize = np.maximum(wrun, 1e-12)
    link = np.maximum(
        to_prev / np.sqrt(runsize * np.maximum(wprev, 1e-12)),
        to_next * (hi < n) / np.sqrt(runsize * np.maximum(wnext, 1e-12)),
    )
    bridge = np.where(
        (wprev > 0) & (wnext > 0),
        both / np.sqrt(np.maximum(wprev * wnext, 1e-12)),
        np.nan,
    )
    if head is not None:
        toward = toward / np.sqrt(runsize * whead)
    return cohesion.RunCohesion(start, start + length - 1, rest / typical, link, bridge, toward)


COHESIVE = st.lists(
    st.lists(
        st.sampled_from(["模型", "芯片", "云计算", "数据中心", "的", "市场", "电池", "GPU"]),
        max_size=7,
    ).map("".join),
    min_size=2,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(COHESIVE, st.data())
def test_cohesion_runs_as_run_by_run(texts: list[str], data) -> None:
    n = len(texts)
    story = data.draw(st.sets(st.integers(0, n - 1)))
    candidates = sorted(data.draw(st.sets(st.integers(0, n - 1))))
    title = data.draw(st.none() | st.integers(-1, n))
    longest = data.draw(st.integers(1, 4))
    measure = cohesion.Cohesion(TermTable(texts), story, longest)
    with np.errstate(all="ignore"):
        want = reference_cohesion_runs(measure, candidates, title)
        got = measure.runs(candidates, title)
    assert (want is None) == (got is None)
    if want is not None:
        for a, b in zip(want, got, strict=True):
            assert np.array_equal(a, b, equal_nan=True)


# --- pages._names_by_text: name runs read off the page's code points ---------------------

NAMEY = st.lists(
    st.sampled_from(
        ["公司", "集团", "中心", "网", "官网", "平台", "娱乐", "科技", "工厂", "厂", "工", "公",
         "官", "中", "大", "北京", "Ab", "9", "（", "）", "(", ")", "，", " ", "。", "\U00020000",
         "天猫商城", "东方财富"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.lists(NAMEY, min_size=1, max_size=6))
def test_names_by_text_as_each_text_s_names(texts: list[str]) -> None:
    whole = "\n".join(texts)
    codes = np.frombuffer(whole.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    assert _names_by_text(texts, codes) == [_names(t) for t in texts]
