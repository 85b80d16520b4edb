"""The shape of a data table's grid and the typed reading of its cells.

A table is stored as ``columns`` (``[{"name": str, "type": str}]``) and ``rows``
(lists of cell strings, one per column). Cells keep the text an editor typed or
the source printed; the typed value (``250亿美元`` -> 25000000000 USD) is derived
from it on demand, so the original text always stays what readers see.

Pure Python: nothing here imports Django, so the validation runs anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cleaning.numbers import Value, infer_column_type, is_placeholder, parse_value
from phrasebook import Refusal, gettext_noop

COLUMN_TYPES = ("text", "integer", "decimal", "percent", "year", "date", "money")
NUMERIC_TYPES = frozenset({"integer", "decimal", "percent", "year", "money"})
# The reconstruction knows finer kinds of text columns; they are all text to a reader.
_MACHINE_KINDS = {"category": "text", "org": "text", "round": "text"}

MAX_COLUMNS = 200
MAX_ROWS = 20_000
MAX_CELL_CHARS = 2_000
MAX_NAME_CHARS = 200


class GridError(Refusal):
    """A grid that cannot be stored; the message is meant for the editor (shown in
    their language by the forms and the API through ``articles.reasons.say_message``)."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "text"

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES


def column_type(kind: str) -> str:
    """One of COLUMN_TYPES for a kind from the numbers or tables modules."""
    kind = _MACHINE_KINDS.get(kind, kind)
    return kind if kind in COLUMN_TYPES else "text"


def guess_type(values: Sequence[str]) -> str:
    return column_type(infer_column_type(list(values)))


def validate_grid(columns: Any, rows: Any) -> tuple[list[dict[str, str]], list[list[str]]]:
    """Check and normalise a grid; raise GridError saying what is wrong and where."""
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise GridError(gettext_noop("The table's columns and rows are malformed."))
    if len(columns) > MAX_COLUMNS:
        raise GridError(gettext_noop("The table has %(n)d columns; the limit is %(limit)d."),
                        n=len(columns), limit=MAX_COLUMNS)
    if len(rows) > MAX_ROWS:
        raise GridError(gettext_noop("The table has %(n)d rows; the limit is %(limit)d."),
                        n=len(rows), limit=MAX_ROWS)
    clean_columns = []
    for number, column in enumerate(columns, start=1):
        if not isinstance(column, dict) or not isinstance(column.get("name", ""), str):
            raise GridError(gettext_noop("Column %(column)d is malformed."), column=number)
        kind = column.get("type", "text")
        if kind not in COLUMN_TYPES:
            raise GridError(gettext_noop("Column %(column)d has an unknown type '%(type)s'."),
                            column=number, type=kind)
        name = column.get("name", "").strip()
        if "\x00" in name:
            raise GridError(gettext_noop("The name of column %(column)d holds a NUL "
                                         "character, which a table cannot store."),
                            column=number)
        if len(name) > MAX_NAME_CHARS:
            raise GridError(gettext_noop("The name of column %(column)d is longer than "
                                         "%(limit)d characters."),
                            column=number, limit=MAX_NAME_CHARS)
        clean_columns.append({"name": name, "type": kind})
    clean_rows = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or not all(isinstance(cell, str) for cell in row):
            raise GridError(gettext_noop("Row %(row)d is malformed."), row=number)
        if len(row) != len(clean_columns):
            raise GridError(gettext_noop("Row %(row)d has %(n)d cells but the table has "
                                         "%(columns)d columns."),
                            row=number, n=len(row), columns=len(clean_columns))
        # PostgreSQL's jsonb refuses \u0000: the save was a 500 (SQLite kept it).
        if any("\x00" in cell for cell in row):
            raise GridError(gettext_noop("A cell in row %(row)d holds a NUL character, "
                                         "which a table cannot store."), row=number)
        if any(len(cell) > MAX_CELL_CHARS for cell in row):
            raise GridError(gettext_noop("A cell in row %(row)d is longer than %(limit)d "
                                         "characters."), row=number, limit=MAX_CELL_CHARS)
        clean_rows.append([cell.strip() for cell in row])
    return clean_columns, clean_rows


def typed_value(text: str, kind: str) -> Value | None:
    """The cell's value when it reads as the column's kind (or a compatible number)."""
    if kind == "text" or is_placeholder(text):
        return None
    value = parse_value(text)
    if value.kind == kind:
        return value
    if kind in NUMERIC_TYPES and value.number is not None and value.kind in NUMERIC_TYPES:
        return value  # 2.5万个 in a decimal column, 2008 in an integer column...
    return None


def sort_key(value: Value | None) -> str:
    """What the browser sorts by: the number in base units, or the ISO date."""
    if value is None:
        return ""
    if value.number is not None:
        return format(value.number.normalize(), "f")
    return value.iso


def display(text: str, kind: str, value: Value | None) -> str:
    """The text a reader sees: the original, with digit grouping for bare long numbers."""
    if value is None or kind in ("year", "date") or value.number is None:
        return text
    bare = text.strip().replace(",", "")
    if bare.lstrip("+-").isdigit() and len(bare.lstrip("+-")) > 4:
        return f"{int(Decimal(bare)):,}"
    return text


def typed_json(text: str, kind: str) -> dict[str, str] | None:
    """A cell's typed value for the JSON export: number in base units, unit, ISO date."""
    value = typed_value(text, kind)
    if value is None:
        return None
    out = {"kind": value.kind}
    if value.number is not None:
        out["number"] = format(value.number.normalize(), "f")
    if value.unit:
        out["unit"] = value.unit
    if value.iso:
        out["iso"] = value.iso
    return out
