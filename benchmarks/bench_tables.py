"""How long table reconstruction takes, against reading the same table as a CSV.

The peer is the standard library's ``csv.reader`` on the equivalent, well-formed CSV
(empty fields where our input simply lacks the cell). It is the honest floor: it
knows the structure, while ``rebuild`` has to infer it from one cell per line. The
ratio says what the inference costs. Run: ``.venv/bin/python benchmarks/bench_tables.py``.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleaning.tables import Cell, caption_for, find_tables, rebuild  # noqa: E402

SEED = ROOT.parent / "shared/data/seed/000_246e21f996374ec1.txt"
HEADER = ["公司", "成立时间", "占比", "融资轮次"]
ROUNDS = ["天使轮", "A轮", "B轮", "C轮", "上市"]


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Best wall time of several runs, in seconds: the least noisy single number."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def synthetic(cells_wanted: int) -> tuple[list[Cell], str]:
    """A flattened 4-column table with every 7th percentage lost, and its CSV twin."""
    texts, rows = list(HEADER), []
    number = 0
    while len(texts) < cells_wanted:
        row = [f"公司{number}科技", str(1990 + number % 30), f"{number % 90}.5%",
               ROUNDS[number % len(ROUNDS)]]
        if number % 7 == 0:
            row[2] = ""
        texts.extend(t for t in row if t)
        rows.append(row)
        number += 1
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    offsets = [Cell(t, i * 10, i * 10 + len(t)) for i, t in enumerate(texts)]
    return offsets, buffer.getvalue()


def seed_runs() -> list[tuple[list[Cell], str]]:
    if not SEED.exists():
        print(f"seed article not found at {SEED}; skipping the seed tables")
        return []
    lines, offset = [], 0
    for block in SEED.read_text(encoding="utf-8").split("\n"):
        lines.append((offset, offset + len(block), block))
        offset += len(block) + 1
    runs = []
    for first, last in find_tables(lines):
        index = caption_for(lines, (first, last))
        caption = lines[index][2] if index is not None else ""
        runs.append(([Cell(t, s, e) for s, e, t in lines[first : last + 1]], caption))
    return runs


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def report(name: str, ours: float, peer: float, cells: int) -> None:
    print(f"{name:<28} rebuild {ours * 1000:9.2f} ms   csv.reader {peer * 1000:8.3f} ms   "
          f"ratio {ours / peer:8.1f}x   ({cells} cells)")


def main() -> None:
    for number, (cells, caption) in enumerate(seed_runs(), start=1):
        as_csv = "\n".join(c.text for c in cells)  # the peer reads the same cell texts
        ours = best_of(20, lambda c=cells, k=caption: rebuild(c, k))
        peer = best_of(20, lambda t=as_csv: parse_csv(t))
        report(f"seed table {number}", ours, peer, len(cells))
    cells, as_csv = synthetic(10_000)
    ours = best_of(3, lambda: rebuild(cells))
    peer = best_of(3, lambda: parse_csv(as_csv))
    draft = rebuild(cells)
    report("synthetic 10,000 cells", ours, peer, len(cells))
    truth = [tuple(row) for row in parse_csv(as_csv)[1:]]
    exact = sum(ours_row == true_row for ours_row, true_row in zip(draft.rows, truth, strict=False))
    print(f"synthetic: {exact}/{len(truth)} rows exactly as in the CSV, "
          f"{len(draft.unplaced)} unplaced, confidence {draft.confidence}")


if __name__ == "__main__":
    main()
