"""The Celery app: configured from Django settings (``CELERY_*``), tasks found per app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def transient_errors() -> tuple[type[Exception], ...]:
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError)


# The policy every pipeline task shares: acknowledged only when done (a killed
# worker's task comes back), and retried with backoff on database errors that a
# reconnect can cure. A bug would fail the same way again, so nothing else retries.
PIPELINE_TASK = {
    "acks_late": True,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 6,
}
