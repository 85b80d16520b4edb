"""The API against the public pages it mirrors, on the same server, in one run.

    python benchmarks/bench_api.py

Makes a small database of its own (SQLite in a temporary folder: a starter set of
entities and BENCH_ARTICLES generated stories, default 60, imported, checked,
linked and published through the real pipeline with Celery eager), then starts
gunicorn on a free loopback port twice: with the site's cache (the public pages
served from the page cache, the API's bodies from its data cache, both under the
same public version) and with Django's DummyCache (every request does all its
work). Each time it measures, with sequential GETs interleaved so both sides see
the same machine load:

* the article list: ``/articles/`` against ``/api/v1/articles/``;
* one article: ``/articles/<slug>/`` against ``/api/v1/articles/<id>/`` (the
  article with the most blocks);

and prints median and p95 latency and the ratio API / page for each. Speed is
judged relative to the page in the same run; the absolute figures depend on the
machine's load (printed). Nothing of the product is changed by it.

This module is also gunicorn's settings module (the product's settings, with the
dummy cache when BENCH_NO_CACHE=1).
"""

import os
import sys

if __name__ != "__main__":
    from newsroom.settings import *  # noqa: F403

    if os.environ.get("BENCH_NO_CACHE") == "1":
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    LOGGING = {"version": 1, "disable_existing_loggers": False}
else:
    import random
    import signal
    import socket
    import statistics
    import subprocess
    import tempfile
    import time
    import urllib.request
    from pathlib import Path

    ROOT = Path(__file__).resolve().parent.parent
    ARTICLES = int(os.environ.get("BENCH_ARTICLES", "60"))
    ROUNDS = int(os.environ.get("BENCH_ROUNDS", "150"))
    SENTENCES = [
        "{a}发布了新一代大模型，参数规模再创新高。",
        "{a}与{b}在算力采购上展开竞争，{c}的芯片供不应求。",
        "分析人士认为，{a}的生态优势仍然明显。",
        "{b}宣布开放{c}的接口，开发者数量快速增长。",
        "在上海的发布会上，{a}展示了多模态能力。",
        "业内普遍关注{b}能否在推理成本上取得突破。",
    ]
    NAMES = ["腾讯", "阿里巴巴", "百度", "华为", "英伟达", "字节跳动", "文心一言", "通义千问"]

    def environment(data_dir: Path) -> dict:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL",
                            "CELERY_RESULT_BACKEND")}
        env.update(NEWSROOM_DATA_DIR=str(data_dir), DEBUG="0", SECURE_SSL_REDIRECT="0",
                   ALLOWED_HOSTS="127.0.0.1,localhost", CELERY_TASK_ALWAYS_EAGER="1",
                   SECRET_KEY="bench-" + "k" * 60, LOG_LEVEL="WARNING",
                   NEWSROOM_API_ANON_RATE="1000000/minute")
        return env

    def story(rng: random.Random) -> str:
        lines = []
        for _ in range(rng.randint(6, 12)):
            a, b, c = rng.sample(NAMES, 3)
            lines.append(rng.choice(SENTENCES).format(a=a, b=b, c=c))
        return "\n".join(lines) + "\n"

    def make_database() -> dict:
        """Runs in this process with the benchmark's environment already set."""
        import django

        django.setup()
        from django.core.management import call_command
        from django.db.models import Count

        from articles.imports import import_article
        from articles.models import Article
        from articles.workflow import publish
        from entities.knowledge import load_starter
        from entities.models import Mention

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        load_starter()
        rng = random.Random(20)
        for number in range(ARTICLES):
            article = import_article(story(rng), title=f"大模型观察第{number + 1}期",
                                     source="基准来源", section=rng.choice(["科技", "产业"]))
            Mention.objects.filter(article=article, entity__isnull=False).decide(
                Mention.Status.CONFIRMED, None)
            publish(Article.objects.get(pk=article.pk))
        article = (Article.objects.published().annotate(n=Count("blocks"))
                   .order_by("-n", "pk").first())
        return {"slug": article.get_absolute_url(), "id": article.pk,
                "blocks": article.blocks.count(),
                "mentions": Mention.objects.filter(article=article).count(),
                "published": Article.objects.published().count()}

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    def start(env: dict, no_cache: bool) -> tuple[subprocess.Popen, str]:
        port = free_port()
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "newsroom.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
            cwd=ROOT, start_new_session=True,
            env=dict(env, DJANGO_SETTINGS_MODULE="bench_api",
                     BENCH_NO_CACHE="1" if no_cache else "0",
                     PYTHONPATH=f"{ROOT / 'benchmarks'}:{ROOT}"),
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                return process, base
            except OSError:
                time.sleep(0.2)
        stop(process)
        sys.exit("gunicorn did not start")

    def stop(process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)

    def get(url: str) -> float:
        began = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            assert response.status == 200, url
        return (time.perf_counter() - began) * 1000

    def compare(base: str, page: str, api: str) -> tuple[tuple, tuple]:
        for _ in range(10):  # warm up: caches, connections, compiled page frames
            get(base + page), get(base + api)
        pages, apis = [], []
        for _ in range(ROUNDS):
            pages.append(get(base + page))
            apis.append(get(base + api))

        def summary(samples):
            samples.sort()
            return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]

        return summary(pages), summary(apis)

    def main() -> None:
        with tempfile.TemporaryDirectory(prefix="bench-api-") as folder:
            env = environment(Path(folder))
            os.environ.clear()
            os.environ.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings")
            sys.path.insert(0, str(ROOT))
            began = time.perf_counter()
            target = make_database()
            print(f"database: {target['published']} published articles made through the "
                  f"pipeline in {time.perf_counter() - began:.0f} s (SQLite, Celery eager); "
                  f"article {target['slug']} ({target['blocks']} blocks, "
                  f"{target['mentions']} mentions)")
            print(f"{ROUNDS} sequential GETs per address, page and API interleaved; "
                  f"gunicorn, 2 workers; load average before: "
                  + " ".join(f"{x:.2f}" for x in os.getloadavg()))
            for label, no_cache in (("cached", False), ("uncached", True)):
                process, base = start(env, no_cache)
                try:
                    for what, page, api in (
                        ("list", "/articles/", "/api/v1/articles/"),
                        ("detail", target["slug"], f"/api/v1/articles/{target['id']}/"),
                    ):
                        (pm, pp), (am, ap) = compare(base, page, api)
                        print(f"{label:8} {what:6} page median {pm:6.2f} ms p95 {pp:6.2f} | "
                              f"API median {am:6.2f} ms p95 {ap:6.2f} | "
                              f"ratio API/page {am / pm:.2f} (median), {ap / pp:.2f} (p95)")
                finally:
                    stop(process)

    main()
