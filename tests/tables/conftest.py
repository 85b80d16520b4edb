"""Fixtures for the table tests: the seed article is read from ../shared, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaning.tables import Cell, TableDraft, caption_for, find_tables, rebuild

SEED = Path(__file__).resolve().parents[2].parent / "shared/data/seed/000_246e21f996374ec1.txt"

Line = tuple[int, int, str]


def _lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for block in text.split("\n"):
        lines.append((offset, offset + len(block), block))
        offset += len(block) + 1
    return lines


@pytest.fixture(scope="session")
def seed_lines() -> list[Line]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (shared/ is not beside the repo)")
    return _lines(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_drafts(seed_lines: list[Line]) -> list[TableDraft]:
    """Both seed tables, rebuilt as the worker will: the run plus two lines either side."""
    drafts = []
    for first, last in find_tables(seed_lines):
        caption_index = caption_for(seed_lines, (first, last))
        caption = seed_lines[caption_index][2] if caption_index is not None else ""
        around = seed_lines[max(0, first - 2) : last + 3]
        drafts.append(rebuild([Cell(t, s, e) for s, e, t in around], caption))
    return drafts
