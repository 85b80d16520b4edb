"""Readers for the two labelled NER formats we train and evaluate on.

The corpora themselves are never part of the repository (no licence); these
functions only read files a caller points at.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .tagging import tags_to_spans

__all__ = ["CLUENER_TYPES", "LabelledSentence", "read_bio", "read_cluener"]

CLUENER_TYPES = (
    "address", "book", "company", "game", "government",
    "movie", "name", "organization", "position", "scene",
)


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """A sentence and its gold spans ``(start, end_exclusive, label)``."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


def read_bio(path: Path) -> Iterator[LabelledSentence]:
    """MSRA-style ``char<TAB>tag`` lines, blank line between sentences (``.gz`` ok)."""
    opener = gzip.open if path.suffix == ".gz" else open
    chars: list[str] = []
    tags: list[str] = []
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                if chars:
                    yield LabelledSentence("".join(chars), tuple(tags_to_spans(tags)))
                    chars, tags = [], []
                continue
            char, _, tag = line.partition("\t")
            chars.append(char[:1] or " ")
            tags.append(tag.strip() or "O")
    if chars:
        yield LabelledSentence("".join(chars), tuple(tags_to_spans(tags)))


def read_cluener(path: Path) -> Iterator[LabelledSentence]:
    """CLUENER JSON lines; its inclusive ends become exclusive ones."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            spans = [
                (start, end + 1, label)
                for label, by_text in record.get("label", {}).items()
                for positions in by_text.values()
                for start, end in positions
            ]
            spans.sort()
            yield LabelledSentence(record["text"], tuple(spans))
