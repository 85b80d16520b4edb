"""Real celery processes bound to the test database, with per-process overrides.

Like tests/fullstack/conftest.py's ``celery_procs``, but any variable (including
DATABASE_URL, e.g. to set an application_name) can be overridden per process.
"""

import os
import subprocess
import sys

import pytest

from tests.fullstack.conftest import ROOT, database_url, stop


def start(args: list[str], **env: str) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": database_url(),
                   "CELERY_TASK_ALWAYS_EAGER": "0", **env}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsroom", *args], cwd=ROOT, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


@pytest.fixture
def celery_procs():
    running: list[subprocess.Popen] = []

    def launch(args: list[str], **env: str) -> subprocess.Popen:
        process = start(args, **env)
        running.append(process)
        return process

    yield launch
    for process in running:
        stop(process)
