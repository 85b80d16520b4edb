from __future__ import annotations

import pytest

from extraction.junk import is_junk


@pytest.mark.parametrize(
    "surface",
    ["大模型", "AI", "GPU", "2023", "50%", "张", "AI公司", "AIGC公司", "研发团队", "两家公司",
     "AI创业公司", "明白", "曙光"],
)
def test_generic_words_numbers_and_single_chars_are_junk(surface: str) -> None:
    assert is_junk(surface, confidence=0.8)


@pytest.mark.parametrize("surface", ["柯小亮", "面壁智能", "上市审核委员会", "OpenCSG"])
def test_new_names_are_kept(surface: str) -> None:
    assert not is_junk(surface, confidence=0.8)


def test_a_sure_model_may_keep_a_dictionary_word() -> None:
    assert is_junk("高峰", confidence=0.6)
    assert not is_junk("高峰", confidence=0.97)
