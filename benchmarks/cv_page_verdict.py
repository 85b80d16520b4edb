"""Cross-validation of the page verdict's constants, on the TUNING half only.

Run: ``python benchmarks/cv_page_verdict.py [--shared PATH] [--grid gate|spam|service|all]``.

Three small grids of constants of ``cleaning.pages``: ``gate`` (LISTING_GROUPS, DOORWAY_GROUPS,
CORE_CHARS, CORE_BLOCK: the conservative gate; DATED_ENTRIES), ``spam`` (STUFFED_SHARE,
STUFFED_TERMS, KEYWORD_LINES, KEYWORD_SHARE: spam stuffing of any trade; LIST_ENTRIES,
LIST_DOMINANT: a list that overwhelms one paragraph) and ``service`` (SERVICE_GROUPS,
QA_PAIRS, READER_WORDS, FIELD_ROWS, FIELD_SHARE, CONTACT_ROWS: help, shop and profile pages);
the other grids stay at their committed values. Leave-one-source-out: for each source of the
tuning half, the grid point with the lowest cost on the OTHER sources is applied to the held-out
source; the sum over held-out sources estimates how the verdict does on a source it was not
tuned on.
Leave-one-document-out does the same one document at a time. Cost: an article judged a
non-article (a whole story lost) counts ALARM_COST, a missed non-article 1. Ties go to the
fewest alarms on the training part, then to grid order, which lists each constant's values
from the most conservative (fewest non-article verdicts) to the loosest: precision first, and
not the committed constants, which would flatter them. The test half is never read here;
``eval_contamination.py`` reports it.

Each document is checked once (segments and block verdicts); the grid only re-runs the page
verdict, exactly as ``cleaning.check`` calls it.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
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
from cleaning.lexicon import maybe_gambling, names_brand  # noqa: E402
from cleaning.segment import Segment, segment_text  # noqa: E402
from cleaning.verdict import judge  # noqa: E402

ALARM_COST = 3
GRIDS = {
    "gate": {
        "LISTING_GROUPS": (3, 2, 1),
        "DOORWAY_GROUPS": (2, 1),
        "CORE_CHARS": (100, 150, 200, 300, 10**9),
        "CORE_BLOCK": (60, 100, 150),
        "DATED_ENTRIES": (4, 3, 2),
    },
    "spam": {
        "STUFFED_SHARE": (0.5, 0.35, 0.25),
        "STUFFED_TERMS": (4, 3, 2),
        "KEYWORD_LINES": (5, 3, 2),
        "KEYWORD_SHARE": (0.4, 0.3, 0.2),
        "LIST_ENTRIES": (20, 12, 8),
        "LIST_DOMINANT": (0.8, 0.7, 0.6),
    },
    "service": {
        "SERVICE_GROUPS": (3, 2, 1),
        "QA_PAIRS": (4, 3, 2),
        "READER_WORDS": (3, 2, 1),
        "FIELD_ROWS": (12, 8, 6, 4),
        "FIELD_SHARE": (0.5, 0.35, 0.2),
        "CONTACT_ROWS": (3, 2, 1),
    },
}

Row = tuple[str, str, bool, bool]  # source, document, is non-article, judged non-article


def page_inputs(text: str, title: str) -> tuple[list[Segment], dict[str, object]]:
    """What ``cleaning.check`` hands the page verdict for a plain-text document: the
    measured segments (no table cells, no disclaimer: a footer notice is no story core) and
    the keyword arguments of ``judge_page``."""
    gambling = maybe_gambling(text)
    sells = gambling and names_brand(text) and pages.brand_sells(text.splitlines())
    main = [s for s in segment_text(text, gambling=gambling, brands=sells) if not s.outside]
    judged, ctx = judge(main, title, gambling=gambling)
    measured = [j.seg for j in judged if j.kind not in ("table_cells", "disclaimer")]
    cells = [j.seg.text for j in judged if j.kind == "table_cells"]
    return measured, {
        "title": title,
        "gambling": ctx.gambling_doc,
        "cells": cells,
        "hits": ctx.gambling_counts(),
        "brands": ctx.brand_texts() if sells else (),
        "spinner": ctx.spun_doc,
        "spam": ctx.spam_texts(),
    }


def outcomes(corpus: Path, grid: dict[str, tuple]) -> dict[tuple, list[Row]]:
    """Grid point -> one row per tuning-half document."""
    split, titles = load_split(), load_titles(corpus)
    docs = []
    for label in load_labels(corpus):
        if split.get(label["file"]) != "tune":
            continue
        text = (corpus / label["file"]).read_text(encoding="utf-8")
        title = titles.get(label["file"].removeprefix("raw/"), "")
        naa = "not_an_article" in label.get("doc_flags", [])
        verdict = document_verdict(check(text, "text", title=title))
        measured, inputs = page_inputs(text, title)
        again = pages.judge_page(measured, **inputs)
        assert (again.kind != "article") == bool(verdict), "page_inputs is out of step"
        docs.append((doc_source(label["file"]), label["_doc"], naa, measured, inputs))
    saved = {name: getattr(pages, name) for name in grid}
    out: dict[tuple, list[Row]] = {}
    try:
        for point in itertools.product(*grid.values()):
            for name, value in zip(grid, point, strict=True):
                setattr(pages, name, value)
            out[point] = [
                (src, doc, naa, pages.judge_page(m, **inputs).kind != "article")
                for src, doc, naa, m, inputs in docs
            ]
    finally:
        for name, value in saved.items():
            setattr(pages, name, value)
    return out


def cost(rows: list[Row]) -> int:
    return sum(ALARM_COST * (judged and not naa) + (naa and not judged) for *_, naa, judged in rows)


def _score(rows: list[Row]) -> tuple[int, int]:
    return cost(rows), sum(judged and not naa for *_, naa, judged in rows)


def held_out(table: dict[tuple, list[Row]], key: int) -> tuple[Counter[str], dict[str, tuple]]:
    """Totals over held-out groups (key 0: by source, 1: by document) and each group's choice."""
    groups = sorted({row[key] for rows in table.values() for row in rows})
    held: Counter[str] = Counter()
    chosen = {}
    for group in groups:
        best = min(table, key=lambda p: _score([r for r in table[p] if r[key] != group]))
        chosen[group] = best
        for *_, naa, judged in (r for r in table[best] if r[key] == group):
            held["non_articles"] += naa
            held["caught"] += naa and judged
            held["articles"] += not naa
            held["alarms"] += judged and not naa
    return held, chosen


def _line(name: str, held: Counter[str]) -> str:
    return (
        f"{name}: non-articles caught {held['caught']}/{held['non_articles']}, "
        f"articles judged non-article {held['alarms']}/{held['articles']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--grid", choices=(*GRIDS, "all"), default="all")
    args = parser.parse_args(argv)
    corpus = args.shared / "data" / "contamination"
    if not corpus.exists():
        print(f"skipped: no shared corpus at {corpus}")
        return 0
    for name in GRIDS if args.grid == "all" else (args.grid,):
        grid = GRIDS[name]
        table = outcomes(corpus, grid)
        print(f"grid {name}: {len(table)} points")
        loso, chosen = held_out(table, 0)
        for src, best in chosen.items():
            print(f"  held out {src:32s} chose {dict(zip(grid, best, strict=True))}")
        print("  " + _line("LOSO-CV estimate", loso))
        print("  " + _line("LODO-CV estimate", held_out(table, 1)[0]))
        current = tuple(getattr(pages, k) for k in grid)
        rows = table[current]
        print(
            f"  current {dict(zip(grid, current, strict=True))} on all tune docs: caught "
            f"{sum(n and j for *_, n, j in rows)}/{sum(n for *_, n, _ in rows)}, alarms "
            f"{sum(j and not n for *_, n, j in rows)}/{sum(not n for *_, n, _ in rows)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
