"""Entity extraction for one article: load story blocks, call the pure extractor, save.

Offsets. The pure extractor works on block text and returns offsets into it.
Mentions keep those (``block_start``/``block_end``, what rendering uses) and the
span in the article's raw body (``start``/``end``). For plain text the block text
*is* the raw slice, so the raw span is the block's start plus the offset. For HTML
the block text is extracted text, so the same occurrence of the surface is looked
up in the block's markup; when tags or entities split the name there, the raw span
falls back to the whole block's span (still the right place for an editor to look).

Re-runs keep editors' decisions: confirmed and rejected mentions stay (re-anchored
to the new blocks), only ``suggested`` ones are replaced, and nothing an editor
rejected in the article (that entity, or that surface) is suggested again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction
from django.utils import timezone

import extraction
from articles.signals import stories_changed
from cleaning import STORY_KINDS
from entities.knowledge import Toolkit, offline_toolkit, toolkit

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = "2026.12.4"
# A maker or parent named by inference, not by the text: low, so never linked unasked.
INFERRED_CONFIDENCE = 0.3


class BlockLike(Protocol):
    index: int
    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Found:
    """A mention ready to save: both offset pairs, the entity by key (or None)."""

    block_index: int
    block_start: int
    block_end: int
    start: int
    end: int
    surface: str
    entity_key: str | None
    kind: str
    origin: str
    confidence: float
    reason: str = ""
    series: str | None = None
    maker: str | None = None
    salience: float = 0.0
    parent: str | None = None


# --- Offsets (pure) -----------------------------------------------------------------

def _nth(haystack: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = haystack.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def raw_span(block: BlockLike, raw: str, block_start: int, block_end: int) -> tuple[int, int]:
    """The raw-body span of ``block.text[block_start:block_end]``."""
    markup = raw[block.start:block.end]
    if markup == block.text:
        return block.start + block_start, block.start + block_end
    surface = block.text[block_start:block_end]
    pos = _nth(markup, surface, block.text.count(surface, 0, block_start)) if surface else -1
    if pos < 0:
        return block.start, block.end
    return block.start + pos, block.start + pos + len(surface)


def block_span(block: BlockLike, raw: str, start: int, end: int,
               surface: str) -> tuple[int, int] | None:
    """The inverse of :func:`raw_span`: where a raw span's surface sits in the block text."""
    if not (block.start <= start and end <= block.end) or not surface:
        return None
    markup = raw[block.start:block.end]
    if markup == block.text:
        return start - block.start, end - block.start
    relative = start - block.start
    n = markup.count(surface, 0, relative) if markup[relative:].startswith(surface) else 0
    pos = _nth(block.text, surface, n)
    if pos < 0:
        pos = block.text.find(surface)
    return (pos, pos + len(surface)) if pos >= 0 else None


# --- Finding (pure once the toolkit is built) -----------------------------------------

def find_mentions(blocks: Sequence[BlockLike], raw: str, kit: Toolkit) -> list[Found]:
    """Known and new names in the story blocks, plus inferred makers and parents."""
    story = [b for b in blocks if b.kind in STORY_KINDS]
    by_index = {b.index: b for b in story}
    pure = extraction.extract([(b.index, b.text) for b in story], kit.matcher, kit.discoverer,
                              kit.products)
    found: list[Found] = []
    for m in pure:
        start, end = raw_span(by_index[m.block], raw, m.start, m.end)
        found.append(Found(m.block, m.start, m.end, start, end, m.surface, m.entity_key,
                           m.kind, m.origin, m.confidence, series=m.series, maker=m.maker,
                           salience=m.salience, parent=m.parent))
    found += _inferred(found, pure, kit)
    found += _new_product_makers(found, kit)
    return found


def _new_product_makers(found: list[Found], kit: Toolkit) -> list[Found]:
    """A maker suggestion for each new product model the grammar linked to one, and a
    parent for each new unit named after a known group (360金融 belongs to 360).

    Suggested even when the maker is named: what the editor confirms is the
    relation (麒麟990 is made by 海思, series 麒麟芯片), not the mention.
    """
    inferred: list[Found] = []
    seen: set[tuple[str, str]] = set()
    for f in found:
        target = f.maker or f.parent
        if f.entity_key or not target or (f.surface, target) in seen:
            continue
        seen.add((f.surface, target))
        if f.maker:
            reason = f"new product {f.surface} is made by {kit.names.get(f.maker, f.maker)}"
            if f.series:
                reason += f" (series {kit.names.get(f.series, f.series)})"
        else:
            reason = f"new name {f.surface} belongs to {kit.names.get(target, target)}"
        inferred.append(Found(
            f.block_index, f.block_start, f.block_end, f.start, f.end, f.surface, target,
            "", "kb", INFERRED_CONFIDENCE, reason,
        ))
    return inferred


def _inferred(found: list[Found], pure: list[extraction.Mention], kit: Toolkit) -> list[Found]:
    inferred: list[Found] = []
    named = {m.entity_key for m in pure if m.entity_key}
    for links, template in (
        (kit.makers, "{child} is made by {target}, which the article does not name"),
        (kit.parents, "{child} belongs to {target}, which the article does not name"),
    ):
        # A target whose parent group is named is not suggested either (火山引擎 / 字节跳动).
        for target in extraction.makers(pure, links, kit.parents):
            if target in named:
                continue
            named.add(target)
            anchor = next(f for f in found if f.entity_key and links.get(f.entity_key) == target)
            reason = template.format(child=kit.names.get(anchor.entity_key, anchor.surface),
                                     target=kit.names.get(target, target))
            inferred.append(Found(
                anchor.block_index, anchor.block_start, anchor.block_end, anchor.start,
                anchor.end, anchor.surface, target, "", "kb", INFERRED_CONFIDENCE, reason,
            ))
    return inferred


def story_key(blocks: Iterable[BlockLike], raw_sha256: str, kit: Toolkit) -> str:
    """What an extraction result depends on; unchanged key, nothing to do."""
    digest = hashlib.sha256(
        f"{EXTRACTOR_VERSION}|{kit.version}|{kit.discoverer.name}|{raw_sha256}".encode()
    )
    for b in blocks:
        if b.kind in STORY_KINDS:
            # The text too: an edited body block keeps its index and raw span.
            digest.update(f"|{b.index}:{b.start}:{b.end}:{b.text}".encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """A story-body block as extraction sees it: plain text under the block's key,
    with the raw span of the checked block it was made from ((0, 0) for new text)."""

    index: int
    start: int
    end: int
    text: str
    kind: str


def story_blocks(article) -> list:
    """What readers read: the story body's text blocks and captions once the article
    has a body, else its checked blocks (all kinds; the story ones are used)."""
    found = body_blocks(article)
    return list(article.blocks.order_by("index")) if found is None else found


def body_blocks(article) -> list[BodyBlock] | None:
    """The story body's text blocks and captions, or None when it has no body yet."""
    from body.document import plain_text
    from body.models import StoryBlock, StoryBody

    if not StoryBody.objects.filter(article=article).exists():
        return None
    spans = dict((index, (start, end)) for index, start, end in
                 article.blocks.values_list("index", "start", "end"))
    found = []
    for block in StoryBlock.objects.filter(article=article).order_by("position"):
        start, end = spans.get(block.source_index, (0, 0))
        if block.kind in ("paragraph", "heading", "quote", "list") and block.text:
            kind = "heading" if block.kind == "heading" else "paragraph"
            found.append(BodyBlock(block.key, start, end, plain_text(block.text), kind))
        elif block.kind == "figure" and block.caption:
            found.append(BodyBlock(block.key, start, end, block.caption, "caption"))
    return found


# --- Saving ---------------------------------------------------------------------------

def extract_article(article_id: int, *, force: bool = False) -> str:
    """Extract and save one article's mentions: "gone", "skipped" or "done"."""
    from articles.models import Article
    from entities.models import Entity, Extraction, Mention

    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "gone"
    kit = toolkit()
    blocks = story_blocks(article)
    key = story_key(blocks, article.raw_sha256, kit)
    if not force and Extraction.objects.filter(article=article, key=key).exists():
        return "skipped"
    found = find_mentions(blocks, article.raw_body, kit)  # the slow part, outside the lock

    with transaction.atomic():
        if not Article.objects.select_for_update().filter(pk=article_id).exists():
            return "gone"
        kept = list(article.mentions.exclude(status=Mention.Status.SUGGESTED))
        _reanchor(kept, blocks, article.raw_body)
        rejected_entities = {m.entity_id for m in kept
                             if m.status == Mention.Status.REJECTED and m.entity_id}
        # An inferred maker's surface is the product's name: rejecting the guess says
        # nothing about the product, so only mentions read from the text count here.
        rejected_surfaces = {extraction.normalise_text(m.surface.strip()) for m in kept
                             if m.status == Mention.Status.REJECTED and not m.reason}
        confirmed = [m for m in kept if m.status == Mention.Status.CONFIRMED]
        confirmed_entities = {m.entity_id for m in confirmed if m.entity_id}
        entities = {
            e.key: e for e in Entity.objects.filter(
                key__in={f.entity_key for f in found if f.entity_key}
            ).only("pk", "key", "kind")
        }
        rows: list[Mention] = []
        for f in found:
            entity = entities.get(f.entity_key) if f.entity_key else None
            if f.entity_key and entity is None:
                continue  # deleted since the matcher was built
            entity_id = entity.pk if entity else None
            if entity_id in rejected_entities or (f.reason and entity_id in confirmed_entities):
                continue
            if extraction.normalise_text(f.surface.strip()) in rejected_surfaces:
                continue
            if not f.reason and any(m.start < f.end and f.start < m.end for m in confirmed):
                continue
            rows.append(Mention(
                article=article, entity=entity, block_index=f.block_index,
                block_start=f.block_start, block_end=f.block_end, start=f.start, end=f.end,
                surface=f.surface[:200], kind=f.kind or (entity.kind if entity else "other"),
                origin=f.origin, confidence=f.confidence, salience=f.salience,
                reason=f.reason[:300],
            ))
        article.mentions.filter(status=Mention.Status.SUGGESTED).delete()
        Mention.objects.bulk_create(rows, batch_size=500)
        stories_changed.send(sender=Mention, article_ids=[article_id])
        Extraction.objects.update_or_create(
            article=article,
            defaults={"key": key, "kb_version": kit.version[:32],
                      "extractor": f"{EXTRACTOR_VERSION}+{kit.discoverer.name}"[:64],
                      "suggested": len(rows), "finished_at": timezone.now()},
        )
    logger.info("article %s: %d suggestion(s), %d decision(s) kept", article_id, len(rows),
                len(kept))
    return "done"


def _reanchor(kept: list, blocks: Sequence[BlockLike], raw: str) -> None:
    """Point editors' mentions at the current blocks (their raw spans never change)."""
    from entities.models import Mention

    changed = []
    for mention in kept:
        for block in blocks:
            span = block_span(block, raw, mention.start, mention.end, mention.surface)
            if span is None:
                continue
            if (block.index, *span) != (mention.block_index, mention.block_start,
                                        mention.block_end):
                mention.block_index, (mention.block_start, mention.block_end) = block.index, span
                changed.append(mention)
            break
    if changed:
        Mention.objects.bulk_update(changed, ["block_index", "block_start", "block_end"])


def analysis_mentions(blocks: Sequence[BlockLike], text: str) -> list[dict]:
    """Mentions for ``manage.py analyze``: offsets into the decoded input, nothing saved.

    Only names written in the text are listed (no inferred makers): the report
    describes the input.
    """
    kit = offline_toolkit()
    return [
        {
            "entity": f.entity_key,
            "kind": f.kind,
            "surface": f.surface,
            "start": f.start,
            "end": f.end,
            "block": f.block_index,
            "known": f.entity_key is not None,
            "confidence": round(f.confidence, 3),
        }
        for f in find_mentions(blocks, text, kit)
        if not f.reason
    ]
