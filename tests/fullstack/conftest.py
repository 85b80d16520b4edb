"""Real Celery processes bound to the test database, for the full-stack tests."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = settings.DATABASES["default"]
    user, host, port = db.get("USER") or "postgres", db.get("HOST") or "127.0.0.1", db.get("PORT")
    return f"postgres://{user}@{host}:{port or 5432}/{db['NAME']}"


def start(args: list[str], **env: str) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": database_url(),
                   "CELERY_TASK_ALWAYS_EAGER": "0", **env}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsroom", *args], cwd=ROOT, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> str:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.stdout.read() if process.stdout else ""


def worker_args(name: str, concurrency: int = 1) -> list[str]:
    return ["worker", "--loglevel=INFO", f"--concurrency={concurrency}", "--pool=prefork",
            "--without-heartbeat", "--without-gossip", "--without-mingle",
            "-n", f"{name}-{os.getpid()}@%h"]


@pytest.fixture
def celery_procs():
    """Start real celery processes with start(...); all are stopped after the test."""
    running: list[subprocess.Popen] = []

    def launch(args: list[str], **env: str) -> subprocess.Popen:
        process = start(args, **env)
        running.append(process)
        return process

    yield launch
    for process in running:
        stop(process)


@pytest.fixture
def worker(celery_procs):
    return celery_procs(worker_args("test"))


def wait_for(predicate, timeout: float = 60.0, every: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False
