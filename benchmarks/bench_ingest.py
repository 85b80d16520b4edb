"""Ingestion throughput: items per second from a loopback feed, against the import path.

Run: ``python benchmarks/bench_ingest.py [--items 30]``

What is measured, each in its own process (Django set up and the pipeline warmed
by one import before the clock starts), on a dedicated PostgreSQL database
(``newsroom_bench_ingest``: created, migrated, dropped) with Celery eager, so a
process does everything a worker would for an item:

- **one worker**: one poll of an RSS feed listing ``--items`` article pages served
  by a threaded server on 127.0.0.1: fetch the feed, record the items, then per
  item fetch the page (robots.txt, per-host gate), decode, SimHash story prints,
  duplicate lookups, ``articles.imports.import_article``, the move to review, and
  the pipeline's processing (check, tables, entities, search) on commit;
- **the named peer, the import path alone**: ``import_article`` of as many pages of
  the same generator (the bytes already in memory), with the same processing;
- **two workers**: two processes polling two such feeds at once (2 x ``--items``).

Prints items/s for each, the ratio one worker / import path (the cost of fetching
and de-duplicating on top of importing) and two workers / one worker (scaling on
this machine). The per-host interval is set to 0 for the run: the loopback server
is ours, and the point is the pipeline's cost, not politeness.
Needs PostgreSQL on 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "newsroom_bench_ingest"
WORDS = ["人工智能", "大模型", "芯片", "算力", "数据中心", "开源", "生态", "厂商", "研发", "投入",
         "训练", "推理", "应用", "企业", "市场", "用户", "产品", "技术", "团队", "融资", "监管",
         "政策", "标准", "服务器", "云计算", "软件", "工具链", "编译器", "模型", "参数"]
INJECTED = "比特币矿池算力创新高:8月2日消息,某交易所节点升级完成[2021/9/9 23:12:07]"


def word(rng: random.Random) -> str:
    """A beat word, or two random common Han characters: different articles must not
    read alike (a 30-word vocabulary alone makes every paragraph a near-duplicate)."""
    if rng.random() < 0.3:
        return rng.choice(WORDS)
    return chr(rng.randint(0x4E00, 0x9FA5)) + chr(rng.randint(0x4E00, 0x9FA5))


def paragraphs(rng: random.Random, tag: str) -> tuple[str, ...]:
    out = []
    for i in range(rng.randint(8, 16)):
        words = [word(rng) for _ in range(rng.randint(12, 30))]
        out.append(f"{tag}第{i + 1}段:" + ",".join(
            "".join(words[j:j + 3]) for j in range(0, len(words), 3)) + "。")
        if rng.random() < 0.1:
            out.append(INJECTED)
    return tuple(out)


def pages(seed: str, count: int) -> list[tuple[str, str]]:
    """(title, html) of ``count`` articles, deterministic per seed."""
    from ingest.demo import page

    rng = random.Random(seed)
    return [(f"{seed}稿件{i}", page(f"{seed}稿件{i}", paragraphs(rng, f"{seed}{i}"),
                                    outlet="基准通讯社")) for i in range(count)]


# --- child processes: one worker, or the peer ------------------------------------------


def child(mode: str, arg: str) -> None:
    import django

    django.setup()
    from articles.imports import import_article
    from ingest.polling import poll_feed

    import_article(pages("预热" + arg, 1)[0][1], title="预热", fmt="html")  # warm the pipeline
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    if mode == "worker":
        report = poll_feed(int(arg), force=True)
        done = {"imported": report.imported, "failed": report.failed, "error": report.error,
                "outcome": report.outcome,
                "duplicates": report.duplicates}
    else:
        items = pages("对照", int(arg))
        for title, html in items:
            import_article(html.encode(), title=title, fmt="html", source="对照源")
        done = {"imported": len(items), "failed": 0, "duplicates": 0}
    print(json.dumps({**done, "seconds": time.perf_counter() - started}), flush=True)


# --- the parent ---------------------------------------------------------------------------


def psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def run_children(env: dict, specs: list[tuple[str, str]]) -> tuple[float, list[dict]]:
    """Start the children, wait until each is warm, release them together; wall time."""
    procs = [subprocess.Popen([sys.executable, __file__, "--child", mode, arg], cwd=ROOT,
                              env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True) for mode, arg in specs]
    for proc in procs:
        line = proc.stdout.readline()
        if line.strip() != "ready":
            raise SystemExit(f"a child failed to start: {line!r}")
    started = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [json.loads(proc.stdout.readline()) for proc in procs]
    wall = time.perf_counter() - started
    for proc in procs:
        proc.wait(timeout=60)
    return wall, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    tmp = tempfile.TemporaryDirectory(prefix="newsroom-bench-ingest-")
    env = {**{k: v for k, v in os.environ.items()
              if not k.startswith(("DATABASE_", "REDIS_", "CELERY_"))},
           "DATABASE_URL": f"{PG}/{DB_NAME}", "SECRET_KEY": secrets.token_urlsafe(60),
           "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
           "NEWSROOM_DATA_DIR": tmp.name, "DJANGO_SETTINGS_MODULE": "newsroom.settings",
           "LOG_LEVEL": "WARNING", "NEWSROOM_INGEST_ALLOW_PRIVATE": "1",
           "NEWSROOM_INGEST_HOST_INTERVAL": "0", "NEWSROOM_INGEST_HOST_CONCURRENCY": "4",
           "NEWSROOM_INGEST_ITEMS_PER_POLL": str(args.items)}
    os.environ.update(env)
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                       cwd=ROOT, env=env, check=True)
        import django

        django.setup()
        from articles.models import Source
        from ingest.demo import rss
        from ingest.loopback import LoopbackServer, Route
        from ingest.models import Feed

        n = args.items
        with LoopbackServer() as server:
            feeds = {}
            for name in ("one", "two-a", "two-b"):
                items = []
                for i, (title, html) in enumerate(pages(name, n)):
                    path = f"/{name}/{i}.html"
                    server.routes[path] = Route(html)
                    items.append({"title": title, "link": server.url(path)})
                server.routes[f"/{name}/rss.xml"] = Route(rss(items))
                feeds[name] = Feed.objects.create(
                    source=Source.objects.create(name=f"bench-{name}"),
                    url=server.url(f"/{name}/rss.xml")).pk
            print(f"== {n} items per feed, loopback server on {server.base}", flush=True)
            peer_wall, _ = run_children(env, [("peer", str(n))])
            one_wall, (one,) = run_children(env, [("worker", str(feeds["one"]))])
            two_wall, two = run_children(env, [("worker", str(feeds["two-a"])),
                                               ("worker", str(feeds["two-b"]))])
        for label, results in (("one worker", [one]), ("two workers", two)):
            bad = [r for r in results if r["imported"] != n]
            if bad:
                raise SystemExit(f"{label}: not every item imported: {bad}")
        peer_rate, one_rate, two_rate = n / peer_wall, n / one_wall, 2 * n / two_wall
        print(f"import path alone (peer): {peer_rate:6.2f} items/s  ({n} in {peer_wall:.1f} s)")
        print(f"ingest, one worker:       {one_rate:6.2f} items/s  ({n} in {one_wall:.1f} s)")
        print(f"ingest, two workers:      {two_rate:6.2f} items/s  ({2 * n} in {two_wall:.1f} s)")
        print(f"ratio one worker / import path: {one_rate / peer_rate:.2f}")
        print(f"ratio two workers / one worker: {two_rate / one_rate:.2f} "
              f"(on {os.cpu_count()} cores shared with whatever else runs)")
    finally:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        tmp.cleanup()


if __name__ == "__main__":
    main()
