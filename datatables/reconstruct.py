"""From an article's checked blocks to table drafts: find the runs, rebuild each.

Pure Python over anything shaped like a block (``index``, ``kind``, ``text``,
``start``, ``end``, ``meta``): the checker's dataclasses in ``manage.py analyze``
and stored Block rows in the worker alike. The rebuilding itself is
``cleaning.tables.rebuild``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cleaning.tables import Cell, TableDraft, rebuild
from datatables.grid import column_type

TABLE_CELLS = "table_cells"
CAPTION = "caption"


@dataclass(frozen=True)
class Run:
    """One flattened table: its cell blocks and the caption block under it, if any."""

    number: int
    position: int  # index of the first cell block among the article's blocks
    cells: tuple[Cell, ...]
    caption: str
    caption_index: int | None = None  # the caption block's index, when there is one

    @property
    def digest(self) -> str:
        """Identifies the raw cells and caption, to tell when the source text changed."""
        payload = "\x1f".join(cell.text for cell in self.cells) + "\x1e" + self.caption
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def table_runs(blocks: Iterable[Any]) -> list[Run]:
    """Consecutive ``table_cells`` blocks with the same ``meta["table"]`` form one run."""
    ordered = sorted(blocks, key=lambda b: b.index)
    runs: list[Run] = []
    current: list[Any] = []

    def close(following: Any | None) -> None:
        if not current:
            return
        captioned = following is not None and following.kind == CAPTION
        number = (current[0].meta or {}).get("table", len(runs) + 1)
        runs.append(Run(
            number=int(number) if str(number).isdigit() else len(runs) + 1,
            position=current[0].index,
            cells=tuple(Cell(b.text, b.start, b.end) for b in current),
            caption=following.text if captioned else "",
            caption_index=following.index if captioned else None,
        ))
        current.clear()

    for block in ordered:
        if block.kind == TABLE_CELLS:
            if current and (block.index != current[-1].index + 1
                            or (block.meta or {}).get("table")
                            != (current[-1].meta or {}).get("table")):
                close(None)
            current.append(block)
        else:
            close(block)
    close(None)
    return runs


def rebuild_run(run: Run) -> TableDraft:
    return rebuild(list(run.cells), run.caption)


def filled_rows(draft: TableDraft) -> list[list[str]]:
    """The draft's rows with each group label filled down its group.

    A merged first-column cell ("互联网公司") arrives once, above its group; written
    on every row, each row stands on its own when a reader sorts or exports it.
    """
    rows = [list(row) for row in draft.rows]
    groups = sorted(draft.groups)
    for position, (start, label) in enumerate(groups):
        end = groups[position + 1][0] if position + 1 < len(groups) else len(rows)
        column = next((i for i, cell in enumerate(rows[start]) if cell == label), None)
        if column is None:
            continue
        for row in rows[start:end]:
            if not row[column]:
                row[column] = label
    return rows


def draft_columns(draft: TableDraft) -> list[dict[str, str]]:
    return [{"name": name, "type": column_type(kind)}
            for name, kind in zip(draft.header, draft.column_types, strict=True)]


def summary(draft: TableDraft) -> dict[str, Any]:
    """The shape ``manage.py analyze --format json`` prints under ``tables``."""
    return {
        "caption": draft.caption,
        "credit": draft.credit,
        "header": list(draft.header),
        "column_types": [column_type(kind) for kind in draft.column_types],
        "rows": [list(row) for row in draft.rows],
        "groups": [[row, label] for row, label in draft.groups],
        "start": draft.start,
        "end": draft.end,
        "confidence": draft.confidence,
        "unplaced": [{"text": c.text, "start": c.start, "end": c.end} for c in draft.unplaced],
        "notes": list(draft.notes),
    }


def analyze_tables(blocks: Sequence[Any]) -> list[dict[str, Any]]:
    return [summary(rebuild_run(run)) for run in table_runs(blocks)]
