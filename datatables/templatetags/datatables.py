"""Data tables in templates.

    {% load datatables %}
    {% render_table table %}                      a DataTable (or a shown table)
    {% article_tables article as tables %}        the article's public tables by position
    {% with table=tables|table_at:item %}...      look one up by position or table item
    {% if item|is_table_caption:tables %}         a caption block a shown table already holds
"""

from django import template

from datatables.rendering import ShownTable, shown, tables_for_article

register = template.Library()


@register.inclusion_tag("datatables/table.html", takes_context=True)
def render_table(context, table, standalone_link=False):
    item = table if isinstance(table, ShownTable) else shown([table])[0]
    return {"table": item.table, "shown": item, "assets": _first_on_page(context),
            "standalone_link": standalone_link}


@register.simple_tag
def article_tables(article) -> dict[int, ShownTable]:
    return tables_for_article(article)


@register.filter
def table_at(tables, key):
    """A table from ``article_tables`` by position, or for a rendered table item.

    An item with ``index`` (its first block) is matched by position; otherwise by
    the checker's table number (``item.text`` of articles.rendering's table items).
    """
    if not tables:
        return None
    if isinstance(key, int):
        return tables.get(key)
    index = getattr(key, "index", None)
    if isinstance(index, int) and index in tables:
        return tables[index]
    number = str(getattr(key, "text", key))
    for item in tables.values():
        if item.table.run_number is not None and str(item.table.run_number) == number:
            return item
    return None


@register.filter
def is_table_caption(item, tables) -> bool:
    """True for the caption block of a table shown as a table: its caption is inside it."""
    index = getattr(item, "index", item)
    return any(shown.table.caption_position == index for shown in (tables or {}).values())


def _first_on_page(context) -> bool:
    """Link the stylesheet and script once per page, with the first table (unless
    the page links them in its head: ``table_assets_in_head`` in the context)."""
    if context.get("table_assets_in_head"):
        return False
    request = context.get("request")
    if request is None:
        return True
    if getattr(request, "datatables_assets_linked", False):
        return False
    request.datatables_assets_linked = True
    return True

