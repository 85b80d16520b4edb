from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from extraction import Discoverer
from extraction.corpora import LabelledSentence
from extraction.features import FEATURE_VERSION, sentence_features
from extraction.lac import Word
from extraction.training import train_crf

WORDS = [Word(0, 2, "PER"), Word(2, 3, "v"), Word(3, 7, "ORG")]
TEXT = "张三去东风机厂"


def test_feature_groups_add_trigrams_a_wider_window_and_the_lac_words_edges() -> None:
    plain = sentence_features(TEXT, lac=WORDS)
    grouped = sentence_features(TEXT, lac=WORDS, groups=frozenset({"tri", "wide", "edge"}))
    added = [set(a) - set(b) for a, b in zip(grouped, plain, strict=True)]
    assert added[4] == {"c-2c-1c0=去东风", "c0c1c2=风机厂", "c-3=三", "c3=</s>",
                        "lb=东", "le=厂"}
    assert added[0] >= {"c-3=<s>", "c-2c-1c0=<s><s>张", "lb=张", "le=三"}
    # Without groups the features are those of version 3, which older models read.
    assert sentence_features(TEXT, lac=WORDS, groups=frozenset()) == plain


def _tiny(tmp_path: Path, groups: frozenset[str]) -> Path:
    people = ["张三", "李四", "王五", "赵六"]
    places = ["北京", "上海", "深圳", "杭州"]
    sentences = [LabelledSentence(f"{p}昨天去了{c}。", ((0, 2, "PER"), (6, 8, "LOC")))
                 for p in people for c in places]
    train_crf(sentences, tmp_path / "msra.crfsuite", scheme="msra", max_iterations=30,
              feature_groups=groups)
    return tmp_path / "msra.crfsuite.json"


def test_a_model_keeps_its_feature_groups_and_the_discoverer_builds_them(
    tmp_path: Path,
) -> None:
    meta_path = _tiny(tmp_path, frozenset({"tri", "edge"}))
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert (meta["feature_version"], meta["feature_groups"]) == (FEATURE_VERSION,
                                                                 ["edge", "tri"])
    found = {(c.surface, c.kind) for c in Discoverer.load(tmp_path).find("王五昨天去了杭州。")}
    assert found == {("王五", "person"), ("杭州", "place")}


def test_a_version_3_model_still_loads_with_the_features_it_was_trained_on(
    tmp_path: Path,
) -> None:
    meta_path = _tiny(tmp_path, frozenset())
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    del meta["feature_groups"]
    meta["feature_version"] = 3
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    discoverer = Discoverer.load(tmp_path)
    assert not discoverer.is_fallback
    found = {(c.surface, c.kind) for c in discoverer.find("李四昨天去了上海。")}
    assert found == {("李四", "person"), ("上海", "place")}


@pytest.mark.parametrize("change", [{"feature_version": 2},
                                    {"feature_version": FEATURE_VERSION + 1},
                                    {"feature_groups": ["tri", "no-such-group"]}])
def test_a_model_with_features_this_code_does_not_build_is_refused_aloud(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, change: dict,
) -> None:
    meta_path = _tiny(tmp_path, frozenset({"tri"}))
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(change)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="extraction.discover"):
        discoverer = Discoverer.load(tmp_path)
    assert discoverer.is_fallback
    assert "retrain it with tools/train_ner.py" in caplog.text


def test_an_unknown_feature_group_is_refused_before_training(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown feature groups"):
        train_crf([LabelledSentence("张三来了。", ((0, 2, "PER"),))],
                  tmp_path / "msra.crfsuite", scheme="msra", feature_groups=frozenset({"x"}))
