"""Our news labels: offsets only, in range, flat, of our kinds, split once."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from extraction.kb import KINDS

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "benchmarks" / "labels" / "news"
NEWS = Path(os.environ.get("NEWSROOM_SHARED_DIR", ROOT.parent / "shared")) / "data" / "news"


def records() -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(LABELS.glob("[0-9][0-9][0-9].json"))]


def test_the_split_covers_fifty_files_once_and_separates_the_traditional_pair() -> None:
    split = json.loads((LABELS / "split.json").read_text(encoding="utf-8"))
    tune, test = set(split["tune"]), set(split["test"])
    assert len(tune) == len(test) == 25 and not tune & test
    assert tune | test == {f"{n:03d}" for n in range(1, 51)}
    assert {"049", "050"} & tune and {"049", "050"} & test
    assert {r["file"][:3] for r in records()} == tune | test


def test_labels_hold_offsets_only_and_never_overlap() -> None:
    for record in records():
        assert set(record) == {"file", "sha256", "mentions"}
        previous_end = 0
        for mention in record["mentions"]:
            assert set(mention) == {"start", "end", "kind", "tag"}
            assert mention["kind"] in KINDS and isinstance(mention["tag"], bool)
            assert previous_end <= mention["start"] < mention["end"]
            previous_end = mention["end"]


@pytest.mark.skipif(not NEWS.is_dir(), reason=f"{NEWS} is absent (the shared news pool)")
def test_labels_match_the_shared_texts() -> None:
    for record in records():
        text = (NEWS / record["file"]).read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == record["sha256"]
        for mention in record["mentions"]:
            surface = text[mention["start"]:mention["end"]]
            assert surface == surface.strip() and "\n" not in surface, record["file"]
