"""Precision, recall and F1 per type on MSRA test and CLUENER dev, plus the seed.

    .venv/bin/python benchmarks/eval_ner.py [--shared ../shared] [--models var/models]
        [--fallback] [--limit N]

Never trains: the test/dev splits are only read here. Models come from
``tools/train_ner.py``; without them the jieba.posseg fallback is measured
(``--fallback`` measures it in any case). Throughput is single-process, one core.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction import Discoverer, extract, makers
from extraction.corpora import LabelledSentence, read_bio, read_cluener
from extraction.kb import known_names, load_kb, relations
from extraction.matcher import Matcher

# The settings' rule for NEWSROOM_SHARED_DIR, without loading Django.
SHARED_DEFAULT = Path(os.environ.get("NEWSROOM_SHARED_DIR")
                      or Path(__file__).resolve().parents[2] / "shared")

# Seed lines (1-based) that are not story: injected crypto items, site chrome and
# the disclaimer. Hard-coded in this script only; the contamination checker that
# finds them belongs to another module.
SEED_NOT_STORY = {20, 32, 106, 133, 134, 135, 151, *range(205, 217)}
SEED = "data/seed/000_246e21f996374ec1.txt"


def score(
    discoverer: Discoverer, sentences: Iterable[LabelledSentence], labels: set[str] | None
) -> tuple[dict[str, tuple[int, int, int]], int, float]:
    """Per-label (true positives, predicted, gold), characters and seconds."""
    tp: Counter[str] = Counter()
    pred: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    chars = 0
    seconds = 0.0
    for sentence in sentences:
        started = time.perf_counter()
        found = {(c.start, c.end, c.label) for c in discoverer.find(sentence.text)}
        seconds += time.perf_counter() - started
        chars += len(sentence.text)
        if labels is not None:
            found = {span for span in found if span[2] in labels}
        truth = set(sentence.spans)
        for span in found:
            pred[span[2]] += 1
            tp[span[2]] += span in truth
        for span in truth:
            gold[span[2]] += 1
    return (
        {label: (tp[label], pred[label], gold[label]) for label in sorted(gold | pred)},
        chars,
        seconds,
    )


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def print_table(title: str, counts: dict[str, tuple[int, int, int]], chars: int,
                seconds: float) -> None:
    print(f"\n{title}")
    print(f"{'type':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}")
    total = [0, 0, 0]
    for label, (tp, pred, gold) in counts.items():
        p, r, f = prf(tp, pred, gold)
        total = [total[0] + tp, total[1] + pred, total[2] + gold]
        print(f"{label:<14}{p:>8.4f}{r:>8.4f}{f:>8.4f}{gold:>8}{pred:>8}")
    p, r, f = prf(*total)
    print(f"{'micro':<14}{p:>8.4f}{r:>8.4f}{f:>8.4f}{total[2]:>8}{total[1]:>8}")
    print(f"throughput: {chars / seconds:,.0f} chars/s ({chars:,} chars in {seconds:.1f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    parser.add_argument("--models", type=Path, default=Path("var/models"))
    parser.add_argument("--fallback", action="store_true", help="also score jieba.posseg")
    parser.add_argument("--limit", type=int, default=0, help="first N sentences only")
    args = parser.parse_args()
    data = args.shared / "data" / "ner"
    kb = load_kb()
    matcher = Matcher.build(known_names(kb))

    msra = list(read_bio(data / "msra" / "msra_test_bio.txt"))
    cluener = list(read_cluener(data / "cluener" / "dev.json"))
    if args.limit:
        msra, cluener = msra[: args.limit], cluener[: args.limit]

    runs = [("msra", msra, {"PER", "LOC", "ORG"}), ("cluener", cluener, None)]
    for scheme, sentences, labels in runs:
        discoverer = Discoverer.load(args.models, scheme=scheme, matcher=matcher)
        name = "MSRA test" if scheme == "msra" else "CLUENER dev"
        if discoverer.is_fallback and scheme == "cluener":
            print(f"\n{name}: no trained cluener model in {args.models}; skipped")
            continue
        counts, chars, seconds = score(discoverer, sentences, labels)
        print_table(f"{name} - {discoverer.name}", counts, chars, seconds)
        if args.fallback and scheme == "msra" and not discoverer.is_fallback:
            counts, chars, seconds = score(Discoverer.load(None), sentences, labels)
            print_table(f"{name} - jieba.posseg fallback", counts, chars, seconds)

    seed = args.shared / SEED
    if seed.is_file():
        lines = seed.read_text(encoding="utf-8").split("\n")
        blocks = [
            (number, line)
            for number, line in enumerate(lines, 1)
            if number not in SEED_NOT_STORY and line.strip()
        ]
        discoverer = Discoverer.load(args.models, scheme="msra", matcher=matcher)
        mentions = extract(blocks, matcher, discoverer)
        known = Counter(m.entity_key for m in mentions if m.known)
        new = Counter((m.surface, m.kind) for m in mentions if not m.known)
        print(f"\nSeed story ({len(blocks)} blocks, discoverer {discoverer.name}):")
        print(f"known: {len(known)} entities, {sum(known.values())} mentions")
        print("  " + ", ".join(f"{key}x{count}" for key, count in sorted(known.items())))
        print(f"new-name suggestions: {len(new)}")
        for (surface, kind), count in sorted(new.items(), key=lambda item: -item[1]):
            print(f"  {surface} ({kind}) x{count}")
        links = relations(kb)
        print("maker suggestions:", makers(mentions, links["maker"], links["parent"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
