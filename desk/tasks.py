from celery import shared_task

from desk.jobs import run_job


@shared_task(acks_late=True)
def run_bulk_job_task(job_id: int) -> str:
    job = run_job(job_id)
    return job.state if job else "gone"
