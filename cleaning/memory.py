"""Simhash fingerprints and the reference block memory.

A fingerprint lets the database recognise a block it has seen before even
after small edits (a changed date, a different punctuation mark), which is
how a source's recurring boilerplate and an editor's past overrides come back
to the checker. 64-bit simhash over character shingles, stored signed so it
fits a PostgreSQL bigint; four 16-bit bands give an exact-match index for
near-duplicates (hamming <= 3 implies one shared band, by pigeonhole).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress

import numpy as np

from .codes import code_points, text_of
from .model import Recollection
from .vocabulary import changes

SHINGLE = 3
# Bottom-k sketch: a block's fingerprint is the simhash of its k smallest
# shingle hashes. That bounds the cost for huge blocks and stays stable under
# small edits, because a local edit changes few of the k minima.
SKETCH = 255  # < 256: the bit counts are summed in byte lanes (see _simhash)
_MASK64 = (1 << 64) - 1
# Everything but letters and digits (str.isalnum): whitespace is already \W, and
# leaving \s out of the class makes the scan a third faster.
_DROP = re.compile(r"[\W_]+")


def _simd_sorts() -> bool:
    """Whether numpy's quicksort of 64-bit integers is its vectorised one on this CPU
    (x86-simd-sort, dispatched on AVX2 and AVX-512): the SIMD extensions numpy reports it
    found, read once through its public ``show_config`` (a numpy that reports none:
    False, the scalar quicksort)."""
    try:
        simd = np.show_config(mode="dicts")["SIMD Extensions"]
    except (TypeError, KeyError):
        return False
    found = {*simd.get("baseline", ()), *simd.get("found", ())}
    # numpy 2.4 names the x86-64 levels (V3: AVX2, V4: AVX-512); older ones the features.
    return not found.isdisjoint({"X86_V3", "X86_V4", "AVX2", "AVX512_SKX"})


# Shingles a block holds on average, below which _simhash sorts its keys by merging the
# blocks' runs (a timsort). Against numpy's scalar quicksort, timed on blocks of random
# Han shingles, the stable sort takes 0.43 of its time at 50 a block, 0.84 at 1,000, the
# same at 3,000, 1.45 at 10,000. The vectorised quicksort beats both at every size: on
# 20,000 such shingles, 50 to 10,000 a block, 87-98 us with AVX-512 and 194-216 us with
# AVX2 alone, the merge 340-910 us; on the seed's 10,387, 47 us and 105 us, the merge
# 200 us (the fingerprints are the same whichever sorts).
_MERGED_RUNS = 0 if _simd_sorts() else 2000
# Characters hashed per batch in fingerprints(): bounds the working arrays
# (a dozen 8-byte entries a character) whatever the article's size.
_BATCH_CHARS = 1 << 16


# Between texts in normalise_all(): a control character that composes with nothing,
# that no character folds to, and that articles hardly ever hold.
_SEAM = "\x00"


def normalise(text: str) -> str:
    """Fold width, case, whitespace and punctuation so trivial variants match."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def normalise_all(texts: Sequence[str]) -> list[str]:
    """``normalise()`` of each text, in one pass over the texts joined by a seam.

    The seam is a starter that composes with nothing, so NFKC and case folding
    of the joined texts are those of each text, joined: one call per document
    instead of three per block.
    """
    joined = _SEAM.join(texts)
    if joined.count(_SEAM) == len(texts) - 1:  # no text holds the seam itself
        nfkc = unicodedata.normalize("NFKC", joined)
        codes = code_points(nfkc)
        folded = _casefold(codes)
        if folded is None:
            folded = code_points(nfkc.casefold())
        # _DROP with numpy: keep the letters, digits and seams.
        parts = text_of(folded[_alnum(folded) | (folded == ord(_SEAM))]).split(_SEAM)
        if len(parts) == len(texts):
            return parts
    return [normalise(t) for t in texts]


# str.casefold() of each BMP character that folds to one character (a character that
# folds to several, as "ß" to "ss", maps to 0): case folding is character by
# character, without context, so a table folds a whole array of code points at once.
_CASEFOLD: np.ndarray | None = None


def _casefold(codes: np.ndarray) -> np.ndarray | None:
    """``str.casefold()`` of the code points, or None where a character folds to several
    or lies past the BMP (str.casefold() then folds them: a table is five times faster)."""
    global _CASEFOLD
    if _CASEFOLD is None:
        table = np.arange(0x10000, dtype=np.uint32)
        for c in range(0x10000):
            folded = chr(c).casefold()
            if folded != chr(c):
                table[c] = ord(folded) if len(folded) == 1 else 0
        _CASEFOLD = table
    if len(codes) and int(codes.max()) > 0xFFFF:
        return None
    folded = _CASEFOLD.take(codes)
    if not folded.all():  # 0: a character that folds to several (or the seam itself)
        zero = folded == 0
        if not (codes[zero] == 0).all():
            return None
    return folded


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


_LANES = np.uint64(0x0101010101010101)


def _sorted_by_block(
    hashes: np.ndarray, block: np.ndarray, blocks: int
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes and their block numbers ordered by block, then by hash."""
    if blocks <= 1 << 16:
        # One sort: the block number above the hash's top 48 bits. Exact unless two
        # different hashes of a block share those bits (about once in 10^9 articles).
        composite = block.astype(np.uint64) << np.uint64(48) | hashes >> np.uint64(16)
        # numpy's default sort (vectorised in numpy 2) takes half the time of its merge
        # sort here, though the keys come in sorted runs (block by block). Ties are
        # equal hashes or a clash, so the order among them never shows.
        order = np.argsort(composite)
        composite, ordered = composite[order], hashes[order]
        clash = (composite[1:] == composite[:-1]) & (ordered[1:] != ordered[:-1])
        if not clash.any():  # the block numbers are the sorted keys' top bits
            return ordered, (composite >> np.uint64(48)).astype(block.dtype)
    # By hash, then stably by block (a radix sort where block numbers fit 16 bits).
    order = np.argsort(hashes)
    ids = block[order].astype(np.uint16 if blocks <= 1 << 16 else np.int64)
    order = order[np.argsort(ids, kind="stable")]
    return hashes[order], block[order]


class _CodePointTest:
    """A ``str`` predicate over arrays of code points: a table of the BMP, built on
    first use (a few ms per process), and the few astral code points one by one."""

    __slots__ = ("_table", "_test")

    def __init__(self, test: Callable[[str], bool]) -> None:
        self._test = test
        self._table: np.ndarray | None = None

    def __call__(self, codes: np.ndarray) -> np.ndarray:
        if self._table is None:
            self._table = np.fromiter(map(self._test, map(chr, range(0x10000))), bool, 0x10000)
        # take(mode="clip") reads code points past the BMP as U+FFFF, which passes
        # neither test (the same as indexing by np.minimum(codes, 0xFFFF), at half the cost).
        out = self._table.take(codes, mode="clip")
        astral = codes > 0xFFFF
        if astral.any():
            for c in np.unique(codes[astral]).tolist():
                if self._test(chr(c)):
                    out |= codes == c
        return out


# re's \d is exactly str.isdecimal(); [\W_] is exactly "not str.isalnum()".
_decimal = _CodePointTest(str.isdecimal)
_alnum = _CodePointTest(str.isalnum)


def _simhash(norms: list[str]) -> list[int]:
    """Simhash of each non-empty normalised text as a signed int64, all blocks in one pass.

    A shingle is three code points (21 bits each) packed into one 63-bit key, so
    distinct shingles get distinct hashes; a text shorter than a shingle is one
    key. Per block: distinct hashes, the SKETCH smallest, then a majority vote
    per bit. Vectorised with numpy: the per-shingle work never runs as Python.
    Every run of digits counts as one "0" (``re.sub(r"\\d+", "0", norm)``).
    """
    n = len(norms)
    # The texts laid end to end, each followed by SHINGLE - 1 zeros (a normalised text
    # holds letters and digits only): a shingle that would run past its text's end
    # reads zeros there, as the key of a short text does, and no run of digits spans
    # two texts.
    gap = "\0" * (SHINGLE - 1)
    codes = code_points(gap.join(norms) + gap)
    digit = _decimal(codes)
    if digit.any():
        run_goes_on = np.zeros(len(codes), dtype=bool)
        np.logical_and(digit[1:], digit[:-1], out=run_goes_on[1:])
        codes = np.where(digit, np.uint32(ord("0")), codes)[~run_goes_on]
    filled = codes != 0
    opens = filled.copy()  # a text's first character
    opens[1:] &= ~filled[:-1]
    # A shingle starts at each character with SHINGLE - 1 more of its text after it,
    # and at each text's start.
    keep = filled[:-2] & (filled[2:] | opens[:-2])
    block = np.cumsum(opens[:-2], dtype=np.uint64) - np.uint64(1)
    c = codes.astype(np.uint64)
    if n <= 1 << 16 and int(codes.max()) < 1 << 16:
        # Code points of the BMP: a shingle and its block fit one 64-bit word exactly
        # (16 bits each), so one plain sort (no argsort, no gathers) orders the
        # shingles by block and drops the repeated ones before they are hashed.
        packed = c[:-2] << np.uint64(32) | c[1:-1] << np.uint64(16) | c[2:]
        packed = (block << np.uint64(48) | packed)[keep]
        # Blocks come in order, so the keys are sorted runs of a block each: numpy's
        # stable sort (a timsort) merges them, faster than its quicksort while blocks are
        # short (the same values either way: only the time differs).
        packed.sort(kind="stable" if len(packed) < _MERGED_RUNS * n else "quicksort")
        packed = packed[changes(packed)]
        block = packed >> np.uint64(48)
        key = (
            packed >> np.uint64(32) & _LOW16
            | (packed >> np.uint64(16) & _LOW16) << np.uint64(21)
            | (packed & _LOW16) << np.uint64(42)
        )
        hashes = _fmix64(key)
        first = np.searchsorted(block, np.arange(n, dtype=np.uint64))
        counts = np.diff(np.append(first, len(hashes)))
        if counts.max(initial=0) > SKETCH:
            hashes, block, first, counts = _sketch(hashes, block, n)
    else:
        key = (c[:-2] | c[1:-1] << np.uint64(21) | c[2:] << np.uint64(42))[keep]
        hashes, block = _sorted_by_block(_fmix64(key), block[keep], n)
        fresh = changes(hashes) | changes(block)
        hashes, block, first, counts = _sketch(hashes[fresh], block[fresh], n)
    # Bit k of every byte, moved into byte lanes of a 64-bit word: summing the words
    # of a block adds eight bit counts side by side, exact while a count stays
    # below 256. Eight such sums (one reduceat over eight rows) give all 64 counts.
    votes = np.add.reduceat((hashes >> _BIT_OF_BYTE) & _LANES, first, axis=1).T.copy()
    # votes[block, k] byte j counts bit 8j + k.
    by_bit = votes.view(np.uint8).reshape(-1, 8, 8).transpose(0, 2, 1)
    # More than half: 2x > c is x > c // 2 (counts stay below 256, in bytes as the votes).
    half = (counts // 2).astype(np.uint8)
    majority = (by_bit > half[:, None, None]).reshape(-1, 64)
    packed_bits = np.packbits(majority, axis=1, bitorder="little").view("<i8").ravel()
    return packed_bits.tolist()


_LOW16 = np.uint64(0xFFFF)
_BIT_OF_BYTE = np.arange(8, dtype=np.uint64)[:, None]


def _sketch(
    hashes: np.ndarray, block: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The SKETCH smallest of each block's distinct hashes, ordered by block then hash,
    with each block's first index and count."""
    hashes, block = _sorted_by_block(hashes, block, n)
    first = np.searchsorted(block, np.arange(n, dtype=block.dtype))
    runs = np.diff(np.append(first, len(hashes)))
    in_sketch = np.arange(len(hashes)) - np.repeat(first, runs) < SKETCH
    hashes, block = hashes[in_sketch], block[in_sketch]
    first = np.searchsorted(block, np.arange(n, dtype=block.dtype))
    return hashes, block, first, np.diff(np.append(first, len(hashes)))


def _to_unsigned(value: int) -> int:
    return value & _MASK64


def fingerprints(texts: Sequence[str], normalised: Mapping[str, str] | None = None) -> list[int]:
    """Signed int64 simhash of each text's normalised character shingles (0 for none).

    Digit runs are folded to one character first, so blocks that differ only in
    their numbers share a fingerprint.

    Stable across processes and platforms (no ``hash()``): the values are stored
    in the database. ``normalised`` may map texts to their ``normalise()``.
    """
    known = normalised or {}
    found = list(map(known.get, texts))
    if None in found:
        pairs = zip(texts, found, strict=True)
        found = [normalise(t) if norm is None else norm for t, norm in pairs]
    where = list(compress(range(len(found)), found))  # the texts with a normalised form
    norms = found if len(where) == len(found) else [found[i] for i in where]
    # Boilerplate recurs with other numbers in it (dates, counters, issue numbers):
    # _simhash hashes every run of digits as one "0".
    if sum(map(len, norms)) < _BATCH_CHARS:  # one batch (most documents), or none
        values = _simhash(norms) if norms else []
        if len(norms) == len(texts):
            return values
        out = [0] * len(texts)
        for j, value in zip(where, values, strict=True):
            out[j] = value
        return out
    out = [0] * len(texts)
    first = size = 0
    for k, norm in enumerate(norms):
        size += len(norm)
        if size >= _BATCH_CHARS or k == len(norms) - 1:
            for j, value in zip(where[first : k + 1], _simhash(norms[first : k + 1]), strict=True):
                out[j] = value
            first, size = k + 1, 0
    return out


def fingerprint(text: str) -> int:
    """The fingerprint of one text (see ``fingerprints``)."""
    return fingerprints([text])[0]


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two fingerprints (signed or not)."""
    return (_to_unsigned(a) ^ _to_unsigned(b)).bit_count()


def bands(fp: int) -> tuple[int, int, int, int]:
    """Four 16-bit bands, high to low; index these for near-duplicate lookup."""
    u = _to_unsigned(fp)
    return ((u >> 48) & 0xFFFF, (u >> 32) & 0xFFFF, (u >> 16) & 0xFFFF, u & 0xFFFF)


NEAR = 3


@dataclass(slots=True)
class InMemoryBlockMemory:
    """Reference BlockMemory for tests and offline analysis.

    ``add`` records that an article of a source holds a block; ``recall``
    answers for the article set with ``scoped`` (other articles of the same
    source), or across everything remembered when unscoped.
    """

    _seen: dict[int, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    _band_index: dict[tuple[int, int], set[int]] = field(default_factory=lambda: defaultdict(set))
    _editor: dict[int, tuple[str, str]] = field(default_factory=dict)
    source: str | None = None
    article_id: str | None = None

    def add(self, source: str, article_id: object, fingerprint: int) -> None:
        self._seen[fingerprint].add((source, str(article_id)))
        self._index(fingerprint)

    def set_editor_kind(self, fingerprint: int, kind: str, reason: str) -> None:
        self._editor[fingerprint] = (kind, reason)
        self._index(fingerprint)

    def scoped(self, source: str, article_id: object) -> InMemoryBlockMemory:
        """A view that counts only *other* articles of ``source``."""
        view = InMemoryBlockMemory(source=source, article_id=str(article_id))
        view._seen, view._band_index, view._editor = self._seen, self._band_index, self._editor
        return view

    def _index(self, fp: int) -> None:
        for pos, band in enumerate(bands(fp)):
            self._band_index[(pos, band)].add(fp)

    def _near(self, fp: int) -> set[int]:
        found: set[int] = set()
        for pos, band in enumerate(bands(fp)):
            for other in self._band_index.get((pos, band), ()):
                if hamming(fp, other) <= NEAR:
                    found.add(other)
        return found

    def recall(self, fingerprints: Sequence[int]) -> Mapping[int, Recollection]:
        answers: dict[int, Recollection] = {}
        for fp in set(fingerprints):
            articles: set[tuple[str, str]] = set()
            editor: tuple[str, str] | None = None
            for other in sorted(self._near(fp), key=lambda o: hamming(fp, o)):
                articles |= self._seen.get(other, set())
                if editor is None and other in self._editor:
                    editor = self._editor[other]
            if self.source is not None:
                articles = {a for a in articles if a[0] == self.source and a[1] != self.article_id}
            if articles or editor:
                answers[fp] = Recollection(
                    articles_seen=len(articles),
                    editor_kind=editor[0] if editor else None,
                    editor_reason=editor[1] if editor else None,
                )
        return answers
