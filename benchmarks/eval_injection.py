"""Synthetic injections: does the checker find a block whose topic is not the story's?

Run: ``python benchmarks/eval_injection.py [--shared PATH] [--seed N] [--show N]``

The labelled contamination corpus holds few injected items, most of one shape (crypto
flash news with a timestamp tail), so rules fitted to it say little about injections of
other shapes. This script makes its own test at run time from the shared news pool
(``data/news/*.txt``: real, clean articles, one paragraph a line, line 1 the headline):

- every article is a host; 1 to 3 consecutive paragraphs of another article (the donor)
  are pasted between two of its paragraphs (never above the first body paragraph), with a
  fixed random seed;
- three cases per host: the article whose vocabulary is nearest the host's as donor
  ("near": same broad topic, the hard case), one drawn at random among the rest
  ("random"), and a random donor pasted into the host cut to its headline and first
  SHORT_PARAGRAPHS paragraphs ("short": a brief story, little to compare with);
- the hosts are also checked unchanged ("clean");
- further shapes of foreign text the labelled corpus holds (issue 15), each pasted once into
  every host (whole) at a random place below its first body paragraph, with a second random
  generator so the three cases above stay as they were: a random donor's headline above one
  or two of its paragraphs ("titled": an item under its own title), and material written for
  the benchmark (``injection_material``): an ad with offers and contacts ("advert"), an
  encyclopedia entry ("entry"), keyword-stuffed spam lines ("spam"), a novel ad ("novel").

Scores, over non-whitespace characters: recall of the injected characters flagged with any
not-story kind (and with the kind ``foreign``), precision of the flags over the body (the
hosts are real articles without contamination: every flag on a host paragraph is a false
positive; the headline is left out of both), and the false flags on the unchanged hosts.

The texts are read from ``../shared`` at run time and never copied anywhere; without
them the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.injection_material import GENERATORS  # noqa: E402
from cleaning import STORY_KINDS, check  # noqa: E402

DEFAULT_SHARED = ROOT / ".." / "shared"
MODES = ("near", "random", "short", "titled", *GENERATORS)
SHORT_PARAGRAPHS = 4
_TERM = re.compile(r"[\u4e00-\u9fff]{2}|[A-Za-z][A-Za-z0-9]+")


@dataclass
class Case:
    """One test document: ``spans`` are the injected (start, end) character ranges."""

    host: str
    donor: str
    mode: str
    text: str
    body_start: int
    injected: tuple[int, int] | None


def read_news(shared: Path) -> dict[str, list[str]]:
    folder = shared / "data" / "news"
    out = {}
    for path in sorted(folder.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln]
        if len(lines) >= 3:
            out[path.stem] = lines
    return out


def _bigrams(lines: list[str]) -> set[str]:
    text = "\n".join(lines[1:])
    return {text[k : k + 2] for k in range(len(text) - 1) if _TERM.fullmatch(text[k : k + 2])}


def make_cases(news: dict[str, list[str]], seed: int) -> list[Case]:
    rng = random.Random(seed)
    names = sorted(news)
    vocab = {n: _bigrams(news[n]) for n in names}
    cases = [_assemble(n, "", "clean", news[n], [], 0) for n in names]
    for host in names:
        others = [n for n in names if n != host]

        def overlap(n: str, host: str = host) -> float:
            return len(vocab[host] & vocab[n]) / len(vocab[host] | vocab[n])

        near = max(others, key=overlap)
        rest = [n for n in others if n != near]
        for mode, donor in (("near", near), ("random", rng.choice(rest))):
            cases.append(_inject(rng, host, donor, mode, news[host], news[donor]))
        donor = rng.choice(rest)
        short = news[host][: SHORT_PARAGRAPHS + 1]
        cases.append(_inject(rng, host, donor, "short", short, news[donor]))
    shapes = random.Random(seed * 7919 + 1)
    for host in names:
        lines = news[host]
        donor = shapes.choice([n for n in names if n != host])
        body = news[donor][1:]
        k = shapes.randint(1, min(2, len(body)))
        pasted = [news[donor][0], *body[:k]]
        cases.append(_assemble(host, donor, "titled", lines, pasted, _place(shapes, lines)))
        for mode, make in GENERATORS.items():
            pasted = make(shapes)
            cases.append(_assemble(host, mode, mode, lines, pasted, _place(shapes, lines)))
    return cases


def _place(rng: random.Random, lines: list[str]) -> int:
    """Between two paragraphs of the host, or after the last: never above the first."""
    return rng.randint(2, len(lines))


def _inject(
    rng: random.Random, host: str, donor: str, mode: str, lines: list[str], source: list[str]
) -> Case:
    body = source[1:]
    k = rng.randint(1, min(3, len(body)))
    first = rng.randrange(0, len(body) - k + 1)
    # Between two host paragraphs, or after the last: never above the first.
    where = rng.randint(2, len(lines))
    return _assemble(host, donor, mode, lines, body[first : first + k], where)


def _assemble(
    host: str, donor: str, mode: str, lines: list[str], pasted: list[str], where: int
) -> Case:
    before = "\n".join(lines[:where])
    body_start = len(lines[0]) + 1
    if not pasted:
        return Case(host, donor, mode, "\n".join(lines) + "\n", body_start, None)
    start = len(before) + 1
    middle = "\n".join(pasted)
    after = lines[where:]
    text = before + "\n" + middle + ("\n" + "\n".join(after) if after else "") + "\n"
    return Case(host, donor, mode, text, body_start, (start, start + len(middle)))


def score(case: Case) -> dict[str, int]:
    result = check(case.text, "text")
    flagged = [""] * len(case.text)
    for block in result.blocks:
        if block.kind not in STORY_KINDS:
            flagged[block.start : block.end] = [block.kind] * (block.end - block.start)
    lo, hi = case.injected or (0, 0)
    counts = {"gold": 0, "hit": 0, "foreign": 0, "false": 0, "host_blocks_flagged": 0}
    for k in range(case.body_start, len(case.text)):
        if case.text[k].isspace():
            continue
        inside = lo <= k < hi
        counts["gold"] += inside
        if flagged[k]:
            counts["hit"] += inside
            counts["foreign"] += inside and flagged[k] == "foreign"
            counts["false"] += not inside
    for block in result.blocks:
        if (
            block.start >= case.body_start
            and block.kind not in STORY_KINDS
            and not (lo <= block.start < hi)
        ):
            counts["host_blocks_flagged"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--show", type=int, default=0, help="list the N worst cases per mode")
    args = parser.parse_args()
    news = read_news(args.shared)
    if len(news) < 3:
        print(f"no news texts under {args.shared / 'data' / 'news'}: nothing to evaluate")
        return 0
    cases = make_cases(news, args.seed)
    print(f"synthetic injections from {len(news)} news texts, seed {args.seed}")
    print(f"{'mode':8} {'docs':>5} {'gold':>7} {'R(any)':>7} {'R(for)':>7} {'P':>7} "
          f"{'false':>6} {'hostFP':>6}")
    totals = {"gold": 0, "hit": 0, "foreign": 0, "false": 0, "host_blocks_flagged": 0}
    for mode in ("clean", *MODES):
        rows = [(c, score(c)) for c in cases if c.mode == mode]
        t = {key: sum(r[key] for _, r in rows) for key in totals}
        for key in totals:
            totals[key] += t[key]
        print(_line(mode, len(rows), t))
        if args.show and mode != "clean":
            worst = sorted(rows, key=lambda cr: cr[1]["hit"] - cr[1]["gold"])[: args.show]
            for c, r in worst:
                print(f"    miss {c.host}<-{c.donor}: {r['gold'] - r['hit']}/{r['gold']} chars")
        if args.show:
            noisy = sorted(rows, key=lambda cr: -cr[1]["false"])[: args.show]
            for c, r in noisy:
                if r["false"]:
                    print(f"    false {c.host}<-{c.donor or '-'}: {r['false']} chars")
    print(_line("all", len(cases), totals))
    return 0


def _line(mode: str, docs: int, t: dict[str, int]) -> str:
    recall = t["hit"] / t["gold"] if t["gold"] else float("nan")
    rfor = t["foreign"] / t["gold"] if t["gold"] else float("nan")
    flagged = t["hit"] + t["false"]
    precision = t["hit"] / flagged if flagged else 1.0
    return (
        f"{mode:8} {docs:5d} {t['gold']:7d} {recall:7.3f} {rfor:7.3f} {precision:7.3f} "
        f"{t['false']:6d} {t['host_blocks_flagged']:6d}"
    )


if __name__ == "__main__":
    sys.exit(main())
