"""Every committed contamination label file is well-formed, and the tune/test split covers each
labelled document exactly once (benchmarks/labels/README.md)."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "benchmarks" / "labels" / "contamination"
SPLIT = ROOT / "benchmarks" / "labels" / "split.json"
CONTAMINATION = {"foreign", "chrome", "disclaimer", "residue", "duplicate"}
KINDS = CONTAMINATION | {"heading", "caption", "table_cells"}
FLAGS = {"spun_text", "title_hijack", "not_an_article", "pinyin_interleaved", "machine_garbage"}
BLIND_FOLDERS = ("raw/chinesewebtext/", "raw/blockchain_news_cls/")
PROJECT_FILES = sorted(PROJECT.glob("*.json"))


@pytest.fixture(scope="module")
def corpus(shared: Path) -> Path:
    path = shared / "data" / "contamination"
    if not path.exists():
        pytest.skip(f"contamination corpus not found at {path.resolve()}")
    return path


def story_chars(text: str, spans: list[dict]) -> int:
    covered = bytearray(len(text))
    for s in spans:
        if s["kind"] in CONTAMINATION:
            covered[s["start"] : s["end"]] = b"\x01" * (s["end"] - s["start"])
    return sum(1 for i, ch in enumerate(text) if not ch.isspace() and not covered[i])


def test_there_are_project_labels():
    assert len(PROJECT_FILES) >= 40


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: p.stem)
def test_label_file_is_valid(corpus, path):
    label = json.loads(path.read_text(encoding="utf-8"))
    assert set(label) == {
        "file",
        "lang",
        "spans",
        "doc_flags",
        "story_chars",
        "confidence",
        "comment",
    }
    folder, name = label["file"].split("/")[-2:]
    assert path.name == f"{folder}__{name.rsplit('.', 1)[0]}.json"
    text = (corpus / label["file"]).read_text(encoding="utf-8")
    assert label["lang"] in {"zh", "en"}
    last = 0
    for span in label["spans"]:
        assert span["kind"] in KINDS
        assert isinstance(span["note"], str) and span["note"]
        assert 0 <= last <= span["start"] < span["end"] <= len(text), span
        piece = text[span["start"] : span["end"]]
        assert piece == piece.strip(), f"span {span['start']}:{span['end']} not trimmed"
        last = span["end"]
    assert set(label["doc_flags"]) <= FLAGS
    assert label["story_chars"] == story_chars(text, label["spans"])
    assert label["confidence"] in {"high", "medium", "low"}
    assert isinstance(label["comment"], str) and label["comment"]
    if "not_an_article" in label["doc_flags"]:
        (span,) = label["spans"]
        assert span["kind"] in {"chrome", "foreign"}
        assert label["story_chars"] == 0


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: p.stem)
def test_label_words_are_our_own(corpus, path):
    """Notes and comments never quote the document (no run of 6 Han characters from it)."""
    label = json.loads(path.read_text(encoding="utf-8"))
    text = (corpus / label["file"]).read_text(encoding="utf-8")
    words = " ".join([label["comment"], *(s["note"] for s in label["spans"])])
    for run in re.findall(r"[\u4e00-\u9fff]{6,}", words):
        assert all(run[i : i + 6] not in text for i in range(len(run) - 5)), run


def test_split_covers_each_labelled_doc_once(corpus):
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    tune, test = split["tune"], split["test"]
    assert len(tune) == len(set(tune)) and len(test) == len(set(test))
    assert not set(tune) & set(test)
    listed = set(tune) | set(test)
    labelled = [
        json.loads(p.read_text(encoding="utf-8"))["file"]
        for folder in (corpus / "labels", PROJECT)
        for p in folder.glob("*.json")
    ]
    assert len(labelled) == len(set(labelled)), "a document is labelled twice"
    missing = [f for f in labelled if f not in listed]
    assert not missing, f"labelled but not in the split: {missing}"
    for rel in listed:
        assert (corpus / rel).exists(), rel
        if rel.startswith(BLIND_FOLDERS):
            assert rel in labelled, f"blind document in the split: {rel}"


def test_split_follows_its_rule():
    """Re-splitting the listed paths by the documented rule gives the committed halves."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from split_labels import split

    committed = json.loads(SPLIT.read_text(encoding="utf-8"))
    assert split(committed["tune"] + committed["test"]) == committed
