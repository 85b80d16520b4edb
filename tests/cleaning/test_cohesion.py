"""The cohesion signal: a paragraph that holds together with nothing around it is foreign.

Every text here is written for these tests.
"""

import numpy as np

from cleaning import check
from cleaning.cohesion import Cohesion, squared_idf
from cleaning.vocabulary import TermTable

TITLE = "青石市地铁三号线今日开通 沿线居民通勤时间缩短一半"

STORY = [
    TITLE,
    "青石市地铁三号线今天上午正式开通运营，线路全长二十八公里，设车站二十一座，连接城北新区"
    "和老城中心，沿线居民的通勤时间预计缩短一半。",
    "三号线是青石市第三条地铁线路，工程历时五年。地铁集团介绍，三号线首班车六点发车，末班车"
    "二十三点收车，高峰时段行车间隔四分钟。",
    "开通首日，不少市民专程前来体验。住在城北新区的李先生说，过去他坐单位班车到老城上班要一个"
    "多小时，现在乘地铁三号线只要三十分钟，换乘也很方便。",
    "为了方便乘客，三号线各车站都设置了无障碍电梯和母婴室，站厅里还有便民服务台。地铁集团表示，"
    "车站的导向标识经过多次调整，乘客不容易走错。",
    "三号线在老城中心站与一号线换乘，在火车站与二号线换乘。地铁集团预计，三号线开通后，全市地铁"
    "日均客流将增加三十万人次。",
    "三号线的列车采用六节编组，最多可载乘客一千八百人。车厢内设有电子线路图，列车到站前会用"
    "普通话和英语播报换乘信息。",
    "开通前，三号线进行了三个月的空载试运行，地铁集团组织了多次应急演练，检验车站和列车在设备"
    "故障等情况下的处置能力。",
    "地铁集团负责人表示，四号线和五号线目前正在建设，预计后年开通，届时青石市地铁线网将覆盖"
    "主要城区，市民乘地铁出行会更加便利。",
]

# From a story on a nearby topic (public transport in another place): its own names and
# things, repeated, and only everyday words in common with the story.
PASTED = (
    "另据报道，松河县今年起对城乡公交实行一元票价，县里新购置的八十辆电动公交车已全部投入使用。"
    "县运输管理所表示，一元票价实施以来，城乡公交的乘坐人数增长了四成，电动公交车的充电桩也在"
    "乡镇陆续建成。"
)

# The story's own side subject: a station's site and its old houses, tied to the story by
# the station and the metro company.
DIGRESSION = (
    "老城中心站所在的位置，过去是一片老街区，保留着几座百年老宅。为了保护这些老宅，地铁集团调整"
    "了车站的施工方案，车站出口建在老宅之间，外墙用青砖装饰，与周边风貌相协调。"
)


def _check(lines: list[str]):
    return check("\n".join(lines) + "\n")


def _cohesion_flags(lines: list[str]) -> list[str]:
    return [b.text for b in _check(lines).blocks if "cohesion" in b.meta.get("signals", [])]


def test_the_story_alone_holds_together():
    result = _check(STORY)
    assert _cohesion_flags(STORY) == []
    assert all(b.kind != "foreign" for b in result.blocks)


def test_a_paragraph_pasted_from_a_story_on_a_nearby_topic_is_foreign():
    lines = [*STORY[:4], PASTED, *STORY[4:]]
    result = _check(lines)
    pasted = [b for b in result.blocks if b.text == PASTED]
    assert len(pasted) == 1
    assert pasted[0].kind == "foreign"
    assert "cohesion" in pasted[0].meta["signals"]
    assert any(r.code == "cohesion" for r in pasted[0].reasons)
    assert [b.text for b in result.blocks if b.kind == "foreign"] == [PASTED]


def test_a_digression_of_a_cohesive_story_is_kept():
    lines = [*STORY[:5], DIGRESSION, *STORY[5:]]
    result = _check(lines)
    assert _cohesion_flags(lines) == []
    assert all(b.kind != "foreign" for b in result.blocks)


def test_rare_words_weigh_more_than_everyday_ones():
    (metro,) = squared_idf(TermTable(["地铁"]).term_ids())
    (company,) = squared_idf(TermTable(["公司"]).term_ids())
    assert metro > company > 0


def test_a_pasted_paragraph_shares_little_with_the_story_and_its_neighbours():
    lines = [*STORY[:4], PASTED, *STORY[4:]]
    measure = Cohesion(TermTable(lines), set(range(len(lines))))
    runs = measure.runs(list(range(2, len(lines))), 0)
    assert runs is not None
    alone = {
        int(first): (float(rest), float(link))
        for first, last, rest, link in zip(runs.first, runs.last, runs.rest, runs.link, strict=True)
        if first == last
    }
    pasted_rest, pasted_link = alone.pop(4)
    assert pasted_rest < 0.2  # against the typical paragraph's 1.0
    assert min(rest for rest, _ in alone.values()) > 0.5
    assert pasted_link < min(link for _, link in alone.values())
    own, every = measure.own(4, 4)
    assert own >= 2 and every


def test_block_zero_starts_no_run():
    """Runs are measured against the block before them: block 0 has none, and passing it
    as a candidate must not make its neighbour the story's last block."""
    lines = [*STORY[:4], PASTED, *STORY[4:]]
    measure = Cohesion(TermTable(lines), set(range(len(lines))))
    with_zero = measure.runs(list(range(len(lines))), None)
    without = measure.runs(list(range(1, len(lines))), None)
    assert with_zero is not None and without is not None
    assert 0 not in with_zero.first
    for got, expected in zip(with_zero, without, strict=True):
        np.testing.assert_array_equal(got, expected)


# From an unrelated story, each of its terms once: nothing to repeat, nothing shared.
DETACHED = (
    "昨天下午，南湖公园举办了一场菊花展览，吸引了许多带着孩子的游客前去观赏，园艺师傅在现场"
    "讲解栽培技巧，还向大家赠送了花种。"
)
# A short line sharing nothing (fewer than COHESION_DETACHED_TERMS content terms), and a
# general remark sharing nothing either.
SHORT_ASIDE = "一位老人拄着拐杖，慢慢走过街角的报亭。"
REMARK = (
    "说到底，日子是一天一天过出来的，好的变化总要经过耐心等待，大家不妨再多给一些耐心，"
    "看看往后究竟会怎么样。"
)


def _kind_of(lines: list[str], text: str) -> str:
    (block,) = [b for b in _check(lines).blocks if b.text == text]
    return block.kind


def test_a_paragraph_sharing_nothing_is_foreign_without_rare_terms_of_its_own():
    lines = [*STORY[:4], DETACHED, *STORY[4:]]
    measure = Cohesion(TermTable(lines), set(range(len(lines))))
    assert measure.own(4, 4)[0] < 2  # the first rule needs two
    assert _kind_of(lines, DETACHED) == "foreign"
    assert _cohesion_flags(lines) == [DETACHED]


def test_a_short_line_sharing_nothing_stays_story():
    lines = [*STORY[:4], SHORT_ASIDE, *STORY[4:]]
    assert _kind_of(lines, SHORT_ASIDE) == "paragraph"


def test_a_general_closing_remark_stays_story():
    assert _kind_of([*STORY[:4], REMARK, *STORY[4:]], REMARK) == "foreign"  # amid the story
    assert _kind_of([*STORY, REMARK], REMARK) == "paragraph"  # closing it


# A story about one name (青禾科技 in every paragraph) and a paragraph pasted from a story
# about another firm on a nearby subject: the same everyday words of profits and orders and
# the market, its own names (蓝帆电子, 晶圆代工, 车载芯片) repeated, the story's never.
FIRM = [
    "青禾科技三季度营收增长两成 智能家居业务成新引擎",
    "青禾科技昨天发布第三季度财报，季度营收二十八亿元，同比增长百分之二十，净利润三亿元，好于市场"
    "预期。",
    "财报显示，青禾科技的智能家居业务收入十一亿元，同比增长近五成，已占公司营收的四成，成为增长最快"
    "的业务。",
    "青禾科技首席执行官周明远在电话会议上说，公司今年推出的智能门锁和扫地机器人销量超出预期，年底前"
    "还将推出新款智能音箱。",
    "不过，青禾科技的毛利率有所下滑。财报显示，本季度毛利率为百分之三十一，比去年同期低两个百分点，"
    "主要原因是原材料涨价。",
    "周明远表示，青禾科技将通过扩大自有工厂产能来降低成本，位于合肥的新工厂预计明年上半年投产。",
    "分析师认为，青禾科技在智能家居市场的份额稳步上升，但价格竞争激烈，毛利率能否回升仍有待观察。",
    "青禾科技预计，第四季度营收将在三十亿元至三十二亿元之间，全年营收有望首次突破一百亿元。",
    "受财报提振，青禾科技股价昨天上涨百分之六，市值重回五百亿元。",
]
SWAPPED = (
    "与此同时，蓝帆电子的利润同比下滑，不及市场预期，晶圆代工订单减少。蓝帆电子管理层表示，受市场"
    "竞争影响，公司晶圆代工收入减少，车载芯片订单也被推迟，车载芯片业务明年才可能好转，蓝帆电子的"
    "处境更难。"
)


def test_a_paragraph_about_another_name_in_a_story_about_one_is_foreign():
    lines = [*FIRM[:5], SWAPPED, *FIRM[5:]]
    assert _kind_of(lines, SWAPPED) == "foreign"
    assert _cohesion_flags(lines) == [SWAPPED]
    measure = Cohesion(TermTable(lines), set(range(len(lines))))
    assert measure.subject() >= 8  # 青禾科技's terms: the title and every paragraph
    assert not measure.names_rare(5, 5, 2)


def test_a_paragraph_naming_the_story_s_subject_stays_story():
    named = SWAPPED.replace("与此同时，蓝帆电子", "与此同时，青禾科技的供应商蓝帆电子")
    lines = [*FIRM[:5], named, *FIRM[5:]]
    assert _kind_of(lines, named) == "paragraph"
    assert Cohesion(TermTable(lines), set(range(len(lines)))).names_rare(5, 5, 2)


def test_a_story_about_several_names_keeps_a_paragraph_about_another():
    """Half the paragraphs name the firm: no name is what the story is about, and a
    paragraph on another firm is one of its subjects."""
    several = [FIRM[0]] + [
        line.replace("青禾科技", "公司", 1) if k % 2 else line for k, line in enumerate(FIRM[1:])
    ]
    lines = [*several[:5], SWAPPED, *several[5:]]
    assert _kind_of(lines, SWAPPED) == "paragraph"
