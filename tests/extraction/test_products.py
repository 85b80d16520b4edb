"""Product models by grammar: full span, series and maker linked (sentences of our own)."""

from __future__ import annotations

import pytest

from extraction import Discoverer, Matcher, ProductGrammar, extract
from extraction.kb import KBEntity, known_names, relations


@pytest.fixture(scope="module")
def grammar(kb: list[KBEntity]) -> ProductGrammar:
    return ProductGrammar.build(known_names(kb), relations(kb)["maker"])


@pytest.fixture(scope="module")
def discoverer(matcher: Matcher) -> Discoverer:
    return Discoverer.load(None, matcher=matcher)


def products(text: str, matcher: Matcher, discoverer: Discoverer,
             grammar: ProductGrammar) -> dict[str, tuple[str | None, str | None]]:
    return {m.surface: (m.series, m.maker) for m in extract([(0, text)], matcher, discoverer,
                                                              grammar) if m.kind == "product"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("据悉，高通下周会发布骁龙 8 Gen 3 平台。", "骁龙 8 Gen 3"),
        ("新款平板用的是麒麟9000S。", "麒麟9000S"),
        ("三星展示了 Exynos 5100 调制解调器。", "Exynos 5100"),
        ("这批服务器都装了英伟达的H800。", "H800"),
        ("开发者更喜欢用GPT-4o写代码。", "GPT-4o"),
        ("他排队买了一台Mate 60 Pro。", "Mate 60 Pro"),
        ("她刚换了 iPhone 15 Pro 手机。", "iPhone 15 Pro"),
        ("展台中央停着一辆小米SU7 Max。", "小米SU7 Max"),
        ("团队开源了DeepSeek-R1模型。", "DeepSeek-R1"),
        ("华为发布了巴龙5000芯片。", "巴龙5000"),
        ("实验室测试了 Balong 5000 的功耗。", "Balong 5000"),
        # A series of several capitalised words, a tier and a part number, tier suffixes.
        ("评测室里摆着一块 Radeon RX 7900 XTX 显卡。", "Radeon RX 7900 XTX"),
        ("笔记本换上了 Core Ultra 7 155H 处理器。", "Core Ultra 7 155H"),
        ("旗舰机用上了 Snapdragon 8 Elite 平台。", "Snapdragon 8 Elite"),
        ("装机单里有一块 GeForce RTX 4070 Ti Super 显卡。", "GeForce RTX 4070 Ti Super"),
        # One digit written apart after a capitalised Latin name numbers its model.
        ("新车型Polestar 2的订单排到了年底。", "Polestar 2"),
        ("发布会上亮相的Lumora 8续航更长。", "Lumora 8"),  # a brand of our own
        ("玩家都在等Velto 2上市。", "Velto 2"),
    ],
)
def test_brand_or_series_plus_code_is_one_product(
    sentence: str, name: str, matcher: Matcher, discoverer: Discoverer,
    grammar: ProductGrammar,
) -> None:
    assert name in products(sentence, matcher, discoverer, grammar)


def test_series_and_maker_are_linked(matcher: Matcher, discoverer: Discoverer,
                                     grammar: ProductGrammar) -> None:
    found = products("评测机搭载麒麟990，续航不错。", matcher, discoverer, grammar)
    assert found["麒麟990"] == ("kirin", "hisilicon")  # 麒麟芯片, made by 海思 (华为)
    found = products("苹果这次的iPhone 16 Plus卖得很好。", matcher, discoverer, grammar)
    assert found["iPhone 16 Plus"] == ("iphone", "apple")


def test_a_new_model_gets_the_maker_named_in_its_sentence(
    matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar
) -> None:
    found = products("华为昨天发布了 Zorvex 5000 芯片。", matcher, discoverer, grammar)
    assert found["Zorvex 5000"] == (None, "huawei")  # a series nobody knows yet
    found = products("华为昨天发布了巴龙5000芯片。", matcher, discoverer, grammar)
    assert found["巴龙5000"] == ("g-balong", "huawei")  # series from the general KB


def test_a_maker_glued_to_the_series_belongs_to_the_name(
    matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar
) -> None:
    found = products("华为Mate 60 Pro开售。", matcher, discoverer, grammar)
    assert found == {"华为Mate 60 Pro": ("g-huawei-mate", "huawei")}


@pytest.mark.parametrize(
    "sentence",
    ["华为去年收入6000亿元，同比增长10%。", "华为5G基站数量领先。", "腾讯2023年财报发布。",
     "第3季度营收增长。", "GPU 100个都不够用。", "全年净赚300多万元。",
     "园区编号Q07-12的地块已经出让。", "新房的户型在60-90平米之间。", "桌游《星海40,000》上市。",
     "盘口显示柯顿1.25的赔率。"],
)
def test_quantities_years_and_standards_are_not_products(
    sentence: str, matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar
) -> None:
    assert products(sentence, matcher, discoverer, grammar) == {}


@pytest.mark.parametrize("sentence", ["责任编辑：李明 SF183", "首局比赛李菊14比22失利。"])
def test_a_chinese_person_then_a_number_is_no_product(
    sentence: str, matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar
) -> None:
    assert not any(" " in name or "李" in name
                   for name in products(sentence, matcher, discoverer, grammar))


def test_a_known_model_stays_a_known_match(matcher: Matcher, discoverer: Discoverer,
                                           grammar: ProductGrammar) -> None:
    mentions = extract([(0, "英伟达的A100很贵。")], matcher, discoverer, grammar)
    assert [(m.surface, m.entity_key) for m in mentions] == [("英伟达", "nvidia"),
                                                             ("A100", "a100")]


def test_one_letter_after_a_known_series_is_a_model(
    matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar
) -> None:
    found = products("苹果去年卖得最好的是 iPhone X，不是别的。", matcher, discoverer, grammar)
    assert found["iPhone X"] == ("iphone", "apple")
    # An initial after a word nobody knows as a series is no model.
    found = products("分析师 Karl W. Smith 表示看好。", matcher, discoverer, grammar)
    assert not any(name.startswith("Karl") for name in found)


def test_a_capacity_after_a_model_is_no_part_number(
    matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar
) -> None:
    found = products("他买的是 Mate 60 512GB 版本。", matcher, discoverer, grammar)
    assert "Mate 60" in found and not any("512GB" in name for name in found)


def test_a_maker_that_begins_a_latin_series_is_linked(
    matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar
) -> None:
    found = products("评测室里摆着一块AMD Radeon RX 7900 XTX显卡。", matcher, discoverer, grammar)
    assert found["AMD Radeon RX 7900 XTX"][1] == "amd"


@pytest.mark.parametrize(
    ("sentence", "name", "pieces"),
    [
        # A web page's no-break or thin spaces between series, code and suffix: the same
        # product as with plain spaces, with the page's own surface.
        ("他排队买了一台Mate\u00a060\u00a0Pro。", "Mate\u00a060\u00a0Pro", ("Pro",)),
        ("她刚换了 iPhone\u202f15\u202fPro 手机。", "iPhone\u202f15\u202fPro", ()),
        ("三星展示了 Exynos\u20095100 调制解调器。", "Exynos\u20095100", ()),
    ],
)
def test_web_spaces_inside_a_model_name(
    sentence: str, name: str, pieces: tuple[str, ...], matcher: Matcher,
    discoverer: Discoverer, grammar: ProductGrammar,
) -> None:
    found = products(sentence, matcher, discoverer, grammar)
    assert name in found
    assert not set(pieces) & set(found)  # no suffix left over as a product of its own


def test_an_ideographic_space_still_parts_words(
    matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar,
) -> None:
    found = products("新款平板用的是麒麟\u30009000S。", matcher, discoverer, grammar)
    assert "麒麟\u30009000S" not in found


@pytest.mark.parametrize(
    ("sentence", "not_a_product"),
    [
        ("华为5年来首次出现下滑。", "华为5"),  # a Chinese name and a count
        ("报告的Section 2写了结论。", "Section 2"),  # an English word and a number
        ("Web 3的概念再次走红。", "Web 3"),  # a term and its generation
        ("Lumora 0这个名字并不存在。", "Lumora 0"),  # no model numbered 0
    ],
)
def test_one_digit_that_numbers_no_model(
    sentence: str, not_a_product: str, matcher: Matcher, discoverer: Discoverer,
    grammar: ProductGrammar,
) -> None:
    assert not_a_product not in products(sentence, matcher, discoverer, grammar)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("新平台向海外推出了H21芯片，性能更低。", "H21"),
        ("这款手机搭载了X65基带和A17处理器。", "A17"),  # the code, not 处理器 with it
        ("工作站里插着两块K30显卡。", "K30"),
        ("輝達推出了H21晶片。", "H21"),  # Traditional script, its word for a chip
    ],
)
def test_a_bare_code_before_a_kind_of_product_is_a_model(
    sentence: str, name: str, matcher: Matcher, discoverer: Discoverer,
    grammar: ProductGrammar,
) -> None:
    found = products(sentence, matcher, discoverer, grammar)
    assert name in found
    assert not any(surface != name and name in surface for surface in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "这款7nm芯片和5G手机都卖得不错。",  # a measurement and a generation
        "他们测试了DDR5内存的带宽。",  # a technology with its version
        "他把车停在了B2层，乘坐电梯上楼。",  # no kind of product after the code
        "第Q3手机出货量下降。",  # a period
        "工厂2023手机产量下降。",  # digits alone: a year or a count
    ],
)
def test_a_code_before_no_kind_of_product_is_no_model(
    sentence: str, matcher: Matcher, discoverer: Discoverer, grammar: ProductGrammar,
) -> None:
    assert not products(sentence, matcher, discoverer, grammar)
