from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from extraction import Discoverer
from extraction.corpora import LabelledSentence
from extraction.discover import rule_spans, rule_votes
from extraction.features import FEATURE_VERSION, sentence_features
from extraction.lac import Word, shared_tagger
from extraction.training import train_crf

WORDS = [Word(0, 2, "PER"), Word(2, 3, "v"), Word(3, 7, "ORG")]
TEXT = "张三去东风机厂"


def test_features_are_those_older_models_were_trained_on() -> None:
    """Version 3 and group-less version 4 models read these very features."""
    rows = sentence_features(TEXT, lac=WORDS)
    assert rows[4][:6] == ["b", "c0=风", "c-1=东", "c1=机", "c-2=去", "c2=厂"]
    assert {"l=ORGM", "la=v|ORG|$M", "lc=风ORGM", "l-1=ORGB", "l1=ORGM"} <= set(rows[4])
    assert not any(f.startswith(("c-3=", "c3=", "lb=", "le=")) for row in rows for f in row)


def _tiny(tmp_path: Path) -> Path:
    people = ["张三", "李四", "王五", "赵六"]
    places = ["北京", "上海", "深圳", "杭州"]
    sentences = [LabelledSentence(f"{p}昨天去了{c}。", ((0, 2, "PER"), (6, 8, "LOC")))
                 for p in people for c in places]
    train_crf(sentences, tmp_path / "msra.crfsuite", scheme="msra", max_iterations=30)
    return tmp_path / "msra.crfsuite.json"


def test_a_model_names_its_feature_version_and_the_discoverer_reads_it(
    tmp_path: Path,
) -> None:
    meta = json.loads(_tiny(tmp_path).read_text(encoding="utf-8"))
    assert meta["feature_version"] == FEATURE_VERSION
    assert "feature_groups" not in meta
    found = {(c.surface, c.kind) for c in Discoverer.load(tmp_path).find("王五昨天去了杭州。")}
    assert found == {("王五", "person"), ("杭州", "place")}


def test_a_version_3_model_still_loads_with_the_features_it_was_trained_on(
    tmp_path: Path,
) -> None:
    meta_path = _tiny(tmp_path)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["feature_version"] = 3
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    discoverer = Discoverer.load(tmp_path)
    assert not discoverer.is_fallback
    found = {(c.surface, c.kind) for c in discoverer.find("李四昨天去了上海。")}
    assert found == {("李四", "person"), ("上海", "place")}


@pytest.mark.parametrize("change", [{"feature_version": 2},
                                    {"feature_version": FEATURE_VERSION + 1},
                                    # version 4's optional groups are gone
                                    {"feature_groups": ["edge"]},
                                    {"feature_groups": ["tri", "no-such-group"]}])
def test_a_model_with_features_this_code_does_not_build_is_refused_aloud(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, change: dict,
) -> None:
    meta_path = _tiny(tmp_path)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(change)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="extraction.discover"):
        discoverer = Discoverer.load(tmp_path)
    assert discoverer.is_fallback
    assert "retrain it with tools/train_ner.py" in caplog.text


def test_training_on_cached_lac_words_and_rule_votes_writes_the_same_model(
    tmp_path: Path,
) -> None:
    """``stacked`` (crf_dev.py's cache) only spares LAC: the weights are the same."""
    sentences = [LabelledSentence(f"{p}上午在{c}开会。", ((0, 2, "PER"), (4, 6, "LOC")))
                 for p in ("孙七", "周八", "吴九") for c in ("南京", "成都")]
    tagged = shared_tagger().tag([s.text for s in sentences])
    stacked = [(words, rule_spans(rule_votes(s.text, words)[0]))
               for s, words in zip(sentences, tagged, strict=True)]
    train_crf(sentences, tmp_path / "a.crfsuite", scheme="msra", max_iterations=20)
    train_crf(sentences, tmp_path / "b.crfsuite", scheme="msra", max_iterations=20,
              stacked=stacked)
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
