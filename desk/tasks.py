from celery import shared_task

import cleaning
from articles.models import Article
from desk.jobs import run_job, start_job


@shared_task(acks_late=True)
def run_bulk_job_task(job_id: int) -> str:
    job = run_job(job_id)
    return job.state if job else "gone"


@shared_task
def recheck_outdated_task() -> int:
    """Nightly: re-check articles processed by an older checker, as one tracked bulk job."""
    outdated = Article.objects.filter(processing_state=Article.Processing.DONE).exclude(
        checker_version=cleaning.CHECKER_VERSION
    )
    ids = list(outdated.values_list("pk", flat=True))
    if ids:
        start_job("recheck", ids)
    return len(ids)
