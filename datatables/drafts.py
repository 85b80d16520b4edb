"""Keep an article's reconstructed table drafts in step with its blocks.

The pure work (finding runs, rebuilding) happens outside the transaction; the
write is one transaction under a lock on the article, so two workers on the same
article cannot both create a draft. Editors' work is never overwritten: a table an
editor edited or confirmed is kept as it is, and flagged when its cells changed.
"""

from dataclasses import dataclass, field

from django.db import transaction

from articles.models import Article, Block
from cleaning.tables import TableDraft
from datatables.models import DataTable
from datatables.reconstruct import Run, draft_columns, filled_rows, rebuild_run, table_runs


@dataclass
class Outcome:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    flagged: list[int] = field(default_factory=list)
    deleted: int = 0


def draft_fields(run: Run, draft: TableDraft) -> dict:
    return {
        "caption": draft.caption,
        "source_note": draft.credit,
        "columns": draft_columns(draft),
        "rows": filled_rows(draft),
        "confidence": draft.confidence,
        "unplaced": [{"text": c.text, "start": c.start, "end": c.end} for c in draft.unplaced],
        "machine_notes": list(draft.notes),
        "run_number": run.number,
        "caption_position": run.caption_index,
        "source_digest": run.digest,
    }


def refresh_article_tables(article_id: int) -> Outcome | None:
    """Create, refresh or retire the article's drafts; None when the article is gone."""
    blocks = list(Block.objects.filter(article_id=article_id)
                  .only("index", "kind", "text", "start", "end", "meta"))
    runs = table_runs(blocks)
    rebuilt = [(run, draft_fields(run, rebuild_run(run))) for run in runs]
    outcome = Outcome()
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            return None
        existing = list(DataTable.objects.reconstructed().filter(article=article))
        matched = match_runs(rebuilt, existing)
        for (run, fields), table in zip(rebuilt, matched, strict=True):
            if table is None:
                created = DataTable.objects.create(
                    article=article, position=run.position,
                    origin=DataTable.Origin.RECONSTRUCTED, **fields,
                )
                outcome.created.append(created.pk)
            elif table.is_protected:
                if keep_editor_table(table, run, fields):
                    outcome.flagged.append(table.pk)
                else:
                    outcome.unchanged.append(table.pk)
            elif refresh(table, run.position, fields):
                outcome.updated.append(table.pk)
            else:
                outcome.unchanged.append(table.pk)
        for table in existing:
            if any(table is m for m in matched):
                continue
            if table.is_protected:
                if not table.source_changed:
                    table.source_changed = True
                    table.save(update_fields=["source_changed", "updated_at"])
                    outcome.flagged.append(table.pk)
            else:
                table.delete()
                outcome.deleted += 1
    return outcome


def match_runs(rebuilt: list[tuple[Run, dict]],
               existing: list[DataTable]) -> list[DataTable | None]:
    """Each run's table: the one at its position, else one holding the same cells (moved)."""
    by_position = {t.position: t for t in existing}
    matched: list[DataTable | None] = [by_position.pop(run.position, None) for run, _ in rebuilt]
    spare = {t.source_digest: t for t in by_position.values()}
    for number, (run, _) in enumerate(rebuilt):
        if matched[number] is None and run.digest in spare:
            table = spare.pop(run.digest)
            table.position = run.position
            table.save(update_fields=["position", "updated_at"])
            matched[number] = table
    return matched


def refresh(table: DataTable, position: int, fields: dict) -> bool:
    changed = [name for name, value in fields.items() if getattr(table, name) != value]
    if table.position != position:
        table.position = position
        changed.append("position")
    if not changed:
        return False
    for name in changed:
        if name in fields:
            setattr(table, name, fields[name])
    table.save(update_fields=[*changed, "updated_at"])
    return True


def keep_editor_table(table: DataTable, run: Run, fields: dict) -> bool:
    """An editor's table keeps its content; say so when the cells under it changed.

    Only where it stands (run number, caption block) follows the article. Returns
    True when the table was newly flagged.
    """
    placement = [name for name in ("run_number", "caption_position")
                 if getattr(table, name) != fields[name]]
    for name in placement:
        setattr(table, name, fields[name])
    flagged = table.source_digest != run.digest
    if flagged:
        # Remember the new cells, so the flag an editor clears is not raised again for them.
        table.source_digest = run.digest
        table.source_changed = True
        placement += ["source_digest", "source_changed"]
    if placement:
        table.save(update_fields=[*placement, "updated_at"])
    return flagged
