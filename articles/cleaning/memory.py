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
from itertools import chain, repeat
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
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise(text: str) -> str:
    """Fold width, case, whitespace and punctuation so trivial variants match."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _hash64(piece: str) -> int:
    data = piece.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) | (zlib.crc32(data, _SEED) << 32)


_SEED = 0x9E3779B9
_U32 = "I" if array("I").itemsize == 4 else "L"


# The column vote (for each of the 64 bits, how many of a block's shingle hashes
# have it set) runs on big ints instead of per hash and per bit: the hashes are
# laid side by side in one integer X (8 bytes each); (X >> k) & 0x0101..01 keeps
# bit k of every byte, so byte j of each 8-byte word holds bit 8j+k of one hash.
# The eight masked copies sit in eight blocks of one integer Z, each block P words
# wide (P a power of two >= the number of hashes); halving every block log2(P)
# times (low half + high half) adds its words together, leaving in word 0 of
# block k one count byte per j (no carries while a count stays below 256, hence
# at most 255 hashes per vote).
_CHUNK = 255
_WORDS = (1 << 64) - 1
_ONES = [int.from_bytes(b"\x01" * 8 * n, "little") for n in range(_CHUNK + 1)]
# Pack: with flag bits at 64k + 8j, multiplying by sum(2**(64(7-m) + m)) moves
# each flag to bit 448 + 8j + k (the other products land outside those 64 bits
# and never collide, so nothing carries into them).
_PACK = sum(1 << (64 * (7 - m) + m) for m in range(8))


def _bit_counts(hashes: list[int]) -> list[bytes]:
    """counts[k][j] = number of hashes with bit 8j+k set (len(hashes) <= 255)."""
    data = array("Q", hashes)
    if _BIG_ENDIAN:
        data.byteswap()
    x = int.from_bytes(data.tobytes(), "little")
    ones = _ONES[len(hashes)]
    return [(((x >> k) & ones) % _WORDS).to_bytes(8, "little") for k in range(8)]


def _vote(x: int, n: int) -> int:
    """The majority bits of ``n`` (< 255) hashes laid side by side in ``x``."""
    ones = _ONES[n]
    w = _WORDS
    # Word k of ``counts`` holds the count bytes of bits 8j + k. Counts stay below
    # 255, so the modulo adds the words up exactly (no carry, no wrap to 0).
    counts = (
        (x & ones) % w
        | ((x >> 1) & ones) % w << 64
        | ((x >> 2) & ones) % w << 128
        | ((x >> 3) & ones) % w << 192
        | ((x >> 4) & ones) % w << 256
        | ((x >> 5) & ones) % w << 320
        | ((x >> 6) & ones) % w << 384
        | ((x >> 7) & ones) % w << 448
    )
    flags = int.from_bytes(counts.to_bytes(64, "little").translate(_AT_LEAST[n // 2 + 1]), "little")
    return ((flags * _PACK) >> 448) & _MASK64


def _majority(hashes: list[int]) -> int:
    """64-bit int whose bit p is set when more than half of ``hashes`` have bit p set."""
    n = len(hashes)
    if 0 < n < _CHUNK:
        data = array("Q", hashes)
        if _BIG_ENDIAN:
            data.byteswap()
        return _vote(int.from_bytes(data, "little"), n)
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


def _pieces(norm: str) -> set[bytes]:
    """The distinct UTF-8 shingles of a normalised text (the whole text if shorter)."""
    if len(norm) <= SHINGLE:
        return {norm.encode("utf-8", "surrogatepass")}
    if norm.isascii():
        data = norm.encode("ascii")
        return {data[i : i + SHINGLE] for i in range(len(data) - SHINGLE + 1)}
    if _SURROGATE.search(norm):
        return {
            norm[i : i + SHINGLE].encode("utf-8", "surrogatepass")
            for i in range(len(norm) - SHINGLE + 1)
        }
    # Without lone surrogates the strict codec gives the same bytes, a little faster.
    return {norm[i : i + SHINGLE].encode() for i in range(len(norm) - SHINGLE + 1)}


def _sketch(pieces: set[bytes]) -> int:
    """Simhash of the bottom-k hashes (any number of shingles)."""
    crc = zlib.crc32
    # Everything per shingle runs as C-level map chains (no Python bytecode per item).
    hashes = list(
        map(or_, map(crc, pieces), map(lshift, map(crc, pieces, repeat(_SEED)), repeat(32)))
    )
    if len(hashes) > SKETCH:
        hashes.sort()
        del hashes[SKETCH:]
    return _majority(hashes)


# _BIT[k] maps a byte to its bit k (0 or 1).
_BIT = [bytes((v >> k) & 1 for v in range(256)) for k in range(8)]
# Hashes voted on per batch in fingerprints(): bounds the 64-bytes-per-hash buffer
# (kept small enough to be reused by the allocator rather than mapped afresh).
_BATCH = 1 << 10


_LOW_WORDS = [(1 << (512 * n)) - 1 for n in range(33)]  # masks of n 512-bit words (~34 KB)


def _fold_plan(n: int) -> tuple[tuple[int, int | None], ...]:
    """(shift, mask) per halving of an n-word (512-bit words) integer down to one word.

    Masks wider than 32 words are built when used rather than kept around.
    """
    steps: list[tuple[int, int | None]] = []
    while n > 1:
        n = (n + 1) // 2
        steps.append((512 * n, _LOW_WORDS[n] if n < len(_LOW_WORDS) else None))
    return tuple(steps)


_FOLDS = [_fold_plan(n) for n in range(_CHUNK)]


def _vote_batch(blocks: list[set[bytes]]) -> list[int]:
    """_majority of each block's hashes (each block 1..254 shingles), batched.

    The hashes of all blocks are computed in two C-level passes (low and high
    CRC half, laid out as array("Q") would) and then spread bit by bit, again in
    C: hash m becomes 64 bytes where byte 8k + j is bit 8j + k. A block's counts
    are then the bytewise sum of its 64-byte words, which folding the block's
    integer in halves adds up in a few big-int operations (counts stay below
    255, so no byte carries into the next).
    """
    crc = zlib.crc32
    flat = list(chain.from_iterable(blocks))
    total = len(flat)
    words = array(_U32, bytes(8 * total))
    words[0::2] = array(_U32, map(crc, flat))
    words[1::2] = array(_U32, map(crc, flat, repeat(_SEED)))
    if _BIG_ENDIAN:
        words.byteswap()
    data = words.tobytes()
    spread = array("Q", bytes(64 * total))
    for k in range(8):
        spread[k::8] = array("Q", data.translate(_BIT[k]))
    raw = memoryview(spread).cast("B")
    out = []
    pos = 0
    for pieces in blocks:
        n = len(pieces)
        y = int.from_bytes(raw[pos : pos + 64 * n], "little")
        pos += 64 * n
        for shift, mask in _FOLDS[n]:
            y = (y & (mask or (1 << shift) - 1)) + (y >> shift)
        flags = int.from_bytes(y.to_bytes(64, "little").translate(_AT_LEAST[n // 2 + 1]), "little")
        out.append(((flags * _PACK) >> 448) & _MASK64)
    raw.release()
    return out


def fingerprints(texts: Sequence[str], normalised: Mapping[str, str] | None = None) -> list[int]:
    """``[fingerprint(t) for t in texts]``, with the per-shingle work batched.

    ``normalised`` may map texts to their ``normalise()`` already computed.
    """
    known = normalised or {}
    out = [0] * len(texts)
    batch: list[set[bytes]] = []
    where: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        norm = known.get(text)
        if norm is None:
            norm = normalise(text)
        if not norm:
            continue
        pieces = _pieces(norm)
        if len(pieces) >= _CHUNK:
            out[i] = _to_signed(_sketch(pieces))
            continue
        batch.append(pieces)
        where.append(i)
        size += len(pieces)
        if size >= _BATCH:
            for j, value in zip(where, _vote_batch(batch), strict=True):
                out[j] = _to_signed(value)
            batch, where, size = [], [], 0
    if batch:
        for j, value in zip(where, _vote_batch(batch), strict=True):
            out[j] = _to_signed(value)
    return out


def fingerprint(text: str) -> int:
    """Signed int64 simhash of the normalised text's character shingles.

    Stable across processes and versions (zlib.crc32 over UTF-8 bytes, no
    ``hash()``): the values are stored in the database.
    """
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
