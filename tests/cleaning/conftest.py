from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").exists():
        pytest.skip(f"shared data not found at {SHARED.resolve()}")
    return SHARED


@pytest.fixture(scope="session")
def seed(shared: Path):
    from cleaning import check

    text = (shared / "data" / "seed" / "000_246e21f996374ec1.txt").read_text(encoding="utf-8")
    return text, check(text)
