"""How much a run of paragraphs holds together with the rest of its document.

A pasted item on a nearby topic shares the story's everyday words ("market", "company",
"users") and little else; a story paragraph that turns to a side subject still shares
its rarer words (names, products, figures of speech of the story). So the terms are
weighted by how rare they are in general Chinese text: the inverse document frequencies
jieba ships for keyword extraction (``jieba/analyse/idf.txt``), read once. A term is a
content term of ``vocabulary.TermTable`` (a Han bigram without a function character, or
a Latin word); a bigram that is no word of the table is weighted UNKNOWN_IDF (most are
pieces of names or two words side by side: rarer than a common word), a Latin word
LATIN_IDF (names of firms and products, not in the table).

Every measure is a cosine between two sets of terms, each term weighted by its IDF
(presence only: a paragraph's length and repetitions do not weigh).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .vocabulary import TermTable, changes

UNKNOWN_IDF = 8.0
LATIN_IDF = 10.0
OWN_IDF = 6.0  # a term a run is about: rarer than everyday words
# Latin words that are pieces of web addresses: a paragraph citing two sites repeats them,
# and they name no topic.
ADDRESS_PARTS = frozenset(("http", "https", "www", "com", "cn", "net", "org", "gov", "html"))
_HAN_LO, _HAN_HI = 0x4E00, 0x9FFF
_WORD_BASE = 1 << 42  # vocabulary's first Latin word id


@cache
def _background() -> tuple[np.ndarray, np.ndarray]:
    """Two-character Han words of jieba's IDF table as packed bigram ids (as
    ``vocabulary`` packs them), sorted, with their squared IDF. Empty without jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    path = Path(spec.submodule_search_locations[0]) / "analyse" / "idf.txt"
    table: dict[int, float] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, idf = line.partition(" ")
            if len(word) == 2 and all(_HAN_LO <= ord(c) <= _HAN_HI for c in word):
                table[ord(word[0]) << 21 | ord(word[1])] = float(idf) ** 2
    ids = np.fromiter(sorted(table), dtype=np.int64, count=len(table))
    return ids, np.fromiter(map(table.__getitem__, ids.tolist()), dtype=float, count=len(ids))


def squared_idf(ids: np.ndarray) -> np.ndarray:
    """The squared IDF of packed term ids (sorted)."""
    words, squared = _background()
    weight = np.where(ids >= _WORD_BASE, LATIN_IDF**2, UNKNOWN_IDF**2)
    if len(words) and len(ids):
        at = np.minimum(np.searchsorted(words, ids), len(words) - 1)
        known = words[at] == ids
        weight[known] = squared[at[known]]
    return weight


def median(values: np.ndarray) -> float:
    """``float(np.median(values))`` of a short array, sorted in Python: np.median's
    partition and mean cost more than sorting the hundred-odd values of an article."""
    if not len(values) or np.isnan(values).any():
        return float(np.median(values))
    ordered = sorted(values.tolist())
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


class RunCohesion(NamedTuple):
    """Runs of consecutive candidate blocks, one entry per run (arrays)."""

    first: np.ndarray
    last: np.ndarray
    rest: np.ndarray  # cosine with the story outside it and its neighbours, / the typical block's
    link: np.ndarray  # the higher cosine with the story block before it or after it
    bridge: np.ndarray  # cosine of those two neighbours with each other (NaN: not both)
    head: np.ndarray  # cosine with the title block


_FAR = 1 << 40  # a block number no block is near


class Cohesion:
    """The story blocks' (``story``) content terms, weighted, for measuring runs of them.

    A term's users are the story blocks holding it. A run's rest is the story without the
    run and its two neighbours (a story paragraph may open the subject the next one goes on
    with): a term is out of the rest when all its users lie in that window. Everything is
    read off the table's rows (sorted by term, then block): a row's previous and next user
    of its term are the rows beside it, and a term whose users all fit in a window spans at
    most ``longest`` + 2 blocks.
    """

    def __init__(self, table: TermTable, story: set[int], longest: int = 3) -> None:
        n = len(table.distinct)
        self.table, self.longest, self.n = table, longest, n
        in_story = np.zeros(n, dtype=bool)
        in_story[np.fromiter(story, dtype=np.intp, count=len(story))] = True
        rows = np.flatnonzero(table.content() & in_story.take(table.row_blocks))
        term, block = table.row_terms.take(rows), table.row_blocks.take(rows).astype(np.int64)
        before = ~changes(term)  # the row before is of the same term
        after = np.zeros(len(rows), dtype=bool)  # the row after is
        after[:-1] = before[1:]
        # Per term of the story (its first row and last): its weight, users and span.
        opens, closes = np.flatnonzero(~before), np.flatnonzero(~after)
        story_terms = term.take(opens)
        weights = squared_idf(table.row_ids.take(rows.take(opens)))
        users = closes - opens + 1
        self.w2 = np.zeros(table.term_count)
        self.w2[story_terms] = weights
        self.users = np.zeros(table.term_count, dtype=np.int64)
        self.users[story_terms] = users
        w = np.repeat(weights, users)
        self.size = np.bincount(block, weights=w, minlength=n)
        self.total = float(weights.sum())
        alone = ~before & ~after
        self.single_before = np.concatenate(
            [[0.0], np.cumsum(np.bincount(block, weights=w * alone, minlength=n))]
        )
        # Terms of two users or more, counted once, whose users span a window or less:
        # by their first user and their span, the weight of those spanning that much or
        # less (``within``) and of those with two users exactly (``ends``).
        width = longest + 2
        low, high = block.take(opens), block.take(closes)
        span = high - low
        local = (users > 1) & (span < width)
        cells = (n + width) * width
        at = low * width + span
        by_span = np.bincount(at[local], weights=weights[local], minlength=cells)
        self.within = np.cumsum(by_span.reshape(n + width, width), axis=1)
        pair = local & (users == 2)
        self.ends = np.bincount(at[pair], weights=weights[pair], minlength=cells).reshape(
            n + width, width
        )
        self.low = np.full(table.term_count, _FAR)
        self.high = np.full(table.term_count, -_FAR)
        self.low[story_terms] = low
        self.high[story_terms] = high
        # Rows of terms of two users or more: the only ones that tie two blocks. For
        # each, the blocks of the term's users before it and up to longest + 1 after it.
        shared = np.flatnonzero(~alone)
        self.term, self.block, self.w = term.take(shared), block.take(shared), w.take(shared)
        m = len(shared)
        self.prev = np.full(m, -_FAR)
        self.prev[1:] = np.where(before.take(shared)[1:], self.block[:-1], -_FAR)
        # Each row's term and block as one number, term * (n + width) + block: one row's
        # less another's is the blocks between them when they are of one term, over width
        # when not. Line k - 1 of ``ahead``: the blocks from each row to the row k after it
        # (over width: another term, or none).
        key = self.term * (n + width) + self.block
        ahead = []
        for k in range(1, width):
            later = np.full(m, _FAR)
            if k < m:
                np.subtract(key[k:], key[:-k], out=later[:-k])
            ahead.append(later)
        # The runs' measures add up rows that have a user of their term near: only those
        # rows are kept for them (a row left out would add 0 to its block's sum).
        to_next = ahead[0]
        near = np.flatnonzero(to_next <= longest)
        self.to_prev = (self.block.take(near), self.w.take(near), to_next.take(near))
        to_prev = self.block - self.prev
        near = np.flatnonzero(to_prev <= longest)
        self.to_next = (self.block.take(near), self.w.take(near), to_prev.take(near))
        near = np.flatnonzero(to_next <= longest + 1)
        self.bridges = (
            self.block.take(near), self.w.take(near), [later.take(near) for later in ahead]
        )

    def _union(self, length: int, opened: tuple[np.ndarray, ...]) -> np.ndarray:
        """Per start block: the weights of rows (``opened``, see ``_rows_opened``) summed
        over the distinct terms of the run of ``length`` blocks from there (a row counts
        for the runs in which it is the term's first user)."""
        weights, block, prev, closing = opened
        opening = np.maximum(np.maximum(prev + 1, block - length + 1), 0)
        diff = np.bincount(opening, weights=weights, minlength=self.n + 1)
        diff -= closing
        return np.cumsum(diff)[: self.n]

    def _rows_opened(self, weights: np.ndarray, rows: np.ndarray | None = None) -> tuple:
        """For ``_union``: ``weights`` (one per shared row, or per row of ``rows`` when
        given: the others weigh 0), those rows' blocks and previous users, and where each
        row stops counting (the same for every length)."""
        block, prev = self.block, self.prev
        if rows is not None:
            block, prev = block[rows], prev[rows]
        closing = np.bincount(block + 1, weights=weights, minlength=self.n + 1)
        return weights, block, prev, closing

    def runs(self, candidates: list[int], title: int | None) -> RunCohesion | None:
        """Every run of one to ``longest`` consecutive ``candidates`` (story blocks), its
        cosine with the rest set against the typical block's (the median candidate alone);
        None when the typical block shares nothing. Block 0 is never part of a run.

        The sums over rows are taken length by length; the cosines of all runs at once."""
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
            # hi - lo is length + 1 for every run: the sums for every start block at once,
            # column by column along shifted slices, then read at the runs' (same order of
            # additions as run by run).
            within = self.within
            local = sum(within[j : j + n, length + 1 - j] for j in range(length + 2))[lo]
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
        typical = median(rest[:singles])
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
        return RunCohesion(start, start + length - 1, rest / typical, link, bridge, toward)

    def subject(self) -> int:
        """How many story blocks hold the story's most used rare term (IDF OWN_IDF or more,
        not a piece of a web address): the name a story is about is in most of its blocks."""
        rare = self.w2 >= OWN_IDF**2
        parts = [self.table.words[p] for p in ADDRESS_PARTS if p in self.table.words]
        if parts:
            rare[np.searchsorted(self.table.term_ids(), parts)] = False
        return int(self.users[rare].max()) if rare.any() else 0

    def names_rare(self, first: int, last: int, least: int) -> bool:
        """Does the run hold a rare term (IDF OWN_IDF or more) that ``least`` story blocks
        outside it hold?"""
        table, users, w2 = self.table, self.users, self.w2
        held: dict[int, int] = {}
        for k in range(first, last + 1):
            for t in table.content_of(k):
                held[t] = held.get(t, 0) + 1
        least_w2 = OWN_IDF**2
        return any(users[t] - c >= least and w2[t] >= least_w2 for t, c in held.items())

    def own(self, first: int, last: int) -> tuple[int, bool]:
        """How many terms of IDF OWN_IDF or more the run repeats (twice or more in its
        blocks together) and the rest of the story never uses (all their users within the
        run and its neighbours), and whether every block of the run holds one another
        block of the run holds too (one block: whether it holds one). A run sweeping in a
        story block beside an item holds a block without."""
        table = self.table
        content = table.content()
        counts: dict[int, int] = {}
        held = []
        for k in range(first, last + 1):
            rows = table.rows_of(k)
            rows = rows[content[rows]]
            terms = table.row_terms[rows].tolist()
            held.append(set(terms))
            for t, c in zip(terms, table.row_counts[rows].tolist(), strict=True):
                counts[t] = counts.get(t, 0) + c
        least, low, high, w2 = OWN_IDF**2, self.low, self.high, self.w2
        own = {
            t
            for t, c in counts.items()
            if c >= 2 and w2[t] >= least and low[t] >= first - 1 and high[t] <= last + 1
        }
        parts = [table.words[p] for p in ADDRESS_PARTS if p in table.words]
        if parts:
            ids = table.term_ids()
            own -= set(np.searchsorted(ids, parts).tolist())
        blocks = [own & h for h in held]
        if len(blocks) == 1:
            return len(own), bool(blocks[0])
        every = all(
            any(mine & other for j, other in enumerate(blocks) if j != k)
            for k, mine in enumerate(blocks)
        )
        return len(own), every


class Ties:
    """Which way a story block beside a pasted item leans: toward the item or the story.

    An item pasted whole may hold a paragraph that shares few words with the rest of it;
    the story beside it goes on with the story's names, the item's own paragraph with the
    item's. Cosines as everywhere here (terms weighted by IDF, presence only), over content
    terms (sets of dense numbers, ``TermTable.content_of``); only the few blocks compared
    are weighed, in Python: a block and an item hold tens of terms.
    """

    def __init__(self, table: TermTable, story: set[int]) -> None:
        self.table, self.story = table, story
        self.w2: dict[int, float] = {}

    def weigh(self, terms: set[int]) -> None:
        """Look up the squared IDF of those of ``terms`` not weighed yet."""
        new = np.fromiter(terms.difference(self.w2), dtype=np.int64)
        if len(new):
            first = np.searchsorted(self.table.row_terms, new)
            weights = squared_idf(self.table.row_ids.take(first))
            self.w2.update(zip(new.tolist(), weights.tolist(), strict=True))

    def cosine(self, mine: set[int], other: set[int]) -> float:
        """The cosine of two sets of weighed terms."""
        w2 = self.w2
        size = sum(map(w2.__getitem__, mine)) * sum(map(w2.__getitem__, other))
        if size <= 0:
            return 0.0
        return sum(map(w2.__getitem__, mine & other)) / size**0.5

    def own(self, k: int, shared: set[int]) -> int:
        """How many of ``shared`` (weighed terms of block ``k``) are rare (IDF OWN_IDF or
        more) and used by no other story block."""
        least, w2 = OWN_IDF**2, self.w2
        rare = np.fromiter((t for t in shared if w2[t] >= least), dtype=np.int64)
        table, story = self.table, self.story
        low = np.searchsorted(table.row_terms, rare, "left").tolist()
        high = np.searchsorted(table.row_terms, rare, "right").tolist()
        blocks = table.row_blocks
        return sum(
            not any(u != k and u in story for u in blocks[a:b].tolist())
            for a, b in zip(low, high, strict=True)
        )
