"""Which block signals generalise across sources? Leave-one-signal-out on the TUNING half.

Run: ``python benchmarks/ablate_signals.py [--shared PATH]``.

For every signal name that fires on the tuning half, the checker is re-run with that signal
ignored, and the change in not-story character errors (false positives + misses) is
attributed to each source. A signal that reduces errors on a single source only is what a
leave-one-source-out check would drop (held out, that source would not have it); one that
costs more than it saves on the other sources is a candidate to soften. The test half is
never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_contamination import (  # noqa: E402
    DEFAULT_SHARED,
    doc_source,
    eval_doc,
    load_labels,
    load_split,
    load_titles,
)

from cleaning import verdict  # noqa: E402

_ORIGINAL = verdict._evidence
FIRED: set[str] = set()


def _run(docs: list[tuple[str, dict, str, str]], drop: str | None) -> dict[str, int]:
    def evidence(signals):
        FIRED.update(s.name for s in signals)
        return _ORIGINAL([s for s in signals if s.name != drop])

    verdict._evidence = evidence
    try:
        errors: dict[str, int] = defaultdict(int)
        for src, label, text, title in docs:
            row, _ = eval_doc(label, text, title)
            errors[src] += row["fp"] + row["fn"]
        return errors
    finally:
        verdict._evidence = _ORIGINAL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    corpus = args.shared / "data" / "contamination"
    if not corpus.exists():
        print(f"skipped: no shared corpus at {corpus}")
        return 0
    split, titles = load_split(), load_titles(corpus)
    docs = [
        (
            doc_source(label["file"]),
            label,
            (corpus / label["file"]).read_text(encoding="utf-8"),
            titles.get(label["file"].removeprefix("raw/"), ""),
        )
        for label in load_labels(corpus)
        if split.get(label["file"]) == "tune"
    ]
    base = _run(docs, None)
    print("signal               saved  helps sources (chars of error saved; negative = costs)")
    for name in sorted(FIRED):
        without = _run(docs, name)
        delta = {src: without[src] - base[src] for src in base if without[src] != base[src]}
        helped = [src for src, d in delta.items() if d > 0]
        flag = "ONE SOURCE" if len(helped) == 1 else ""
        shown = ", ".join(f"{src} {d:+d}" for src, d in sorted(delta.items(), key=lambda x: -x[1]))
        print(f"{name:20s} {sum(delta.values()):+6d}  {len(helped)}  {flag:10s} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
