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
import sys
import unicodedata
import zlib
from array import array
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import lshift, or_

from .model import Recollection

SHINGLE = 3
# Bottom-k sketch: a block's fingerprint is the simhash of its k smallest
# shingle hashes. That bounds the cost for huge blocks and stays stable under
# small edits, because a local edit changes few of the k minima.
SKETCH = 256
_MASK64 = (1 << 64) - 1
_BIG_ENDIAN = sys.byteorder == "big"
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold width, case, whitespace and punctuation so trivial variants match."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _hash64(piece: str) -> int:
    data = piece.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) | (zlib.crc32(data, 0x9E3779B9) << 32)


# The column vote (for each of the 64 bits, how many of a block's shingle hashes
# have it set) runs on big ints instead of per hash and per bit: the hashes are
# laid side by side in one integer X (8 bytes each); (X >> k) & 0x0101..01 keeps
# bit k of every byte, and reducing that modulo 2**64 - 1 adds the 8-byte words
# together, so byte j of the result counts bit 8j+k over all hashes (no carries
# while a count stays below 256, hence chunks of at most 255 hashes).
_CHUNK = 255
_WORDS = (1 << 64) - 1
_ONES = [int.from_bytes(b"\x01" * 8 * n, "little") for n in range(_CHUNK + 1)]


def _bit_counts(hashes: list[int]) -> list[bytes]:
    """counts[k][j] = number of hashes with bit 8j+k set (len(hashes) <= 255)."""
    data = array("Q", hashes)
    if _BIG_ENDIAN:
        data.byteswap()
    x = int.from_bytes(data.tobytes(), "little")
    ones = _ONES[len(hashes)]
    return [(((x >> k) & ones) % _WORDS).to_bytes(8, "little") for k in range(8)]


def _majority(hashes: list[int]) -> int:
    """64-bit int whose bit p is set when more than half of ``hashes`` have bit p set."""
    n = len(hashes)
    half = n / 2
    value = 0
    if n <= _CHUNK:
        need = n // 2 + 1
        table = bytes(1 if v >= need else 0 for v in range(256)) if need > 255 else _AT_LEAST[need]
        for k, counts in enumerate(_bit_counts(hashes)):
            value |= int.from_bytes(counts.translate(table), "little") << k
        return value
    totals = [[0] * 8 for _ in range(8)]
    for i in range(0, n, _CHUNK):
        for k, counts in enumerate(_bit_counts(hashes[i : i + _CHUNK])):
            row = totals[k]
            for j in range(8):
                row[j] += counts[j]
    for k in range(8):
        for j in range(8):
            if totals[k][j] > half:
                value |= 1 << (8 * j + k)
    return value


# _AT_LEAST[m] maps a count byte to 1 if it is >= m, else 0.
_AT_LEAST = [bytes(1 if v >= m else 0 for v in range(256)) for m in range(_CHUNK // 2 + 2)]


def _to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _to_unsigned(value: int) -> int:
    return value & _MASK64


def fingerprint(text: str) -> int:
    """Signed int64 simhash of the normalised text's character shingles.

    Stable across processes and versions (zlib.crc32 over UTF-8 bytes, no
    ``hash()``): the values are stored in the database.
    """
    norm = normalise(text)
    if not norm:
        return 0
    crc = zlib.crc32
    if len(norm) <= SHINGLE:
        pieces = {norm.encode("utf-8", "surrogatepass")}
    elif norm.isascii():
        data = norm.encode("ascii")
        pieces = {data[i : i + SHINGLE] for i in range(len(data) - SHINGLE + 1)}
    else:
        pieces = {
            norm[i : i + SHINGLE].encode("utf-8", "surrogatepass")
            for i in range(len(norm) - SHINGLE + 1)
        }
    # Everything per shingle runs as C-level map chains (no Python bytecode per item).
    hashes = list(
        map(or_, map(crc, pieces), map(lshift, map(crc, pieces, repeat(0x9E3779B9)), repeat(32)))
    )
    if len(hashes) > SKETCH:
        hashes.sort()
        del hashes[SKETCH:]
    value = _majority(hashes)
    return _to_signed(value)


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
