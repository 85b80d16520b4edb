"""The body made from the checker's verdicts, and what a later checker run says to it.

``rows_from_blocks`` is pure over block-like rows (index, kind, text, meta): story
blocks only, a caption folded into the figure before it (or the table whose cells
it follows), a run of table cells as one table block where the cells were.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction

from articles.rendering import story_items
from body.document import from_plain, plain_text
from cleaning import STORY_KINDS


def rows_from_blocks(blocks: Iterable[Any]) -> list[dict]:
    """Body rows (``StoryBlock`` fields) from checked blocks in index order: the reading
    order of ``story_items``, so the body and the compare view never disagree."""
    rows: list[dict] = []
    for item in story_items(blocks):
        row = {"key": item.index, "source_index": item.index, "text": "",
               "caption": item.caption, "credit": item.credit}
        if item.kind == "figure":
            rows.append({**row, "kind": "figure"})
        elif item.kind == "table":
            rows.append({**row, "kind": "table", "cells": item.cells})
        else:
            kind = "heading" if item.kind == "heading" else "paragraph"
            rows.append({**row, "kind": kind, "text": from_plain(item.text)})
    return rows


def warnings_for(rows: list[dict], body_blocks: list[Any], dropped: set[int]) -> list[dict]:
    """What a checker run says to an edited body: story text it found that the body
    holds nowhere, and body blocks whose source it no longer calls story."""
    held = {b.source_index for b in body_blocks if b.source_index is not None}
    texts = "\n".join(plain_text(b.text) + "\n" + b.caption for b in body_blocks)
    found = []
    for row in rows:
        text = plain_text(row["text"]) or row["caption"] or " ".join(row.get("cells", []))[:200]
        if row["source_index"] in held or not text.strip() or text.strip() in texts:
            continue
        found.append({"code": "new_story_text", "index": row["source_index"], "text": text[:200]})
    for block in body_blocks:
        if block.source_index in dropped:
            found.append({"code": "source_dropped", "index": block.source_index,
                          "text": (plain_text(block.text) or block.caption)[:200]})
    return found


def sync_from_verdicts(article_id: int) -> str:
    """Make or refresh the body after a checker run: "gone", "built" or "warned"."""
    from articles.models import Article, Block
    from body.models import StoryBlock, StoryBody

    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            return "gone"
        blocks = list(Block.objects.filter(article_id=article_id).order_by("index")
                      .only("index", "kind", "text", "meta"))
        rows = rows_from_blocks(blocks)
        body, _created = StoryBody.objects.get_or_create(article=article)
        if body.edited:
            dropped = {b.index for b in blocks if b.kind not in STORY_KINDS}
            body.warnings = warnings_for(rows, list(article.story_blocks.all()), dropped)
            body.checker_version = article.checker_version
            body.save(update_fields=["warnings", "checker_version"])
            return "warned"
        article.story_blocks.all().delete()
        StoryBlock.objects.bulk_create([
            StoryBlock(article=article, position=n, key=row["key"], kind=row["kind"],
                       text=row["text"], caption=row["caption"][:500], credit=row["credit"][:200],
                       source_index=row["source_index"])
            for n, row in enumerate(rows)
        ])
        body.next_key = max([b.index + 1 for b in blocks] + [body.next_key])
        body.warnings = []
        body.checker_version = article.checker_version
        body.save()
        changed(article_id)
    return "built"


def changed(article_id: int) -> None:
    """In the transaction that changed the body: stored pages go now, the later stages
    (entities, search) run after the commit."""
    from articles.signals import stories_changed
    from body.signals import body_changed

    stories_changed.send(sender=None, article_ids=[article_id])
    transaction.on_commit(partial(body_changed.send, sender=None, article_id=article_id))
