"""A short alias (two Han characters shortening a longer name) links only where LAC's
words agree with it, or where the story names the entity so elsewhere (issue 14)."""

from __future__ import annotations

import pytest

from extraction import Discoverer, KnownName, Matcher, extract
from extraction.evidence import short_alias
from extraction.matcher import Match

_NAMES = [
    KnownName("jnj", "强生公司", "organisation"), KnownName("jnj", "强生", "organisation"),
    KnownName("rio", "力拓集团", "organisation"), KnownName("rio", "力拓", "organisation"),
    KnownName("ricoh", "理光公司", "organisation"), KnownName("ricoh", "理光", "organisation"),
    KnownName("rf", "富力地产", "organisation"), KnownName("rf", "富力", "organisation"),
    KnownName("nvidia", "英伟达", "organisation"),
]


def _linked(text: str) -> set[str]:
    mentions = extract([(0, text)], Matcher.build(_NAMES), Discoverer.load(None))
    return {m.surface for m in mentions if m.known}


@pytest.mark.parametrize("text", [
    "各地要加强生态保护，改善人居环境。",  # 加强|生态
    "他们还努力拓宽销售渠道。",  # 努力|拓宽
    "展览回顾了总理光辉的一生。",  # 总理|光辉
    "这位年富力强的画家办了画展。",  # an idiom LAC may cut
])
def test_a_short_alias_inside_an_ordinary_phrase_is_not_linked(text: str) -> None:
    assert _linked(text) == set()


@pytest.mark.parametrize(("text", "name"), [
    ("强生表示，新药将于明年上市。", "强生"),
    ("力拓公布了季度产量。", "力拓"),
    ("理光发布了新款打印机。", "理光"),
])
def test_the_same_alias_standing_as_a_word_is_linked(text: str, name: str) -> None:
    assert name in _linked(text)


def test_a_short_form_lac_joins_to_a_known_name_is_linked() -> None:
    names = [*_NAMES, KnownName("usa", "美国", "place"), KnownName("bay", "旧金山湾区", "place"),
             KnownName("bay", "湾区", "place")]
    mentions = extract([(0, "陈冉告诉记者，如今美国湾区90%以上的公司都在用大模型。")],
                       Matcher.build(names), Discoverer.load(None))
    assert {m.surface for m in mentions if m.known} >= {"美国", "湾区"}


def test_a_standing_short_form_vouches_only_for_its_own_entity() -> None:
    blocks = [(0, "强生表示，新药将于明年上市。"), (1, "总理光辉的一生令人怀念。")]
    mentions = extract(blocks, Matcher.build(_NAMES), Discoverer.load(None))
    assert {(m.block, m.surface) for m in mentions if m.known} == {(0, "强生")}


def test_a_longer_name_misread_by_lac_still_links() -> None:
    assert "英伟达" in _linked("英伟达成为市值最高的公司。")


def test_only_short_forms_of_longer_names_are_short_aliases() -> None:
    assert short_alias(Match(0, 2, "强生", "jnj", "organisation", "强生公司"))
    assert not short_alias(Match(0, 2, "高盛", "gs", "organisation", "高盛"))
    assert not short_alias(Match(0, 3, "英伟达", "nv", "organisation", "英伟达"))
