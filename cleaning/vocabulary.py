"""A document's vocabulary as integer ids, for the document-relative signals.

Whether a block talks about something the story does not is a question about
set overlaps between every block's terms and the story's. Asked with Python
sets of strings, that costs one string object per Han bigram; here every term
is an integer (a bigram packs its two code points) and the overlaps for all
blocks are a few whole-array operations, recomputed cheaply each time the
story's blocks (the reference) change.

A term is what ``signals.terms`` yields: every Han character bigram, every Han
character standing alone, and every lower-cased Latin word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import count
from typing import NamedTuple

import numpy as np

from .codes import code_points

# A Latin word: two or more characters, starting with a letter, ending in a letter or
# digit. (An alternative "|[A-Za-z]{2,}" once here could never match first, and
# its presence made every scan three times slower.)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]")
_HAN_LO, _HAN_HI = 0x4E00, 0x9FFF
# Ids: a lone Han character is its code point (< 2**21), a bigram packs two
# (< 2**42), a word counts up from 2**42: every id fits in 43 bits.
_WORD_BASE = 1 << 42
_ID_BITS = 43


def _han_terms(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each Han term of ``text`` starts, its id (text order), which characters are Han."""
    return _han_terms_of(code_points(text))


def _han_terms_of(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_han_terms`` of the text whose code points are ``codes`` (``code_points``: uint32,
    read as they are; only the terms' own code points are widened to pack ids)."""
    # Han flags with a False either side: each character's neighbours' flags are views.
    flags = np.zeros(len(codes) + 2, dtype=bool)
    han, nxt, prev = flags[1:-1], flags[2:], flags[:-2]
    # Below the first Han code point, the difference wraps round to a large unsigned one.
    np.less(codes - np.uint32(_HAN_LO), _HAN_HI - _HAN_LO + 1, out=han)
    # A term starts at a Han character followed by one (a bigram) or standing alone.
    at = np.flatnonzero(han & (nxt | ~prev))
    first = codes.take(at).astype(np.int64)
    # The next character, read only where a bigram starts (never past the end there).
    follower = codes.take(at + 1, mode="clip").astype(np.int64)
    return at, np.where(nxt.take(at), first << 21 | follower, first), han


# WORD's classes by code point: 1 a letter (a word's first character), 2 a digit, 3 an
# apostrophe or hyphen (inside a word only), 0 no part of a word. All are ASCII but "’".
_LETTER, _DIGIT, _JOINER = 1, 2, 3
_QUOTE = ord("’")
_WORD_CLASS = np.zeros(_QUOTE + 1, dtype=np.uint8)
_WORD_CLASS[[*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1)]] = _LETTER
_WORD_CLASS[ord("0") : ord("9") + 1] = _DIGIT
_WORD_CLASS[[ord("'"), ord("’"), ord("-")]] = _JOINER


def _word_spans(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each WORD match of the text whose code points are ``codes`` starts and ends,
    in text order: read off the code points, where a regex scan tests every character.

    A match lies within a run of WORD's characters (letters, digits, joiners), and each
    run holds one at most: from its first letter to its last letter or digit, when that
    comes later (the greedy middle takes the run, the end backs off to a letter or digit;
    after it only joiners are left, and no letter starts a match)."""
    at = ((codes < 128) | (codes == _QUOTE)).nonzero()[0]  # few in Chinese text
    kind = _WORD_CLASS[codes[at]]
    inside = kind != 0
    at, kind = at[inside], kind[inside]
    if not len(at):
        return at, at
    # Each character's run (numbered from 0): a run goes on where the next code point does.
    opens = np.empty(len(at), dtype=bool)
    opens[0] = True
    np.not_equal(at[1:], at[:-1] + 1, out=opens[1:])
    run = opens.cumsum()
    # The first letter of each run holding one ...
    letter = kind == _LETTER
    letter_run = run[letter]
    first = changes(letter_run)
    starts, start_run = at[letter][first], letter_run[first]
    # ... and the last letter or digit of each run holding one (every run with a letter).
    alnum = kind != _JOINER
    alnum_run = run[alnum]
    last = np.empty(len(alnum_run), dtype=bool)
    last[-1:] = True
    np.not_equal(alnum_run[1:], alnum_run[:-1], out=last[:-1])
    ends = at[alnum][last][alnum_run[last].searchsorted(start_run)]
    found = ends > starts
    return starts[found], ends[found] + 1


def term_set(text: str) -> set[int | str]:
    """``set(signals.terms(text))`` with each Han term as its integer id: the same
    sizes of sets, intersections and unions, without a string per bigram."""
    found: set[int | str] = set(_han_terms(text)[1].tolist())
    found.update(map(str.lower, WORD.findall(text)))
    return found


def sums_per_text(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``values`` (one per character of texts laid end to end) summed over each text."""
    running = np.concatenate([[0], np.cumsum(values)])
    return running[starts + lengths] - running[starts]


def changes(values: np.ndarray) -> np.ndarray:
    """True where a sorted array's value differs from the one before (and at 0)."""
    out = np.empty(len(values), dtype=bool)
    out[:1] = True
    np.not_equal(values[1:], values[:-1], out=out[1:])
    return out


def _pairs(
    ids: np.ndarray, blocks: np.ndarray, n: int, *, packed: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (id, block) pairs sorted by id then block, and how often each occurs.

    Packed into one int64 (an id takes 43 bits) while the block numbers fit the
    other 20: one plain sort. Past a million blocks, a two-key sort.
    """
    width = max(n - 1, 1).bit_length()
    if packed and width <= 63 - _ID_BITS:
        keys = np.sort(ids << width | blocks)
        at = np.flatnonzero(changes(keys))
        distinct = keys[at]
        pair_ids, pair_blocks = distinct >> width, distinct & ((1 << width) - 1)
    else:
        order = np.lexsort((blocks, ids))
        sorted_ids, sorted_blocks = ids[order], blocks[order]
        at = np.flatnonzero(changes(sorted_ids) | changes(sorted_blocks))
        pair_ids, pair_blocks = sorted_ids[at], sorted_blocks[at]
    return pair_ids, pair_blocks, np.diff(np.append(at, len(ids)))


class TermTable:
    """Every block's distinct terms, with how often each occurs in the block.

    ``han`` is every block's number of Han characters, a by-product.
    """

    __slots__ = (
        "_block",
        "_by_block",
        "_content",
        "_content_counts",
        "_count",
        "_elsewhere",
        "_id",
        "_in_ref",
        "_key",
        "_names",
        "_reference",
        "_rows",
        "_term",
        "_terms",
        "_texts",
        "_users",
        "distinct",
        "han",
        "total",
        "words",
    )

    def __init__(
        self, texts: Sequence[str], joined: tuple[str, np.ndarray] | None = None
    ) -> None:
        """``joined``: the texts joined by newlines and its code points, when the caller
        has them."""
        n = len(texts)
        self._texts = texts
        if joined is None:
            whole = "\n".join(texts)
            codes = code_points(whole)
        else:
            whole, codes = joined
        at, han_ids, han = _han_terms_of(codes)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        starts = np.cumsum(lengths + 1) - lengths - 1
        self.han = sums_per_text(han, starts, lengths).tolist()
        # Each character's block (a separator counted with the block before it): one
        # gather instead of a binary search per term.
        block_of = np.repeat(np.arange(n, dtype=np.int32), lengths + 1)
        han_blocks = block_of.take(at)
        # Latin words, found in the code points already read, ids handed out in C by
        # setdefault in order of first occurrence.
        self.words: dict[str, int] = {}
        self._names: dict[int, str] | None = None  # words by id, built when first needed
        fresh = count(_WORD_BASE)
        word_at, word_end = _word_spans(codes)
        spans = map(slice, word_at.tolist(), word_end.tolist())
        tokens = map(str.lower, map(whole.__getitem__, spans))
        word_ids = np.fromiter(
            map(self.words.setdefault, tokens, fresh), dtype=np.int64, count=len(word_at)
        )
        word_blocks = block_of.take(word_at).astype(np.int64)
        ids = np.concatenate([han_ids, word_ids])
        blocks = np.concatenate([han_blocks, word_blocks])
        self.total = np.bincount(blocks, minlength=n)
        # One row per (term, block it occurs in), sorted by term: how often the term
        # occurs in the block, and a dense number for the term.
        self._id, self._block, occurrences = _pairs(ids, blocks, n)
        self._count = occurrences
        new_term = changes(self._id)
        self._term = np.cumsum(new_term) - 1
        self._terms = int(new_term.sum())
        self._by_block: np.ndarray | None = None  # rows in block order, when first needed
        self._rows: np.ndarray | None = None
        # The terms that make up a block's topic: repeated in it, and not a lone character.
        self._key = (occurrences >= 2) & (self._id >= 1 << 21)
        self.distinct = np.bincount(self._block, minlength=n)
        self._elsewhere = np.zeros(len(self._id), dtype=bool)
        # The last ``against``'s reference and, per term, the story blocks using it (not a
        # row-sized array: on a 2 MB page one costs megabytes, and a gather rebuilds it).
        self._reference: np.ndarray | None = None
        self._users: np.ndarray | None = None
        self._in_ref: np.ndarray | None = None  # the last reference, row by row
        self._content: np.ndarray | None = None  # content_terms(self._id), when first needed
        self._content_counts: np.ndarray | None = None  # content_counts(), when first asked

    # The rows, one per (term, block it occurs in), sorted by term: read-only views for
    # measures built on the table (``cohesion``).
    @property
    def row_ids(self) -> np.ndarray:
        """Each row's packed term id."""
        return self._id

    @property
    def row_blocks(self) -> np.ndarray:
        """Each row's block."""
        return self._block

    @property
    def row_terms(self) -> np.ndarray:
        """Each row's term, as its dense number (0 to ``term_count`` - 1)."""
        return self._term

    @property
    def row_counts(self) -> np.ndarray:
        """How often each row's term occurs in its block."""
        return self._count

    @property
    def term_count(self) -> int:
        """How many distinct terms the table holds."""
        return self._terms

    def term_ids(self) -> np.ndarray:
        """The packed id of every term, by dense number (sorted)."""
        return self._id[changes(self._id)]

    def content(self) -> np.ndarray:
        """``content_terms`` of every row's term (computed once)."""
        if self._content is None:
            self._content = content_terms(self._id)
        return self._content

    def against(self, reference: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per block: novelty, key novelty and absent key terms, given the story blocks.

        A term of a block is "seen elsewhere" when another story block uses it.
        Novelty is the share of a block's distinct terms not seen elsewhere; key
        novelty the same share among its key terms (0 where it has fewer than two
        key terms or fewer than two repeated terms).
        """
        n = len(self.distinct)
        in_ref = reference[self._block]
        users = np.bincount(self._term, weights=in_ref, minlength=self._terms)
        elsewhere = self._elsewhere = users[self._term] - in_ref >= 1
        self._reference, self._users, self._in_ref = reference, users, in_ref
        # Counts of flagged rows per block: an integer bincount of the flagged rows' blocks
        # (exact, as the flags summed as floats are, and half the cost).
        block = self._block
        seen = np.bincount(block[elsewhere], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            novelty = np.where(self.distinct > 0, (self.distinct - seen) / self.distinct, 0.0)
            keys = np.bincount(block[self._key], minlength=n)
            absent = np.bincount(block[self._key & ~elsewhere], minlength=n)
            topical = (keys >= 2) & (self.total - self.distinct >= 2)
            key = np.where(topical, absent / keys, 0.0)
        return novelty, key, np.where(topical, absent, 0).astype(np.int64)

    def runs(
        self,
        reference: np.ndarray,
        title: int | None,
        longest: int = 3,
        members: np.ndarray | None = None,
        margin: int = 1,
    ) -> Runs:
        """How the content terms (``content_terms``) of every run of one to ``longest``
        consecutive blocks tie it to the story blocks (``reference``: 1 for a story
        block) outside it and to the title block (``title``, if known). Runs are taken
        whole: an item of several paragraphs pasted into a story repeats its own words
        across its paragraphs, and only the words of the whole run tell its topic.

        Terms are counted once per run; "shared" means used by a story block outside
        the run and its two neighbours. ``worst`` is the run's highest share of a
        block's content terms so used, so that a story paragraph next to an item
        cannot hide in the item's run; ``loose`` counts the run's blocks that hold none of
        its repeated terms (every paragraph of an item talks about the item).

        ``members`` (a bool per block), if given, says which blocks may belong to a run
        at all: the figures of a run holding any other block are left incomplete.
        """
        return _runs(self, reference, title, longest, members, margin)

    def rows_of(self, i: int) -> np.ndarray:
        """The rows of block ``i`` (an index in block order, built when first needed)."""
        if self._by_block is None:
            n = len(self.distinct)
            # Block numbers as 16-bit keys where they fit: a radix sort.
            blocks = self._block.astype(np.uint16) if n <= 1 << 16 else self._block
            self._by_block = np.argsort(blocks, kind="stable")
            self._rows = np.searchsorted(
                self._block[self._by_block], np.arange(len(self.distinct) + 1)
            )
        return self._by_block[self._rows[i] : self._rows[i + 1]]

    def repeated_in(self, first: int, last: int) -> set[int]:
        """The content terms (dense numbers) occurring twice or more in blocks ``first``
        to ``last`` together: what that stretch of text is about."""
        rows = np.concatenate([self.rows_of(i) for i in range(first, last + 1)])
        rows = rows[self.content()[rows]]
        totals = np.bincount(self._term[rows], weights=self._count[rows])
        return set(np.flatnonzero(totals >= 2).tolist())

    def content_counts(self) -> np.ndarray:
        """Every block's number of distinct content terms (counted once: off_topic_blocks
        and cohesion_blocks both ask; read-only)."""
        if self._content_counts is None:
            counts = np.bincount(self._block[self.content()], minlength=len(self.distinct))
            counts.flags.writeable = False
            self._content_counts = counts
        return self._content_counts

    def naming(self, reference: np.ndarray, least: int) -> np.ndarray:
        """Per block: does it hold a content term that ``least`` story blocks
        (``reference``: 1 for a story block) other than itself use? Such a term is the
        story's subject.

        The counts of the last ``against`` serve when its reference was the same. Only the
        few terms that many story blocks use are looked at: their rows lie together (rows
        are sorted by term).
        """
        in_ref, users = self._counted(reference)
        out = np.zeros(len(self.distinct), dtype=bool)
        common = np.flatnonzero(users >= least)
        if not len(common):
            return out
        low = np.searchsorted(self._term, common, "left")
        high = np.searchsorted(self._term, common, "right")
        sizes = high - low
        rows = np.arange(int(sizes.sum())) + np.repeat(low - np.cumsum(sizes) + sizes, sizes)
        named = self.content()[rows] & (users[self._term[rows]] - in_ref[rows] >= least)
        out[self._block[rows[named]]] = True
        return out

    def _counted(self, reference: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each row's ``reference`` value, and per term the story blocks using it: those
        of the last ``against`` when its reference was the same (values and type)."""
        last = self._reference
        if (
            self._users is not None
            and last.dtype == reference.dtype
            and np.array_equal(last, reference)
        ):
            return self._in_ref, self._users
        in_ref = reference[self._block]
        return in_ref, np.bincount(self._term, weights=in_ref, minlength=self._terms)

    def content_of(self, i: int) -> set[int]:
        """Block ``i``'s content terms (dense numbers)."""
        rows = self.rows_of(i)
        return set(self._term[rows][self.content()[rows]].tolist())

    def absent_keys(self, i: int) -> list[str]:
        """Block ``i``'s key terms no other story block uses (as of the last ``against``).

        Most repeated first, ties in order of first occurrence.
        """
        rows = self.rows_of(i)
        wanted = self._key[rows] & ~self._elsewhere[rows]
        ids = self._id[rows][wanted].tolist()
        if not ids:
            return []
        counts = self._count[rows][wanted].tolist()
        if self._names is None and max(ids) >= _WORD_BASE:
            self._names = {v: k for k, v in self.words.items()}
        names = [
            chr(t >> 21) + chr(t & 0x1FFFFF) if t < _WORD_BASE else self._names[t] for t in ids
        ]
        # Ties go by first occurrence in terms() order: Han bigrams in text order (any
        # occurrence of two Han characters is a bigram), then words in text order.
        text = self._texts[i]
        words: list[str] | None = None
        first = []
        for t, name in zip(ids, names, strict=True):
            if t < _WORD_BASE:
                first.append(text.find(name))
            else:
                if words is None:
                    words = list(map(str.lower, WORD.findall(text)))
                first.append(len(text) + words.index(name))
        order = sorted(range(len(ids)), key=lambda k: (-counts[k], first[k]))
        return [names[k] for k in order]


# The most frequent Chinese function characters (particles, pronouns, copulas,
# prepositions, conjunctions, common measure words, date units). A bigram holding one
# ("的公", "司的", "在美") is glue between words, shared by any two texts on any topic,
# so it says nothing about whether two blocks talk about the same thing.
FUNCTION_CHARS = "的了是在和有也这为一不与就都而及其中之对个以到将从被把等并但还已年月日"
_FUNCTION_CODES = np.array(sorted(map(ord, FUNCTION_CHARS)), dtype=np.int64)
# A lookup table over the Han block (one past it: any other code point) says which code
# points are function characters: one indexing, where np.isin would sort.
_IS_FUNCTION = np.zeros(_HAN_HI + 2, dtype=bool)
_IS_FUNCTION[_FUNCTION_CODES] = True


def content_terms(ids: np.ndarray) -> np.ndarray:
    """Which term ids are content terms: a Latin word, or a Han bigram without a
    function character. Lone Han characters are left out (too common to tell topics)."""
    bigram = (ids >= 1 << 21) & (ids < _WORD_BASE)
    first = np.minimum(ids >> 21, _HAN_HI + 1)
    second = np.minimum(ids & 0x1FFFFF, _HAN_HI + 1)
    glue = _IS_FUNCTION[first] | _IS_FUNCTION[second]
    return (ids >= _WORD_BASE) | (bigram & ~glue)


class Runs(NamedTuple):
    """Runs of consecutive blocks, for ``TermTable.runs``: one entry per run."""

    start: np.ndarray
    length: np.ndarray
    content: np.ndarray  # distinct content terms of the run
    shared: np.ndarray  # ... used by a story block outside the run and its two neighbours
    repeated: np.ndarray  # ... occurring twice or more in the run
    repeated_shared: np.ndarray  # ... both
    titled: np.ndarray  # ... in the title block
    worst: np.ndarray  # the highest share of content terms so used, block by block
    loose: np.ndarray  # blocks of the run holding none of its repeated terms


def _term_blocks(table: TermTable, reach: int) -> np.ndarray:
    """Each row's term and block as one number, ``term * (blocks + reach + 1) + block``:
    increasing row by row (rows are sorted by term, then block), and two rows differ by
    ``reach`` or less exactly when they are of one term within ``reach`` blocks."""
    return table._term * (len(table.distinct) + reach + 1) + table._block


def _nearby(
    table: TermTable,
    rows: np.ndarray,
    in_ref: np.ndarray,
    reach: int,
    key: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``rows``, its term in the blocks up to ``reach`` before and after its
    own: running sums, over block offsets -reach..reach, of the story blocks using the
    term and of its occurrences (line k sums the offsets below k - reach; one column per
    row, so that the sums run along whole contiguous lines). ``key``: ``_term_blocks``.

    A term has one row per block, rows sorted by term then block: the rows of the same
    term within ``reach`` blocks are within ``reach`` rows.
    """
    if key is None:
        key = _term_blocks(table, reach)
    width, m = 2 * reach + 1, len(rows)
    # Every row and its neighbours up to ``reach`` rows either side, itself included, as
    # their offset in blocks where they are of its term (and far off where not). A
    # neighbour past either end is taken as the first or last row: a real row, so when it
    # is near, it is one of the row's neighbours anyway, written to the same cell twice.
    other = rows + np.arange(-reach, reach + 1)[:, None]
    delta = key.take(other, mode="clip") - key.take(rows)
    # Flat positions (one-dimensional indexing is the fast kind).
    found = np.flatnonzero(np.abs(delta) <= reach)
    neighbour = other.ravel().take(found)
    cell = (delta.ravel().take(found) + reach + 1) * m + found % m
    users = np.zeros((width + 1, m))
    occurs = np.zeros((width + 1, m))
    users.ravel()[cell] = in_ref.take(neighbour, mode="clip")
    occurs.ravel()[cell] = table._count.take(neighbour, mode="clip")
    # Summed line by line in place: each step runs along a whole contiguous line, where a
    # cumsum down axis 0 walks every column apart (the same additions, in the same order).
    for k in range(1, width + 1):
        users[k] += users[k - 1]
        occurs[k] += occurs[k - 1]
    return users, occurs


# An entry's flags as bits of its key (the key is its bits times the number of bins, plus
# its bin).
_SHARED, _REPEATED, _TITLED = 1, 2, 4


def _field_counts(keys: np.ndarray, size: int) -> np.ndarray:
    """Row k: how many entries fall in each of ``size`` bins and count for Runs' field k
    (content, shared, repeated, repeated_shared, titled), each entry's key being its flag
    bits (_SHARED, _REPEATED, _TITLED) times ``size`` plus its bin. One integer bincount of
    bits and bins together, laid out bit pattern by bit pattern, so that each field is a
    sum of whole contiguous lines: a bincount per field would subset the entries four
    times, and an integer matrix product walks every count five times in a slow loop."""
    # Axes: titled, repeated, shared, bin.
    by_bits = np.bincount(keys, minlength=8 * size).reshape(2, 2, 2, size)
    out = np.empty((5, size), dtype=np.int64)
    add = np.add.reduce
    untitled = add(by_bits, axis=0)  # axes: repeated, shared, bin
    add(untitled, axis=(0, 1), out=out[0])
    add(untitled[:, 1], axis=0, out=out[1])
    add(untitled[1], axis=0, out=out[2])
    out[3] = untitled[1, 1]
    add(by_bits[1], axis=(0, 1), out=out[4])
    return out


def _runs(
    table: TermTable,
    reference: np.ndarray,
    title: int | None,
    longest: int,
    members: np.ndarray | None,
    margin: int,
) -> Runs:
    """See ``TermTable.runs``. Every (row, run holding the row's block) pair is looked at
    once: linear in the document times ``longest`` squared.

    Most rows are of a term no other block within ``reach`` uses (a lone row): what
    such a row adds to a run does not depend on the run (counted once, shared when a
    story block anywhere else uses it, repeated when its block repeats it), so lone
    rows are summed per block once and their sums added to each run, and only the
    others are looked at run by run.
    """
    n = len(table.distinct)
    blocks, term = table._block, table._term
    in_ref, users = table._counted(reference)
    content = table.content()
    in_title = np.zeros(table._terms, dtype=bool)
    if title is not None:
        in_title[term[blocks == title]] = True
    rows_all = np.flatnonzero(content if members is None else content & members[blocks])
    reach = longest - 1 + margin
    # Rows sorted by term then block: a row's nearest rows of the same term are beside it.
    key = _term_blocks(table, reach)
    close = key[1:] - key[:-1] <= reach
    linked = np.zeros(len(term), dtype=bool)
    linked[1:] = close
    linked[:-1] |= close
    # (take and compress: what an integer or boolean index does, for less here; a gather
    # along axis 1 of a 2-D array, below, costs a third as much taken. A boolean index of a
    # mostly true mask stays one: it copies runs, where compress goes element by element.)
    is_linked = linked.take(rows_all)
    lone_rows = rows_all.compress(~is_linked)
    rows_all = rows_all.compress(is_linked)
    lone_term = term[lone_rows]
    lone_bits = (
        (users[lone_term] - in_ref[lone_rows] >= 1) * _SHARED
        | (table._count[lone_rows] >= 2) * _REPEATED
        | in_title[lone_term] * _TITLED
    )
    # Per block, rows of: content, shared, repeated, repeated_shared, titled (the order
    # of Runs' fields) counted over the block's lone rows.
    lone = _field_counts(lone_bits * n + blocks[lone_rows], n)
    lone_before = np.zeros((5, n + 1), dtype=np.int64)
    np.cumsum(lone, axis=1, out=lone_before[:, 1:])
    users_near, occurs_near = _nearby(table, rows_all, in_ref, reach, key)
    # Every (row, run holding its block) pair: the run of length ``length`` whose block
    # ``offset`` holds the row, shape by shape (a shape is a length and an offset). Within a
    # shape every figure of a row is read off whole lines of the running sums (one gather of
    # whole lines for every shape); pairs whose run would leave the document are dropped by
    # one mask.
    shapes = [(length, offset) for length in range(1, longest + 1) for offset in range(length)]
    run_counts = [max(n - length + 1, 0) for length in range(1, longest + 1)]
    run_base = np.cumsum([0, *run_counts])  # runs numbered length by length, start by start
    slot_base = np.cumsum([0, *(r * (k + 1) for k, r in enumerate(run_counts))])
    slots, total = int(slot_base[-1]), int(run_base[-1])
    row_block = blocks[rows_all]
    row_users = users[term[rows_all]]
    row_titled = in_title[term[rows_all]]
    # All shapes at once: line k of each (shape, row) array is shape k.
    length = np.array([k for k, _ in shapes])[:, None]
    offset = np.array([o for _, o in shapes])[:, None]
    start = row_block - offset
    # The run spans offsets -offset..length-1-offset, its margin one more each side:
    # lines ``low`` to ``high`` of the running sums are the run's.
    low = (reach - offset).ravel()
    high = low + length.ravel()
    all_shared = row_users - (users_near[high + margin] - users_near[low - margin]) >= 1
    all_repeated = occurs_near[high] - occurs_near[low] >= 2
    kept = (start >= 0) & (start <= n - length)
    # Count each term of the run once, at its first block in the run.
    first = kept & (occurs_near[reach] - occurs_near[low] == 0)
    bits = all_shared * _SHARED | all_repeated * _REPEATED
    # Block ``offset`` of the run starting at ``start`` is slot start * length + offset:
    # per slot, how many pairs fall in it with each pair of flags (shared, repeated): line
    # ``bits`` of ``by_bits``, so that the sums below run along whole contiguous lines.
    slot = bits * slots + (start * length + (slot_base[length - 1] + offset))
    by_bits = np.bincount(slot[kept], minlength=4 * slots).reshape(4, slots)
    # The five run figures (Runs' fields content..titled).
    at = (bits | row_titled * _TITLED) * total + (start + run_base[length - 1])
    per_run = _field_counts(at[first], total)
    if not total:
        return Runs(*(np.zeros(0) for _ in Runs._fields))
    # Every run at once, numbered length by length, start by start; its blocks are its
    # slots, start * length + offset within its length.
    lengths = np.arange(1, longest + 1)
    counts = np.array(run_counts, dtype=np.int64)
    run_length = np.repeat(lengths, counts)
    run_start = np.arange(total) - np.repeat(run_base[:-1], counts)
    summed = lone_before.take(run_start + run_length, axis=1) - lone_before.take(run_start, axis=1)
    fields = summed + per_run
    slot_first = np.repeat(slot_base[:-1], counts) + run_start * run_length
    slot_run = np.repeat(np.arange(total), run_length)
    slot_block = run_start[slot_run] + (np.arange(slots) - slot_first[slot_run])
    window = lone[:3].take(slot_block, axis=1)
    shared = by_bits[_SHARED] + by_bits[_SHARED | _REPEATED]
    per_block_shared = window[1] + shared
    per_block_content = window[0] + (shared + (by_bits[0] + by_bits[_REPEATED]))
    per_block_subject = window[2] + (by_bits[_REPEATED] + by_bits[_SHARED | _REPEATED])
    # (No block's share divides by 0, so no error state to set around it.)
    block_share = np.where(
        per_block_content > 0, per_block_shared / np.maximum(per_block_content, 1), 0.0
    )
    worst = np.maximum.reduceat(block_share, slot_first)
    loose = np.add.reduceat(per_block_subject == 0, slot_first, dtype=np.int64)
    return Runs(run_start, run_length, *fields, worst, loose)
