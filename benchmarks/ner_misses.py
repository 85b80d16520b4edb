"""The fresh-install discoverer's misses on a slice of MSRA or CLUENER *train*, grouped.

    .venv/bin/python benchmarks/ner_misses.py msra --slice a [--size 3000] [--show 8]
    .venv/bin/python benchmarks/ner_misses.py cluener --slice b

Reads the train splits only (never MSRA test or CLUENER dev, which only
``eval_ner.py`` reads). A slice is a fixed pseudo-random draw of ``--size``
sentences: ``a`` the first draw, ``b`` the next, so a rule tuned on one is
confirmed on the other. Scoring is eval_ner's coarse PER/LOC/ORG on exact spans (found
spans on CLUENER's dropped types only left out, as there).

Each gold name the discoverer did not find exactly is a *miss* (nothing found
over it), a *boundary* error (a candidate overlaps it with other edges) or a
*label* error (same span, other kind). Errors are grouped by label and the shape of the name
(its last characters, or the length of a person's name) and by LAC's reading of
it, largest groups first, with examples, so that a rule fixes a whole class.
The other side, names found where the corpus has none, is ``ner_errors.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_ner import COARSE_OF_CLUENER, COARSE_OF_KIND, SHARED_DEFAULT, in_dropped_only, prf
from ner_errors import read_train

from extraction import Discoverer
from extraction.lac import shared_tagger

SEED = 14  # the draw is fixed: slices never overlap and never change between runs


def load_slice(shared: Path, corpus: str, part: str, size: int) -> list:
    sentences = read_train(shared, corpus)
    gold_map = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"} if corpus == "msra" else COARSE_OF_CLUENER
    order = list(range(len(sentences)))
    random.Random(SEED).shuffle(order)
    first = "ab".index(part) * size
    chosen = [sentences[i] for i in sorted(order[first : first + size])]
    return [(s.text, {(a, b, gold_map[label]) for a, b, label in s.spans if label in gold_map},
             s, gold_map) for s in chosen]


def shape(text: str, span: tuple[int, int, str]) -> str:
    """A class of names: a person's length, a place's or body's last two characters."""
    start, end, label = span
    if label == "PER":
        return f"PER len {min(end - start, 5)}"
    return f"{label} ...{text[max(start, end - 2) : end]}"


def lac_reading(text: str, words, start: int, end: int) -> str:
    inside = [w for w in words if w.start < end and start < w.end]
    return " ".join(f"{text[w.start : w.end]}/{w.label}" for w in inside)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", choices=("msra", "cluener"))
    parser.add_argument("--slice", choices=("a", "b"), default="a")
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--show", type=int, default=6, help="examples per group")
    parser.add_argument("--groups", type=int, default=30)
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    args = parser.parse_args()
    sentences = load_slice(args.shared, args.corpus, args.slice, args.size)
    discoverer = Discoverer.load(None)
    tagger = shared_tagger()
    tp: Counter[str] = Counter()
    pred: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    groups: dict[str, list[str]] = defaultdict(list)
    readings: Counter[str] = Counter()
    for text, expected, sentence, gold_map in sentences:
        # as eval_ner scores CLUENER: spans on dropped types only are neither right nor wrong
        found = {(c.start, c.end, COARSE_OF_KIND[c.kind]) for c in discoverer.find(text)
                 if c.kind in COARSE_OF_KIND}
        found = {span for span in found if not in_dropped_only(span, sentence, gold_map)}
        for span in found:
            pred[span[2]] += 1
            tp[span[2]] += span in expected
        for span in expected:
            gold[span[2]] += 1
        wrong = expected - found
        if not wrong:
            continue
        words = tagger.tag([text])[0]
        for start, end, label in sorted(wrong):
            near = [o for o in found if o[0] < end and start < o[1]]
            if any(o[:2] == (start, end) for o in near):
                kind = "label"
            elif near:
                kind = "boundary"
            else:
                kind = "miss"
            kinds[kind] += 1
            reading = lac_reading(text, words, start, end)
            readings[" ".join(part.split("/")[-1] for part in reading.split())] += 1
            context = text[max(0, start - 8) : start] + "[" + text[start:end] + "]" + text[
                end : end + 8]
            note = ", ".join(f"{text[a:b]}/{lab}" for a, b, lab in near)
            groups[f"{kind:<8} {shape(text, (start, end, label))}"].append(
                f"{context}  LAC: {reading}" + (f"  found: {note}" if note else ""))
    total = [0, 0, 0]
    for label in sorted(gold | pred):
        p, r, f = prf(tp[label], pred[label], gold[label])
        total = [total[0] + tp[label], total[1] + pred[label], total[2] + gold[label]]
        print(f"{label:<6} P {p:.4f} R {r:.4f} F1 {f:.4f}  gold {gold[label]} pred {pred[label]}")
    p, r, f = prf(*total)
    print(f"micro  P {p:.4f} R {r:.4f} F1 {f:.4f}  ({len(sentences)} sentences, "
          f"{args.corpus} train slice {args.slice})")
    print("errors:", dict(kinds.most_common()))
    print("LAC readings:", ", ".join(f"{k} {n}" for k, n in readings.most_common(15)))
    ranked = sorted(groups.items(), key=lambda item: -len(item[1]))[: args.groups]
    for name, examples in ranked:
        print(f"\n{name}  x{len(examples)}")
        for example in examples[: args.show]:
            print("   ", example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
