"""Garbage invents no names; a long story keeps its names past the short story's cap."""

from __future__ import annotations

import pytest

from extraction import (
    MAX_NEW_NAMES,
    MAX_NEW_NAMES_CEILING,
    Discoverer,
    Matcher,
    extract,
    new_name_cap,
)
from extraction.junk import unlike_a_name


def _new_names(text: str) -> list[tuple[str, str]]:
    mentions = extract([(0, text)], Matcher.build([]), Discoverer.load(None))
    return [(m.surface, m.kind) for m in mentions if not m.known]


def _spread(first: int, span: int, count: int, step: int = 37) -> str:
    """``count`` code points of ``[first, first + span)``, spread by ``step``."""
    return "".join(chr(first + (i * step) % span) for i in range(count))


# Runs of characters we generate: CJK extension B (astral Han), emoji, arrows and other
# symbols, lone surrogates among letters, private use.
GARBAGE = {
    "astral han": _spread(0x20000, 0xA6E0, 600),
    "astral han and emoji": "".join(
        a + b for a, b in zip(_spread(0x20000, 0xA6E0, 400), _spread(0x1F300, 0x150, 400),
                              strict=True)),
    "symbols": _spread(0x2190, 0xA70, 600),
    "lone surrogates among letters": "测试\ud800\udc00\ud801测试abc\ud800def测试",
    "surrogate in a word": "abc\ud800def",
    "private use": _spread(0xE000, 0x1900, 300),
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_gives_no_invented_names(name: str) -> None:
    assert _new_names(GARBAGE[name]) == []


def test_names_beside_garbage_are_kept() -> None:
    found = _new_names("张伟说😀😀😀😀，阿里巴巴集团今天发布了新产品。")
    assert ("张伟", "person") in found
    assert ("阿里巴巴集团", "organisation") in found
    assert _new_names("腾讯\ud800\udc00\ud801测试abc\ud800def") == [("腾讯", "organisation")]
    assert ("Bartholomew Fitzgerald", "person") in _new_names(
        "分析师Bartholomew Fitzgerald表示，销量将上升。")


@pytest.mark.parametrize(
    ("surface", "kind"),
    [("𠀀𠀁𠀂𠀃", "organisation"), ("😀😃😄😁", "organisation"), ("⣒⨰⧶⑪⌄⍰⎓", "organisation"),
     ("测试\ud800公司", "organisation"), ("\ue000\ue001中心", "organisation"),
     ("约翰米勒在会上对远道而来的客人表示了感谢", "person"),  # 20 Han characters
     ("东南西北东南西北东南西北东南西北东南西北东", "place")],
)
def test_unlike_a_name(surface: str, kind: str) -> None:
    assert unlike_a_name(surface, kind)


@pytest.mark.parametrize(
    ("surface", "kind"),
    [("阿里巴巴集团", "organisation"), ("𠮷野家", "organisation"),  # one rare character
     ("Model\xa03", "product"), ("Bartholomew Fitzgerald", "person"),
     ("尼古拉·亚历山德罗维奇", "person"), ("北京东方华太建筑设计工程有限责任公司", "organisation"),
     ("Lightspeed Venture Partners Management Company", "organisation")],
)
def test_names_of_ordinary_make_are_names(surface: str, kind: str) -> None:
    assert unlike_a_name(surface, kind) == ""


def test_the_cap_grows_with_the_story_and_stays_tens() -> None:
    assert new_name_cap(500) == MAX_NEW_NAMES
    assert new_name_cap(4000) > MAX_NEW_NAMES
    assert new_name_cap(10**6) == MAX_NEW_NAMES_CEILING < 100


_SURNAMES = "柯庞韦钟蒲仇谭卢邹熊"
_GIVEN = ("晓岚", "志远", "立群", "国庆", "海峰")
_FILLER = ("，他在发布会上介绍了公司过去一年在海外市场的拓展情况以及明年的研发计划和人员安排。"
           "会后，他又同到场的记者谈了谈行业的前景和公司所面临的困难。")


def _story(filler: str) -> list[tuple[int, str]]:
    people = [s + g for g in _GIVEN for s in _SURNAMES]
    return [(i, f"董事{person}{filler}") for i, person in enumerate(people)]


def test_a_long_story_keeps_its_names_past_the_short_story_cap() -> None:
    blocks = _story(_FILLER)
    discoverer, matcher = Discoverer.load(None), Matcher.build([])
    uncapped = {m.surface for m in extract(blocks, matcher, discoverer, max_new=10**6)
                if not m.known}
    kept = {m.surface for m in extract(blocks, matcher, discoverer) if not m.known}
    assert len(uncapped) > MAX_NEW_NAMES
    assert kept == uncapped


def test_a_short_story_keeps_the_cap() -> None:
    mentions = extract(_story("发言。"), Matcher.build([]), Discoverer.load(None))
    assert len({m.surface for m in mentions if not m.known}) == MAX_NEW_NAMES
