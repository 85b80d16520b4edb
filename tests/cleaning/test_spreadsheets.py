"""CSV/XLSX import and export: encodings, delimiters, limits, bombs, formula injection."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from cleaning.spreadsheets import (
    Sheet,
    SheetError,
    check_zip,
    neutralise,
    read_csv,
    read_xlsx,
    to_csv,
    to_json,
    to_xlsx,
)

HEADER = ("大厂投资机构", "投资企业数", "平均持股比例")
ROWS = (("阿里巴巴", "", "36.25%"), ("百度风投", "-3", "5.50%"), ("腾讯投资", "54", "17.54%"))


def csv_bytes(delimiter: str, encoding: str) -> bytes:
    lines = [delimiter.join(HEADER)] + [delimiter.join(r) for r in ROWS]
    return "\r\n".join(lines).encode(encoding)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_read_csv_sniffs_delimiter_and_encoding(delimiter, encoding):
    sheet = read_csv(csv_bytes(delimiter, encoding))
    assert sheet.header == HEADER
    assert sheet.rows == ROWS
    assert sheet.delimiter == delimiter
    assert sheet.problems == ()
    assert sheet.encoding == encoding


def test_read_csv_keeps_quoted_delimiters():
    sheet = read_csv('名称,备注\n甲,"一,二"\n乙,三\n'.encode())
    assert sheet.rows == (("甲", "一,二"), ("乙", "三"))


def test_ragged_rows_are_reported_not_padded():
    sheet = read_csv(b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    assert sheet.rows[1] == ("4", "5")
    assert sheet.problems == ("Row 3 has 2 cells; the header has 3.",
                              "Row 4 has 4 cells; the header has 3.")


def test_too_big_is_refused_before_reading():
    with pytest.raises(SheetError, match=r"50\.0 MB; the limit is 10\.0 MB"):
        read_csv(b"a" * (50 * 1024 * 1024))


def test_too_many_columns_is_refused():
    with pytest.raises(SheetError, match="10000 columns; the limit is 1000"):
        read_csv((",".join(["x"] * 10_000) + "\n").encode())


def test_too_many_rows_is_refused():
    with pytest.raises(SheetError, match="more than 5 rows"):
        read_csv(("a\n" + "1\n" * 10).encode(), max_rows=5)


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"PK\x03\x04rest", b"MZ\x90\x00\x03",
     b"abc\x00def\x00", bytes(range(1, 32)) * 20],
)
def test_binary_with_a_csv_name_is_refused(data):
    with pytest.raises(SheetError, match=r"not a text file|control characters"):
        read_csv(data)


def test_empty_file_is_refused():
    with pytest.raises(SheetError, match="empty"):
        read_csv(b"  \n")


def test_undecodable_bytes_are_refused():
    with pytest.raises(SheetError):
        read_csv(b"a,b\n\x81\x30\xff\xff,1\n")


def test_xlsx_roundtrip():
    data = to_xlsx(HEADER, ROWS)
    sheet = read_xlsx(data)
    assert isinstance(sheet, Sheet)
    assert sheet.header == HEADER
    assert sheet.rows == (("阿里巴巴", "", "36.25%"), ("百度风投", "-3", "5.50%"),
                          ("腾讯投资", "54", "17.54%"))


def test_xlsx_keeps_numbers_numeric_and_formulas_inert():
    from openpyxl import load_workbook

    data = to_xlsx(["a", "b"], [["-3.5", "=1+1"], ["54", "@SUM(A1)"]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == -3.5 and sheet["A3"].value == 54
    assert sheet["B2"].data_type == "s" and sheet["B2"].value == "'=1+1"
    assert sheet["B3"].value == "'@SUM(A1)"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def test_zip_bomb_is_refused_by_ratio():
    bomb = _zip({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(SheetError, match="zip bomb"):
        read_xlsx(bomb)


def test_zip_bomb_is_refused_by_total_size():
    bomb = _zip({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"0" * (3 * 1024 * 1024)})
    with pytest.raises(SheetError, match="unpacks to 3 MB; the limit is 2 MB"):
        check_zip(bomb, max_uncompressed=2 * 1024 * 1024)


def test_not_a_workbook_is_refused():
    with pytest.raises(SheetError, match="not a zip"):
        read_xlsx(b"a,b\n1,2\n")
    with pytest.raises(SheetError, match="not an XLSX"):
        read_xlsx(_zip({"hello.txt": b"hi"}))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-", "'-"),
        ("-3.5", "-3.5"),
        ("+2%", "+2%"),
        ("-1,000", "-1,000"),
        ("1e-3", "1e-3"),
        ("36.25%", "36.25%"),
        ("百度", "百度"),
        ("", ""),
    ],
)
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_csv_export_is_neutralised_and_excel_friendly():
    data = to_csv(["名称", "值"], [["=1+1", "-3.5"]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "名称,值\r\n'=1+1,-3.5\r\n"
    assert read_csv(data).rows == (("'=1+1", "-3.5"),)


def test_json_export():
    payload = json.loads(to_json(["a"], [["=1"], ["-3.5"]], meta={"caption": "表"}))
    assert payload == {"caption": "表", "header": ["a"], "rows": [["'=1"], ["-3.5"]]}
    raw = json.loads(to_json(["a"], [["=1"]], neutralised=False))
    assert raw["rows"] == [["=1"]]
