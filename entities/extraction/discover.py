"""Discover names the knowledge base does not know yet.

Two back ends behind one interface:

- a character CRF (python-crfsuite) trained by ``tools/train_ner.py`` into
  ``var/models/`` (``msra.crfsuite`` for PER/LOC/ORG, ``cluener.crfsuite`` for
  CLUENER's ten types). Known-entity matches are passed in as features, so the
  model leans on the KB where it has an opinion;
- when no trained model is present, jieba's POS tagger (``jieba.posseg``, whose
  HMM and dictionary ship inside the ``jieba`` package): ``nr``/``nrfg``/``nrt``
  are people, ``ns`` places, ``nt`` organisations, ``nz`` other proper nouns.
  Weaker (F1 about 0.5 on MSRA), but it needs nothing but the installed package.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jieba
import jieba.posseg
import pycrfsuite

from .features import FEATURE_VERSION, sentence_features
from .matcher import Match, Matcher
from .normalise import normalise_text
from .tagging import tags_to_spans

__all__ = ["DEFAULT_MODEL_DIR", "KIND_OF_LABEL", "Candidate", "Discoverer"]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "var" / "models"

# Model labels -> knowledge-base kinds; labels not listed (CLUENER's position)
# are not entities and are dropped.
KIND_OF_LABEL: dict[str, str] = {
    "PER": "person",
    "LOC": "place",
    "ORG": "organisation",
    "name": "person",
    "address": "place",
    "scene": "place",
    "company": "organisation",
    "organization": "organisation",
    "government": "organisation",
    "game": "product",
    "book": "work",
    "movie": "work",
}
_POSSEG_LABELS = {
    "nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG", "nz": "nz",
}
_POSSEG_CONFIDENCE = {"PER": 0.5, "LOC": 0.5, "ORG": 0.5, "nz": 0.3}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible entity name; ``label`` is the model's own label, ``kind`` ours."""

    start: int
    end: int
    surface: str
    kind: str
    confidence: float
    label: str = ""


class Discoverer:
    """Finds candidate names with a trained CRF, or jieba.posseg as a fallback."""

    def __init__(
        self,
        tagger: pycrfsuite.Tagger | None = None,
        meta: dict[str, object] | None = None,
        matcher: Matcher | None = None,
    ) -> None:
        self._tagger = tagger
        self.meta: dict[str, object] = meta or {}
        self._matcher = matcher
        self.name = f"crf:{self.meta.get('scheme', '?')}" if tagger else "jieba.posseg"

    @classmethod
    def load(
        cls,
        model_dir: Path | None = None,
        *,
        scheme: str = "msra",
        matcher: Matcher | None = None,
    ) -> Discoverer:
        """Load ``<model_dir>/<scheme>.crfsuite``; fall back to jieba.posseg if absent.

        ``matcher`` supplies KB features when ``find`` is not given known matches.
        """
        if model_dir is not None:
            model = Path(model_dir) / f"{scheme}.crfsuite"
            meta_path = Path(f"{model}.json")
            if model.is_file() and meta_path.is_file():
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if meta.get("feature_version") == FEATURE_VERSION:
                    tagger = pycrfsuite.Tagger()
                    tagger.open(str(model))
                    return cls(tagger, meta, matcher)
        return cls(None, None, matcher)

    @property
    def is_fallback(self) -> bool:
        return self._tagger is None

    def find(self, text: str, known: Sequence[Match] | None = None) -> list[Candidate]:
        """Candidate names in ``text`` with offsets into ``text``."""
        if not text.strip():
            return []
        if self._tagger is None:
            return _posseg_candidates(text)
        if known is None and self._matcher is not None and self.meta.get("kb_features"):
            known = self._matcher.find(text)
        spans = [(m.start, m.end, m.kind) for m in known or ()]
        return self._crf_candidates(text, spans)

    def _crf_candidates(
        self, text: str, known: Sequence[tuple[int, int, str]]
    ) -> list[Candidate]:
        tagger = self._tagger
        assert tagger is not None
        tagger.set(sentence_features(text, known if self.meta.get("kb_features") else ()))
        tags = tagger.tag()
        found: list[Candidate] = []
        for start, end, label in tags_to_spans(tags):
            kind = KIND_OF_LABEL.get(label)
            if kind is None:
                continue
            confidence = min(
                tagger.marginal(tags[i], i) for i in range(start, end)
            )
            found.append(
                Candidate(start, end, text[start:end], kind, round(confidence, 3), label)
            )
        return found


def _posseg_candidates(text: str) -> list[Candidate]:
    jieba.setLogLevel(60)
    found: list[Candidate] = []
    offset = 0
    for pair in jieba.posseg.cut(normalise_text(text)):
        start, offset = offset, offset + len(pair.word)
        label = _POSSEG_LABELS.get(pair.flag)
        if label is None:
            continue
        kind = KIND_OF_LABEL.get(label, "product")
        surface = text[start:offset]
        found.append(Candidate(start, offset, surface, kind, _POSSEG_CONFIDENCE[label], label))
    return found
