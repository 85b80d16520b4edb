"""The coarse CLUENER scoring of ``benchmarks/eval_ner.py`` (issue #14's review)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from extraction.corpora import LabelledSentence

_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_ner.py"


def _eval_ner():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_ner", _SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_found_spans_on_dropped_types_only_are_left_out() -> None:
    eval_ner = _eval_ner()
    coarse = eval_ner.COARSE_OF_CLUENER
    # 我读了晨星周报，也见了县长王力。: a book, a position and a name
    sentence = LabelledSentence("我读了晨星周报，也见了县长王力。",
                                ((3, 7, "book"), (11, 13, "position"), (13, 15, "name")))
    assert eval_ner.in_dropped_only((3, 7, "ORG"), sentence, coarse)  # on the book
    assert eval_ner.in_dropped_only((11, 12, "LOC"), sentence, coarse)  # inside the position
    assert not eval_ner.in_dropped_only((12, 15, "PER"), sentence, coarse)  # on the name too
    assert not eval_ner.in_dropped_only((0, 1, "PER"), sentence, coarse)  # on nothing: spurious
    assert {"position", "book", "game", "movie"}.isdisjoint(coarse)
