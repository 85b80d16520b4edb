"""Tables from uploaded CSV and XLSX files: read and check it all, then write once.

Reading (``cleaning.spreadsheets``) refuses binaries, zip bombs, absurd
sizes and too many columns; here we add the upload-size check that runs before a
byte is read, refuse ragged rows with the list of them, and type the columns.
"""

from django.conf import settings
from django.db import transaction

from cleaning.spreadsheets import MB, Sheet, SheetError, read_csv, read_xlsx
from datatables.grid import MAX_COLUMNS, MAX_ROWS, GridError, guess_type, validate_grid
from datatables.models import DataTable
from phrasebook import gettext_noop

XLSX_MAGIC = b"PK\x03\x04"


def max_upload_bytes() -> int:
    return int(getattr(settings, "DATATABLES_MAX_UPLOAD_BYTES", 5 * MB))


def read_upload(upload) -> Sheet:
    """The sheet in an uploaded file; SheetError with an editor's message otherwise
    (``articles.reasons.say_message`` shows it in their language)."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise SheetError(gettext_noop("The file is %(mb).1f MB; the limit for a table is "
                                      "%(limit).1f MB."), mb=upload.size / MB, limit=limit / MB)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise SheetError(gettext_noop("The file is larger than %(limit).1f MB."),
                         limit=limit / MB)
    name = (upload.name or "").lower()
    options = {"max_bytes": limit, "max_columns": MAX_COLUMNS, "max_rows": MAX_ROWS}
    if name.endswith((".xlsx", ".xlsm")) or (data.startswith(XLSX_MAGIC)
                                              and not name.endswith((".csv", ".txt", ".tsv"))):
        return read_xlsx(data, **options)
    if name.endswith(".xls"):
        raise SheetError(gettext_noop("Old Excel (.xls) workbooks are not supported; save it "
                                      "as .xlsx or as CSV UTF-8."))
    return read_csv(data, **options)


def grid_from_sheet(sheet: Sheet, *, has_header: bool = True) -> tuple[list, list]:
    """Columns (typed from their values) and rows; ragged rows are refused, not padded."""
    if sheet.problems:
        raise SheetError(gettext_noop("The rows do not all have the same number of cells. "
                                      "%(problems)s Fix the file and upload it again; nothing "
                                      "was saved."), problems=sheet.problems)
    records = [list(sheet.header), *[list(row) for row in sheet.rows]]
    header = records.pop(0) if has_header else [f"第{n}列" for n in range(1, len(records[0]) + 1)]
    columns = [{"name": name.strip(), "type": guess_type([row[j] for row in records])}
               for j, name in enumerate(header)]
    try:
        return validate_grid(columns, records)
    except GridError as error:
        raise SheetError(error.msgid, **error.params) from error


def import_table(upload, *, user=None, has_header: bool = True, **fields) -> DataTable:
    """A new imported table from the file; nothing is saved if any check fails."""
    columns, rows = grid_from_sheet(read_upload(upload), has_header=has_header)
    table = DataTable(origin=DataTable.Origin.IMPORTED, columns=columns, rows=rows, **fields)
    table.mark_edited(user)
    table.full_clean()
    table.save()
    return table


def replace_from_file(table: DataTable, upload, *, user=None, has_header: bool = True) -> None:
    """Replace a table's grid with the file's; an editor's edit, so a re-run keeps it."""
    columns, rows = grid_from_sheet(read_upload(upload), has_header=has_header)
    with transaction.atomic():
        locked = DataTable.objects.select_for_update().get(pk=table.pk)
        locked.columns, locked.rows = columns, rows
        locked.mark_edited(user)
        locked.full_clean()
        locked.save()
    table.refresh_from_db()
