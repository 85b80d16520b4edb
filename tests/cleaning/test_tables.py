"""Table reconstruction: the two seed tables, then general behaviour on made-up runs."""

from __future__ import annotations

import pytest

from cleaning.tables import (
    Cell,
    caption_for,
    cell_kind,
    draft_as_text,
    find_tables,
    rebuild,
    split_credit,
)

COMPANIES = [
    "百度", "騰讯AI实验室", "字节跳动", "京东云", "昆仑万维", "360", "商汤科技", "科大讯飞",
    "云从科技", "达观数据", "智谱Al", "澜舟科技", "MiniMax", "面壁科技", "深言科技", "聆心智能",
    "衔远科技", "光年之外", "百川智能", "零一万物",
]
PRODUCTS = [
    "文心一言", "通义千问", "混元", "火山方舟", "言犀", "天工", "360智脑", "日日新", "讯飞星火",
    "从容", "曹植", "ChatGLM", "孟子", "Glow", "VisCPM", "Al乌托邦", "ProductGPT", "DFM-2",
    "baichuan",
]
YEARS = ["2008", "1998", "2019", "2016", "1992", "2014", "1999", "2015", "2021", "2007"]
ROUNDS = ["上市", "未上市", "C轮", "D轮", "B轮", "Pre-A轮", "股权投资", "天使轮", "IPO终止", "暂无"]


def cells(*texts: str) -> list[Cell]:
    out, offset = [], 0
    for text in texts:
        out.append(Cell(text, offset, offset + len(text)))
        offset += len(text) + 1
    return out


def column(draft, name):
    index = draft.header.index(name)
    return [row[index] for row in draft.rows]


def row_of(draft, name, text):
    index = draft.header.index(name)
    matches = [row for row in draft.rows if row[index] == text]
    assert len(matches) == 1, f"{text!r} is on {len(matches)} rows"
    return dict(zip(draft.header, matches[0], strict=True))


# --- the seed -------------------------------------------------------------------


def test_find_tables_on_seed(seed_lines):
    runs = find_tables(seed_lines)
    assert [(seed_lines[a][2], seed_lines[b][2]) for a, b in runs] == [
        ("公司类型", "零一万物"),
        ("大厂投资机构", "17.54%"),
    ]
    assert [caption_for(seed_lines, run) for run in runs] == [101, 122]


def test_site_chrome_after_the_story_is_not_a_table(seed_lines):
    for first, _ in find_tables(seed_lines):
        assert seed_lines[first][2] not in {"虎嗅", "媒体专栏", "阅读更多"}


def test_investment_table(seed_drafts):
    draft = seed_drafts[1]
    assert draft.header == ("大厂投资机构", "投资企业数", "平均持股比例", "最高持股比例",
                            "100%持股企业数")
    assert draft.caption == "三家互联网大厂投资AI相关公司情况"
    assert draft.credit == "企查查"
    assert column(draft, "大厂投资机构") == ["阿里巴巴", "百度风投", "腾讯投资"]
    assert row_of(draft, "大厂投资机构", "百度风投") == {
        "大厂投资机构": "百度风投", "投资企业数": "", "平均持股比例": "5.50%",
        "最高持股比例": "15%", "100%持股企业数": "",
    }
    tencent = row_of(draft, "大厂投资机构", "腾讯投资")
    assert tencent["投资企业数"] == "54"
    assert "17.54%" in (tencent["平均持股比例"], tencent["最高持股比例"])
    alibaba = row_of(draft, "大厂投资机构", "阿里巴巴")
    assert "36.25%" in (alibaba["平均持股比例"], alibaba["最高持股比例"])
    assert [v for v in alibaba.values() if v] == ["阿里巴巴", "36.25%"]
    assert any("36.25%" in note and "最高持股比例" in note for note in draft.notes)
    assert draft.unplaced == ()
    assert draft.column_types == ("org", "integer", "percent", "percent", "integer")


def test_company_table_header_and_groups(seed_drafts):
    draft = seed_drafts[0]
    assert draft.caption == "国内AI大模型相关公司部分统计"
    assert draft.header == ("公司类型", "公司", "成立时间", "大模型及相关产品", "融资轮次")
    assert any("'公司' has no header" in note for note in draft.notes)
    assert [label for _, label in draft.groups] == ["互联网公司", "2023年成立都初创AI公司"]
    assert "互联网公司" not in column(draft, "公司")
    assert draft.rows[draft.groups[1][0]][1] == "光年之外"
    assert draft.unplaced == ()


def test_company_table_every_cell_in_its_column(seed_drafts):
    draft = seed_drafts[0]
    for company in COMPANIES:
        row_of(draft, "公司", company)
    assert set(PRODUCTS) <= set(column(draft, "大模型及相关产品"))
    assert sorted(y for y in column(draft, "成立时间") if y) == sorted(YEARS)
    assert sorted(r for r in column(draft, "融资轮次") if r) == sorted(ROUNDS)


def test_company_table_rows(seed_drafts):
    draft = seed_drafts[0]
    assert row_of(draft, "公司", "百度")["大模型及相关产品"] == "文心一言"
    assert row_of(draft, "公司", "百度")["融资轮次"] == "上市"
    assert row_of(draft, "公司", "騰讯AI实验室")["成立时间"] == "1998"
    assert row_of(draft, "公司", "360")["大模型及相关产品"] == "360智脑"
    assert row_of(draft, "公司", "澜舟科技") == {
        "公司类型": "", "公司": "澜舟科技", "成立时间": "2021", "大模型及相关产品": "孟子",
        "融资轮次": "Pre-A轮",
    }
    assert row_of(draft, "公司", "百川智能")["大模型及相关产品"] == "baichuan"


def test_lost_company_cells_stay_blank_with_a_note(seed_drafts):
    draft = seed_drafts[0]
    qwen = row_of(draft, "大模型及相关产品", "通义千问")
    assert qwen["公司"] == "" and qwen["成立时间"] == "2008"
    assert row_of(draft, "大模型及相关产品", "DFM-2")["公司"] == ""
    assert any("通义千问" in note and "no 公司" in note for note in draft.notes)
    assert any("序列猴子" in note for note in draft.notes)
    assert 0.5 < draft.confidence < 1.0


def test_seed_span_covers_the_cells(seed_lines, seed_drafts):
    (first, last), _ = find_tables(seed_lines)
    assert seed_drafts[0].start == seed_lines[first][0]
    assert seed_drafts[0].end == seed_lines[last][1]
    assert "文心一言" in draft_as_text(seed_drafts[0])


# --- general behaviour ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Pre-A轮", "round"), ("天使轮", "round"), ("IPO终止", "round"), ("B+轮", "round"),
     ("暂无", "placeholder"), ("互联网公司", "label"), ("初创企业", "label"), ("商汤科技", "org"),
     ("文心一言", "text"), ("2008", "year"), ("36.25%", "percent"), ("—", "placeholder")],
)
def test_cell_kind(text, kind):
    assert cell_kind(text) == kind


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("三家互联网大厂投资AI相关公司情况|数据来源:企查查",
         ("三家互联网大厂投资AI相关公司情况", "企查查")),
        ("融资事件(来源:烯牛数据)", ("融资事件", "烯牛数据")),
        ("国内AI大模型相关公司部分统计", ("国内AI大模型相关公司部分统计", "")),
    ],
)
def test_split_credit(caption, expected):
    assert split_credit(caption) == expected


def test_complete_table_is_sure():
    draft = rebuild(cells("公司", "成立时间", "融资轮次", "甲科技", "2015", "A轮",
                          "乙智能", "2018", "B轮", "丙数据", "2020", "天使轮"))
    assert draft.rows == (("甲科技", "2015", "A轮"), ("乙智能", "2018", "B轮"),
                          ("丙数据", "2020", "天使轮"))
    assert draft.confidence >= 0.9
    assert draft.notes == ()


def test_missing_cells_go_to_the_right_columns():
    draft = rebuild(cells("机构名称", "投资企业数", "平均持股比例",
                          "甲资本", "12", "5%", "乙资本", "8.5%", "丙资本", "30"))
    assert draft.rows == (("甲资本", "12", "5%"), ("乙资本", "", "8.5%"), ("丙资本", "30", ""))


def test_cell_that_fits_nowhere_is_unplaced():
    draft = rebuild(cells("公司", "占比", "甲科技", "5%", "乙科技", "2023/8/2", "7%"))
    assert [c.text for c in draft.unplaced] == ["2023/8/2"]
    assert any("2023/8/2" in note and "unplaced" in note for note in draft.notes)
    assert draft.rows == (("甲科技", "5%"), ("乙科技", "7%"))


def test_prose_and_caption_around_the_run_are_left_out():
    run = cells("这是一段很长的正文,说明了下面这张表的来历。", "公司", "占比", "甲科技", "5%",
                "乙科技", "7%", "两家公司占比统计")
    draft = rebuild(run)
    assert draft.caption == "两家公司占比统计"
    assert draft.rows == (("甲科技", "5%"), ("乙科技", "7%"))
    assert draft.start == run[1].start and draft.end == run[-2].end


def test_no_header_is_inferred_and_said():
    draft = rebuild(cells("甲科技", "2015", "5%", "乙科技", "2018", "7%", "丙科技", "2020", "9%"))
    assert draft.column_types == ("org", "year", "percent")
    assert len(draft.rows) == 3
    assert any("No header" in note for note in draft.notes)


def test_group_labels_in_a_first_category_column():
    draft = rebuild(cells("类型", "公司", "成立时间",
                          "互联网公司", "甲", "1998", "乙", "2000",
                          "初创企业", "丙", "2021", "丁", "2022"))
    assert draft.groups == ((0, "互联网公司"), (2, "初创企业"))
    assert [row[1] for row in draft.rows] == ["甲", "乙", "丙", "丁"]


def test_empty_input():
    draft = rebuild([])
    assert draft.rows == () and draft.confidence == 0.0 and draft.notes


def test_find_tables_needs_typed_cells():
    chrome = [(i, i + 1, t) for i, t in enumerate(
        ["正文。", "虎嗅", "媒体专栏", "阅读更多", "Foresight News", "白话区块链", "金色早8点",
         "LD Capital", "MarsBit"])]
    assert find_tables(chrome) == []


def test_synthetic_large_table_is_rebuilt_quickly():
    texts = ["公司", "成立时间", "占比", "融资轮次"]
    for n in range(500):
        texts += [f"公司{n}科技", str(1990 + n % 30), f"{n % 90}.5%", "B轮"]
        if n % 7 == 0:
            texts.pop(-2)
    draft = rebuild(cells(*texts))
    assert len(draft.rows) == 500
    assert draft.unplaced == ()


def test_headers_without_known_endings_are_taken_when_the_rows_line_up():
    words = ("厂商 产品 制程 显存 甲公司 训练卡A 7nm 64GB 乙公司 训练卡B 12nm 32GB "
             "丙公司 推理卡C 16GB")
    cells, pos = [], 0
    for text in words.split():
        cells.append(Cell(text, pos, pos + len(text)))
        pos += len(text) + 1
    draft = rebuild(cells, "部分国产AI加速卡参数对比")
    assert draft.header == ("厂商", "产品", "制程", "显存")
    assert draft.rows[0] == ("甲公司", "训练卡A", "7nm", "64GB")
    assert draft.rows[2] == ("丙公司", "推理卡C", "", "16GB")
