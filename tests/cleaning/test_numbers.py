from decimal import Decimal

import pytest

from cleaning.numbers import Value, infer_column_type, parse_value


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit", "currency"),
    [
        ("250亿美元", "money", Decimal(25_000_000_000), "USD", "USD"),
        ("2.33亿美元", "money", Decimal(233_000_000), "USD", "USD"),
        ("5000万美元", "money", Decimal(50_000_000), "USD", "USD"),
        ("16.7亿元", "money", Decimal(1_670_000_000), "CNY", "CNY"),
        ("3.67亿元", "money", Decimal(367_000_000), "CNY", "CNY"),
        ("$2.5B", "money", Decimal(2_500_000_000), "USD", "USD"),
        ("2.5万个", "integer", Decimal(25_000), "个", None),
        ("22,050台", "integer", Decimal(22_050), "台", None),
        ("1,000", "integer", Decimal(1000), "", None),
        ("54", "integer", Decimal(54), "", None),
        ("36.25%", "percent", Decimal("36.25"), "%", None),
        ("5.50%", "percent", Decimal("5.50"), "%", None),
        ("15%", "percent", Decimal(15), "%", None),
        ("-3.5", "decimal", Decimal("-3.5"), "", None),
        ("2008", "year", Decimal(2008), "年", None),
        ("2008年", "year", Decimal(2008), "年", None),
        ("３６．２５％", "percent", Decimal("36.25"), "%", None),
    ],
)
def test_parse_value_numbers(text, kind, number, unit, currency):
    value = parse_value(text)
    assert (value.kind, value.number, value.unit, value.currency) == (kind, number, unit, currency)
    assert value.text == text


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年7月", "2023-07"),
        ("2023年7月26日", "2023-07-26"),
        ("2023/8/2", "2023-08-02"),
        ("2023-08-02", "2023-08-02"),
        ("2022/8/2 2:53:15", "2022-08-02T02:53:15"),
        ("7月26日", "--07-26"),
    ],
)
def test_parse_value_dates(text, iso):
    value = parse_value(text)
    assert value.kind == "date"
    assert value.iso == iso


@pytest.mark.parametrize(
    "text",
    ["360智脑", "2023WAIC现场", "1,00", "2023/13/2", "百度", "", "Pre-A轮", "100%持股企业数"],
)
def test_parse_value_text(text):
    value = parse_value(text)
    assert value.kind == "text"
    assert value.number is None


def test_out_of_range_year_is_an_integer():
    assert parse_value("3000").kind == "integer"
    assert parse_value("1850").kind == "integer"


def test_value_is_frozen():
    value = parse_value("36.25%")
    assert isinstance(value, Value)
    with pytest.raises(AttributeError):
        value.kind = "text"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["2008", "", "1998", "2019", "暂无"], "year"),
        (["54", "", "12", "2008"], "integer"),
        (["1", "2.5", "", "3"], "decimal"),
        (["36.25%", "", "5.50%", "-"], "percent"),
        (["250亿美元", "5000万美元", ""], "money"),
        (["2023年7月", "2023/8/2"], "date"),
        (["百度", "文心一言", "12"], "text"),
        (["", "  ", "—"], "text"),
    ],
)
def test_infer_column_type(values, kind):
    assert infer_column_type(values) == kind
