"""A table as CSV, XLSX or JSON, every cell neutralised against formula injection."""

import json

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from cleaning.spreadsheets import neutralise, to_csv, to_xlsx
from datatables.grid import typed_json
from datatables.models import DataTable

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def as_json(table: DataTable) -> bytes:
    """Header, rows and, per cell of a typed column, its value in base units."""
    columns = table.column_list
    payload = {
        "title": neutralise(table.title),
        "caption": neutralise(table.caption),
        "source": neutralise(table.source_note),
        "columns": [{"name": neutralise(c.name), "type": c.type} for c in columns],
        "header": [neutralise(c.name) for c in columns],
        "rows": [[neutralise(cell) for cell in row] for row in table.rows],
        "values": [[typed_json(cell, column.type) for cell, column in zip(row, columns,
                                                                           strict=False)]
                   for row in table.rows],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def export_bytes(table: DataTable, fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv(table.header, table.rows)
    if fmt == "xlsx":
        return to_xlsx(table.header, table.rows, sheet_title=table.label or "Table")
    if fmt == "json":
        return as_json(table)
    raise ValueError(f"unknown export format {fmt!r}")


def export_response(table: DataTable, fmt: str) -> HttpResponse:
    response = HttpResponse(export_bytes(table, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"table-{table.pk}.{fmt}"
    )
    return response
