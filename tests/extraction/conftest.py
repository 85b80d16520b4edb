"""Shared fixtures for the pure extraction tests (no database, no Django)."""

from __future__ import annotations

import pytest

from extraction.kb import KBEntity, known_names, load_shipped
from extraction.matcher import Matcher

# Lines of the seed (1-based) that are not the story: injected crypto items, chrome
# and the disclaimer. Hard-coded here only because the contamination checker that
# finds them is another module's job.
SEED_NOT_STORY = {20, 32, 106, 133, 134, 135, 151, *range(205, 217)}


@pytest.fixture(scope="session")
def kb() -> list[KBEntity]:
    """Every shipped KB file, as a fresh install loads them."""
    return load_shipped()


@pytest.fixture(scope="session")
def matcher(kb: list[KBEntity]) -> Matcher:
    return Matcher.build(known_names(kb))


@pytest.fixture(scope="session")
def seed_lines(seed_text: str) -> list[str]:
    return seed_text.split("\n")


@pytest.fixture(scope="session")
def story_blocks(seed_lines: list[str]) -> list[tuple[int, str]]:
    return [
        (number, line)
        for number, line in enumerate(seed_lines, 1)
        if number not in SEED_NOT_STORY and line.strip()
    ]
