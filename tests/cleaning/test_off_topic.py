"""The off-topic signal: an item pasted into a story, whatever its shape, is told by its words.

Every text here is written for these tests.
"""

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import check
from cleaning.signals import terms
from cleaning.vocabulary import FUNCTION_CHARS, TermTable, content_terms, term_set

TITLE = "河湾市共享单车投放量翻番 市民骑行出行比例明显上升"

STORY = [
    TITLE,
    "河湾市交通局近日公布，今年全市共享单车投放量已经超过二十万辆，比去年翻了一番，"
    "市民骑行出行的比例明显上升，共享单车成为短途出行的首选方式。",
    "交通局负责人介绍，共享单车企业今年在地铁站周边新增了大量停车点，市民出地铁后可以"
    "直接骑行回家，停车点的位置由交通局和企业共同规划。",
    "不少市民表示，共享单车让短途出行方便了许多。家住城东的王女士说，她每天骑行到地铁站，"
    "比坐公交节省了十多分钟，停车点也比以前好找。",
    "不过，共享单车乱停乱放的问题依然存在。交通局表示，将要求企业加强停车点管理，"
    "对乱停车辆及时清运，并对违规企业减少投放指标。",
    "交通局还计划明年在城西新建骑行专用道，连接主要地铁站和商业区，进一步提高骑行出行的"
    "安全性，让更多市民选择共享单车。",
    "业内人士认为，共享单车投放量增长的同时，企业和交通局还需要在停车点规划、车辆维护"
    "等方面持续投入，骑行出行的比例才能继续上升。",
]

PASTED = (
    "冰岛南部一座火山昨夜再次喷发，炽热的岩浆沿山坡流向附近渔村，火山灰飘到数百公里外。"
    "气象部门发布航空警报，多个国际航班改道；地质学家称这次喷发的岩浆量为近年最大，"
    "火山活动可能持续数周。"
)


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _kinds(lines: list[str]) -> list[tuple[str, list[str]]]:
    result = check(_text(lines))
    return [(b.kind, list(b.meta.get("signals", []))) for b in result.blocks]


def test_the_story_alone_has_no_off_topic_block():
    assert all("off_topic" not in signals for _, signals in _kinds(STORY))


def test_an_unrelated_paragraph_pasted_into_the_story_is_foreign():
    lines = [*STORY[:3], PASTED, *STORY[3:]]
    result = check(_text(lines))
    pasted = [b for b in result.blocks if b.text == PASTED]
    assert len(pasted) == 1
    block = pasted[0]
    assert block.kind == "foreign"
    assert "off_topic" in block.meta["signals"]
    assert any(r.code == "off-topic" for r in block.reasons)
    others = [b for b in result.blocks if b.text != PASTED]
    assert all(b.kind != "foreign" for b in others)


def test_a_short_story_is_also_compared_whole():
    lines = [*STORY[:4], PASTED, STORY[4]]
    result = check(_text(lines))
    flagged = [b.text for b in result.blocks if b.kind == "foreign"]
    assert flagged == [PASTED]


def test_a_closing_line_beside_an_item_is_not_swallowed_by_it():
    closing = "未来究竟如何发展，仍然值得期待，我们不妨拭目以待。"
    lines = [*STORY, PASTED, closing]
    result = check(_text(lines))
    flagged = [b.text for b in result.blocks if b.kind == "foreign"]
    assert flagged == [PASTED]


def test_an_item_of_two_paragraphs_is_judged_as_one():
    first, second = PASTED.split("气象部门")
    second = "气象部门" + second + "火山附近的渔村已经撤离，岩浆还在流动，火山灰影响航班。"
    first += "这座火山上一次喷发是在三年前，当时岩浆也曾流到渔村附近。"
    lines = [*STORY[:4], first, second, *STORY[4:]]
    result = check(_text(lines))
    flagged = [b.text for b in result.blocks if "off_topic" in b.meta.get("signals", [])]
    assert flagged == [first, second]


def test_a_story_paragraph_that_turns_to_a_new_subject_but_names_the_story_stays():
    turn = (
        "值得一提的是，城西正在建设的地铁新线明年通车，沿线新增八个车站，"
        "交通局计划在每个新车站旁配套共享单车停车点，方便市民换乘骑行。"
    )
    lines = [*STORY[:4], turn, *STORY[4:]]
    assert all("off_topic" not in signals for _, signals in _kinds(lines))


def test_a_paragraph_going_on_with_the_subject_its_neighbour_opened_stays():
    opened = (
        "交通局负责人还提到，共享单车停车点今后将配备太阳能充电桩，"
        "方便市民为电动自行车充电。"
    )
    going_on = (
        "据介绍，太阳能充电桩白天储存电能，夜间也能使用，每个充电桩可同时为四辆"
        "电动自行车充电，太阳能充电桩的维护费用也比普通充电桩低。"
    )
    lines = [*STORY[:4], opened, going_on, *STORY[4:]]
    assert all("off_topic" not in signals for _, signals in _kinds(lines))
    # Without the paragraph that opens the subject, the same text stands alone.
    lines = [*STORY[:4], going_on, *STORY[4:]]
    assert any("off_topic" in signals for _, signals in _kinds(lines))


def test_a_roundup_of_unrelated_items_flags_none_of_them():
    roundup = [
        "今日要闻",
        "冰岛南部一座火山昨夜再次喷发，炽热的岩浆沿山坡流向附近渔村，岩浆量为近年最大，"
        "火山灰飘到数百公里外。",
        "一家汽车制造商发布新款电动汽车，续航里程达到七百公里，电动汽车售价比上一代下调，"
        "新款汽车下月交付。",
        "气象台预报，北方地区本周将迎来大范围降雪，部分地区降雪量可达暴雪，"
        "气象台提醒司机注意道路结冰。",
        "国家博物馆新展开幕，展出三百余件青铜器，其中多件青铜器为首次公开展出，"
        "博物馆实行预约参观。",
        "一支青年足球队在国际邀请赛中夺冠，足球队队长在决赛中打进两球，"
        "足球协会向球队发来贺电。",
    ]
    assert all("off_topic" not in signals for _, signals in _kinds(roundup))


def test_content_terms_leave_out_glue_bigrams_and_lone_characters():
    found = [t for t in term_set("的公司在美国上市 Apple 云") if isinstance(t, int)]
    keep = content_terms(np.array(found, dtype=np.int64))
    kept = {chr(t >> 21) + chr(t & 0x1FFFFF) for t, k in zip(found, keep, strict=True) if k}
    # "的公", "司在", "在美" hold a function character; "云" stands alone.
    assert kept == {"公司", "美国", "国上", "上市"}
    word = TermTable(["Apple 云"]).words["apple"]
    assert content_terms(np.array([word], dtype=np.int64)).tolist() == [True]


# --- TermTable.runs against the same counts made with sets of strings -------------------


def _content(term: str) -> bool:
    if len(term) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return not (term[0] in FUNCTION_CHARS or term[1] in FUNCTION_CHARS)
    return len(term) > 1 or not ("\u4e00" <= term <= "\u9fff")


def reference_runs(
    texts: list[str], reference: set[int], title: int | None, longest: int, margin: int
):
    found = [Counter(t for t in terms(text) if _content(t)) for text in texts]
    n = len(texts)
    out = []
    for length in range(1, longest + 1):
        for start in range(n - length + 1):
            run = Counter()
            for i in range(start, start + length):
                run.update(found[i])
            outside = set()
            for i in reference:
                if not start - margin <= i <= start + length - 1 + margin:
                    outside |= set(found[i])
            shared = {t for t in run if t in outside}
            repeated = {t for t, c in run.items() if c >= 2}
            titled = set(found[title]) if title is not None else set()
            worst = max(
                (len(set(found[i]) & outside) / len(found[i]) if found[i] else 0.0)
                for i in range(start, start + length)
            )
            loose = sum(1 for i in range(start, start + length) if not repeated & set(found[i]))
            out.append(
                (start, length, len(run), len(shared), len(repeated),
                 len(repeated & shared), len(set(run) & titled), worst, loose)
            )
    return out


RUN_TEXT = st.text(alphabet="的模型芯片云大中在 abAB1’,。\U00020000", max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(RUN_TEXT, min_size=1, max_size=7), st.data())
def test_runs_match_string_sets(texts: list[str], data) -> None:
    reference = data.draw(st.sets(st.integers(0, len(texts) - 1)))
    title = data.draw(st.none() | st.integers(0, len(texts) - 1))
    margin = data.draw(st.integers(0, 1))
    mask = np.zeros(len(texts), dtype=np.int64)
    mask[list(reference)] = 1
    runs = TermTable(texts).runs(mask, title, 3, margin=margin)
    got = sorted(
        zip(*(a.tolist() for a in runs), strict=True), key=lambda r: (r[1], r[0])
    )
    want = sorted(
        reference_runs(texts, reference, title, 3, margin), key=lambda r: (r[1], r[0])
    )
    assert [r[:7] + r[8:] for r in got] == [r[:7] + r[8:] for r in want]
    assert all(abs(a[7] - b[7]) < 1e-9 for a, b in zip(got, want, strict=True))


# A shop opening: it shares a few everyday words with the cycling story (a district, a
# manager who "introduces"), not its subject, and no word of the title.
SHOP = (
    "城东新开的一家手机卖场昨天开业，顾客排队选购新款手机，卖场负责人介绍，"
    "新款手机的电池续航比上一代提高三成，拍照功能也有升级，开业首日销量超过两千部，"
    "手机厂商表示下月还将推出平板电脑。"
)


def test_an_item_sharing_a_few_everyday_words_is_still_foreign():
    """The item's share of story words is about a third of a story paragraph's: off topic."""
    lines = [*STORY[:4], SHOP, *STORY[4:]]
    result = check(_text(lines))
    assert [b.text for b in result.blocks if b.kind == "foreign"] == [SHOP]


def test_three_story_paragraphs_away_from_the_item_are_enough_to_compare_with():
    lines = [*STORY[:4], SHOP, STORY[4], STORY[5]]
    result = check(_text(lines))
    assert [b.text for b in result.blocks if b.kind == "foreign"] == [SHOP]


def test_two_story_paragraphs_away_from_an_item_sharing_no_title_word_are_enough():
    """A short story leaves few paragraphs outside an item and its neighbours: two are
    enough when the item shares no title word either (in the middle or at the end)."""
    for lines, item in (
        ([*STORY[:3], SHOP, STORY[3], STORY[4]], SHOP),
        ([*STORY[:4], SHOP], SHOP),
        ([*STORY[:4], ZOO], ZOO),
    ):
        result = check(_text(lines))
        assert [b.text for b in result.blocks if b.kind == "foreign"] == [item]


# An item that happens to use one word of the title ("上升", rising) but repeats many words of
# its own that the story never uses.
RISING = (
    "冰岛南部一座火山昨夜再次喷发，火山附近的气温随即上升，炽热的岩浆沿山坡流向附近渔村，"
    "渔村居民连夜撤离。火山灰飘到数百公里外，气象部门发布航空警报，多个国际航班改道；"
    "地质学家称这次喷发的岩浆量为近年最大，火山活动可能持续数周，地质学家和气象部门将继续监测。"
)


def test_an_item_sharing_one_title_word_but_about_its_own_subject_is_foreign():
    for lines in ([*STORY[:3], RISING, *STORY[3:]], [*STORY[:4], RISING, STORY[4]]):
        result = check(_text(lines))
        assert [b.text for b in result.blocks if b.kind == "foreign"] == [RISING]


# --- the story's subject, and an opening that takes up the block before ------------------

# A zoo's news: it repeats everyday words the story also uses (计划, 明年, 介绍) but names
# nothing the story keeps coming back to (共享单车, 交通局, 骑行, 停车点).
ZOO = (
    "城南动物园负责人介绍，动物园计划明年再引进两只大熊猫，大熊猫馆下月对游客开放，"
    "馆内设有恒温室和室外运动场，方便游客观看大熊猫进食。据介绍，动物园明年还计划推出"
    "熊猫主题讲解活动，讲解员将带领游客了解大熊猫的饮食习惯，方便游客提前预约讲解。"
)


def test_an_item_sharing_everyday_words_but_naming_none_of_the_story_subject_is_foreign():
    for pos in (4, 5):
        lines = [*STORY[:pos], ZOO, *STORY[pos:]]
        result = check(_text(lines))
        assert [b.text for b in result.blocks if b.kind == "foreign"] == [ZOO]


def test_the_same_paragraph_naming_the_story_subject_stays():
    """Sharing as many of its repeated words, a paragraph that names the story's subject
    (共享单车, 停车点) is held to the stricter share: a side subject of the story."""
    bikes = "游客骑共享单车到动物园，可以在园门口的停车点还车。"
    turn = ZOO.replace("方便游客提前预约讲解。", bikes)
    for pos in (4, 5):
        lines = [*STORY[:pos], turn, *STORY[pos:]]
        assert all(b.kind != "foreign" for b in check(_text(lines)).blocks)


def test_a_paragraph_opening_on_a_name_the_paragraph_before_gave_goes_on_from_it():
    visit = (
        "交通局的考察团上个月去了冰岛南部，考察当地的共享单车停车点，冰岛南部的小镇把"
        "停车点设在公交站旁，市民换乘骑行很方便。"
    )
    for pos in (3, 4):
        lines = [*STORY[:pos], visit, PASTED, *STORY[pos:]]
        assert all(b.kind != "foreign" for b in check(_text(lines)).blocks)
        # Without the paragraph that names the place, the item is foreign.
        lines = [*STORY[:pos], PASTED, *STORY[pos:]]
        assert [b.text for b in check(_text(lines)).blocks if b.kind == "foreign"] == [PASTED]


def test_a_shared_phrase_inside_the_opening_clause_is_no_thread():
    """Only the clause's opening words count: "…负责人介绍" after a paragraph that says
    "交通局负责人介绍" does not make the zoo's news go on from it."""
    lines = [*STORY[:3], ZOO, *STORY[3:]]
    assert [b.text for b in check(_text(lines)).blocks if b.kind == "foreign"] == [ZOO]


def reference_naming(texts: list[str], reference: set[int], least: int) -> list[bool]:
    found = [{t for t in terms(text) if _content(t)} for text in texts]
    return [
        any(sum(1 for k in reference if k != i and t in found[k]) >= least for t in found[i])
        for i in range(len(texts))
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(RUN_TEXT, min_size=1, max_size=7), st.data())
def test_naming_matches_string_sets(texts: list[str], data) -> None:
    reference = data.draw(st.sets(st.integers(0, len(texts) - 1)))
    least = data.draw(st.integers(1, 4))
    mask = np.zeros(len(texts), dtype=np.int64)
    mask[list(reference)] = 1
    table = TermTable(texts)
    want = reference_naming(texts, reference, least)
    assert table.naming(mask, least).tolist() == want
    # The same from the counts of an earlier ``against`` with that reference.
    table.against(mask)
    assert table.naming(mask, least).tolist() == want


# --- an item's own dispatch line ---------------------------------------------------------

# A ferry item sharing a few everyday words with the story (近日公布, 今年新增, 负责人介绍,
# 明年, 计划, 方便): a little more than half of what a story paragraph shares.
FERRY = (
    "冰岛南部小镇近日公布，小镇今年新增电动渡船航线三条，渡船码头扩建工程明年开工，"
    "渡船将全部更换为电动渡船，小镇负责人介绍，渡船票价保持不变，码头还计划新建候船大厅，"
    "方便乘客。"
)


def test_an_item_below_its_own_dispatch_line_is_foreign():
    """A story has one dispatch line, above its lead: one further down opens another item,
    which then need only share less than a typical story paragraph."""
    for pos in (3, 4, 5):
        lines = [*STORY[:pos], "新华社雷克雅未克11月17日电 ", FERRY, *STORY[pos:]]
        result = check(_text(lines))
        # The dispatch line goes with its item (verdict._item_edges): the story never
        # uses its words.
        flagged = [b.text.strip() for b in result.blocks if b.kind == "foreign"]
        assert flagged == ["新华社雷克雅未克11月17日电", FERRY]
        # Below a short line that is no dispatch, the same paragraph stays.
        lines = [*STORY[:pos], "冰岛南部小镇", FERRY, *STORY[pos:]]
        assert all(b.kind != "foreign" for b in check(_text(lines)).blocks)


# --- terms an item's own paragraphs repeat ------------------------------------------------

# A zoo item of three paragraphs: each names 商业区, which one story paragraph names too.
PANDAS = [
    "城南动物园负责人介绍，动物园今年新增两只大熊猫，大熊猫馆明年对游客开放，馆外新修的步道"
    "通往商业区，方便游客观看大熊猫进食，动物园还计划扩建熊猫馆。",
    "据介绍，大熊猫馆设有恒温室和室外运动场，动物园今年还将为大熊猫配备专职饲养员，饲养员"
    "每天记录大熊猫的饮食，游客逛完商业区也可以顺路参观。",
    "动物园表示，大熊猫馆开放后将实行预约参观，游客可以提前在网上预约，动物园计划明年在"
    "商业区设立售票点，再推出熊猫主题讲解，讲解员带领游客参观大熊猫馆。",
]


def test_a_term_only_the_item_itself_keeps_repeating_is_no_story_subject():
    """商业区 is in four paragraphs, three of them the item's: the story names it once, so
    the item names none of the story's subject and is foreign whole."""
    for pos in (2, 3):
        lines = [*STORY[:pos], *PANDAS, *STORY[pos:]]
        result = check(_text(lines))
        assert [b.text for b in result.blocks if b.kind == "foreign"] == PANDAS


# --- an item's edges, gaps and ties (verdict._item_edges, _item_gaps, _item_ties) ------


def test_an_item_s_closing_line_goes_with_it():
    """A short line between a pasted item and the story, in words the story never uses,
    is the item's (its closing sentence, a contact line)."""
    closing = "游客须远离危险地带。"
    lines = [*STORY[:3], PASTED, closing, *STORY[3:]]
    result = check(_text(lines))
    flagged = [b.text for b in result.blocks if b.kind == "foreign"]
    assert flagged == [PASTED, closing]
    line = next(b for b in result.blocks if b.text == closing)
    assert "item_edge" in line.meta["signals"]
    assert any(r.code == "item-edge" for r in line.reasons)


def test_a_story_subheading_beside_an_item_stays_story():
    """A subheading naming the story's own subject is the story's, item or no item."""
    lines = [*STORY[:3], PASTED, "共享单车停车点管理", *STORY[3:]]
    result = check(_text(lines))
    flagged = [b.text for b in result.blocks if b.kind == "foreign"]
    assert flagged == [PASTED]


def test_a_line_between_two_foreign_blocks_is_part_of_the_item():
    """Nothing of the story runs between two foreign blocks: the lines left there are the
    item's; three are too many to be sure."""
    from types import SimpleNamespace

    from cleaning.segment import Segment
    from cleaning.verdict import Judged, _item_gaps

    def judged(kinds: list[str]) -> list[Judged]:
        return [Judged(Segment(0, 0, f"第{k}段"), kind) for k, kind in enumerate(kinds)]

    ctx = SimpleNamespace(nav_cut=None, story_first=1, title_index=0)
    for gap, expected in ((1, "foreign"), (2, "foreign"), (3, "paragraph")):
        kinds = ["heading", "paragraph", "foreign", *["paragraph"] * gap, "foreign", "paragraph"]
        blocks = judged(kinds)
        flags = [kind == "foreign" for kind in kinds]
        _item_gaps(ctx, blocks, flags, [[] for _ in kinds])
        assert [b.kind for b in blocks[3 : 3 + gap]] == [expected] * gap
        assert blocks[1].kind == blocks[-1].kind == "paragraph"



# A paragraph that goes on with the item (its place and subject), in the story's everyday
# words besides: alone it passes for a story paragraph; beside the item it is the item's.
ITEM_TIE = (
    "冰岛气象部门表示，火山喷发后渔村居民已经撤离，岩浆流经的道路暂时封闭，"
    "市民出行可以改乘地铁和公交。"
)


def test_a_paragraph_going_on_with_the_item_beside_it_is_the_item_s():
    lines = [*STORY[:3], PASTED, ITEM_TIE, *STORY[3:]]
    result = check(_text(lines))
    flagged = [b.text for b in result.blocks if b.kind == "foreign"]
    assert flagged == [PASTED, ITEM_TIE]
    tied = next(b for b in result.blocks if b.text == ITEM_TIE)
    assert tied.meta["signals"] == ["item_tie"]
    assert any(r.code == "item-tie" for r in tied.reasons)


def test_the_same_paragraph_without_the_item_stays_story():
    lines = [*STORY[:3], ITEM_TIE, *STORY[3:]]
    assert all(kind != "foreign" for kind, _ in _kinds(lines))


def test_an_item_bounded_by_its_own_timestamp_takes_no_paragraph_on():
    """A flash-news item ends at its timestamp: the paragraph after it stays story, however
    much it names the item's things."""
    flash = "冰岛火山再次喷发：冰岛南部一座火山昨夜喷发，岩浆流向渔村。[2023/3/5 10:12:07]"
    lines = [*STORY[:3], flash, ITEM_TIE, *STORY[3:]]
    result = check(_text(lines))
    assert [b.text for b in result.blocks if b.kind == "foreign"] == [flash]

def test_a_story_paragraph_beside_an_item_naming_the_story_s_things_stays():
    story_like = (
        "交通局提醒，雨雪天气里市民骑行要注意安全，共享单车企业也将加强停车点巡查，"
        "连地质部门都参与了骑行道规划。"
    )
    lines = [*STORY[:3], PASTED, story_like, *STORY[3:]]
    result = check(_text(lines))
    assert [b.text for b in result.blocks if b.kind == "foreign"] == [PASTED]

# --- an item under its own headline (verdict._titled_items) ------------------------------

FERRY_HEAD = "冰岛渡船码头扩建开工 电动渡船明年全部上线"
FERRY_LEAD = (
    "冰岛南部小镇的渡船码头扩建工程昨天开工，电动渡船将在明年全部替换旧船，码头还会新建候船大厅。"
)


def test_an_item_under_its_own_headline_is_foreign():
    lines = [*STORY[:3], FERRY_HEAD, FERRY_LEAD, *STORY[3:]]
    result = check(_text(lines))
    flagged = [b for b in result.blocks if b.kind == "foreign"]
    assert [b.text for b in flagged] == [FERRY_HEAD, FERRY_LEAD]
    assert all("titled_item" in b.meta["signals"] for b in flagged)
    assert all(any(r.code == "titled-item" for r in b.reasons) for b in flagged)


def test_a_section_headline_on_the_story_s_subject_stays_story():
    """A subheading whose words the rest of the story uses is the story's own section."""
    head = "共享单车停车点规划 交通局明年新增骑行专用道"
    lines = [*STORY[:3], head, *STORY[3:]]
    assert all(b.kind != "foreign" for b in check(_text(lines)).blocks)


def test_items_under_several_headlines_are_a_roundup():
    """Two headlines amid the text: a roundup of items (or titled sections), each naming
    what the others never do; none is taken for a pasted item on that ground."""
    other = "河湾市图书馆延长开放时间 周末开放到晚上十点"
    lead = "河湾市图书馆昨天宣布，从下月起周末开放时间延长到晚上十点，方便上班族借阅。"
    lines = [*STORY[:3], FERRY_HEAD, FERRY_LEAD, STORY[3], other, lead, *STORY[4:]]
    result = check(_text(lines))
    assert all("titled_item" not in b.meta["signals"] for b in result.blocks)


def test_an_item_under_its_own_headline_closing_the_story_is_foreign():
    lines = [*STORY, FERRY_HEAD, FERRY_LEAD]
    flagged = [b.text for b in check(_text(lines)).blocks if b.kind == "foreign"]
    assert flagged == [FERRY_HEAD, FERRY_LEAD]


def test_an_item_s_headline_may_share_an_everyday_word_with_the_story():
    """A word such as 计划 (plan) is anyone's: the item's own terms still decide."""
    head = "冰岛渡船码头扩建计划开工 电动渡船明年全部上线"
    lead = (
        "冰岛南部小镇的渡船码头扩建计划昨天开工，电动渡船将在明年全部替换旧船，"
        "码头还会新建候船大厅。"
    )
    lines = [*STORY[:3], head, lead, *STORY[3:]]
    flagged = [b.text for b in check(_text(lines)).blocks if b.kind == "foreign"]
    assert flagged == [head, lead]
