"""Tune the optional MSRA CRF on a held-out slice of MSRA *train* (never test).

    .venv/bin/python benchmarks/crf_dev.py --shared ../shared cache
    .venv/bin/python benchmarks/crf_dev.py --shared ../shared train --train 12000 --c1 0.05

``cache`` tags every MSRA train sentence with LAC and the discoverer's rule votes
once (the slow part of featurising) into ``var/cache/``; ``train`` trains on the
first ``--train`` sentences of the rest and scores the last ``DEV`` sentences of
MSRA train twice: the CRF's own tags, and through the discoverer as
``eval_ner.py`` scores MSRA test (coarse PER/LOC/ORG, exact spans). With
``--holdout`` crfsuite also scores the slice's tags after every iteration (``curve``:
entity-tag F1 every tenth iteration). ``tools/train_ner.py --stack-cache`` trains the
full model from the same cache, without running LAC again.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pycrfsuite

from extraction import Discoverer
from extraction.corpora import read_bio
from extraction.discover import rule_spans, rule_votes
from extraction.features import FEATURE_VERSION, sentence_features
from extraction.kb import known_names, load_shipped
from extraction.lac import shared_tagger
from extraction.matcher import Matcher
from extraction.tagging import spans_to_tags, tags_to_spans
from extraction.training import LAC_GROUP

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_ner import SHARED_DEFAULT, prf, score_coarse

DEV = 3000  # the last sentences of MSRA train, never trained on here
CACHE = Path("var/cache/msra_train_stack.pkl")


def _sentences(shared: Path) -> list:
    return list(read_bio(shared / "data" / "ner" / "msra" / "msra_train_bio.txt.gz"))


def cache(shared: Path) -> None:
    sentences = _sentences(shared)
    tagger = shared_tagger()
    out = []
    it = iter(sentences)
    started = time.perf_counter()
    while group := list(islice(it, LAC_GROUP)):
        for sentence, words in zip(group, tagger.tag([s.text for s in group]), strict=True):
            out.append((list(words), rule_spans(rule_votes(sentence.text, words)[0])))
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"cached {len(out)} sentences in {time.perf_counter() - started:.0f}s")


def train(args: argparse.Namespace) -> None:
    sentences = _sentences(args.shared)
    stacked = pickle.loads(CACHE.read_bytes())
    dev_from = len(sentences) - DEV
    chosen = range(min(args.train, dev_from) if args.train else dev_from)
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for i in chosen:
        s = sentences[i]
        words, rules = stacked[i]
        trainer.append(sentence_features(s.text, (), words, rules),
                       spans_to_tags(len(s.text), s.spans))
    if args.holdout:  # crfsuite scores the dev slice's tags after every iteration
        for i in range(dev_from, len(sentences)):
            s = sentences[i]
            words, rules = stacked[i]
            trainer.append(sentence_features(s.text, (), words, rules),
                           spans_to_tags(len(s.text), s.spans), 1)
    featurised = time.perf_counter() - started
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.minfreq": args.min_freq,
                        "feature.possible_transitions": True})
    model = Path("var/dev") / f"{args.name}.crfsuite"
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model), holdout=1 if args.holdout else -1)
    seconds = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu
    meta = {"scheme": "msra", "feature_version": FEATURE_VERSION, "kb_features": False,
            "lac_features": True, "rule_features": True}
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    # The CRF's own tags on the dev slice.
    tp: Counter[str] = Counter()
    pred: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    dev = [sentences[i] for i in range(dev_from, len(sentences))]
    for k, s in enumerate(dev):
        words, rules = stacked[dev_from + k]
        found = set(tags_to_spans(tagger.tag(
            sentence_features(s.text, (), words, rules))))
        expected = set(s.spans)
        for span in found:
            pred[span[2]] += 1
            tp[span[2]] += span in expected
        for span in expected:
            gold[span[2]] += 1
    crf_alone = prf(sum(tp.values()), sum(pred.values()), sum(gold.values()))
    kb = load_shipped()
    discoverer = Discoverer(tagger, meta, Matcher.build(known_names(kb)))
    counts, _, _ = score_coarse(discoverer, dev, {"PER": "PER", "LOC": "LOC", "ORG": "ORG"})
    total = prf(*(sum(c[k] for c in counts.values()) for k in range(3)))
    row = {"name": args.name, "train": len(chosen),
           "c1": args.c1, "c2": args.c2,
           "iterations": args.iterations, "min_freq": args.min_freq,
           "crf_alone_f1": round(crf_alone[2], 4),
           "discoverer": {"P": round(total[0], 4), "R": round(total[1], 4),
                          "F1": round(total[2], 4)},
           "by_label": {label: [round(x, 3) for x in prf(*counts[label])]
                        for label in sorted(counts)},
           "featurise_s": round(featurised), "wall_s": round(seconds), "cpu_s": round(cpu),
           "model_bytes": model.stat().st_size, "iterations_run": len(trainer.logparser.iterations)}
    if args.holdout:
        row["curve"] = _curve(trainer.logparser.iterations)
    print(json.dumps(row))
    with open("var/dev/results.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")


def _curve(iterations: list[dict]) -> dict[int, float]:
    """Tag-level F1 of the entity tags (every label but O) on the holdout, every
    tenth iteration: how far the L-BFGS run still was from converging."""
    curve = {}
    for it in iterations:
        if it["num"] % 10 and it is not iterations[-1]:
            continue
        scores = [v for k, v in it["scores"].items() if k != "O"]
        match = sum(v.match for v in scores)
        curve[it["num"]] = round(prf(match, sum(v.model for v in scores),
                                     sum(v.ref for v in scores))[2], 4)
    return curve


def errors(args: argparse.Namespace) -> None:
    """Where the dev slice's organisations go wrong through the discoverer: missed
    outright, found with other edges (a longer or shorter span), or with another kind."""
    sentences = _sentences(args.shared)
    dev = sentences[len(sentences) - DEV:]
    model = Path("var/dev") / f"{args.name}.crfsuite"
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    discoverer = Discoverer(tagger, {"scheme": "msra", "lac_features": True,
                                     "rule_features": True},
                            Matcher.build(known_names(load_shipped())))
    kinds = {"person": "PER", "place": "LOC", "organisation": "ORG"}
    outcome: Counter[str] = Counter()
    lengths: Counter[str] = Counter()
    for s in dev:
        found = [(c.start, c.end, kinds.get(c.kind, "-")) for c in discoverer.find(s.text)]
        for start, end, label in s.spans:
            if label != "ORG":
                continue
            size = "long" if end - start >= 6 else "short"
            if (start, end, "ORG") in found:
                outcome["right"] += 1
                lengths[size + " right"] += 1
                continue
            lengths[size + " wrong"] += 1
            over = [f for f in found if f[0] < end and start < f[1]]
            if any((f[0], f[1]) == (start, end) for f in over):
                outcome["other kind"] += 1
            elif any(f[2] == "ORG" and f[0] <= start and end <= f[1] for f in over):
                outcome["inside a longer ORG"] += 1
            elif any(f[2] == "ORG" for f in over):
                outcome["ORG cut short or shifted"] += 1
            elif over:
                outcome["only parts of other kinds (e.g. its place)"] += 1
            else:
                outcome["missed"] += 1
    print(args.name, dict(outcome), dict(lengths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    parser.add_argument("command", choices=("cache", "train", "errors"))
    parser.add_argument("--name", default="dev")
    parser.add_argument("--train", type=int, default=0, help="0: all but the dev slice")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--min-freq", type=int, default=2)
    parser.add_argument("--holdout", action="store_true",
                        help="score the dev slice's tags every iteration (a curve)")
    args = parser.parse_args()
    if args.command == "cache":
        cache(args.shared)
    elif args.command == "errors":
        errors(args)
    else:
        train(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
