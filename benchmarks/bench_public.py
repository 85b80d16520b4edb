"""The public site under load: the article page against a bare Django view, same server.

    DATABASE_URL=postgres://... REDIS_URL=redis://... SECRET_KEY=... DEBUG=0 \\
    ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 python benchmarks/bench_public.py

Starts gunicorn on 127.0.0.1 twice: with the configured cache (pages cached in
Redis) and with a dummy cache (every request rendered). Each time it loads the
article page and a bare view returning a fixed string with wrk (or a bounded
Python load generator when wrk is missing) and prints both throughputs and the
ratio. Then it measures median and p95 latency of the listing, a filtered
listing, an entity page and searches, first as page-cache misses on the cached
server (requests with a session cookie: the page cache neither serves nor stores
them, fragment caches work as in production), then with no cache at all. The
latency targets are judged on the first. Fill the database
first with ``benchmarks/generate_articles.py``. Targets: cached article >= 80% of
bare, uncached >= 30%; lists, entity page and search < 50 ms median, < 150 ms p95.

"Uncached" means no page or fragment cache at all (Django's DummyCache): every request
runs the view, which reads the article and what the pipeline stored for it in the
database when it was processed (``public/stories.py``: the story rendered per
language with its entity links, figures and tables, the ranked ids of its related
stories, and each story's entry in story lists), and renders the page frame, the
canonical address, JSON-LD and the related list around it. ``generate_articles.py``
writes rows directly, past that pipeline, so before measuring this script stores
those parts for the page it measures and for the stories that page lists, with the
pipeline's own ``stories.build``.

Throughputs and latencies are measured BENCH_REPEAT times (default 2) and the
best is reported (the machine may be shared), with the load average around them.
Use a dedicated database, e.g. newsroom_bench_public, filled with
``generate_articles.py --count 200000 --recreate``; it can be reused between runs.

This module is also the benchmark's own settings and URLconf (the bare view
exists only here, never in the product).
"""

import os
import sys

if __name__ != "__main__":
    # Imported by gunicorn as DJANGO_SETTINGS_MODULE=bench_public: the product's
    # settings plus this module as the URLconf.
    from newsroom.settings import *  # noqa: F403

    ROOT_URLCONF = "bench_public"
    if os.environ.get("BENCH_NO_CACHE") == "1":
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    LOGGING = {"version": 1, "disable_existing_loggers": False}

    def __getattr__(name):
        # The URLconf is built on first use, after Django is set up.
        if name != "urlpatterns":
            raise AttributeError(name)
        from django.http import HttpResponse
        from django.urls import include, path

        def bare(request):
            return HttpResponse("hello", content_type="text/plain")

        patterns = [path("bench-bare/", bare), path("", include("newsroom.urls"))]
        globals()["urlpatterns"] = patterns
        return patterns

else:
    import re
    import shutil
    import signal
    import statistics
    import subprocess
    import threading
    import time
    import urllib.parse
    import urllib.request
    from pathlib import Path

    ROOT = Path(__file__).resolve().parent.parent
    PORT = int(os.environ.get("BENCH_PORT", "8765"))
    BASE = f"http://127.0.0.1:{PORT}"
    DURATION = int(os.environ.get("BENCH_SECONDS", "8"))
    REPEAT = int(os.environ.get("BENCH_REPEAT", "2"))
    ROUNDS = int(os.environ.get("BENCH_ROUNDS", "8"))
    CONNECTIONS = 16

    def load() -> str:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())

    def pick_targets() -> dict:
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
        import django

        django.setup()
        from django.db.models import Count

        from articles.models import Article
        from entities.models import Entity

        article = (
            Article.objects.published().annotate(n=Count("blocks")).filter(n__gt=5)
            .order_by("-n").first()
        ) or Article.objects.published().first()
        if article is None:
            sys.exit("no published article: run benchmarks/generate_articles.py first")
        entities = list(Entity.objects.annotate(n=Count("mentions")).order_by("-n")[:6])
        from entities.models import Mention
        from public import stories
        from public.models import StoryRender

        # What processing would have stored for the measured page (see the docstring).
        stored = [stories.build(article.pk)]
        related = StoryRender.objects.filter(article=article).values_list("related", flat=True)
        stored += [stories.build(pk) for pk in related.first() or []]

        return {"article": article.get_absolute_url(), "blocks": article.blocks.count(),
                "stored": f"{len(stored)} stories ({stored.count('built')} built now)",
                "entities": entities, "articles": Article.objects.published().count(),
                "all_articles": Article.objects.count(), "mentions": Mention.objects.count(),
                "entity_count": Entity.objects.count(),
                "top_mentions": [(e.name, e.n) for e in entities[:3]]}

    def start_server(no_cache: bool) -> subprocess.Popen:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench_public",
                   BENCH_NO_CACHE="1" if no_cache else "0",
                   PYTHONPATH=f"{ROOT / 'benchmarks'}:{ROOT}")
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        process = subprocess.Popen(
            [gunicorn, "newsroom.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
             "--workers", "2", "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/bench-bare/", timeout=1).read()
                return process
            except OSError:
                time.sleep(0.2)
        stop_server(process)
        sys.exit("gunicorn did not start")

    def stop_server(process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)

    def throughput(path: str) -> float:
        url = BASE + path
        for _ in range(20):  # warm up: fill the page cache, open connections
            urllib.request.urlopen(url, timeout=10).read()
        if shutil.which("wrk"):
            out = subprocess.run(
                ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", url],
                capture_output=True, text=True, check=True,
            ).stdout
            return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        return python_load(url)

    def python_load(url: str) -> float:
        """A bounded fallback load generator: threads doing sequential GETs for DURATION."""
        deadline = time.perf_counter() + DURATION
        counts = [0] * 8

        def worker(slot: int) -> None:
            while time.perf_counter() < deadline:
                urllib.request.urlopen(url, timeout=10).read()
                counts[slot] += 1

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(counts))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(counts) / DURATION

    def latencies(paths: list[str], headers: dict, rounds: int = ROUNDS) -> tuple[float, float]:
        samples = []
        for _ in range(rounds):
            for path in paths:
                began = time.perf_counter()
                request = urllib.request.Request(BASE + path, headers=headers)
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                samples.append((time.perf_counter() - began) * 1000)
        samples.sort()
        return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    def main() -> None:
        targets = pick_targets()
        print(f"database: {targets['articles']} published of {targets['all_articles']} articles, "
              f"{targets['mentions']} mentions, {targets['entity_count']} entities; "
              f"most mentioned: {targets['top_mentions']}")
        print(f"article page: {targets['article']} ({targets['blocks']} blocks); stored page "
              f"parts of it and its related stories: {targets['stored']}")
        print("uncached = no page cache (DummyCache); the view reads the parts the pipeline "
              "stored in the database (public/stories.py) and renders the rest")
        print(f"best of {REPEAT} x wrk {DURATION}s, {CONNECTIONS} connections; "
              f"latency: {ROUNDS} rounds of sequential GETs; load average before: {load()}")
        ratios = {}
        for label, no_cache in (("cached", False), ("uncached", True)):
            server = start_server(no_cache)
            try:
                bare = page = 0.0
                for _ in range(REPEAT):
                    bare = max(bare, throughput("/bench-bare/"))
                    page = max(page, throughput(targets["article"]))
            finally:
                stop_server(server)
            ratios[label] = page / bare
            print(f"{label:9s} bare view {bare:8.0f} req/s   article page {page:8.0f} req/s   "
                  f"ratio {page / bare:5.1%}   (load {load()})", flush=True)
        quote = urllib.parse.quote
        slugs = [e.slug for e in targets["entities"]]
        pages = {
            "listing": ["/articles/"] + [f"/articles/?page={n}" for n in (2, 50, 400)],
            "filtered listing": [f"/articles/?entity={quote(s)}&language=zh" for s in slugs[:3]]
            + [f"/articles/?entity={quote(slugs[0])}&entity={quote(slugs[1])}&kind=product",
               "/articles/?date_after=2025-01-01&date_before=2025-06-30&section="
               + quote("芯片")],
            "entity page": [f"/entities/{quote(s)}/" for s in slugs[:4]],
            "search": [f"/search/?q={quote(q)}" for q in
                       ("大模型", "腾讯 混元", "A100", "RISC-V", "推理成本", "芯片 供应链")],
        }
        from django.conf import settings

        # Latency of a page-cache miss, the path of every page not in the page cache yet
        # (filter combinations, deep pages, searches): the Redis-backed server with a
        # session cookie, which the page cache never serves nor stores, while the
        # fragments cached per public version (the listing's top entities) are shared
        # as in production. Then the same with no cache at all (DummyCache), where the
        # version changes on every request and those fragments are rebuilt each time.
        modes = (
            ("page cache missed", False, {"Cookie": f"{settings.SESSION_COOKIE_NAME}=bench"}),
            ("nothing cached", True, {}),
        )
        results = {}
        for mode, no_cache, headers in modes:
            server = start_server(no_cache=no_cache)
            try:
                for name, paths in pages.items():
                    for path in paths:  # warm the connections, caches and PostgreSQL's buffers
                        request = urllib.request.Request(BASE + path, headers=headers)
                        urllib.request.urlopen(request, timeout=30).read()
                    best = min(
                        (latencies(paths, headers) for _ in range(REPEAT)), key=lambda r: r[0]
                    )
                    results.setdefault(name, best)
                    print(f"{name:17s} median {best[0]:6.1f} ms   p95 {best[1]:6.1f} ms   "
                          f"({mode})", flush=True)
            finally:
                stop_server(server)
        print(f"load average after: {load()}")
        print("targets:")
        print(f"  cached article >= 80% of bare: {verdict(ratios['cached'] >= 0.8)}")
        print(f"  uncached article >= 30% of bare: {verdict(ratios['uncached'] >= 0.3)}")
        for name, (median, p95) in results.items():
            print(f"  {name} < 50 ms median, < 150 ms p95 (page cache missed): "
                  f"{verdict(median < 50 and p95 < 150)}")

    main()
