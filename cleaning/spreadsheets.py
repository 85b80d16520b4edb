"""CSV and XLSX in and out for data tables, defensive about what editors upload.

Editors fix rebuilt tables in a spreadsheet and upload them back, so imports must
cope with Excel's encodings and delimiters, refuse what is not a table (binaries,
zip bombs, absurd sizes) with a message an editor understands, and report ragged
rows instead of padding them silently. Exports neutralise formula injection: a
cell such as ``=HYPERLINK(...)`` from a scraped article must reach the reader's
spreadsheet as text, never as a formula.

Pure Python (openpyxl for XLSX): nothing here imports Django.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from time import monotonic

from phrasebook import Message, Refusal, gettext_noop

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MB
DEFAULT_MAX_COLUMNS = 1000
DEFAULT_MAX_ROWS = 100_000
# Work budget of one XLSX read: cells looked at (padding included) and seconds. A
# 4.9 KB workbook declaring A1:XFD1048576 once kept a CPU busy for 20 minutes.
DEFAULT_MAX_CELLS = 5_000_000
DEFAULT_MAX_SECONDS = 30.0
DEFAULT_MAX_UNCOMPRESSED = 100 * MB
DEFAULT_MAX_RATIO = 100  # uncompressed / compressed; real workbooks stay well under 30
MAX_ZIP_MEMBERS = 10_000
MAX_PROBLEMS = 20
DELIMITERS = ",;\t|"

# Cells starting with these are run as formulas by Excel, LibreOffice and Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain number is safe even with a sign: "-3.5", "+2", "-1,000", "-12%", "1e-3".
_PLAIN_NUMBER = re.compile(
    r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$"
)
_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF",
                 b"MZ", b"\xd0\xcf\x11\xe0", b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf")


class SheetError(Refusal):
    """An upload we refuse; the message is meant for the editor who sent it (the admin
    shows it in their language: ``articles.reasons.say_message``)."""


@dataclass(frozen=True)
class Sheet:
    """A table as read from a file: rows keep their own lengths; ``problems`` says why."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    problems: tuple[Message, ...] = ()
    encoding: str = ""
    delimiter: str = ""


# --- CSV in -----------------------------------------------------------------------


def read_csv(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES,
             max_columns: int = DEFAULT_MAX_COLUMNS, max_rows: int = DEFAULT_MAX_ROWS) -> Sheet:
    """Read CSV bytes from any common export: UTF-8 (with or without BOM), UTF-16, GB18030."""
    _check_size(data, max_bytes)
    if not data.strip():
        raise SheetError(gettext_noop("The file is empty."))
    text, encoding = decode_text(data)
    _refuse_binary_text(text)
    delimiter = sniff_delimiter(text)
    try:
        records = _csv_records(text, delimiter, max_columns, max_rows)
    except csv.Error as error:
        raise SheetError(gettext_noop("The file is not valid CSV (%(error)s)."),
                         error=str(error)) from error
    if not records:
        raise SheetError(gettext_noop("The file is empty."))
    header, rows = tuple(records[0]), tuple(tuple(r) for r in records[1:])
    return Sheet(header, rows, ragged_problems(header, rows), encoding, delimiter)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode by BOM, then strict UTF-8, then GB18030 (Excel's default on Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16"), "utf-16"
    _refuse_binary_bytes(data)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SheetError(gettext_noop("The file's text encoding is not UTF-8, UTF-16 or GB18030; "
                                  "save it again as 'CSV UTF-8' and upload that."))


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SheetError(gettext_noop("The file says it is %(encoding)s but is not valid "
                                      "%(encoding)s."), encoding=encoding) from error


def sniff_delimiter(text: str) -> str:
    """csv.Sniffer on a sample, checked against a count of each candidate per line."""
    sample = text[:64 * 1024]
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    scores = {d: _consistency(lines, d) for d in DELIMITERS}
    best = max(scores, key=lambda d: scores[d])
    if sniffed in scores and scores[sniffed] >= scores[best] * 0.9 and scores[sniffed] > 0:
        return sniffed
    return best if scores[best] > 0 else ","


def _consistency(lines: Sequence[str], delimiter: str) -> float:
    """How well one delimiter explains the lines: same non-zero count on most of them."""
    counts = [len(next(csv.reader([line], delimiter=delimiter), [])) - 1 for line in lines]
    counts = [c for c in counts if c >= 0]
    if not counts:
        return 0.0
    mode = max(set(counts), key=counts.count)
    if mode == 0:
        return 0.0
    return counts.count(mode) / len(counts) + min(mode, 50) / 1000


def _csv_records(text: str, delimiter: str, max_columns: int,
                 max_rows: int) -> list[list[str]]:
    records: list[list[str]] = []
    for number, record in enumerate(csv.reader(io.StringIO(text, newline=""),
                                               delimiter=delimiter), start=1):
        if len(record) > max_columns:
            raise SheetError(gettext_noop("Line %(line)d has %(n)d columns; the limit is "
                                          "%(limit)d. Is this really a data table?"),
                             line=number, n=len(record), limit=max_columns)
        if not any(cell.strip() for cell in record):
            continue
        if len(records) >= max_rows + 1:
            raise SheetError(gettext_noop("The file has more than %(limit)d rows; split it "
                                          "and upload the parts."), limit=max_rows)
        records.append(record)
    return records


def ragged_problems(header: Sequence[str],
                    rows: Sequence[Sequence[str]]) -> tuple[Message, ...]:
    """One line per row whose length differs from the header's; never padded silently."""
    problems = []
    bad = [(n, len(row)) for n, row in enumerate(rows, start=2) if len(row) != len(header)]
    for number, length in bad[:MAX_PROBLEMS]:
        problems.append(Message(gettext_noop("Row %(row)d has %(n)d cells; the header has "
                                             "%(header)d."),
                                row=number, n=length, header=len(header)))
    if len(bad) > MAX_PROBLEMS:
        problems.append(Message(gettext_noop("... and %(n)d more rows of the wrong length."),
                                n=len(bad) - MAX_PROBLEMS))
    return tuple(problems)


def _check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise SheetError(gettext_noop("The file is %(size).1f MB; the limit is %(limit).1f MB."),
                         size=len(data) / MB, limit=max_bytes / MB)


def _refuse_binary_bytes(data: bytes) -> None:
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise SheetError(gettext_noop(
            "This is not a text file (it looks like a binary, an image or an Excel "
            "workbook); upload a CSV, or use the XLSX import for workbooks."))


def _refuse_binary_text(text: str) -> None:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > max(2, len(sample) // 100):
        raise SheetError(gettext_noop("This file holds control characters a CSV never has; "
                                      "it is probably not a text file."))


# --- XLSX in ----------------------------------------------------------------------


def read_xlsx(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES,
              max_columns: int = DEFAULT_MAX_COLUMNS, max_rows: int = DEFAULT_MAX_ROWS,
              max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
              max_ratio: float = DEFAULT_MAX_RATIO, sheet_name: str | None = None,
              max_cells: int = DEFAULT_MAX_CELLS,
              max_seconds: float = DEFAULT_MAX_SECONDS) -> Sheet:
    """Read the first (or named) worksheet; the zip is checked before any XML is parsed.

    The work is bounded by the cells actually present (the sheet's declared dimension
    is ignored: it is only a claim) and by a cell and time budget.
    """
    _check_size(data, max_bytes)
    check_zip(data, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
    from openpyxl import load_workbook  # imported late: only XLSX users pay for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise SheetError(gettext_noop("The workbook could not be read (%(error)s)."),
                         error=type(error).__name__) from error
    try:
        if sheet_name is not None and sheet_name not in workbook.sheetnames:
            raise SheetError(gettext_noop("The workbook has no sheet named '%(name)s'."),
                             name=sheet_name)
        worksheet = workbook[sheet_name] if sheet_name else workbook.worksheets[0]
        if hasattr(worksheet, "reset_dimensions"):  # read-only sheets: never pad to the claim
            worksheet.reset_dimensions()
        records = _xlsx_records(worksheet.iter_rows(values_only=True), max_columns, max_rows,
                                max_cells=max_cells, max_seconds=max_seconds)
    finally:
        workbook.close()
    if not records:
        raise SheetError(gettext_noop("The worksheet is empty."))
    header, rows = tuple(records[0]), tuple(tuple(r) for r in records[1:])
    return Sheet(header, rows, ragged_problems(header, rows), "xlsx", "")


def check_zip(data: bytes, *, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
              max_ratio: float = DEFAULT_MAX_RATIO) -> None:
    """Refuse zip bombs from the central directory alone, before decompressing anything.

    The declared sizes are trustworthy enough: zipfile stops reading a member at its
    declared size and fails its CRC check if the data runs on.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise SheetError(gettext_noop("This is not an XLSX workbook (it is not a zip "
                                      "archive).")) from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise SheetError(gettext_noop("The workbook has %(n)d parts; that is not a normal "
                                          "spreadsheet."), n=len(members))
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            raise SheetError(gettext_noop("This zip archive is not an XLSX workbook."))
        total = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members)
    if total > max_uncompressed:
        raise SheetError(gettext_noop("The workbook unpacks to %(mb).0f MB; the limit is "
                                      "%(limit).0f MB."),
                         mb=total / MB, limit=max_uncompressed / MB)
    if total > MB and total / max(1, packed) > max_ratio:
        raise SheetError(gettext_noop("The workbook is compressed %(ratio).0f times; that is "
                                      "a zip bomb, not a spreadsheet."),
                         ratio=total / max(1, packed))


def _xlsx_records(rows: Iterable[tuple[object, ...]], max_columns: int,
                  max_rows: int, *, max_cells: int = DEFAULT_MAX_CELLS,
                  max_seconds: float = DEFAULT_MAX_SECONDS) -> list[list[str]]:
    records: list[list[str]] = []
    seen, deadline = 0, monotonic() + max_seconds
    for number, row in enumerate(rows, start=1):
        seen += len(row) + 1  # an empty row still costs a step
        if seen > max_cells:
            raise SheetError(gettext_noop("The worksheet has more than %(limit)s cells (empty "
                                          "ones included); that is not a table to import."),
                             limit=f"{max_cells:,}")
        if number % 1024 == 0 and monotonic() > deadline:
            raise SheetError(gettext_noop("Reading the worksheet took more than %(limit).0f s; "
                                          "it is too large to import."), limit=max_seconds)
        cells = [cell_text(v) for v in row]
        while cells and cells[-1] == "":
            cells.pop()  # openpyxl pads to the sheet's declared width
        if len(cells) > max_columns:
            raise SheetError(gettext_noop("Row %(row)d has %(n)d columns; the limit is "
                                          "%(limit)d."), row=number, n=len(cells),
                             limit=max_columns)
        if not cells:
            continue
        if len(records) >= max_rows + 1:
            raise SheetError(gettext_noop("The worksheet has more than %(limit)d rows."),
                             limit=max_rows)
        records.append(cells)
    return records


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a table cell shows (1.0 -> "1", dates in ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


# --- out --------------------------------------------------------------------------


def neutralise(cell: str) -> str:
    """Prefix a formula trigger with ``'`` so spreadsheets show it as text.

    Plain numbers such as ``-3.5`` or ``+2%`` are left alone: they are values, not
    formulas, and quoting them would turn every negative figure into text.
    """
    if cell.startswith(FORMULA_TRIGGERS) and not (cell[:1] in "+-" and _is_plain_number(cell)):
        return "'" + cell
    return cell


def _is_plain_number(cell: str) -> bool:
    return bool(_PLAIN_NUMBER.match(cell)) and any(ch.isdigit() for ch in cell)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 with a BOM and CRLF: the form Excel opens with Chinese text intact."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in header])
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[str]], *,
            sheet_title: str = "Table") -> bytes:
    """One worksheet; plain numbers become numeric cells, everything else text."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    worksheet.append([neutralise(c) for c in header])
    for row in rows:
        worksheet.append([_xlsx_value(c) for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell: str) -> str | int | Decimal:
    if _is_plain_number(cell) and "%" not in cell and "," not in cell:
        try:
            number = Decimal(cell)
        except InvalidOperation:
            return neutralise(cell)
        if number == number.to_integral_value() and "." not in cell and "e" not in cell.lower():
            return int(number)
        return number
    return neutralise(cell)


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Table"
    return cleaned[:31]


def to_json(header: Sequence[str], rows: Iterable[Sequence[str]], *,
            meta: Mapping[str, str] | None = None, neutralised: bool = True) -> bytes:
    """``{"header": [...], "rows": [[...]], ...meta}``; rows keep their own lengths.

    Neutralised by default because JSON exports end up pasted into spreadsheets too;
    pass ``neutralised=False`` for machine consumers that want the raw text.
    """
    fix = neutralise if neutralised else str
    payload: dict[str, object] = dict(meta or {})
    payload["header"] = [fix(c) for c in header]
    payload["rows"] = [[fix(c) for c in row] for row in rows]
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
