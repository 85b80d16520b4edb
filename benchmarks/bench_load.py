"""A bounded load test of the full stack, against the no-queue baseline, same run.

Run: ``python benchmarks/bench_load.py [--count 1000] [--bursts 10] [--threads 8]``

Starts everything it needs on loopback and removes it afterwards: a dedicated
PostgreSQL database (``newsroom_bench``, created, migrated, dropped), its own
``redis-server`` on a free port (the shared one on 6379 is never touched),
gunicorn on 127.0.0.1:<free port> and one ``celery worker``. Then it submits
``--count`` imports over HTTP to the admin import form (a logged-in session with
its CSRF token), in ``--bursts`` bursts, waits until every article is processed
and prints:

- imports/s accepted (HTTP 302 from the form) and articles/s processed;
- the time from save (``created_at``) to processed (``processed_at``):
  median, p95, max;
- lost imports (accepted but never processed before the deadline): must be 0.

The named peer: the same imports run in-process (``import_article`` with Celery
eager, so ``articles.processing.process_article`` and its follow-up tasks run in
the importing process): the no-queue baseline. The ratio queued/baseline is
printed for both throughputs. Bounded in count and time (``--deadline``); it
stops by itself. Needs PostgreSQL on 127.0.0.1:5432 and ``redis-server``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "newsroom_bench"
PASSWORD = "bench-" + secrets.token_urlsafe(16)

WORDS = ["人工智能", "大模型", "芯片", "算力", "数据中心", "开源", "生态", "厂商", "研发", "投入",
         "训练", "推理", "应用", "企业", "市场", "用户", "产品", "技术", "团队", "融资", "监管",
         "政策", "标准", "服务器", "云计算", "软件", "工具链", "编译器", "模型", "参数"]
INJECTED = ["比特币矿池算力创新高:8月2日消息,某交易所节点升级完成[2021/9/9 23:12:07]",
            "郑重声明:本文版权归原作者所有,转载文章仅为传播更多信息之目的。", "阅读更多"]


def article_text(rng: random.Random, n: int) -> str:
    lines = []
    for i in range(rng.randint(8, 20)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 30))]
        lines.append(f"第{n}篇第{i + 1}段:" + ",".join(
            "".join(words[j:j + 3]) for j in range(0, len(words), 3)) + "。")
        if rng.random() < 0.1:
            lines.append(rng.choice(INJECTED))
    return "\n".join(lines) + "\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, every: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


# --- the stack ---------------------------------------------------------------------


class Stack:
    def __init__(self) -> None:
        self.tmp = tempfile.TemporaryDirectory(prefix="newsroom-bench-")
        self.redis_port, self.http_port = free_port(), free_port()
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **{k: v for k, v in os.environ.items()
               if not k.startswith(("DATABASE_", "REDIS_", "CELERY_"))},
            "DATABASE_URL": f"{PG}/{DB_NAME}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0",
            "NEWSROOM_DATA_DIR": self.tmp.name, "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "LOG_LEVEL": "WARNING", "AXES_FAILURE_LIMIT": "1000",
        }

    def spawn(self, args: list[str], log: str) -> subprocess.Popen:
        out = open(Path(self.tmp.name) / log, "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def manage(self, *args: str) -> str:
        out = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                             capture_output=True, text=True, timeout=600)
        if out.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{out.stderr[-3000:]}")
        return out.stdout

    def up(self) -> None:
        print(f"== setting up: database {DB_NAME}, redis :{self.redis_port}, "
              f"gunicorn :{self.http_port}", flush=True)
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        psql(f"CREATE DATABASE {DB_NAME}")
        self.spawn([shutil.which("redis-server") or "redis-server", "--port",
                    str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no"], "redis.log")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("shell", "-c",
                    "from django.contrib.auth import get_user_model as g; "
                    f"g().objects.create_superuser('bench', password='{PASSWORD}')")

    def start_web_and_worker(self) -> None:
        self.spawn([str(Path(sys.executable).parent / "gunicorn"), "newsroom.wsgi:application",
                    "--bind", f"127.0.0.1:{self.http_port}", "--workers", "2",
                    "--threads", "4", "--timeout", "60"], "gunicorn.log")
        self.spawn([sys.executable, "-m", "celery", "-A", "newsroom", "worker",
                    "--loglevel=WARNING", "--concurrency=2", "--without-heartbeat",
                    "--without-gossip", "--without-mingle", "-n", "bench@%h"], "worker.log")

        def healthy() -> bool:
            try:
                return get(self.http_port, "/healthz")[0] == 200
            except OSError:
                return False

        if not wait_until(healthy, 60):
            raise SystemExit("gunicorn did not come up:\n" + self.log("gunicorn.log"))

    def stop_web_and_worker(self) -> None:
        for process in self.processes[1:]:
            self.stop(process)
        self.processes = self.processes[:1]

    @staticmethod
    def stop(process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def log(self, name: str) -> str:
        path = Path(self.tmp.name) / name
        return path.read_text()[-3000:] if path.exists() else ""

    def down(self) -> None:
        for process in reversed(self.processes):
            self.stop(process)
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        self.tmp.cleanup()


# --- HTTP --------------------------------------------------------------------------


def get(port: int, path: str, cookies: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("Location", ""), body, response.msg


def post(port: int, path: str, fields: dict, cookies: dict):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", path, body=urlencode(fields).encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "Referer": f"http://127.0.0.1:{port}{path}",
    })
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, response.getheader("Location", ""), response.msg


def take_cookies(message, jar: dict) -> None:
    # The cookies are Secure in production; over loopback HTTP we pass them by hand.
    for header in message.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


def log_in(port: int) -> tuple[dict, str]:
    jar: dict = {}
    status, _, body, message = get(port, "/admin/login/")
    take_cookies(message, jar)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, _location, message = post(port, "/admin/login/", {
        "username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": token,
        "next": "/admin/"}, jar)
    take_cookies(message, jar)
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"could not log in (HTTP {status})")
    _, _, body, message = get(port, "/admin/articles/article/import/", jar)
    take_cookies(message, jar)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return jar, token


# --- the two runs ------------------------------------------------------------------


def summary(name: str, count: int, submit_seconds: float, rows) -> dict:
    latencies = sorted((done - saved).total_seconds() for saved, done in rows)
    first_saved = min(saved for saved, _ in rows)
    last_done = max(done for _, done in rows)
    span = (last_done - first_saved).total_seconds()
    result = {
        "name": name, "count": count, "processed": len(rows),
        "accepted_per_s": count / submit_seconds if submit_seconds else float("nan"),
        "processed_per_s": len(rows) / span if span else float("nan"),
        "median": statistics.median(latencies),
        "p95": latencies[min(len(latencies) - 1, round(0.95 * len(latencies)) - 1)],
        "max": latencies[-1],
    }
    print(f"{name:<28} accepted {result['accepted_per_s']:7.1f} imports/s   "
          f"processed {result['processed_per_s']:6.1f} articles/s   save→processed "
          f"median {result['median']:6.2f} s  p95 {result['p95']:6.2f} s  "
          f"max {result['max']:6.2f} s   ({len(rows)}/{count} processed)", flush=True)
    return result


def run_queued(stack: Stack, texts: list[str], bursts: int, threads: int,
               deadline: float) -> tuple[dict, int]:
    from articles.models import Article

    stack.start_web_and_worker()
    jar, token = log_in(stack.http_port)
    statuses: list[int] = []

    def submit(i: int) -> int:
        fields = {"title": f"负载测试{i}", "language": "zh", "text": texts[i],
                  "new_source": f"来源{i % 7}", "csrfmiddlewaretoken": token}
        return post(stack.http_port, "/admin/articles/article/import/", fields, jar)[0]

    per_burst = len(texts) // bursts
    began = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for b in range(bursts):
            burst = range(b * per_burst, len(texts) if b == bursts - 1 else (b + 1) * per_burst)
            statuses += list(pool.map(submit, burst))
            print(f"  burst {b + 1}/{bursts}: {len(statuses)} submitted, "
                  f"{Article.objects.filter(processing_state='done').count()} processed",
                  flush=True)
    submit_seconds = time.perf_counter() - began
    accepted = sum(1 for s in statuses if s == 302)
    queued = Article.objects.filter(title__startswith="负载测试")
    wait_until(lambda: queued.exclude(processing_state="done").count() == 0
               and queued.count() >= accepted, deadline, every=1)
    rows = list(queued.filter(processing_state="done").values_list("created_at", "processed_at"))
    lost = accepted - len(rows)
    if accepted != len(texts):
        print(f"  {len(texts) - accepted} submissions refused: "
              f"{sorted(set(statuses))}\n{stack.log('gunicorn.log')}")
    stack.stop_web_and_worker()
    return summary("queued (HTTP+Redis+worker)", accepted, submit_seconds, rows), lost


def run_inprocess(texts: list[str]) -> dict:
    from articles.imports import import_article
    from articles.models import Article
    from newsroom import celery_app

    celery_app.conf.task_always_eager = True
    began = time.perf_counter()
    for i, text in enumerate(texts):
        import_article(text, title=f"进程内{i}", source=f"来源{i % 7}")
    seconds = time.perf_counter() - began
    celery_app.conf.task_always_eager = False
    done = Article.objects.filter(title__startswith="进程内", processing_state="done")
    return summary("in-process (no queue)", len(texts), seconds,
                   list(done.values_list("created_at", "processed_at")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--bursts", type=int, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--deadline", type=float, default=900, help="seconds to wait")
    options = parser.parse_args()
    if options.count > 5000:
        parser.error("bounded: at most 5000 imports")
    rng = random.Random(20231)
    texts = [article_text(rng, i) for i in range(options.count)]
    print(f"== {options.count} imports of {statistics.mean(len(t) for t in texts):.0f} "
          f"characters on average, {options.bursts} bursts, {options.threads} threads; "
          f"{os.cpu_count()} cores", flush=True)
    stack = Stack()
    os.environ.update(stack.env)
    sys.path.insert(0, str(ROOT))
    stack.up()
    import django

    django.setup()
    try:
        queued, lost = run_queued(stack, texts, options.bursts, options.threads,
                                  options.deadline)
        baseline = run_inprocess(texts)
    finally:
        stack.down()
    print(f"lost imports: {lost}")
    accepted = queued["accepted_per_s"] / baseline["accepted_per_s"]
    processed = queued["processed_per_s"] / baseline["processed_per_s"]
    print(f"ratio queued/in-process: accepted {accepted:.1f}x, processed {processed:.2f}x, "
          f"median save→processed {queued['median'] / baseline['median']:.1f}x")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
