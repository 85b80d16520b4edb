"""Train a character CRF (python-crfsuite) from labelled sentences.

Kept apart from the command line in ``tools/train_ner.py`` so a test can run the
same code on a few synthetic sentences.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

import pycrfsuite

from .corpora import LabelledSentence
from .discover import rule_spans, rule_votes
from .features import FEATURE_VERSION, sentence_features
from .lac import Word, shared_tagger
from .tagging import spans_to_tags

__all__ = ["LAC_GROUP", "KnownSpans", "train_crf"]

LAC_GROUP = 64  # sentences LAC tags together when features are built for training

KnownSpans = Callable[[str], Sequence[tuple[int, int, str]]]


def train_crf(
    sentences: Iterable[LabelledSentence],
    model_path: Path,
    *,
    scheme: str,
    known_spans: KnownSpans | None = None,
    algorithm: str = "lbfgs",
    max_iterations: int = 100,
    c1: float = 0.05,
    c2: float = 0.01,
    min_freq: int = 1,
    lac_features: bool = True,
    rule_features: bool = True,
    stacked: Sequence[tuple[Sequence[Word], Sequence[tuple[int, int, str]]]] | None = None,
    verbose: bool = False,
) -> dict[str, object]:
    """Train and write ``model_path`` plus ``<model_path>.json`` metadata; return it.

    ``lac_features`` stacks the model on LAC (see :func:`.features.lac_tags`): the
    sentences are tagged by LAC in groups of ``LAC_GROUP``, as a story's blocks are.
    ``rule_features`` (with LAC) stacks it on the discoverer's rule votes too (see
    :func:`.discover.rule_votes`), so the CRF learns which of them the corpus agrees with.

    ``stacked`` gives every sentence's LAC words and rule spans computed before (in
    order; ``benchmarks/crf_dev.py cache``), so that a retraining skips LAC.

    ``lbfgs`` uses elastic-net regularisation (``c1``, ``c2``); ``l2sgd`` (SGD,
    ``c2`` only, ``max_iterations`` epochs) gets close in far fewer passes.
    """
    started = time.perf_counter()
    cpu_started = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=verbose)
    chars = 0
    count = 0
    labels: set[str] = set()
    for k, (sentence, words) in enumerate(_with_lac(sentences, lac_features, stacked)):
        known = known_spans(sentence.text) if known_spans else ()
        tags = spans_to_tags(len(sentence.text), sentence.spans)
        rules = None
        if rule_features and words is not None:
            rules = (stacked[k][1] if stacked is not None
                     else rule_spans(rule_votes(sentence.text, words)[0]))
        trainer.append(sentence_features(sentence.text, known, words, rules), tags)
        labels.update(tag.partition("-")[2] for tag in tags if tag != "O")
        chars += len(sentence.text)
        count += 1
    featurised = time.perf_counter() - started
    params: dict[str, object] = {
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.minfreq": min_freq,
        "feature.possible_transitions": True,
    }
    if algorithm == "lbfgs":
        params["c1"] = c1
    trainer.set_params(params)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    meta: dict[str, object] = {
        "scheme": scheme,
        "algorithm": algorithm,
        "labels": sorted(labels),
        "feature_version": FEATURE_VERSION,
        "kb_features": known_spans is not None,
        "lac_features": lac_features,
        "rule_features": rule_features and lac_features,
        "sentences": count,
        "chars": chars,
        "max_iterations": max_iterations,
        "c1": c1,
        "c2": c2,
        "min_freq": min_freq,
        "featurise_seconds": round(featurised, 1),
        "train_seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu_started, 1),
        "iterations": len(trainer.logparser.iterations),
    }
    Path(f"{model_path}.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def _with_lac(
    sentences: Iterable[LabelledSentence], lac_features: bool,
    stacked: Sequence[tuple[Sequence[Word], object]] | None = None,
) -> Iterator[tuple[LabelledSentence, Sequence[Word] | None]]:
    """Each sentence with LAC's words (``None`` without LAC features)."""
    stream = iter(sentences)
    if not lac_features:
        for sentence in stream:
            yield sentence, None
        return
    if stacked is not None:
        for sentence, (words, _rules) in zip(stream, stacked, strict=True):
            yield sentence, words
        return
    tagger = shared_tagger()
    while group := list(islice(stream, LAC_GROUP)):
        yield from zip(group, tagger.tag([s.text for s in group]), strict=True)
