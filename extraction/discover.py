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
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jieba
import jieba.posseg
import pycrfsuite

from .features import FEATURE_VERSION, sentence_features
from .kb import STARTER_KB, known_names, load_kb
from .matcher import Match, Matcher
from .normalise import normalise_text
from .tagging import tags_to_spans

__all__ = ["DEFAULT_MODEL_DIR", "KIND_OF_LABEL", "OTHER", "Candidate", "Discoverer"]

OTHER = "other"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "var" / "models"

# Model labels -> knowledge-base kinds. Labels not listed (CLUENER's position)
# are not entities: their candidates get the kind "other", which :func:`extract`
# drops but an evaluation still counts.
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
# Longer spans than any the training data has: run-on lists the CRF glued together.
_MAX_SPAN: dict[str, int] = {"PER": 15, "LOC": 20, "name": 15}
_MAX_SPAN_DEFAULT = 40
_POSSEG_LABELS = {
    "nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG", "nz": "nz",
}
_POSSEG_CONFIDENCE = {"PER": 0.6, "LOC": 0.6, "ORG": 0.6, "nz": 0.4}


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
        # crfsuite's tagger holds the current sequence between set() and marginal().
        self._lock = threading.Lock()
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

        ``matcher`` supplies KB features when ``find`` is not given known matches;
        a model trained with KB features gets one built from the starter KB if
        none is passed.
        """
        if model_dir is not None:
            model = Path(model_dir) / f"{scheme}.crfsuite"
            meta_path = Path(f"{model}.json")
            if model.is_file() and meta_path.is_file():
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if meta.get("feature_version") == FEATURE_VERSION:
                    if meta.get("kb_features") and matcher is None and STARTER_KB.is_file():
                        matcher = Matcher.build(known_names(load_kb(STARTER_KB)))
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
        features = sentence_features(text, known if self.meta.get("kb_features") else ())
        found: list[Candidate] = []
        with self._lock:
            tagger.set(features)
            tags = tagger.tag()
            spans = [
                (start, end, label, min(tagger.marginal(tags[i], i) for i in range(start, end)))
                for start, end, label in tags_to_spans(tags)
            ]
        for start, end, label, confidence in spans:
            kind = KIND_OF_LABEL.get(label, OTHER)
            if end - start > _MAX_SPAN.get(label, _MAX_SPAN_DEFAULT):
                continue
            found.append(
                Candidate(start, end, text[start:end], kind, round(confidence, 3), label)
            )
        return found


def _posseg_candidates(text: str) -> list[Candidate]:
    """Proper nouns from jieba.posseg.

    Words its HMM found outside its dictionary (new names such as ``柯亮``) get a
    higher confidence than dictionary words, whose ``nr``/``ns`` tags are noisy
    (``明白`` is ``nr``); :func:`.junk.is_junk` later drops common words.
    """
    jieba.setLogLevel(60)
    jieba.initialize()
    dictionary = jieba.dt.FREQ
    found: list[Candidate] = []
    offset = 0
    for pair in jieba.posseg.cut(normalise_text(text)):
        start, offset = offset, offset + len(pair.word)
        label = _POSSEG_LABELS.get(pair.flag)
        if label is None:
            continue
        confidence = _POSSEG_CONFIDENCE[label]
        if dictionary.get(pair.word, 0) > 0:
            confidence /= 2
        kind = KIND_OF_LABEL.get(label, "product")
        surface = text[start:offset]
        found.append(Candidate(start, offset, surface, kind, confidence, label))
    return found
