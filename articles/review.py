"""Editors' verdicts on blocks: stored apart from the checker's so they outlive re-runs."""

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.utils import timezone

from articles.memory import band_fields
from articles.models import Article, Block, BlockOverride
from articles.signals import blocks_checked
from cleaning import STORY_KINDS as STORY

# Review pages show the blocks a window at a time: a 250,000-line import made the
# review page time out and the compare page 24 MB (issue #17).
BLOCKS_PER_PAGE = 200

KEEP = "paragraph"
DROP = "foreign"


def block_page(blocks, number) -> Page:
    """One window of blocks (a queryset), in document order."""
    return Paginator(blocks.order_by("index"), BLOCKS_PER_PAGE).get_page(number)


def kind_for(action: str, block: Block) -> str:
    """'keep' and 'drop' are the one-click verdicts; anything else names a kind."""
    if action == "keep":
        return block.machine_kind if block.machine_kind in STORY else KEEP
    if action == "drop":
        return block.machine_kind if block.machine_kind not in STORY else DROP
    if action not in Block.Kind.values:
        raise ValueError(f"unknown verdict {action!r}")
    return action



def override_blocks(article: Article, blocks: Iterable[Block], action: str, user) -> list[Block]:
    """Set the editor's verdict on blocks of one article; setting the checker's own kind
    back removes the override. Later stages (entities, tables, search) re-run on commit."""
    changed: list[Block] = []
    when = timezone.now()
    with transaction.atomic():
        for block in blocks:
            kind = kind_for(action, block)
            if kind == block.machine_kind:
                BlockOverride.objects.filter(
                    article=article, start=block.start, end=block.end
                ).delete()
                block.overridden = False
                block.reasons = [r for r in block.reasons if not r.startswith("editor ")]
            else:
                BlockOverride.objects.update_or_create(
                    article=article, start=block.start, end=block.end,
                    defaults={
                        "text": block.text,
                        "fingerprint": block.fingerprint,
                        "machine_kind": block.machine_kind,
                        "kind": kind,
                        "user": user,
                        **band_fields(block.fingerprint),
                    },
                )
                block.overridden = True
                who = user.get_username() if user else "an editor"
                block.reasons = [
                    f"editor {who} set this block to '{kind}' on {when:%Y-%m-%d}",
                    *[r for r in block.reasons if not r.startswith("editor ")],
                ]
            block.kind = kind
            changed.append(block)
        Block.objects.bulk_update(changed, ["kind", "overridden", "reasons"])
        article.save(update_fields=["updated_at"])
        # robust: a later stage failing to enqueue must not turn the saved override into a 500.
        transaction.on_commit(lambda: blocks_checked.send(sender=Article, article_id=article.pk),
                              robust=True)
    return changed
