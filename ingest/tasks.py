"""Beat dispatches due feeds; a worker polls one feed by id. Both idempotent: a
poll claims its feed with a conditional UPDATE, so a second beat's dispatch or a
redelivered task finds the feed taken or no longer due and does nothing."""

import logging

from celery import shared_task

from ingest import polling
from newsroom.celery import PIPELINE_TASK, transient_errors

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=transient_errors(), **PIPELINE_TASK)
def poll_feed_task(self, feed_id: int, force: bool = False) -> dict:
    report = polling.poll_feed(feed_id, force=force)
    return {"outcome": report.outcome, "found": report.found, "imported": report.imported,
            "duplicates": report.duplicates, "skipped": report.skipped, "failed": report.failed}


def send_poll(feed_id: int, countdown: float = 0.0, force: bool = False) -> bool:
    """Enqueue one poll; a broker outage is logged, never raised: the feed stays due
    and the next dispatch sends it again."""
    try:
        poll_feed_task.apply_async((feed_id,), {"force": force}, countdown=countdown)
    except Exception:
        logger.exception("could not enqueue a poll of feed %s", feed_id)
        return False
    return True


@shared_task
def dispatch_due_feeds_task() -> int:
    """Beat, every minute: enqueue a poll of every due feed, with jitter."""
    return len(polling.dispatch_due(send_poll))
