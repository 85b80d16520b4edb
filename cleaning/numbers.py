"""Numbers, money, percentages and dates as they are written in Chinese tech copy.

Table cells and prose carry values like ``250亿美元``, ``2.5万个``, ``36.25%`` or
``2023年7月``. Typing them lets table reconstruction tell a percentage column from
a count column, and lets exports keep the value while the page keeps the text.
Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

KINDS = frozenset({"text", "integer", "decimal", "percent", "year", "date", "money"})

YEAR_MIN = 1900
YEAR_MAX = 2100

# Full-width forms seen in pasted copy, folded so one pattern covers both.
_FOLD = str.maketrans(
    "０１２３４５６７８９．，％＋－／：　",
    "0123456789.,%+-/: ",
)

_MULTIPLIERS: dict[str, Decimal] = {
    "": Decimal(1),
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "十万": Decimal(100_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000),
    "十亿": Decimal(1_000_000_000),
    "百亿": Decimal(10_000_000_000),
    "千亿": Decimal(100_000_000_000),
    "万亿": Decimal(1_000_000_000_000),
    "k": Decimal(1000),
    "K": Decimal(1000),
    "m": Decimal(1_000_000),
    "M": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "b": Decimal(1_000_000_000),
    "B": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
}

_CURRENCY_WORDS: dict[str, str] = {
    "美元": "USD",
    "美金": "USD",
    "元人民币": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "块": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "韩元": "KRW",
    "新台币": "TWD",
}

_CURRENCY_SIGNS: dict[str, str] = {"$": "USD", "US$": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR",
                                   "£": "GBP", "HK$": "HKD"}

# Measure words and units that may follow a count. A closed list, because an open
# "any short suffix" rule reads product names such as 360智脑 as numbers.
_MEASURE_WORDS = (
    "个", "台", "家", "张", "枚", "人", "名", "位", "起", "件", "款", "项", "次", "条",
    "只", "辆", "部", "座", "所", "篇", "份", "页", "倍", "岁", "天", "周", "小时",
    "分钟", "秒", "年", "月", "台次", "人次", "笔", "轮", "颗", "块", "套", "行",
    "亿参数", "参数", "GB", "TB", "MB", "PB", "EH/s", "TH/s", "PH/s", "W", "kW", "MW",
)

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MULT = "|".join(sorted((re.escape(m) for m in _MULTIPLIERS if m), key=len, reverse=True))
_CUR_WORD = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))
_CUR_SIGN = "|".join(sorted((re.escape(s) for s in _CURRENCY_SIGNS), key=len, reverse=True))
_MEASURE = "|".join(sorted((re.escape(m) for m in _MEASURE_WORDS), key=len, reverse=True))

_PERCENT_RE = re.compile(rf"^(?P<n>{_NUMBER})\s*%$")
_MONEY_WORD_RE = re.compile(rf"^(?P<n>{_NUMBER})\s*(?P<m>{_MULT})?\s*(?P<c>{_CUR_WORD})$")
_MONEY_SIGN_RE = re.compile(rf"^(?P<c>{_CUR_SIGN})\s*(?P<n>{_NUMBER})\s*(?P<m>{_MULT})?$")
_COUNT_RE = re.compile(rf"^(?P<n>{_NUMBER})\s*(?P<m>{_MULT})?\s*(?P<u>{_MEASURE})?$")
_YEAR_RE = re.compile(r"^(?P<y>\d{4})\s*年?$")
_YMD_CJK_RE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?$")
_MD_CJK_RE = re.compile(r"^(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]$")
_YMD_SEP_RE = re.compile(
    r"^(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?:(?P=s)(?P<d>\d{1,2}))?"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)

# Cells that say "nothing here" rather than being a value of any column.
PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "–", "/", "N/A", "n/a", "NA", "无", "暂无",
                          "未知", "不详", "未披露", "空"})


@dataclass(frozen=True)
class Value:
    """A typed reading of one piece of text; ``text`` is kept so nothing is lost.

    ``number`` is the value in base units (``2.5万个`` -> 25000); ``iso`` is the ISO 8601
    form of dates (``2023-07``, ``--07-26`` when the year is not given).
    """

    text: str
    kind: str
    number: Decimal | None = None
    unit: str = ""
    currency: str | None = None
    iso: str = ""


def parse_value(text: str) -> Value:
    """Read ``text`` as the most specific kind it fully matches, else as plain text."""
    folded = text.strip().translate(_FOLD)
    for reader in (_read_percent, _read_date, _read_year, _read_money, _read_count):
        value = reader(text, folded)
        if value is not None:
            return value
    return Value(text=text, kind="text")


def is_placeholder(text: str) -> bool:
    """True for blanks and "none yet" markers, which fit any column."""
    return text.strip().translate(_FOLD) in PLACEHOLDERS


def infer_column_type(values: Sequence[str]) -> str:
    """Majority kind of a column's values, ignoring blanks and placeholders.

    Years and other integers are weighed together, since a count of 2008 parses
    as a year; a column is ``year`` only when years outnumber other integers.
    Returns ``text`` when no kind holds at least half of the non-blank values.
    """
    kinds = [parse_value(v).kind for v in values if not is_placeholder(v)]
    if not kinds:
        return "text"
    counts = Counter(kinds)
    numeric = counts["integer"] + counts["decimal"] + counts["year"]
    if numeric * 2 >= len(kinds) and counts["year"] < numeric:
        if counts["year"] > counts["integer"] + counts["decimal"]:
            return "year"
        return "decimal" if counts["decimal"] else "integer"
    kind, count = counts.most_common(1)[0]
    return kind if count * 2 >= len(kinds) else "text"


def _to_decimal(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None


def _scaled(number: str, multiplier: str | None) -> Decimal | None:
    base = _to_decimal(number)
    if base is None:
        return None
    scaled = base * _MULTIPLIERS[multiplier or ""]
    if scaled != scaled.to_integral_value():
        return scaled
    try:
        return scaled.quantize(Decimal(1))
    except InvalidOperation:  # more digits than the context holds: keep it as it is
        return scaled


def _read_percent(text: str, folded: str) -> Value | None:
    match = _PERCENT_RE.match(folded)
    if not match:
        return None
    return Value(text=text, kind="percent", number=_to_decimal(match["n"]), unit="%")


def _read_money(text: str, folded: str) -> Value | None:
    match = _MONEY_WORD_RE.match(folded)
    currency = _CURRENCY_WORDS[match["c"]] if match else None
    if not match:
        match = _MONEY_SIGN_RE.match(folded)
        currency = _CURRENCY_SIGNS[match["c"]] if match else None
    if not match or currency is None:
        return None
    number = _scaled(match["n"], match["m"])
    return Value(text=text, kind="money", number=number, unit=currency, currency=currency)


def _read_count(text: str, folded: str) -> Value | None:
    match = _COUNT_RE.match(folded)
    if not match:
        return None
    number = _scaled(match["n"], match["m"])
    if number is None:
        return None
    kind = "integer" if number == number.to_integral_value() else "decimal"
    if kind == "integer" and "." in match["n"] and not match["m"]:
        kind = "decimal"  # "5.0" was written as a decimal; keep the writer's intent
    return Value(text=text, kind=kind, number=number, unit=match["u"] or "")


def _read_year(text: str, folded: str) -> Value | None:
    match = _YEAR_RE.match(folded)
    if not match:
        return None
    year = int(match["y"])
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    return Value(text=text, kind="year", number=Decimal(year), unit="年", iso=f"{year:04d}")


def _read_date(text: str, folded: str) -> Value | None:
    match = _YMD_CJK_RE.match(folded) or _YMD_SEP_RE.match(folded)
    if match:
        return _date_value(text, int(match["y"]), int(match["m"]), match["d"], match)
    match = _MD_CJK_RE.match(folded)
    if match and _valid_month_day(int(match["m"]), int(match["d"])):
        return Value(text=text, kind="date", iso=f"--{int(match['m']):02d}-{int(match['d']):02d}")
    return None


def _date_value(text: str, year: int, month: int, day: str | None,
                match: re.Match[str]) -> Value | None:
    if not YEAR_MIN <= year <= YEAR_MAX or not 1 <= month <= 12:
        return None
    iso = f"{year:04d}-{month:02d}"
    if day is not None:
        if not _valid_month_day(month, int(day)):
            return None
        iso += f"-{int(day):02d}"
    groups = match.groupdict()
    if groups.get("H"):
        iso += f"T{int(groups['H']):02d}:{groups['M']}:{groups.get('S') or '00'}"
    return Value(text=text, kind="date", iso=iso)


def _valid_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31
