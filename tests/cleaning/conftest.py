"""Fixtures for the pure checker's tests; the seed and corpus come from the root
conftest's locator (the settings' NEWSROOM_SHARED_DIR), never copied."""

from __future__ import annotations

import pytest

from cleaning.tables import Cell, TableDraft, caption_for, find_tables, rebuild


@pytest.fixture(scope="session")
def seed(seed_text: str):
    from cleaning import check

    return seed_text, check(seed_text)


Line = tuple[int, int, str]


def _lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for block in text.split("\n"):
        lines.append((offset, offset + len(block), block))
        offset += len(block) + 1
    return lines


@pytest.fixture(scope="session")
def seed_lines(seed_text: str) -> list[Line]:
    """The seed's lines with their offsets, for the table tests."""
    return _lines(seed_text)


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
