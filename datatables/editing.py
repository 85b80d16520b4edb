"""An editor's save of a data table (the grid admin, the API): the one write path."""

from django.db import transaction

from articles.audit import record
from datatables.models import DataTable

CONFIRM_PERMISSION = "datatables.confirm_datatable"


def record_confirmation(user, table: DataTable) -> None:
    record(user, "table_confirm", table, article=table.article, table_id=table.pk)


def save_table(table: DataTable, user, *, edited: bool, confirm: bool = False) -> DataTable:
    """Save an editor's table: marked as theirs when they changed its data (so the
    reconstruction never overwrites it), and confirmed for readers when asked.
    Permission to confirm is the caller's to check (``CONFIRM_PERMISSION``)."""
    with transaction.atomic():
        if edited or confirm:
            table.mark_edited(user)
        if confirm:
            table.confirm(user)
        table.save()
        if confirm:
            record_confirmation(user, table)
    return table
