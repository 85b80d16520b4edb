"""The grid's validation and the typed reading of cells: no database."""

from decimal import Decimal

import pytest

from datatables.grid import (
    GridError,
    display,
    guess_type,
    sort_key,
    typed_json,
    typed_value,
    validate_grid,
)
from datatables.reconstruct import table_runs


def test_validate_normalises_and_keeps_text():
    columns, rows = validate_grid([{"name": " 公司 ", "type": "text"}], [[" 百度 "]])
    assert columns == [{"name": "公司", "type": "text"}]
    assert rows == [["百度"]]


@pytest.mark.parametrize(("columns", "rows", "message"), [
    ([{"name": "a", "type": "text"}], [["1", "2"]], "Row 1 has 2 cells"),
    ([{"name": "a", "type": "weird"}], [], "unknown type"),
    ("not a list", [], "malformed"),
    ([{"name": "a", "type": "text"}], [[1]], "Row 1 is malformed"),
    ([{"name": str(n), "type": "text"} for n in range(201)], [], "limit is 200"),
    # PostgreSQL's jsonb cannot hold \u0000: the save was a 500 there.
    ([{"name": "a\x00", "type": "text"}], [], "column 1 holds a NUL"),
    ([{"name": "a", "type": "text"}], [["x"], ["b\x00c"]], "row 2 holds a NUL"),
])
def test_validate_refuses_bad_grids(columns, rows, message):
    with pytest.raises(GridError, match=message):
        validate_grid(columns, rows)


def test_chinese_units_become_typed_values_with_their_unit():
    money = typed_value("250亿美元", "money")
    assert money.number == Decimal("25000000000") and money.currency == "USD"
    count = typed_value("2.5万个", "integer")
    assert count.number == 25000 and count.unit == "个"
    share = typed_value("36.25%", "percent")
    assert share.number == Decimal("36.25") and share.unit == "%"
    assert sort_key(money) == "25000000000"
    assert typed_json("250亿美元", "money") == {"kind": "money", "number": "25000000000",
                                                "unit": "USD"}
    assert typed_value("暂无", "percent") is None
    assert typed_value("百度", "text") is None


def test_display_keeps_the_original_text_and_groups_bare_numbers():
    assert display("250亿美元", "money", typed_value("250亿美元", "money")) == "250亿美元"
    assert display("22050", "integer", typed_value("22050", "integer")) == "22,050"
    assert display("2008", "year", typed_value("2008", "year")) == "2008"


def test_guess_type():
    assert guess_type(["36.25%", "5.50%", ""]) == "percent"
    assert guess_type(["百度", "腾讯"]) == "text"
    assert guess_type(["2008", "1998", "2016"]) == "year"


class B:
    def __init__(self, index, kind, text, meta=None):
        self.index, self.kind, self.text, self.meta = index, kind, text, meta or {}
        self.start, self.end = index * 10, index * 10 + len(text)


def test_runs_split_on_table_number_and_take_the_caption_below():
    blocks = [B(0, "paragraph", "正文。"), B(1, "table_cells", "a", {"table": 1}),
              B(2, "table_cells", "b", {"table": 1}), B(3, "table_cells", "c", {"table": 2}),
              B(4, "caption", "表二|数据来源:企查查"), B(5, "paragraph", "又一段。")]
    runs = table_runs(blocks)
    assert [(r.number, r.position, [c.text for c in r.cells], r.caption) for r in runs] == [
        (1, 1, ["a", "b"], ""), (2, 3, ["c"], "表二|数据来源:企查查")]
    assert [r.caption_index for r in runs] == [None, 4]
    assert runs[0].digest != runs[1].digest
