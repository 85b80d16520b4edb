"""Real HTTP servers on loopback serving feeds and pages written for these tests."""

from datetime import UTC, datetime, timedelta

import pytest

from ingest.demo import STORIES, page, rss
from ingest.loopback import LoopbackServer, Route

WHEN = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def ingest_settings(settings):
    settings.NEWSROOM_INGEST_HOST_INTERVAL = 0
    settings.NEWSROOM_INGEST_ALLOW_PRIVATE = True
    settings.NEWSROOM_INGEST_TIMEOUT = 1.0
    settings.NEWSROOM_INGEST_DEADLINE = 5.0
    return settings


@pytest.fixture
def server():
    with LoopbackServer() as running:
        yield running


def story_items(server, prefix: str = "/news") -> list[dict]:
    return [
        {"title": s.title, "link": server.url(f"{prefix}/{s.slug}.html"), "guid": f"id-{s.slug}",
         "author": s.author, "published": WHEN + timedelta(hours=i)}
        for i, s in enumerate(STORIES)
    ]


def serve_wire(server, prefix: str = "/news", *, etag: str = "") -> str:
    """An RSS feed of the three stories and their pages; returns the feed's URL."""
    for story in STORIES:
        server.routes[f"{prefix}/{story.slug}.html"] = Route(
            page(story.title, story.paragraphs, outlet="测试通讯社", author=story.author))
    server.routes[f"{prefix}/rss.xml"] = Route(rss(story_items(server, prefix)),
                                              content_type="application/rss+xml", etag=etag)
    return server.url(f"{prefix}/rss.xml")


@pytest.fixture
def wire(server):
    return serve_wire(server)
