"""CSV and XLSX in through the admin, CSV, XLSX and JSON out; bad files save nothing."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from datatables.models import DataTable

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:datatables_datatable_import")
HOSTILE = [["公司", "备注"], ["=HYPERLINK(\"http://evil\",\"点我\")", "@SUM(1+1)"],
           ["-3.5", "+cmd|' /C calc'!A0"]]


def upload(client, name, data, *, lang=None, **fields):
    extra = {"HTTP_ACCEPT_LANGUAGE": lang} if lang else {}
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), "has_header": "on",
                                "title": "上传", **fields}, **extra)


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_upload_gbk_semicolons_typed_columns(editor_client):
    data = "公司;融资额;占比\n百度;250亿美元;18%\n腾讯;2.5万元;36.25%\n".encode("gb18030")
    response = upload(editor_client, "融资.csv", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    table = DataTable.objects.get()
    assert table.origin == "imported" and table.status == "draft"
    assert table.columns == [{"name": "公司", "type": "text"}, {"name": "融资额", "type": "money"},
                             {"name": "占比", "type": "percent"}]
    assert table.rows[1] == ["腾讯", "2.5万元", "36.25%"]


def test_xlsx_upload(editor_client):
    response = upload(editor_client, "t.xlsx", xlsx([["机构", "企业数"], ["腾讯投资", 54],
                                                     ["百度风投", 12]]))
    assert response.status_code == 302
    table = DataTable.objects.get()
    assert table.rows == [["腾讯投资", "54"], ["百度风投", "12"]]
    assert table.columns[1]["type"] == "integer"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("huge.csv", b"a,b\n" + b"1,2\n" * (50 * 1024 * 1024 // 4), "the limit for a table is"),
    ("wide.csv", (",".join(f"c{n}" for n in range(10_000)) + "\n").encode(), "10000 columns"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not a text file"),
    ("ragged.csv", b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n", "Row 3 has 2 cells"),
    ("empty.csv", b"   \n", "empty"),
    ("fake.xlsx", b"PK\x03\x04 this is no workbook", "not"),
])
def test_bad_uploads_are_refused_with_a_message_and_save_nothing(editor_client, name, data,
                                                                  message):
    response = upload(editor_client, name, data, lang="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Nothing was saved" in html
    assert not DataTable.objects.exists()


def test_a_refused_import_says_why_in_the_editors_language(editor_client):
    """cleaning.spreadsheets refuses with msgids and parameters, not English text: the
    Chinese admin shows the sentence, and each ragged row it lists, in Chinese."""
    ragged = b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n"
    html = upload(editor_client, "ragged.csv", ragged).content.decode()
    assert ("各行的单元格数不一致。第 3 行有 2 个单元格，表头有 3 个。 第 4 行有 4 个单元格，"
            "表头有 3 个。 请修正文件后重新上传；未保存任何内容。") in html
    assert "Row 3" not in html and "cells" not in html
    extra = upload(editor_client, "extra.csv", b"a,b\n1,2,3\n").content.decode()
    assert "第 2 行有 3 个单元格，表头有 2 个。" in extra
    old = upload(editor_client, "old.xls", b"not really").content.decode()
    assert "不支持旧版 Excel（.xls）工作簿" in old
    assert not DataTable.objects.exists()


def test_replace_from_file_keeps_the_table_and_marks_it_edited(editor_client, make_table):
    table = make_table()
    url = reverse("admin:datatables_datatable_replace", args=[table.pk])
    bad = editor_client.post(url, {"file": SimpleUploadedFile("r.csv", b"a,b\n1\n"),
                                   "has_header": "on"})
    assert bad.status_code == 200
    table.refresh_from_db()
    assert table.rows[0][0] == "百度"
    good = editor_client.post(url, {"file": SimpleUploadedFile("r.csv", b"x,y\n1,2\n"),
                                    "has_header": "on"})
    assert good.status_code == 302
    table.refresh_from_db()
    assert table.header == ["x", "y"] and table.rows == [["1", "2"]] and table.edited_at


def exports(client, table, prefix):
    out = {}
    for fmt in ("csv", "xlsx", "json"):
        if prefix == "admin":
            url = reverse("admin:datatables_datatable_export", args=[table.pk, fmt])
        else:
            url = reverse("datatables:download", args=[table.pk, fmt])
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert "attachment" in response["Content-Disposition"]
        out[fmt] = response.content
    return out


@pytest.mark.parametrize("where", ["admin", "public"])
def test_exports_neutralise_formulas(client, editor_client, make_table, where):
    columns = [{"name": n, "type": "text"} for n in HOSTILE[0]]
    table = make_table(columns=columns, rows=HOSTILE[1:], status="confirmed")
    files = exports(editor_client if where == "admin" else client, table, where)

    text = files["csv"].decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'+cmd" in text
    assert "\r\n-3.5," in text  # a negative number stays a number

    sheet = load_workbook(io.BytesIO(files["xlsx"])).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0].startswith("'=") and values[1][1].startswith("'@")
    assert values[2][0] == -3.5
    assert not any(isinstance(v, str) and v.startswith("=") for row in values for v in row)

    payload = json.loads(files["json"])
    assert payload["rows"][0][0].startswith("'=") and payload["header"] == ["公司", "备注"]


def test_json_export_carries_typed_values(client, make_table):
    table = make_table(status="confirmed")
    payload = json.loads(client.get(reverse("datatables:download", args=[table.pk, "json"]))
                         .content)
    assert payload["columns"][1] == {"name": "融资额", "type": "money"}
    assert payload["rows"][0][1] == "250亿美元"
    assert payload["values"][0][1] == {"kind": "money", "number": "25000000000", "unit": "USD"}
    assert payload["values"][1][2]["number"] == "36.25"
    assert payload["values"][0][0] is None
