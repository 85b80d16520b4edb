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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .model import Recollection

SHINGLE = 3
# Bottom-k sketch: a block's fingerprint is the simhash of its k smallest
# shingle hashes. That bounds the cost for huge blocks and stays stable under
# small edits, because a local edit changes few of the k minima.
SKETCH = 255  # < 256: the bit counts are summed in byte lanes (see _simhash)
_MASK64 = (1 << 64) - 1
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
# Characters hashed per batch in fingerprints(): bounds the working arrays
# (a dozen 8-byte entries a character) whatever the article's size.
_BATCH_CHARS = 1 << 16


def normalise(text: str) -> str:
    """Fold width, case, whitespace and punctuation so trivial variants match."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


def _simhash(norms: list[str]) -> list[int]:
    """Unsigned simhash of each non-empty normalised text, all blocks in one pass.

    A shingle is three code points (21 bits each) packed into one 63-bit key, so
    distinct shingles get distinct hashes; a text shorter than a shingle is one
    key. Per block: distinct hashes, the SKETCH smallest, then a majority vote
    per bit. Vectorised with numpy: the per-shingle work never runs as Python.
    """
    lengths = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms))
    codes = np.frombuffer("".join(norms).encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(
        np.uint64
    )
    total = len(codes)
    codes = np.concatenate([codes, np.zeros(SHINGLE - 1, dtype=np.uint64)])
    block = np.repeat(np.arange(len(norms)), lengths)
    starts = np.cumsum(lengths) - lengths
    offset = np.arange(total) - starts[block]
    size = lengths[block]
    keep = (offset + SHINGLE <= size) | (offset == 0)
    key = codes[:total].copy()
    for k in range(1, SHINGLE):
        key |= (codes[k : total + k] * (offset + k < size)) << np.uint64(21 * k)
    hashes, block = _fmix64(key[keep]), block[keep]
    # Distinct hashes per block, ascending: sort by hash, then stably by block
    # (a radix sort on 16-bit ids), and drop repeats.
    order = np.argsort(hashes)
    ids = block[order].astype(np.uint16 if len(norms) <= 1 << 16 else np.int64)
    order = order[np.argsort(ids, kind="stable")]
    hashes, block = hashes[order], block[order]
    fresh = np.ones(len(hashes), dtype=bool)
    fresh[1:] = (hashes[1:] != hashes[:-1]) | (block[1:] != block[:-1])
    hashes, block = hashes[fresh], block[fresh]
    first = np.searchsorted(block, np.arange(len(norms)))
    in_sketch = np.arange(len(hashes)) - first[block] < SKETCH
    hashes, block = hashes[in_sketch], block[in_sketch]
    first = np.searchsorted(block, np.arange(len(norms)))
    counts = np.diff(np.append(first, len(hashes)))
    # One byte per bit of each hash; summing those rows as eight 64-bit words adds
    # the 64 byte lanes side by side, exact while a count stays below 256.
    lanes = np.unpackbits(hashes.astype("<u8").view(np.uint8), bitorder="little").view("<u8")
    votes = np.add.reduceat(lanes.reshape(-1, 8), first, axis=0).view(np.uint8)
    majority = votes.reshape(-1, 64).astype(np.int64) * 2 > counts[:, None]
    packed = np.packbits(majority, axis=1, bitorder="little").view("<u8").ravel()
    return packed.tolist()


def _to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


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
    out = [0] * len(texts)
    batch: list[str] = []
    where: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        norm = known.get(text)
        if norm is None:
            norm = normalise(text)
        if not norm:
            continue
        # Boilerplate recurs with other numbers in it (dates, counters, issue
        # numbers): every run of digits hashes as one "0".
        norm = _DIGITS.sub("0", norm)
        batch.append(norm)
        where.append(i)
        size += len(norm)
        if size >= _BATCH_CHARS:
            for j, value in zip(where, _simhash(batch), strict=True):
                out[j] = _to_signed(value)
            batch, where, size = [], [], 0
    if batch:
        for j, value in zip(where, _simhash(batch), strict=True):
            out[j] = _to_signed(value)
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
