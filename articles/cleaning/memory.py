"""Simhash fingerprints and the reference block memory.

A fingerprint lets the database recognise a block it has seen before even
after small edits (a changed date, a different punctuation mark), which is
how a source's recurring boilerplate and an editor's past overrides come back
to the checker. 64-bit simhash over character shingles, stored signed so it
fits a PostgreSQL bigint; four 16-bit bands give an exact-match index for
near-duplicates (hamming <= 3 implies one shared band, by pigeonhole).
"""

from __future__ import annotations

import heapq
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .model import Recollection

SHINGLE = 3
# Bottom-k sketch: a block's fingerprint is the simhash of its k smallest
# shingle hashes. That bounds the cost for huge blocks and stays stable under
# small edits, because a local edit changes few of the k minima.
SKETCH = 256
_MASK64 = (1 << 64) - 1
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold width, case, whitespace and punctuation so trivial variants match."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _hash64(piece: str) -> int:
    data = piece.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) | (zlib.crc32(data, 0x9E3779B9) << 32)


def _to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _to_unsigned(value: int) -> int:
    return value & _MASK64


def fingerprint(text: str) -> int:
    """Signed int64 simhash of the normalised text's character shingles."""
    norm = normalise(text)
    if not norm:
        return 0
    if len(norm) <= SHINGLE:
        shingles = {norm}
    else:
        shingles = {norm[i : i + SHINGLE] for i in range(len(norm) - SHINGLE + 1)}
    hashes = [_hash64(s) for s in shingles]
    if len(hashes) > SKETCH:
        hashes = heapq.nsmallest(SKETCH, hashes)
    columns = zip(*(format(h, "064b") for h in hashes), strict=True)
    half = len(hashes) / 2
    bits = "".join("1" if col.count("1") > half else "0" for col in columns)
    return _to_signed(int(bits, 2))


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
    _band_index: dict[tuple[int, int], set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )
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
                articles = {
                    a for a in articles if a[0] == self.source and a[1] != self.article_id
                }
            if articles or editor:
                answers[fp] = Recollection(
                    articles_seen=len(articles),
                    editor_kind=editor[0] if editor else None,
                    editor_reason=editor[1] if editor else None,
                )
        return answers
