"""Junk is judged by the shape of a name and how much evidence agrees, not by frequency."""

from __future__ import annotations

import pytest

from extraction import Discoverer, Matcher, extract
from extraction.junk import (
    COMMON_WORDS,
    is_junk,
    junk_reason,
    no_name_here,
    repetition_alone,
)


@pytest.mark.parametrize(
    "surface",
    ["大模型", "AI", "GPU", "2023", "50%", "张", "AI公司", "AIGC公司", "研发团队", "两家公司",
     "AI创业公司", "90后", "00后"],
)
def test_generic_words_numbers_and_single_chars_are_junk(surface: str) -> None:
    assert is_junk(surface, confidence=0.95)


@pytest.mark.parametrize(
    ("surface", "reason"),
    [("张三", "placeholder"), ("李四", "placeholder"), ("某公司", "placeholder"),
     ("王某", "placeholder"), ("XX科技", "placeholder"),
     ("吕姓", "surname description"), ("陈姓男子", "surname description"),
     ("中法两国", "count or group"), ("三大运营商", "count or group"),
     ("两家银行", "count or group"),
     ("天使轮", "share class or funding round"), ("A股", "share class or funding round"),
     ("Pre-A", "share class or funding round"),
     ("中美", "count or group"), ("双方", "count or group")],
)
def test_placeholders_surnames_and_groups_are_junk_however_sure(surface: str,
                                                               reason: str) -> None:
    assert junk_reason(surface, confidence=0.99) == reason


@pytest.mark.parametrize("surface", ["柯小亮", "面壁智能", "深度求索", "上市审核委员会",
                                     "OpenCSG", "三星", "七国集团", "四川"])
def test_new_names_are_kept(surface: str) -> None:
    assert not is_junk(surface, confidence=0.8)


@pytest.mark.parametrize("surface", ["云南", "新华社", "昆明", "耶鲁大学"])
def test_common_words_that_are_names_are_kept_when_evidence_agrees(surface: str) -> None:
    # A model's tag and the dictionary's proper-noun tag together: 0.72.
    assert not is_junk(surface, confidence=0.72)


@pytest.mark.parametrize("surface", ["明白", "曙光", "高峰"])
def test_ordinary_dictionary_words_need_strong_evidence(surface: str) -> None:
    assert is_junk(surface, confidence=0.45)
    assert not is_junk(surface, confidence=0.97)


@pytest.mark.parametrize("surface", ["金融科技", "移动支付", "品牌知名度"])
def test_compounds_of_ordinary_words_are_junk_unless_models_agree(surface: str) -> None:
    assert junk_reason(surface, confidence=0.72) == "compound of ordinary words"
    assert not is_junk(surface, confidence=0.9)


@pytest.mark.parametrize("surface", ["国家统计局", "证券日报"])
def test_bodies_named_with_ordinary_words_are_kept(surface: str) -> None:
    assert not is_junk(surface, confidence=0.6)


def test_no_words_of_one_article_in_the_common_list() -> None:
    assert not {"应激反应", "飞轮", "硅谷大佬"} & COMMON_WORDS


@pytest.mark.parametrize("surface", ["ARPU值", "GAAP毛利率", "OLED屏幕", "Q3", "H1", "SaaS云服务"])
def test_trade_acronym_descriptions_and_periods_are_junk(surface: str) -> None:
    assert is_junk(surface, confidence=0.95)


@pytest.mark.parametrize("surface", ["技术", "交易", "电信"])
def test_the_most_frequent_words_need_two_models(surface: str) -> None:
    assert is_junk(surface, confidence=0.7)  # LAC and repetition
    assert not is_junk(surface, confidence=0.92)  # LAC and the CRF


@pytest.mark.parametrize("surface", ["万向集团", "光明集团"])
def test_a_group_named_by_an_ordinary_word_is_kept_when_a_model_says_so(surface: str) -> None:
    assert junk_reason(surface, confidence=0.6) == ""
    assert junk_reason(surface, confidence=0.4) == "generic description"


@pytest.mark.parametrize("surface", ["汽车集团", "新能源汽车集团", "两家集团", "AI集团"])
def test_a_group_named_by_its_industry_or_a_count_is_a_description(surface: str) -> None:
    assert junk_reason(surface, confidence=0.9) == "generic description"


def test_a_compound_with_an_abbreviation_is_no_compound_of_ordinary_words() -> None:
    assert junk_reason("江淮大众", confidence=0.6) == ""  # 江淮 is an abbreviation (j)


@pytest.mark.parametrize("surface", ["本报讯", "本台记者", "本公司"])
def test_a_body_naming_itself_is_no_name(surface: str) -> None:
    assert junk_reason(surface, confidence=0.9) == "self-reference"


@pytest.mark.parametrize(
    ("text", "surface", "reason"),
    [("他们住在山脚下的一个小村庄里。", "小村庄", "one of a kind, counted"),
     ("我们乘坐一条江轮去了下游。", "江轮", "one of a kind, counted"),
     ("各位来宾请入座。", "来宾", "one of a kind, counted"),
     ("市面上有三种智能手表。", "智能手表", "one of a kind, counted"),
     ("园区已有100余家科技企业入驻。", "科技企业", "one of a kind, counted"),
     ("这些援助主要流向发展中国家和地区。", "中国", "piece of an idiom or set phrase"),
     ("失利之后，他仍准备东山再起。", "东山", "piece of an idiom or set phrase"),
     ("店里还在卖ＤＶＤ机。", "ＤＶ", "piece of a Latin word or number"),
     ("这套系统通过了GB50016认证。", "GB500", "piece of a Latin word or number"),
     ("他的托福和SAT都考了高分。", "AT", "piece of a Latin word or number"),
     ("机场停着两架k7－b运输机。", "k7", "piece of a Latin word or number"),
     ("展台上摆着Zorvex-Quinda联名耳机。", "Quinda", "piece of a Latin word or number")],
)
def test_the_words_around_a_span_can_make_it_no_name(text: str, surface: str,
                                                      reason: str) -> None:
    start = text.index(surface)
    assert no_name_here(text, start, start + len(surface)) == reason


@pytest.mark.parametrize(
    ("text", "surface"),
    [("附近就有一家东亚银行。", "东亚银行"), ("全国近百家盒马鲜生门店都已开业。", "盒马鲜生"),
     ("他来到中国发展业务。", "中国"), ("许多比利时人反对这一方案。", "比利时"),
     ("会议第一次在拉美国家举行。", "拉美"), ("柬埔寨第二届国会议员选举结束。", "国会"),
     ("他新买了一台小米电视。", "小米"),
     ("第12轮沙尔克04vs多特蒙德的比赛。", "沙尔克04"), ("他们发布了Mate60。", "Mate"),
     ("这款芯片叫X1。", "X1")],
)
def test_names_after_a_count_or_before_a_word_are_kept(text: str, surface: str) -> None:
    start = text.index(surface)
    assert not no_name_here(text, start, start + len(surface))


def test_a_known_name_inside_a_set_phrase_is_no_mention(matcher: Matcher) -> None:
    text = "中国的援助主要流向发展中国家。"
    found = [(m.start, m.surface) for m in extract([(0, text)], matcher, Discoverer.load(None))]
    assert found == [(0, "中国")]


@pytest.mark.parametrize(
    ("evidence", "alone"),
    [(("lac:nz", "repeat:3"), True), (("lac:nz",), True),
     (("lac:nz", "repeat:2", "list"), False), (("lac:nz", "dict:nz", "repeat:2"), False),
     (("lac:ORG", "repeat:2"), False)],
)
def test_a_guessed_brand_needs_more_than_its_repetition(evidence: tuple[str, ...],
                                                        alone: bool) -> None:
    assert repetition_alone(evidence) is alone


@pytest.mark.parametrize("surface", ["周中", "周末", "星期三", "礼拜天"])
def test_a_day_of_the_week_is_no_name(surface: str) -> None:
    assert junk_reason(surface, confidence=0.9) == "time expression"


def test_a_name_that_begins_like_a_day_is_kept() -> None:
    assert not is_junk("周一良", confidence=0.72)


@pytest.mark.parametrize("surface", ["AI+", "5G+", "互联网+", "IoT +"])
def test_a_generic_word_with_a_plus_is_a_programme(surface: str) -> None:
    assert junk_reason(surface, confidence=0.9) == "generic word"


def test_a_name_with_a_plus_is_kept() -> None:
    assert not is_junk("Disney+", confidence=0.6)


@pytest.mark.parametrize("surface", ["阿族", "塞族", "苗族", "上班族"])
def test_a_people_is_no_name_however_sure(surface: str) -> None:
    assert junk_reason(surface, 0.95) == "a people"


def test_a_family_and_a_word_beginning_with_the_character_are_kept() -> None:
    assert junk_reason("洛克菲勒家族", 0.9) != "a people"
    assert not is_junk("族光科技", 0.9)
    found = extract([(0, "科索沃的阿族武装袭击了警察。")], Matcher.build([]),
                    Discoverer.load(None))
    assert "阿族" not in {m.surface for m in found}


@pytest.mark.parametrize("surface", ["大城市", "特大城市", "中小城市", "十大城市", "九城市",
                                     "大国", "小国", "五大洲", "大都市"])
def test_places_named_by_their_size_or_number_are_a_class(surface: str) -> None:
    assert junk_reason(surface, 0.9) == "count or group"


def test_a_place_that_begins_like_a_size_is_kept() -> None:
    for surface in ("中国", "大连", "小城", "大同"):
        assert junk_reason(surface, 0.9) != "count or group"
    found = extract([(0, "网约车在人口稠密的大城市更受欢迎，中国的中小城市也在追赶。")],
                    Matcher.build([]), Discoverer.load(None))
    surfaces = {m.surface for m in found}
    assert "中国" in surfaces and not surfaces & {"大城市", "中小城市"}
