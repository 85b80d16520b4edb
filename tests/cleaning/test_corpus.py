"""Real corpus pages: legacy encodings and the labelled documents."""

import json

import pytest

from cleaning import STORY_KINDS, check, decode


def test_zh_web_extraction_encodings(shared):
    folder = shared / "data" / "contamination" / "raw" / "zh_web_extraction_dataset"
    pages = sorted((folder / "original").glob("*.html"))
    assert pages
    for page in pages:
        html = decode(page.read_bytes(), "html")
        gold = (folder / "cleaned" / (page.stem + ".txt")).read_bytes().decode("utf-8", "replace")
        sample = [ch for ch in gold if "\u4e00" <= ch <= "\u9fff"][:40]
        hits = sum(1 for ch in sample if ch in html)
        assert hits >= 0.9 * len(sample), page.name


def test_hidden_keyword_stuffing_ignored(shared):
    raw = shared / "data" / "contamination" / "raw"
    for page in sorted(raw.glob("*/*.html")):
        data = page.read_bytes()
        if b"display:none" not in data and b"display: none" not in data:
            continue
        result = check(decode(data, "html"), "html")
        assert len(result.story_text()) < 200_000
        break


@pytest.mark.parametrize(
    "name", ["chinesewebtext__cc2022_21_cleared1_021", "blockchain_news_cls__dev_000"]
)
def test_labelled_docs_offsets(shared, name):
    corpus = shared / "data" / "contamination"
    label = json.loads((corpus / "labels" / f"{name}.json").read_text(encoding="utf-8"))
    text = (corpus / label["file"]).read_text(encoding="utf-8")
    result = check(text)
    flagged = {b.start for b in result.blocks if b.kind not in STORY_KINDS}
    for span in label["spans"]:
        if span["kind"] in {"foreign", "duplicate"}:
            assert any(span["start"] <= s < span["end"] for s in flagged), span
