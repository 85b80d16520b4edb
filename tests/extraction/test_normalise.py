from __future__ import annotations

import time

from extraction.normalise import fold_char, normalise, normalise_text


def test_traditional_to_simplified_keeps_offsets() -> None:
    result = normalise("騰讯AI实验室")
    assert result.text == "腾讯ai实验室"
    assert len(result.text) == len(result.original)
    assert result.surface(*result.span_in_original(0, 2)) == "騰讯"


def test_full_width_to_half_width() -> None:
    assert normalise_text("ＣＰＵ５０，Ａ１００") == "cpu50,a100"


def test_confusable_al_next_to_han_is_ai() -> None:
    assert normalise_text("智谱Al") == "智谱ai"
    assert normalise_text("Al乌托邦") == "ai乌托邦"
    assert normalise_text("Ａｌ乌托邦") == "ai乌托邦"


def test_al_in_latin_words_is_left_alone() -> None:
    assert normalise_text("Al Gore") == "al gore"
    assert normalise_text("Alibaba阿里") == "alibaba阿里"
    assert normalise_text("All in") == "all in"


def test_middle_dots_are_unified() -> None:
    assert normalise_text("山姆・奥特曼") == normalise_text("山姆·奥特曼") == "山姆·奥特曼"


def test_every_character_folds_to_one_character() -> None:
    for ch in ["ß", "İ", "ﬁ", "㈱", "①", "Ⅻ", "ｶ", "騰", "訊", "Ａ", "\u3000"]:
        assert len(fold_char(ch)) == 1


def test_offsets_survive_mixed_text() -> None:
    text = "据騰讯ＡＩ Lab透露，智谱Al与Ａｌ乌托邦均在北京。"
    result = normalise(text)
    assert len(result.text) == len(text)
    start = result.text.index("腾讯")
    assert text[start : start + 2] == "騰讯"


def test_normalisation_is_fast() -> None:
    text = "腾讯云发布了行业大模型的研发进展，ＯｐｅｎＡＩ与英伟达。" * 500
    normalise_text(text)
    started = time.perf_counter()
    normalise_text(text)
    assert time.perf_counter() - started < 0.05
