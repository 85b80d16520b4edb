"""Long jobs over many articles, with progress the admin can show.

A job stores the ids it has to go through; the task walks them in order and
saves its position, so a worker lost half-way resumes where it stopped.
"""

import logging
from collections.abc import Callable, Sequence

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from desk.models import BulkJob

logger = logging.getLogger(__name__)

STEPS: dict[str, Callable[[int], None]] = {}


def step(name: str):
    """Register what a job does for one id."""

    def register(fn: Callable[[int], None]) -> Callable[[int], None]:
        STEPS[name] = fn
        return fn

    return register


@step("recheck")
def recheck(article_id: int) -> None:
    from articles import processing

    processing.process_article(article_id, force=True)


@step("extract_entities")
def extract_entities(article_id: int) -> None:
    """After a big knowledge-base change: find the new names in every article."""
    from entities.pipeline import extract_article

    extract_article(article_id)


def start_job(name: str, ids: Sequence[int], user=None) -> BulkJob:
    from articles.workflow import send
    from desk.tasks import run_bulk_job_task

    if name not in STEPS:
        raise ValueError(f"no such job: {name}")
    job = BulkJob.objects.create(name=name, total=len(ids), started_by=user,
                                 ids=list(ids))
    transaction.on_commit(lambda: send(run_bulk_job_task, job.pk))
    return job


def run_job(job_id: int) -> BulkJob | None:
    job = BulkJob.objects.filter(pk=job_id).first()
    if job is None or job.state == BulkJob.State.DONE:
        return job
    BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.State.RUNNING)
    action = STEPS[job.name]
    for item in job.ids[job.done + job.failed:]:
        try:
            action(item)
        except Exception as error:
            logger.exception("bulk job %s failed on %s", job.pk, item)
            BulkJob.objects.filter(pk=job.pk).update(
                failed=F("failed") + 1, error=f"{item}: {error}"[:2000]
            )
        else:
            BulkJob.objects.filter(pk=job.pk).update(done=F("done") + 1)
    BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.State.DONE,
                                             finished_at=timezone.now())
    job.refresh_from_db()
    return job
