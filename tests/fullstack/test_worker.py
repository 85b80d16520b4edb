"""End to end on the real stack: a real `celery worker` process picks up an import."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from articles.imports import import_article
from articles.models import Article

pytestmark = [pytest.mark.fullstack, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = settings.DATABASES["default"]
    user, host, port = db.get("USER") or "postgres", db.get("HOST") or "127.0.0.1", db.get("PORT")
    return f"postgres://{user}@{host}:{port or 5432}/{db['NAME']}"


@pytest.fixture
def worker():
    """A real worker bound to the test database; stopped (warmly) after the test."""
    env = dict(os.environ, DATABASE_URL=database_url(), CELERY_TASK_ALWAYS_EAGER="0")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--loglevel=INFO",
         "--concurrency=1", "--pool=prefork", "--without-heartbeat", "--without-gossip",
         "--without-mingle", "-n", f"test-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_worker_processes_an_imported_article(worker):
    assert connection.vendor == "postgresql"
    text = "第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n"
    article = import_article(text, title="真实worker", source="测试源")
    assert Article.objects.get(pk=article.pk).processing_state == Article.Processing.PENDING

    def processed():
        return Article.objects.get(pk=article.pk).processing_state == Article.Processing.DONE

    if not wait_for(processed):
        worker.kill()
        pytest.fail("worker did not process the article:\n" + worker.stdout.read()[-5000:])
    article.refresh_from_db()
    run = article.runs.get()
    assert run.task_id  # it came through the broker, not in-process
    assert run.state == "succeeded"
    assert article.blocks.count() >= 2
