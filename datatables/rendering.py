"""What the public table shows: typed, formatted cells and links to entity pages.

All entity names of a page's tables are looked up in one query, never per cell.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from datatables.grid import display, sort_key, typed_value
from datatables.models import DataTable

FILTER_MIN_ROWS = 10


@dataclass(frozen=True)
class ShownCell:
    text: str
    shown: str
    sort: str
    numeric: bool
    link: str = ""


@dataclass(frozen=True)
class ShownColumn:
    name: str
    type: str
    numeric: bool


@dataclass(frozen=True)
class ShownTable:
    table: DataTable
    columns: list[ShownColumn]
    rows: list[list[ShownCell]]

    @property
    def filterable(self) -> bool:
        return len(self.rows) >= FILTER_MIN_ROWS


def entity_links(names: Iterable[str]) -> dict[str, str]:
    """Name or alias -> entity page URL, for the names that are entities (one query)."""
    wanted = {name for name in names if name and len(name) <= 200}
    if not wanted:
        return {}
    try:
        from entities.models import Alias, Entity

        reverse("entities:detail", kwargs={"slug": "x"})
    except (ImportError, NoReverseMatch):
        return {}  # entity pages not built (yet): cells stay plain text
    pairs = Entity.objects.filter(name__in=wanted).order_by().values_list("name", "slug").union(
        Alias.objects.filter(name__in=wanted).order_by().values_list("name", "entity__slug")
    )
    links: dict[str, str] = {}
    for name, slug in pairs:
        if not slug:
            continue
        try:
            url = reverse("entities:detail", kwargs={"slug": slug})
        except NoReverseMatch:
            continue
        links.setdefault(name, url)
    return links


def shown(tables: list[DataTable]) -> list[ShownTable]:
    """Typed cells of several tables, with entity links resolved in a single query."""
    texts = {cell.strip() for table in tables for column, values in _text_columns(table)
             for cell in values}
    links = entity_links(texts)
    out = []
    for table in tables:
        columns = [ShownColumn(c.name, c.type, c.is_numeric) for c in table.column_list]
        rows = []
        for row in table.rows:
            cells = []
            for column, text in zip(columns, row, strict=False):
                value = typed_value(text, column.type)
                cells.append(ShownCell(
                    text=text,
                    shown=display(text, column.type, value),
                    sort=sort_key(value),
                    numeric=column.numeric,
                    link="" if column.numeric else links.get(text.strip(), ""),
                ))
            rows.append(cells)
        out.append(ShownTable(table, columns, rows))
    return out


def _text_columns(table: DataTable):
    for index, column in enumerate(table.column_list):
        if not column.is_numeric:
            yield column, [row[index] for row in table.rows if index < len(row)]


def tables_for_article(article) -> dict[int, ShownTable]:
    """The article's public tables keyed by position (index of the first cell block).

    Two queries whatever the number of tables: the tables, then the entity names.
    Only confirmed tables, and only when the article is published (a preview by an
    editor shows them too, since the view decides who sees an unpublished article).
    """
    tables = list(DataTable.objects.filter(
        article=article, status=DataTable.Status.CONFIRMED, position__isnull=False,
    ).order_by("position", "-confirmed_at"))
    keyed: dict[int, ShownTable] = {}
    for item in shown(tables):
        keyed.setdefault(item.table.position, item)
    return keyed
