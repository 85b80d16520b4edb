"""Leave-one-source-out cross-validation of the page verdict's gate, on the TUNING half only.

Run: ``python benchmarks/cv_page_verdict.py [--shared PATH]``.

The gate's constants (``cleaning.pages``: LISTING_GROUPS, DOORWAY_GROUPS, CORE_CHARS,
CORE_BLOCK) are chosen from a small grid. For each source of the tuning half, the grid point
with the lowest cost on the OTHER sources is applied to the held-out source; the sum over
held-out sources estimates how the gate does on a source it was not tuned on. Cost: an article
judged a non-article (a whole story lost) counts ALARM_COST, a missed non-article 1. The test
half is never read here; ``eval_contamination.py`` reports it.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_contamination import (  # noqa: E402
    DEFAULT_SHARED,
    doc_source,
    document_verdict,
    load_labels,
    load_split,
    load_titles,
)

from cleaning import check, pages  # noqa: E402

ALARM_COST = 3
GRID = {
    "LISTING_GROUPS": (1, 2, 3),
    "DOORWAY_GROUPS": (1, 2),
    "CORE_CHARS": (100, 150, 200, 300, 10**9),
    "CORE_BLOCK": (60, 100, 150),
}


def outcomes(corpus: Path) -> dict[tuple, list[tuple[str, bool, bool]]]:
    """Grid point -> [(source, is_non_article, judged_non_article)] over the tuning half."""
    split, titles = load_split(), load_titles(corpus)
    docs = []
    for label in load_labels(corpus):
        if split.get(label["file"]) != "tune":
            continue
        text = (corpus / label["file"]).read_text(encoding="utf-8")
        title = titles.get(label["file"].removeprefix("raw/"), "")
        naa = "not_an_article" in label.get("doc_flags", [])
        docs.append((doc_source(label["file"]), naa, text, title))
    saved = {name: getattr(pages, name) for name in GRID}
    out: dict[tuple, list[tuple[str, bool, bool]]] = {}
    try:
        for point in itertools.product(*GRID.values()):
            for name, value in zip(GRID, point, strict=True):
                setattr(pages, name, value)
            out[point] = [
                (src, naa, bool(document_verdict(check(text, "text", title=title))))
                for src, naa, text, title in docs
            ]
    finally:
        for name, value in saved.items():
            setattr(pages, name, value)
    return out


def cost(rows: list[tuple[str, bool, bool]]) -> int:
    return sum(ALARM_COST * (judged and not naa) + (naa and not judged) for _, naa, judged in rows)


def _score(rows: list[tuple[str, bool, bool]]) -> tuple[int, int]:
    return cost(rows), sum(judged and not naa for _, naa, judged in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    corpus = args.shared / "data" / "contamination"
    if not corpus.exists():
        print(f"skipped: no shared corpus at {corpus}")
        return 0
    table = outcomes(corpus)
    sources = sorted({src for rows in table.values() for src, _, _ in rows})
    current = tuple(getattr(pages, name) for name in GRID)
    held = defaultdict(int)
    for src in sources:
        # Ties go to the fewest alarms on the other sources, then to grid order (not to
        # the committed constants, which would flatter them).
        best = min(table, key=lambda p: _score([r for r in table[p] if r[0] != src]))
        for _, naa, judged in (r for r in table[best] if r[0] == src):
            held["non_articles"] += naa
            held["caught"] += naa and judged
            held["articles"] += not naa
            held["alarms"] += judged and not naa
        print(f"held out {src:32s} chose {dict(zip(GRID, best, strict=True))}")
    print(
        f"LOSO-CV estimate: non-articles caught {held['caught']}/{held['non_articles']}, "
        f"articles judged non-article {held['alarms']}/{held['articles']}"
    )
    rows = table[current]
    print(
        f"current {dict(zip(GRID, current, strict=True))} on all tune docs: caught "
        f"{sum(n and j for _, n, j in rows)}/{sum(n for _, n, _ in rows)}, alarms "
        f"{sum(j and not n for _, n, j in rows)}/{sum(not n for _, n, _ in rows)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
