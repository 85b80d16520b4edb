"""Editors' verdicts on blocks: stored apart from the checker's so they outlive re-runs."""

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.utils import timezone

from articles.audit import record
from articles.memory import band_fields
from articles.models import Article, Block, BlockOverride, DocumentOverride
from articles.reasons import english
from articles.signals import blocks_checked
from articles.workflow import enqueue_processing
from cleaning import STORY_KINDS as STORY
from cleaning import document_fingerprint, reason
from cleaning.reasons import stored

# Review pages show the blocks a window at a time: a 250,000-line import made the
# review page time out and the compare page 24 MB (issue #17).
BLOCKS_PER_PAGE = 200

KEEP = "paragraph"
DROP = "foreign"


def block_page(blocks, number) -> Page:
    """One window of blocks in document order: a queryset, or a list already in order
    (the story body's blocks)."""
    ordered = blocks.order_by("index") if hasattr(blocks, "order_by") else blocks
    return Paginator(ordered, BLOCKS_PER_PAGE).get_page(number)


def kind_for(action: str, block: Block) -> str:
    """'keep' and 'drop' are the one-click verdicts; anything else names a kind."""
    if action == "keep":
        return block.machine_kind if block.machine_kind in STORY else KEEP
    if action == "drop":
        return block.machine_kind if block.machine_kind not in STORY else DROP
    if action not in Block.Kind.values:
        raise ValueError(f"unknown verdict {action!r}")
    return action


def may_override(user) -> bool:
    """Overriding verdicts is an editor's call (the admin's review page, the API)."""
    return user.has_perm("articles.change_block") and user.has_perm("articles.review_article")


def override(article: Article, blocks: Iterable[Block], action: str, user) -> list[Block]:
    """An editor's verdicts as the desk keeps them: saved, and in the audit log."""
    with transaction.atomic():
        changed = override_blocks(article, blocks, action, user)
        record(user, "override", article,
               blocks=[{"index": b.index, "machine_kind": b.machine_kind, "kind": b.kind}
                       for b in changed])
    return changed


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
                block.reasons = [r for r in block.reasons if not english(r).startswith("editor ")]
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
                    stored(reason("editor-set", who=who, kind=kind, date=f"{when:%Y-%m-%d}")),
                    *[r for r in block.reasons if not english(r).startswith("editor ")],
                ]
            block.kind = kind
            changed.append(block)
        Block.objects.bulk_update(changed, ["kind", "overridden", "reasons"])
        article.save(update_fields=["updated_at"])
        # robust: a later stage failing to enqueue must not turn the saved override into a 500.
        transaction.on_commit(lambda: blocks_checked.send(sender=Article, article_id=article.pk),
                              robust=True)
    return changed


def override_document(article: Article, kind: str, user) -> Article:
    """Set the editor's verdict on the whole import (article or a kind of non-article).

    Setting the checker's own kind back removes the override. The verdict is stored
    with the raw text's SimHash, so near-duplicate imports get it too; the article is
    checked again on commit so its blocks follow the new verdict.
    """
    if kind not in Article.DocumentKind.values:
        raise ValueError(f"unknown document verdict {kind!r}")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if kind == locked.machine_document_kind:
            DocumentOverride.objects.filter(article=locked).delete()
        else:
            fp = document_fingerprint(locked.raw_body)
            DocumentOverride.objects.update_or_create(
                article=locked,
                defaults={"fingerprint": fp, "machine_kind": locked.machine_document_kind,
                          "kind": kind, "user": user, **band_fields(fp)},
            )
        locked.document_kind = kind
        locked.save(update_fields=["document_kind", "updated_at"])
        enqueue_processing(locked, force=True)
    return locked
