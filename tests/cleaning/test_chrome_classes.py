"""Classes of page chrome and notice told by their shape in any site, Chinese and English:
a page's title bar, a metadata line, a closing disclaimer, a link to another article.
Every text here is written for these tests."""

import pytest

from cleaning import STORY_KINDS, check
from cleaning.lexicon import CHROME_BITS, DISCLAIMER
from cleaning.signals import _contact_line, _title_bar_line, is_field_line
from tests.cleaning.stories import PARAGRAPHS

ENGLISH = [
    "The river bend council approved a new cycle lane on Tuesday, linking the two busiest "
    "stations with the market district after a year of consultation.",
    "Council members said the lane would open next spring and cost less than first planned, "
    "because the road surface needs no rebuilding along most of the route.",
    "Residents who spoke at the meeting mostly welcomed the plan, though some shop owners "
    "asked for more loading bays on the side streets.",
]


def _verdicts(lines: list[str]) -> dict[str, tuple[str, list[str]]]:
    text = "\n".join(lines) + "\n"
    result = check(text, "text")
    return {text[b.start : b.end]: (b.kind, list(b.meta.get("signals", []))) for b in result.blocks}


def _flagged(lines: list[str], line: str) -> tuple[str, list[str]]:
    kind, signals = _verdicts(lines)[line]
    assert kind not in STORY_KINDS, (line, kind, signals)
    return kind, signals


def _after_the_story(line: str) -> tuple[str, list[str]]:
    """The verdict of ``line`` after a story in its own language."""
    story = ENGLISH if line.isascii() else PARAGRAPHS
    return _flagged([*story, line], line)


# --- a page's title bar: headline, site, section ------------------------------------------


@pytest.mark.parametrize(
    "bar",
    [
        "河湾市共享单车投放量翻番 | 河湾新闻网 | 本地",
        "河湾市共享单车投放量翻番_城市频道_河湾新闻网",
        "河湾市共享单车投放量翻番 丨 河湾日报 丨 交通",
        "New cycle lane approved - River Bend Times - Local News",
        "New cycle lane approved | River Bend Times | Transport",
    ],
)
def test_a_title_bar_of_headline_site_and_section_is_chrome(bar):
    lines = [bar, *PARAGRAPHS] if not bar.isascii() else [bar, *ENGLISH]
    kind, signals = _flagged(lines, bar)
    assert kind == "chrome" and "joined_labels" in signals


@pytest.mark.parametrize(
    "line",
    [
        "营业收入 | 12亿 | 15亿",  # a row of figures is a table
        "三家公司投资情况 | 数据来源：河湾统计局",  # a caption and its credit
        "The mayor - who was elected last year - said the lane is overdue.",
        "他说 - 好 - 吧",
        "snake_case_name",
    ],
)
def test_bars_in_a_sentence_a_table_row_or_a_caption_are_no_title_bar(line):
    assert not _title_bar_line(line)


# --- a page footer: owner, licence, hotline between bars -------------------------------------

FOOTERS = [
    "河湾市新闻办主管\u3000河湾晚报社主办 技术支持：河湾网络 | 未经许可\u3000不得转载 | "
    "网站备案号：河ICP备12345678号 | 违法信息举报电话：0123-4567890",
    "River Bend Times Ltd | Registered office: 12 Mill Road | Company No. 0456789 | Contact us",
]


@pytest.mark.parametrize("footer", FOOTERS)
def test_a_footer_of_fields_between_bars_is_chrome_without_a_copyright_word(footer):
    kind, signals = _after_the_story(footer)
    assert kind == "chrome" and "joined_labels" in signals


@pytest.mark.parametrize(
    "line",
    [
        "营业收入 | 1200万 | 1500万 | 1800万",  # a row of figures is a table
        "三家公司投资情况 | 数据来源：河湾统计局",  # a caption and its credit: two fields
        "他说：这条路 | 那条桥 | 都要修。",  # a sentence
        "林晓 | 王明 | 张华 | 李雷",  # names alone: no value, left to the menu tests
    ],
)
def test_bars_in_a_table_row_a_caption_a_sentence_or_a_name_list_are_no_footer(line):
    assert not is_field_line(line)


# --- a contact line: labelled fields with a phone number ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "电话：0123-4567890 地址：河湾市滨江路88号河湾大厦3楼",
        "【联系我们】手机：13912345678 邮箱：desk@example.com",
        "Tel: 020-12345678  Fax: 020-12345679",
    ],
)
def test_a_contact_line_after_the_story_is_chrome_whatever_its_labels(line):
    kind, signals = _after_the_story(line)
    assert kind == "chrome" and "metadata" in signals


@pytest.mark.parametrize(
    "line",
    [
        "市民可拨打热线：0123-4567890，咨询办理流程。",  # a sentence that gives a number
        "电话：0123-4567890",  # one field alone
        "地址：河湾市滨江路88号 开放时间：每天9点",  # no phone number
    ],
)
def test_a_sentence_with_a_number_or_a_single_field_is_no_contact_line(line):
    assert not _contact_line(line)


# --- metadata lines: author, time, views, source --------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "作者：林晓 发布时间：2024-05-01 阅读量：1234",
        "1.2万次阅读 · 32条评论",
        "By Lin Xiao · 5 min read · 1,204 views",
        "阅读数 5678 点赞数 120",
    ],
)
def test_metadata_fields_are_found_in_any_order_and_language(line):
    assert len(CHROME_BITS.findall(line)) >= 2


@pytest.mark.parametrize(
    "line", ["作者：林晓 发布时间：2024-05-01 阅读量：1234", "1.2万次阅读 · 32条评论"]
)
def test_a_metadata_line_under_the_headline_is_chrome(line):
    lines = ["河湾市共享单车投放量翻番", line, *PARAGRAPHS]
    kind, _ = _flagged(lines, line)
    assert kind == "chrome"


def test_a_sentence_citing_reader_numbers_stays_story():
    line = "这篇报道发布后，已有1.2万次阅读和三百多条留言，不少市民表示支持。"
    lines = [*PARAGRAPHS[:2], line, *PARAGRAPHS[2:]]
    kind, _ = _verdicts(lines)[line]
    assert kind in STORY_KINDS


# --- a closing disclaimer -------------------------------------------------------------------


@pytest.mark.parametrize(
    "notice",
    [
        "本文仅代表作者本人观点，不代表本平台立场。",
        "文中观点仅代表作者个人，与本站无关。",
        "部分图片来自读者投稿，版权归原作者所有，如有问题请联系我们删除。",
        "本号对文中内容不承担任何法律责任。",
        "市场有风险，投资需谨慎。",
        "This article is for informational purposes only.",
        "The views expressed here do not necessarily reflect the views of the publisher.",
        "This is not intended as financial advice.",
    ],
)
def test_a_closing_notice_is_found_by_what_it_disclaims(notice):
    assert DISCLAIMER.search(notice), notice


@pytest.mark.parametrize(
    "notice", ["本文仅代表作者本人观点，不代表本平台立场。", "市场有风险，投资需谨慎。"]
)
def test_a_closing_notice_after_the_story_is_not_story(notice):
    kind, _ = _flagged([*PARAGRAPHS, notice], notice)
    assert kind == "disclaimer"


@pytest.mark.parametrize(
    "line",
    [
        "他说这只代表他自己，不代表任何人。",
        "这件作品归全体村民所有，已经捐给了镇上的博物馆。",
        "公司表示将承担全部责任，并向受影响的乘客道歉。",
    ],
)
def test_a_sentence_of_the_story_about_views_or_duty_is_no_notice(line):
    assert not DISCLAIMER.search(line), line


# --- links to other articles ----------------------------------------------------------------


@pytest.mark.parametrize("label", ["上一篇：", "下一篇：", "相关阅读：", "推荐阅读："])
def test_a_label_and_another_articles_title_is_a_furniture_label(label):
    line = label + "城西新建骑行专用道"
    kind, signals = _flagged([*PARAGRAPHS, line], line)
    assert kind == "chrome" and "nav_label" in signals


@pytest.mark.parametrize("label", ["Read: ", "Read more: ", "Also read: ", "See also: "])
def test_an_english_link_label_and_title_glued_into_the_text_is_cut_out(label):
    link = label + "How the Council Picked the Route"
    line = ENGLISH[0] + " " + link
    text = "\n".join([line, *ENGLISH[1:]]) + "\n"
    flagged = [
        text[b.start : b.end] for b in check(text, "text").blocks if b.kind not in STORY_KINDS
    ]
    assert flagged == [link]
