"""The story body as the public page shows it: items with their HTML ready.

``body_rows`` loads the body in one query (two with images, for their renditions);
an article whose body was never made (checked before this app existed and not yet
migrated, or still being made) shows its story blocks through the same builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db.models import Prefetch

from body.build import rows_from_blocks
from body.document import Link, embed_provider, link_entities, plain_text
from images.models import Rendition
from images.rendering import Picture, picture


@dataclass
class Item:
    kind: str
    index: int  # the block's key: mentions and tables are keyed by it
    html: str = ""
    lines: list[str] = field(default_factory=list)
    picture: Picture | None = None
    alt: str = ""
    caption: str = ""
    credit: str = ""
    licence: str = ""
    table: Any = None  # a datatables ShownTable, when one is confirmed for this place
    cells: list[str] = field(default_factory=list)
    embed_url: str = ""
    provider: str = ""


def has_body(article) -> bool:
    """Whether the article has a body; free when it was loaded with
    ``select_related("story_body")``."""
    from body.models import StoryBody

    try:
        article.story_body  # noqa: B018
    except StoryBody.DoesNotExist:
        return False
    return True


def body_rows(article) -> list[Any]:
    """The body's blocks in order (``StoryBlock`` rows), or rows built from the
    verdicts when the article has no body yet: one query (two with images)."""
    from articles.models import Block
    from body.models import StoryBlock

    if has_body(article):
        return list(
            StoryBlock.objects.filter(article_id=article.pk).order_by("position")
            .select_related("image")
            .prefetch_related(Prefetch("image__renditions", queryset=Rendition.objects.order_by(
                "kind", "width", "format")))
        )
    checked = (Block.objects.filter(article_id=article.pk)
               .order_by("index").only("index", "kind", "text", "meta"))
    return [SimpleNamespace(image=None, image_id=None, alt="", table_id=None, embed_url="",
                            cells=row.get("cells", []), **{k: v for k, v in row.items()
                                                             if k != "cells"})
            for row in rows_from_blocks(checked)]


def links_for(mentions) -> list[Link]:
    return [Link(m.block_start, m.block_end, m.entity.get_absolute_url(), m.entity.name,
                 f"entity entity-{m.entity.kind}")
            for m in mentions or () if m.is_linkable]


def cells_by_place(article_id: int) -> dict[int, list[str]]:
    """The checker's table cells by the index of their run's first cell (one query)."""
    from articles.models import Block

    cells = (Block.objects.filter(article_id=article_id, kind="table_cells")
             .order_by("index").only("index", "kind", "text", "meta"))
    return {row["source_index"]: row["cells"] for row in rows_from_blocks(cells)}


def items(rows: list[Any], mentions_by_block: dict, tables: dict,
          article_id: int | None = None) -> list[Item]:
    """Public items: text with entity links laid on, figures with their picture,
    tables by reference (or by the place their cells stood; until a table is
    confirmed there, its cells as the checker found them)."""
    by_table_id = {shown.table.pk: shown for shown in tables.values()}
    unshown = [row for row in rows if row.kind == "table" and not getattr(row, "cells", None)
               and row.table_id not in by_table_id and row.source_index not in tables]
    found_cells = cells_by_place(article_id) if unshown and article_id else {}
    out: list[Item] = []
    for row in rows:
        item = Item(row.kind, row.key, caption=row.caption, credit=row.credit)
        if row.kind in ("paragraph", "heading", "quote", "list"):
            html = link_entities(row.text, links_for(mentions_by_block.get(row.key)))
            if not plain_text(html).strip():
                continue
            item.html = html
            item.lines = [line for line in html.split("\n") if line.strip()]
        elif row.kind == "figure":
            image = row.image
            if image is not None:
                item.picture = picture(image, list(image.renditions.all()))
                item.alt = row.alt or image.alt
                item.credit = row.credit or image.credit
                item.licence = image.get_licence_display() if image.licence else ""
            elif not (row.caption or row.credit):
                continue
        elif row.kind == "table":
            item.table = by_table_id.get(row.table_id) or tables.get(row.source_index)
            item.cells = list(getattr(row, "cells", None) or found_cells.get(row.source_index, []))
            if item.table is None and not item.cells and row.source_index is None:
                continue
        elif row.kind == "embed":
            item.provider = embed_provider(row.embed_url) or ""
            if not item.provider:
                continue
            item.embed_url = row.embed_url
        out.append(item)
    return out
