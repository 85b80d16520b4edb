"""Processing one article: check, then store every verdict in one transaction.

The expensive pure work runs outside the transaction; the write is
all-or-nothing, so a worker killed half-way leaves the previous verdicts in
place and a redelivered task simply runs again.
"""

import logging
import time
import traceback

from django.db import DatabaseError, close_old_connections, transaction
from django.utils import timezone

import cleaning
from articles.memory import NEAR, DatabaseBlockMemory, band_fields
from articles.models import Article, Block, BlockOverride, ProcessingRun
from articles.reasons import to_json
from articles.signals import blocks_checked
from cleaning import reason

logger = logging.getLogger(__name__)


def is_current(article: Article) -> bool:
    return (
        article.processing_state == Article.Processing.DONE
        and article.checker_version == cleaning.CHECKER_VERSION
    )


def run_checker(article: Article) -> cleaning.CheckResult:
    memory = DatabaseBlockMemory(article_id=article.pk, source_id=article.source_id)
    return cleaning.check(
        article.raw_body, article.raw_format, title=article.title, memory=memory
    )


def apply_overrides(blocks: list[Block], overrides: list[BlockOverride]) -> None:
    """Editors' verdicts on this article outlive re-runs: re-attach each to its block."""
    for override in overrides:
        best = None
        for block in blocks:
            distance = cleaning.hamming(block.fingerprint, override.fingerprint)
            overlap = min(block.end, override.end) - max(block.start, override.start)
            if distance <= NEAR and (best is None or (distance, -overlap) < best[0]):
                best = ((distance, -overlap), block)
        if best is None:
            continue
        block = best[1]
        block.kind = override.kind
        block.overridden = True
        who = override.user.get_username() if override.user else "an editor"
        block.reasons = to_json([
            reason("editor-set", who=who, kind=override.kind,
                   date=f"{override.created_at:%Y-%m-%d}"),
        ]) + block.reasons


def to_rows(article: Article, result: cleaning.CheckResult) -> list[Block]:
    return [
        Block(
            article=article,
            index=b.index,
            start=b.start,
            end=b.end,
            text=b.text,
            kind=b.kind,
            machine_kind=b.kind,
            score=b.score,
            reasons=to_json(b.reasons),
            meta=dict(b.meta),
            fingerprint=b.fingerprint,
            checker_version=cleaning.CHECKER_VERSION,
            **band_fields(b.fingerprint),
        )
        for b in result.blocks
    ]


def process_article(article_id: int, *, task_id: str = "", attempt: int = 1,
                    force: bool = False) -> ProcessingRun | None:
    """Run the pipeline for one article. Idempotent: an up-to-date article is skipped."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None  # deleted since it was enqueued: nothing to do
    if is_current(article) and not force:
        return ProcessingRun.objects.create(
            article=article, task_id=task_id, attempt=attempt,
            state=ProcessingRun.State.SKIPPED, checker_version=article.checker_version,
            finished_at=timezone.now(), duration_ms=0,
        )
    # A run still marked running belongs to a worker that died mid-task
    # (its message is being redelivered now); say so instead of leaving it open.
    ProcessingRun.objects.filter(article=article, state=ProcessingRun.State.RUNNING).update(
        state=ProcessingRun.State.FAILED, finished_at=timezone.now(),
        error="The worker stopped before finishing (killed or lost); the task was redelivered.",
    )
    run = ProcessingRun.objects.create(
        article=article, task_id=task_id, attempt=attempt,
        checker_version=cleaning.CHECKER_VERSION,
    )
    Article.objects.filter(pk=article.pk).update(
        processing_state=Article.Processing.RUNNING, updated_at=timezone.now()
    )
    began = time.perf_counter()
    try:
        result = run_checker(article)
        with transaction.atomic():
            locked = Article.objects.select_for_update().get(pk=article.pk)
            rows = to_rows(locked, result)
            apply_overrides(rows, list(locked.overrides.select_related("user")))
            locked.blocks.all().delete()
            Block.objects.bulk_create(rows, batch_size=500)
            Article.objects.filter(pk=locked.pk).update(
                processing_state=Article.Processing.DONE,
                processed_at=timezone.now(),
                updated_at=timezone.now(),
                checker_version=cleaning.CHECKER_VERSION,
                warnings=to_json(result.warnings),
                document_kind=result.document.kind,
                machine_document_kind=result.document.checker_kind,
                document_score=result.document.score,
                document_reasons=to_json(result.document.reasons),
            )
            run.state = ProcessingRun.State.SUCCEEDED
            run.blocks = len(rows)
            finish(run, began)
            transaction.on_commit(
                lambda: blocks_checked.send(sender=Article, article_id=article.pk)
            )
    except Exception:
        logger.exception("processing article %s failed", article_id)
        record_failure(run, article, began, traceback.format_exc(limit=20)[-20000:])
        raise
    return run


def record_failure(run: ProcessingRun, article: Article, began: float, error: str) -> None:
    """Say why the run failed, even when the failure was the database connection itself."""
    run.state = ProcessingRun.State.FAILED
    run.error = error
    for attempt in (1, 2):
        try:
            finish(run, began)
            Article.objects.filter(pk=article.pk).update(
                processing_state=Article.Processing.FAILED, updated_at=timezone.now()
            )
            return
        except DatabaseError:
            if attempt == 2:
                logger.exception("could not record the failure of run %s", run.pk)
                return
            close_old_connections()  # drop the dead connection; Django opens a new one


def finish(run: ProcessingRun, began: float) -> None:
    run.finished_at = timezone.now()
    run.duration_ms = int((time.perf_counter() - began) * 1000)
    run.save()
