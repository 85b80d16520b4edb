"""Real `celery beat` (two of them) and `celery worker` processes polling loopback feeds."""

import signal
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Source
from ingest.demo import STORIES, json_feed, page
from ingest.loopback import Route
from ingest.models import Feed, FeedItem

# celery_procs is a fixture: imported so this module can use it.
from tests.fullstack.conftest import celery_procs, stop, wait_for, worker_args  # noqa: F401

pytestmark = [pytest.mark.fullstack, pytest.mark.django_db(transaction=True)]
ENV = {"NEWSROOM_INGEST_DISPATCH_INTERVAL": "1", "NEWSROOM_INGEST_ALLOW_PRIVATE": "1",
       "NEWSROOM_INGEST_HOST_INTERVAL": "0"}


def test_two_beats_and_two_workers_import_each_item_once(celery_procs, tmp_path,  # noqa: F811
                                                          server, wire):
    wire_feed = Feed.objects.create(source=Source.objects.create(name="通讯社"), url=wire,
                                    every=1)
    copy = STORIES[0]
    server.routes["/agg/copy.html"] = Route(page("转载:" + copy.title, copy.paragraphs,
                                                 outlet="聚合站"))
    server.routes["/agg/feed.json"] = Route(json_feed(
        [{"title": "转载:" + copy.title, "link": server.url("/agg/copy.html")}]))
    # Polled only once the wire's items are in, so the copy has an original to match.
    aggregator = Feed.objects.create(source=Source.objects.create(name="聚合站"), every=1,
                                     url=server.url("/agg/feed.json"), kind="json",
                                     next_poll_at=timezone.now() + timedelta(days=1))
    workers = [celery_procs(worker_args("ingest-a", concurrency=2), **ENV),
               celery_procs(worker_args("ingest-b"), **ENV)]
    for name in ("a", "b"):
        celery_procs(["beat", "--loglevel=INFO", f"--schedule={tmp_path / name}"], **ENV)

    def imported(n):
        return lambda: FeedItem.objects.filter(status="imported").count() == n

    if not wait_for(imported(3), timeout=90):
        pytest.fail("items not imported:\n" + "\n".join(stop(w)[-3000:] for w in workers))
    Feed.objects.filter(pk=aggregator.pk).update(next_poll_at=timezone.now())
    assert wait_for(lambda: FeedItem.objects.filter(status="duplicate").count() == 1, 90)
    # Make both feeds due again and again while both beats and both workers run.
    for _ in range(4):
        Feed.objects.update(next_poll_at=timezone.now())
        time.sleep(2)
    assert wait_for(lambda: not Feed.objects.filter(lease_until__isnull=False).exists(), 60)
    assert wait_for(lambda: not Article.objects.exclude(processing_state="done").exists(), 90)

    assert Article.objects.count() == 3
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted(
        s.title for s in STORIES)
    assert set(Article.objects.values_list("status", flat=True)) == {"review"}
    item = FeedItem.objects.get(feed=aggregator)
    assert item.duplicate_of.title == copy.title and item.article is None
    wire_feed.refresh_from_db()
    assert (wire_feed.found, wire_feed.imported, wire_feed.failed) == (3, 3, 0)
    assert wire_feed.last_polled_at is not None and wire_feed.last_outcome in (
        "ok", "not_modified")
    runs = [r.task_id for a in Article.objects.all() for r in a.runs.all()]
    assert runs and all(runs)  # processed by the worker, through the broker


def test_a_worker_killed_mid_poll_loses_no_item(celery_procs, tmp_path, server):  # noqa: F811
    from tests.ingest.conftest import serve_wire

    url = serve_wire(server)
    for story in STORIES:  # slow pages: the kill lands between two items
        server.routes[f"/news/{story.slug}.html"].delay = 2.0
    feed = Feed.objects.create(source=Source.objects.create(name="通讯社"), url=url, every=1)
    env = {**ENV, "NEWSROOM_INGEST_LEASE": "5"}
    first = celery_procs(worker_args("doomed"), **env)
    celery_procs(["beat", "--loglevel=INFO", f"--schedule={tmp_path / 'beat'}"], **env)
    if not wait_for(lambda: FeedItem.objects.filter(status="imported").count() == 1, 90):
        pytest.fail("nothing imported:\n" + stop(first)[-3000:])
    stop(first, signal.SIGKILL)
    assert FeedItem.objects.count() == 3
    assert FeedItem.objects.filter(status="new").count() >= 1
    # The dead poll's claim runs out; the next dispatch polls again on a new worker.
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now())
    celery_procs(worker_args("heir"), **env)
    assert wait_for(lambda: FeedItem.objects.filter(status="imported").count() == 3, 120)
    assert Article.objects.count() == 3
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted(
        s.title for s in STORIES)
