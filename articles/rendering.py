"""Turns stored blocks into what the public page shows.

Pure over already-loaded rows: no queries, so a page's query count does not
grow with the number of blocks.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cleaning import STORY_KINDS


@dataclass
class Item:
    kind: str  # paragraph | heading | figure | table
    text: str = ""
    index: int = -1  # the (first) block's index: entity links and tables are keyed by it
    caption: str = ""
    credit: str = ""
    src: str = ""
    cells: list[str] = field(default_factory=list)


def caption_parts(block: Any) -> tuple[str, str]:
    meta = block.meta or {}
    return str(meta.get("caption") or block.text), str(meta.get("credit") or "")


def story_items(blocks: Iterable[Any]) -> list[Item]:
    """Story blocks in reading order: figures carry their captions, a run of cells is one
    table item, and a caption right after an uncaptioned table is that table's."""
    story = [b for b in blocks if b.kind in STORY_KINDS]
    by_index = {b.index: b for b in story}
    used: set[int] = set()
    items: list[Item] = []
    for block in story:
        if block.index in used:
            continue
        meta = block.meta or {}
        if block.kind == "figure":
            caption_block = by_index.get(meta.get("caption_index", -1))
            caption, credit = caption_parts(caption_block) if caption_block else ("", "")
            if caption_block is not None:
                used.add(caption_block.index)
            items.append(Item("figure", src=str(meta.get("src", "")), caption=caption,
                              credit=credit, index=block.index))
        elif block.kind == "caption":
            caption, credit = caption_parts(block)
            last = items[-1] if items else None
            if last is not None and last.kind == "table" and not last.caption:
                last.caption, last.credit = caption, credit
            else:
                items.append(Item("figure", caption=caption, credit=credit, index=block.index))
        elif block.kind == "table_cells":
            if items and items[-1].kind == "table" and items[-1].text == str(meta.get("table")):
                items[-1].cells.append(block.text)
            else:
                items.append(Item("table", text=str(meta.get("table")), cells=[block.text],
                                  index=block.index))
        else:
            items.append(Item(block.kind, text=block.text, index=block.index))
    return items
