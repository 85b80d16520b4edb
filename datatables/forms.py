"""Admin forms: the table grid (an HTML table of inputs, never raw JSON) and uploads.

The grid posts one input per cell (``grid-<row>-<col>``), per column name and type
(``grid-col-<col>-name``/``-type``) and per row and column an order number and a
delete box, so cell edits, deletions and reordering all work without JavaScript;
``grid.js`` only makes adding, removing and moving rows and columns handier.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.reasons import say_message
from datatables.grid import COLUMN_TYPES, MAX_COLUMNS, MAX_ROWS, GridError, validate_grid
from datatables.models import DataTable

COLUMN_TYPE_LABELS = {
    "text": _("Text"), "integer": _("Integer"), "decimal": _("Decimal"),
    "percent": _("Percent"), "year": _("Year"), "date": _("Date"), "money": _("Money"),
}
MAX_ADD = 500
# Fields the admin form posts besides the grid's own; keeps the grid under Django's
# DATA_UPLOAD_MAX_NUMBER_FIELDS.
OTHER_FIELDS = 60


def grid_fits(rows: int, columns: int) -> bool:
    """Whether a grid of this size can be posted as one form."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is None:
        return True
    return rows * columns + 2 * rows + 4 * columns + OTHER_FIELDS <= limit


def _int(data, key: str, default: int, top: int) -> int:
    try:
        return max(0, min(top, int(data.get(key, default))))
    except (TypeError, ValueError):
        return default


class GridWidget(forms.Widget):
    template_name = "datatables/widgets/grid.html"

    class Media:
        css = {"all": ["datatables/grid.css"]}
        js = ["datatables/grid.js"]

    def format_value(self, value):
        return value or {"columns": [], "rows": []}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        grid = self.format_value(value)
        columns = grid.get("columns", [])
        context["grid"] = {
            "columns": [{"index": j, "name": c.get("name", ""), "type": c.get("type", "text")}
                        for j, c in enumerate(columns)],
            "rows": [{"index": i, "cells": [(j, cell) for j, cell in enumerate(row)]}
                     for i, row in enumerate(grid.get("rows", []))],
            "types": [(kind, COLUMN_TYPE_LABELS[kind]) for kind in COLUMN_TYPES],
            "editable": grid_fits(len(grid.get("rows", [])), len(columns)),
        }
        return context

    def value_from_datadict(self, data, files, name):
        """Rebuild {"columns", "rows"} from the posted inputs, in the posted order."""
        if f"{name}-rows" not in data:
            return None
        n_rows = _int(data, f"{name}-rows", 0, MAX_ROWS + 1)
        n_cols = _int(data, f"{name}-cols", 0, MAX_COLUMNS + 1)

        def order(key: str, fallback: int) -> tuple[float, int]:
            try:
                return float(data.get(key, fallback)), fallback
            except (TypeError, ValueError):
                return float(fallback), fallback

        cols = [j for j in range(n_cols) if not data.get(f"{name}-col-{j}-delete")]
        cols.sort(key=lambda j: order(f"{name}-col-{j}-order", j))
        rows = [i for i in range(n_rows) if not data.get(f"{name}-row-{i}-delete")]
        rows.sort(key=lambda i: order(f"{name}-row-{i}-order", i))
        columns = [{"name": data.get(f"{name}-col-{j}-name", ""),
                    "type": data.get(f"{name}-col-{j}-type", "text")} for j in cols]
        cells = [[data.get(f"{name}-{i}-{j}", "") for j in cols] for i in rows]
        add_cols = _int(data, f"{name}-add-cols", 0, MAX_ADD)
        add_rows = _int(data, f"{name}-add-rows", 0, MAX_ADD)
        columns += [{"name": "", "type": "text"} for _ in range(add_cols)]
        cells = [[*row, *([""] * add_cols)] for row in cells]
        cells += [[""] * len(columns) for _ in range(add_rows)]
        return {"columns": columns, "rows": cells}


class GridField(forms.Field):
    widget = GridWidget

    def clean(self, value):
        if value is None:
            if self.required:
                raise ValidationError(_("The table grid is missing from the form."))
            return None
        try:
            columns, rows = validate_grid(value.get("columns"), value.get("rows"))
        except (GridError, AttributeError) as error:
            raise ValidationError(say_message(error)) from error
        return {"columns": columns, "rows": rows}


class DataTableForm(forms.ModelForm):
    """The table form with an optimistic lock: it remembers the version it was opened at,
    so a save over someone else's (another editor's, or a replace from a file) is refused
    instead of silently putting back the grid this editor first saw."""

    grid = GridField(label=_("Table"), required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DataTable
        fields = ["title", "caption", "source_note", "article", "position", "notes",
                  "source_changed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["grid"].initial = {"columns": instance.columns or [],
                                       "rows": instance.rows or []}
        if instance.pk:
            self.fields["base_version"].initial = instance.version
            self.fields["base_version"].required = True
        if not grid_fits(len(instance.rows or []), len(instance.columns or [])):
            # Too big to post as one form: edit it as a spreadsheet and upload it back.
            self.fields["grid"].disabled = True

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        if self.instance.pk and base is not None:
            # The admin wraps the change view in a transaction: the lock holds until
            # the save, so no other save slips in between the check and the write.
            current = DataTable.objects.select_for_update().only("updated_at").get(
                pk=self.instance.pk)
            if current.version != base:
                raise forms.ValidationError(_(
                    "Someone else saved this table while you were editing it. Nothing was "
                    "overwritten. Reload the page to see their changes, then apply yours "
                    "again."))
        grid = cleaned.get("grid")
        if grid is not None and not self.fields["grid"].disabled:
            self.instance.columns = grid["columns"]
            self.instance.rows = grid["rows"]
        return cleaned

    @property
    def grid_changed(self) -> bool:
        return "grid" in self.changed_data and not self.fields["grid"].disabled


class UploadForm(forms.Form):
    """A CSV or XLSX file; checked whole before anything is written."""

    file = forms.FileField(label=_("CSV or XLSX file"))
    has_header = forms.BooleanField(
        label=_("The first row holds the column names"), required=False, initial=True,
    )


class ImportForm(UploadForm):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    source_note = forms.CharField(label=_("Source note"), max_length=300, required=False)
