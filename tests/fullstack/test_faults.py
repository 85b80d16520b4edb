"""Nothing is lost under faults: a killed worker, a broker outage, a database restart.

Real `celery worker` processes on Redis and PostgreSQL (tests/fullstack/conftest.py
binds them to the test database). Each test imports a big article, so processing
takes long enough to be interrupted, injects one fault, and checks that the
article ends fully processed exactly once: one succeeded run, one set of blocks.
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.db import connection

from articles.imports import import_article
from articles.models import Article, Block, ProcessingRun
from tests.fullstack.conftest import ROOT, database_url, stop, wait_for, worker_args

pytestmark = [pytest.mark.fullstack, pytest.mark.django_db(transaction=True)]

WORDS = ["人工智能", "大模型", "芯片", "算力", "数据中心", "开源", "生态", "厂商", "研发", "投入",
         "训练", "推理", "应用", "企业", "市场", "用户", "产品", "技术", "团队", "融资", "监管",
         "政策", "标准", "服务器", "云计算", "软件", "工具链", "编译器", "模型", "参数"]


def big_text(size_bytes: int, seed: int) -> str:
    """A long, varied article (one paragraph a line): seconds of processing."""
    rng = random.Random(seed)
    lines, total = [], 0
    while total < size_bytes:
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 40))]
        line = (f"第{len(lines) + 1}段:"
                + ",".join("".join(words[i:i + 3]) for i in range(0, len(words), 3)) + "。")
        lines.append(line)
        total += len(line.encode())
    return "\n".join(lines) + "\n"


def state(article: Article) -> str:
    return Article.objects.get(pk=article.pk).processing_state


def is_running(article: Article) -> bool:
    return ProcessingRun.objects.filter(article=article, state="running").exists()


def assert_processed_exactly_once(article: Article) -> ProcessingRun:
    article.refresh_from_db()
    assert article.processing_state == Article.Processing.DONE
    succeeded = list(ProcessingRun.objects.filter(article=article, state="succeeded"))
    assert len(succeeded) == 1, [(r.state, r.attempt, r.error[-200:]) for r in article.runs.all()]
    indexes = list(Block.objects.filter(article=article).order_by("index")
                   .values_list("index", flat=True))
    assert indexes == list(range(len(indexes))), "duplicate or missing blocks"
    assert len(indexes) == succeeded[0].blocks
    assert not ProcessingRun.objects.filter(article=article, state="running").exists()
    spans = list(Block.objects.filter(article=article).values_list("start", "end"))
    assert len(spans) == len(set(spans)), "the same span stored twice"
    try:
        from entities.models import Mention
    except ImportError:
        return succeeded[0]
    mentions = list(Mention.objects.filter(article=article)
                    .values_list("block_index", "start", "end", "entity_id"))
    assert len(mentions) == len(set(mentions)), "duplicate mentions"
    return succeeded[0]


def dump(*processes) -> str:
    return "\n".join(stop(p)[-3000:] for p in processes)


# --- 1. a worker killed mid-task -----------------------------------------------------


def test_worker_killed_mid_task_redelivers_and_processes_once(celery_procs):
    assert connection.vendor == "postgresql"
    first = celery_procs(worker_args("doomed"), CELERY_VISIBILITY_TIMEOUT="5")
    article = import_article(big_text(1_500_000, seed=1), title="被杀死的worker")
    if not wait_for(lambda: is_running(article), timeout=60, every=0.1):
        pytest.fail("the task never started:\n" + dump(first))
    time.sleep(0.5)  # well inside the seconds-long check
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert state(article) == Article.Processing.RUNNING  # interrupted, nothing committed
    assert not Block.objects.filter(article=article).exists()
    # A new worker restores the dead worker's unacked message once it is older than
    # the visibility timeout: kombu's Redis QoS scans the unacked index at worker start
    # and every interval x throttle seconds (1 s here; 100 s by default).
    second = celery_procs(worker_args("rescuer"), CELERY_VISIBILITY_TIMEOUT="5",
                          CELERY_UNACKED_RESTORE_INTERVAL="1",
                          CELERY_UNACKED_RESTORE_THROTTLE="1")
    if not wait_for(lambda: state(article) == Article.Processing.DONE, timeout=120):
        pytest.fail("not redelivered:\n" + dump(second))
    run = assert_processed_exactly_once(article)
    stale = ProcessingRun.objects.filter(article=article, state="failed").first()
    assert stale is not None and "worker stopped before finishing" in stale.error
    assert stale.started_at < run.started_at
    # Redelivered by the restore scan within seconds of the visibility timeout.
    assert (run.started_at - stale.started_at).total_seconds() < 60


# --- 2. Redis down while an article is saved ----------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throw-away redis-server on its own port: the shared one on 6379 is never touched."""

    def __init__(self, port: int):
        self.port, self.process = port, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        assert wait_for(self.answers, timeout=10), "redis-server did not start"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def spare_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(free_port())
    yield server
    server.stop()


def django_run(code: str, redis_url: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=database_url(), REDIS_URL=redis_url,
               CELERY_BROKER_URL=redis_url, CELERY_RESULT_BACKEND=redis_url,
               CELERY_TASK_ALWAYS_EAGER="0", DJANGO_SETTINGS_MODULE="newsroom.settings")
    return subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_redis_down_save_succeeds_and_sweep_processes_later(celery_procs, spare_redis,
                                                            tmp_path):
    spare_redis.start()
    spare_redis.stop()  # the broker is down now
    began = time.monotonic()
    out = django_run(
        "from articles.imports import import_article\n"
        "a = import_article('第一段:国产芯片正在追赶。\\n第二段:生态是关键。\\n',"
        " title='Redis宕机时保存')\n"
        "a.refresh_from_db(); print('ARTICLE', a.pk, a.processing_state)\n",
        spare_redis.url,
    )
    took = time.monotonic() - began
    assert out.returncode == 0, out.stderr[-3000:]
    assert took < 30, f"the save hung for {took:.0f} s with the broker down"
    article_id, processing_state = out.stdout.split("ARTICLE", 1)[1].split()
    article = Article.objects.get(pk=int(article_id))
    assert processing_state == "pending" and state(article) == "pending"
    assert "could not enqueue" in out.stderr  # logged, not raised
    # The broker comes back: a worker and the beat sweep pick the article up, no editor.
    spare_redis.start()
    worker = celery_procs(worker_args("after-outage"), REDIS_URL=spare_redis.url,
                          CELERY_BROKER_URL=spare_redis.url, CELERY_RESULT_BACKEND=spare_redis.url)
    swept = django_run(
        "from articles.tasks import sweep_unprocessed_task\n"
        "print('SWEPT', sweep_unprocessed_task(older_than_seconds=0))\n",
        spare_redis.url,
    )
    assert swept.returncode == 0, swept.stderr[-3000:]
    assert int(swept.stdout.split("SWEPT", 1)[1].split()[0]) >= 1
    if not wait_for(lambda: state(article) == Article.Processing.DONE, timeout=60):
        pytest.fail("not processed after the outage:\n" + dump(worker))
    assert_processed_exactly_once(article)


# --- 3. PostgreSQL restarted under a running worker ----------------------------------


def terminate_backends(application_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND application_name = %s", [application_name],
        )
        return cursor.fetchone()[0]


def test_database_connection_killed_task_retries_and_completes(celery_procs):
    name = f"newsroom-worker-{os.getpid()}"
    worker = celery_procs(worker_args("pg-victim"),
                          DATABASE_URL=f"{database_url()}?application_name={name}")
    article = import_article(big_text(1_500_000, seed=3), title="数据库重启")
    if not wait_for(lambda: is_running(article), timeout=60, every=0.05):
        pytest.fail("the task never started:\n" + dump(worker))
    # What a PostgreSQL restart looks like from the worker: its connections die, here
    # while it is still checking (a second or so for this size), so its write must fail.
    killed = terminate_backends(name)
    assert killed >= 1
    if not wait_for(lambda: state(article) == Article.Processing.DONE, timeout=120):
        pytest.fail("did not recover:\n" + dump(worker))
    run = assert_processed_exactly_once(article)
    assert run.attempt >= 2, "the task should have been retried"
    log = stop(worker)  # the whole log: the retry is early, the follow-up tasks after it
    assert "Retry in" in log or "retry" in log.lower()

