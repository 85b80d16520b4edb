"""Foreign material of other shapes than a pasted news paragraph (issue 15): keyword lines,
encyclopedia entries, ads priced with a contact, novel ads, an item's own headline.

Every text here is written for these tests.
"""

from cleaning import check
from cleaning.signals import _keyword_stem

from .test_off_topic import PASTED, STORY


def _signals(lines: list[str]) -> dict[str, tuple[str, list[str]]]:
    result = check("\n".join(lines) + "\n")
    return {b.text: (b.kind, list(b.meta.get("signals", []))) for b in result.blocks}


def _inserted(extra: list[str], at: int = 4) -> dict[str, tuple[str, list[str]]]:
    return _signals([*STORY[:at], *extra, *STORY[at:]])


def test_keyword_stem_reads_search_phrases():
    assert _keyword_stem("红枫阀门哪家好_红枫阀门多少钱_红枫阀门厂家") == "红枫阀门"
    assert _keyword_stem("xyz官网 xyzapp下载 xyz手机版") == "xyz"
    assert _keyword_stem("青松电竞官网") == "青松电竞"
    assert _keyword_stem("青松电竞") is None  # no suffix: a caption, a name
    assert _keyword_stem("记者来到阀门厂家，看到价格。") is None  # a sentence


def test_a_keyword_line_on_a_word_the_story_never_uses_is_foreign():
    line = "红枫阀门哪家好 红枫阀门多少钱 红枫阀门厂家"
    kind, signals = _inserted([line])[line]
    assert kind == "foreign" and "keyword_line" in signals


def test_search_phrases_on_the_story_s_own_subject_are_not_a_keyword_line():
    line = "共享单车价格 共享单车厂家 共享单车哪家好"
    assert "keyword_line" not in _inserted([line])[line][1]


def test_an_encyclopedia_entry_with_its_info_box_is_foreign():
    entry = [
        "中文名：冰川",
        "外文名：Glacier",
        "冰川（Glacier）是指极地或高山地区地表上多年存在并具有沿地面运动状态的天然冰体，"
        "由积雪经过压实、重新结晶和再冻结等作用形成。",
        "冰川是地球上最大的淡水资源，也是地球上继海洋以后最大的天然水库。",
    ]
    found = _inserted(entry, at=len(STORY))
    assert all(found[line][0] == "foreign" and "entry" in found[line][1] for line in entry)
    assert all(found[line][0] == "paragraph" for line in STORY[1:])


def test_a_definition_of_the_story_s_own_term_stays_story():
    line = (
        "共享单车是指企业在校园、地铁站点、公交站点、居民区、商业区等提供自行车共享服务，"
        "是一种分时租赁模式，也是一种新型绿色环保的共享经济。"
    )
    assert _inserted([line])[line][0] == "paragraph"


def test_a_one_paragraph_ad_with_a_price_and_a_phone_number_is_foreign():
    ad = "松涛琴行暑期钢琴班现价880元起，报名即送教材一套，详情请致电13912345678。"
    found = _inserted([ad, "微信同号：13912345678"])
    assert found[ad][0] == "foreign"
    assert found["微信同号：13912345678"][0] == "foreign"


def test_a_novel_ad_is_foreign():
    ad = "《星河剑歌》最新章节免费阅读，主角林远踏上寻找师门的旅程。"
    kind, signals = _inserted([ad])[ad]
    assert kind == "foreign" and "novel_ad" in signals


def test_a_story_about_a_book_keeps_its_reading_prompt():
    lines = [
        "河湾市图书馆推出网络文学专区 《星河剑歌》最受欢迎",
        "河湾市图书馆近日推出网络文学专区，读者可以在馆内电脑上免费阅读《星河剑歌》等"
        "热门网络小说，专区开放一周以来，借阅人数已经超过三千人次。",
        "图书馆负责人介绍，《星河剑歌》最新章节上线当天，专区的读者比平时多了一倍，"
        "不少读者是第一次走进图书馆。",
        "馆方表示，今后将根据读者的借阅记录，定期更新网络文学专区的书目。",
    ]
    assert all(kind != "foreign" for kind, _ in _signals(lines).values())


def test_a_pasted_item_s_own_headline_goes_with_it():
    headline = "火山喷发 航班改道"
    found = _inserted([headline, PASTED])
    assert found[PASTED][0] == "foreign"
    assert found[headline][0] == "foreign"


def test_an_item_under_a_headline_naming_its_subject_is_foreign_with_it():
    """A headline of a headline's length that names the item's place and subject does not
    tie the item to the story (a short label such as a place name does: test_off_topic)."""
    headline = "冰岛南部火山再次喷发 多个国际航班改道"
    for at in (3, 4, 5):
        found = _inserted([headline, PASTED], at=at)
        assert found[PASTED][0] == "foreign"
        assert found[headline][0] == "foreign"
        assert all(found[line][0] == "paragraph" for line in STORY[1:])
