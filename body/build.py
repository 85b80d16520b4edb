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
from django.utils.translation import gettext

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
    from body.models import StoryBody

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
        old = list(article.story_blocks.order_by("position"))
        if not _created and old and [fields_of(b) for b in old] != [
                fields_of(row, n) for n, row in enumerate(rows)]:
            # A form opened on the old body is stale now: a new version (the lock every
            # writer bumps) and a revision, so a stale save gets the normal conflict.
            from articles.workflow import bump_version, save_revision
            from body.editing import keep_baseline

            keep_baseline(article, body, article.version)
            remake_blocks(article, old, rows)
            bump_version(article, article.version)
            save_revision(article, None, gettext("The story remade from new checker verdicts"))
        else:
            remake_blocks(article, old, rows)
        body.next_key = max([b.index + 1 for b in blocks] + [body.next_key])
        body.warnings = []
        body.checker_version = article.checker_version
        body.save()
        changed(article_id)
    return "built"


def fields_of(block, position: int | None = None) -> tuple:
    """What a remade body takes from the verdicts, of a StoryBlock or a row."""
    get = block.get if isinstance(block, dict) else partial(getattr, block)
    return (get("key"), block.position if position is None else position, get("kind"),
            get("text"), get("caption")[:500], get("credit")[:200], get("source_index"))


def remake_blocks(article, old: list, rows: list[dict]) -> None:
    """The unedited body as the rows say, in place: a block whose key stays keeps its
    id (a form opened before still names it), the others are deleted or added."""
    from body.models import StoryBlock

    kept = {b.key: b for b in old}
    keys = {row["key"] for row in rows}
    StoryBlock.objects.filter(pk__in=[b.pk for b in old if b.key not in keys]).delete()
    changed_blocks, added = [], []
    for n, row in enumerate(rows):
        key, position, kind, text, caption, credit, source = fields_of(row, n)
        block = kept.get(key) or StoryBlock(article=article, key=key)
        if block.pk and fields_of(block) == (key, position, kind, text, caption, credit,
                                             source):
            continue
        if kind != "table" or source != block.source_index:
            block.table_id = None  # linked again by datatables on body_changed
        block.position, block.kind, block.text = position, kind, text
        block.caption, block.credit, block.source_index = caption, credit, source
        (changed_blocks if block.pk else added).append(block)
    StoryBlock.objects.bulk_update(changed_blocks, ["position", "kind", "text", "caption",
                                                    "credit", "source_index", "table"])
    StoryBlock.objects.bulk_create(added)


def changed(article_id: int) -> None:
    """In the transaction that changed the body: stored pages go now, the later stages
    (entities, search) run after the commit."""
    from articles.signals import stories_changed
    from body.signals import body_changed

    stories_changed.send(sender=None, article_ids=[article_id])
    transaction.on_commit(partial(body_changed.send, sender=None, article_id=article_id))
