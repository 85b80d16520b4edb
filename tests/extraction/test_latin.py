"""Latin-script words in Chinese news: which are names an editor would tag and which not.

Every sentence and name here is invented (Zorvex, Quinda, Brightmart, Lena Marsh).
"""

from __future__ import annotations

import pytest

from extraction import Discoverer, KnownName, Matcher, ProductGrammar, extract
from extraction.junk import junk_reason
from extraction.latin import latin_term_reason


@pytest.mark.parametrize(
    ("word", "reason"),
    [("4K", "measurement"), ("720P", "measurement"), ("120Hz", "measurement"),
     ("5nm", "measurement"), ("12GB", "measurement"), ("5000mAh", "measurement"),
     ("DDR5", "generic word"), ("LPDDR5X", "generic word"), ("HDR10", "generic word"),
     ("Wi-Fi 6", "generic word"), ("PCIe 5.0", "generic word"), ("IP68", "generic word"),
     ("USB 3.0", "generic word"), ("MP4", "generic word"), ("PDF", "generic word"),
     ("CEO", "generic word"), ("KYC", "generic word"), ("x86", "generic word"),
     ("V2.0", "version"), ("Senior Vice President", "english words"),
     ("Copyright", "english words"), ("Thursday", "english words"),
     ("Smart City", "english words"), ("Cloud Native", "english words"),
     ("AI Agent", "english words"), ("FY2024", "period or rank"), ("TOP10", "period or rank"),
     ("mRNA", "generic word"), ("COVID-19", "generic word"), ("H2O", "generic word"),
     ("USD", "generic word"), ("Q07-12", "number range"), ("30-45", "number range"),
     ("MMORPG", "generic word"), ("MOBA", "generic word")],
)
def test_terms_measurements_versions_and_english_words_are_no_names(word: str,
                                                                    reason: str) -> None:
    assert latin_term_reason(word) == reason


@pytest.mark.parametrize(
    "word",
    ["Zorvex", "Quinda", "Brightmart", "Lena Marsh", "Zorvex X3", "Galaxy F", "Model 3",
     "Fast Company", "the Bell", "OK Cupid",
     "EV6", "CT5",  # a car's model: a business term with a number is no version
     "3M", "360",  # one letter after a number is a unit only for 4K, 720P, 6G
     "Edge", "Vision"],  # one beat word alone may be a brand
)
def test_names_in_latin_letters_are_kept(word: str) -> None:
    assert latin_term_reason(word) == ""


@pytest.mark.parametrize("surface", ["MP4格式", "CE认证", "x86处理器", "Q3末", "Wi-Fi 6功能",
                                     "RPG游戏", "KYC认证", "AI实验室", "CAR-T疗法",
                                     "新冠病毒COVID"])
def test_a_generic_latin_term_and_ordinary_words_describe_a_thing(surface: str) -> None:
    assert junk_reason(surface, confidence=0.6) == "generic description"


@pytest.mark.parametrize("surface", ["360分期", "Zorvex集团", "Quinda科技"])
def test_a_name_with_a_latin_head_is_kept(surface: str) -> None:
    assert junk_reason(surface, confidence=0.6) == ""


def _latin_mentions(text: str, matcher: Matcher | None = None,
                    products: ProductGrammar | None = None) -> list[str]:
    mentions = extract([(0, text)], matcher or Matcher.build([]), Discoverer.load(None),
                       products)
    return [m.surface for m in mentions if any(ch.isascii() and ch.isalpha()
                                               for ch in m.surface)]


def test_specifications_are_no_products() -> None:
    found = _latin_mentions("这款手机支持4K视频和120Hz刷新率，文件可导出为MP4格式或RAW格式。")
    assert found == []
    found = _latin_mentions("新芯片支持LPDDR5X内存、UFS 4.0闪存、HDR10和Bluetooth 5.3。")
    assert found == []


def test_tickers_and_addresses_are_no_names() -> None:
    matcher = Matcher.build([KnownName("usa", "US", "place"),
                             KnownName("zervex", "泽维科技", "organisation")])
    assert _latin_mentions("泽维科技（ZRVX.US）股价周四上涨5%。", matcher) == []
    assert _latin_mentions("泽维科技（纳斯达克：ZRVX）今日公布财报。", matcher) == []
    assert _latin_mentions("详情请访问www.zervex.com或写信至help@zervex.com。", matcher) == []


def test_a_title_before_a_latin_name_is_not_part_of_it() -> None:
    found = _latin_mentions("泽维科技CEO Tom Keller和CFO Sarah Lindqvist出席了发布会。")
    assert found == ["Tom Keller", "Sarah Lindqvist"]


def test_latin_names_are_still_found() -> None:
    assert "Zorvex X3" in _latin_mentions("Zorvex X3手机销量第一，Zorvex X3 Pro随后发布。",
                                          products=ProductGrammar({}, {}, {}))
    assert "Lena Marsh" in _latin_mentions("Zorvex的创始人Lena Marsh曾在大学任教。")


def test_a_latin_word_after_a_noun_of_its_kind_is_a_name() -> None:
    found = {m.surface: m.kind for m in extract(
        [(0, "无人配送初创企业Zorvex获得新一轮融资。"), (1, "他们收购了数据软件厂商QuindaIQ。")],
        Matcher.build([]), Discoverer.load(None))}
    assert found.get("Zorvex") == "organisation" and found.get("QuindaIQ") == "organisation"
    # The same capitalised word with nothing around it to say so stays out.
    assert "Zorvex" not in _latin_mentions("我们讨论了Zorvex的问题。")


def test_items_of_a_list_vouch_for_each_other_along_the_list() -> None:
    matcher = Matcher.build([KnownName("tmall", "天猫", "product")])
    found = _latin_mentions("这些平台包括天猫、速达通、Brightmart等。", matcher)
    assert "Brightmart" in found


def test_list_marks_phone_numbers_and_spaced_glosses_are_no_names() -> None:
    assert _latin_mentions("这些塑料是PS,PE还是PP？") == []
    assert _latin_mentions("客服热线tel18512345678，全天服务。") == []
    assert extract([(0, "苏公网安备 32041102000123号")], Matcher.build([]),
                   Discoverer.load(None)) == []
    assert _latin_mentions("该期刊名为《心律（ Arrhythmia ）》。") == []
    assert _latin_mentions("游戏将登陆PC/Switch两个平台。") == []  # a list, not a name
