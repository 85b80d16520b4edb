"""The house-style signal: a paragraph written in another source's typography is foreign.

Every text here is written for these tests.
"""

from cleaning import check
from cleaning.typography import breaking, commas, spacing

TITLE = "星河科技发布第三季度财报 营收同比增长18%"

# A story that writes numbers and Latin words against the Chinese beside them.
STORY = [
    TITLE,
    "星河科技10月30日发布2023年第三季度财报，季度营收为56亿元，同比增长18%，净利润为7亿元。",
    "财报显示，公司的云服务业务收入为21亿元，占总营收的37%，较去年同期提高5个百分点。",
    "星河科技CEO王立新在电话会议上表示，公司将继续加大在AI芯片上的投入，明年研发费用预计超过30亿元。",
    "分析师认为，星河科技的云服务业务保持了较快增长，但硬件业务受到市场需求下滑的影响，收入下降了9%。",
    "星河科技还宣布，将在2024年上半年推出新一代服务器产品，并在华东地区新建2座数据中心。",
    "截至9月底，星河科技的员工总数为1.2万人，其中研发人员占比超过60%。",
]

# The same topic, pasted from a site that sets numbers and Latin words off with spaces.
SPACED = (
    "另一家云服务商晨光网络在 11 月 2 日公布的数据显示，其 GPU 服务器出货量在第三季度"
    "达到 3 万台，同比增长 45%。"
)


def _kinds(lines: list[str]) -> dict[str, tuple[str, list[str]]]:
    result = check("\n".join(lines) + "\n")
    return {b.text: (b.kind, list(b.meta.get("signals", []))) for b in result.blocks}


def test_spacing_counts_runs_not_sides():
    assert spacing("今年 10 月，苹果5G手机") == (1, 1)
    assert spacing("加载 driver.ko 模块") == (1, 0)  # a file name is one run
    assert spacing("5G") == (0, 0)  # no Chinese beside it
    assert spacing("He said 5 times.") == (0, 0)  # English keeps its spaces


def test_commas_after_chinese():
    assert commas("他说,好的，走吧") == (1, 1)
    assert commas("1,000 units") == (0, 0)


def test_breaking_needs_the_rest_to_agree():
    tight = "营收56亿元，增长18%，净利7亿元"
    spaced = "营收 56 亿元，增长 18%，净利 7 亿元"
    assert breaking([tight, tight, tight, spaced]) == [False, False, False, True]
    # A short story whose pasted paragraphs outnumber its own: neither way is its.
    assert breaking([tight, spaced, spaced]) == [False, False, False]


def test_a_paragraph_in_another_house_style_is_foreign():
    found = _kinds([*STORY[:3], SPACED, *STORY[3:]])
    kind, signals = found[SPACED]
    assert kind == "foreign" and "house_style" in signals
    assert all(found[line][0] == "paragraph" for line in STORY[1:])


def test_a_story_in_one_style_gains_no_flag():
    spaced_story = [
        TITLE,
        *(
            line.replace("亿元", " 亿元").replace("%", "% ").replace("CEO", " CEO ")
            for line in STORY[1:]
        ),
    ]
    for lines in (STORY, spaced_story):
        found = _kinds(lines)
        assert all(not any(s == "house_style" for s in found[t][1]) for t in lines[1:])


def test_story_paragraph_beside_an_ad_is_not_swept_into_it():
    story_line = (
        "星河科技的销售负责人介绍，面向中小企业的优惠套餐只在年底前提供，明年起将恢复原来的定价，"
        "公司希望借此吸引更多新客户，并让老客户在续约时得到实惠。"
    )
    ad = [
        "【晨光健身】年终会员火热报名中",
        "●私教课程学费一次交清，绝不额外收费；",
        "年卡原价1999元，活动期间仅需899元。",
        "联系人：赵老师 13912345678",
    ]
    found = _kinds([*STORY[:3], story_line, *ad, *STORY[3:]])
    assert found[story_line][0] == "paragraph"
    assert all(found[line][0] == "foreign" for line in ad)
