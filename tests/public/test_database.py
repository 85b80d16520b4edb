"""What the article page asks of PostgreSQL per request: one prepared statement, and no
health-check round trip on a connection busy moments ago (newsroom/connection_check.py)
while a connection the server closed is still replaced before it fails a reader."""

import select
import time

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import RequestFactory

from newsroom.connection_check import QUIET_SECONDS, ConnectionCheckMiddleware
from public import stories
from tests.public.conftest import make_published

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="PostgreSQL connections and prepared statements",
)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def full_checks(monkeypatch):
    """Counts Django's full health checks (SELECT 1) on the default connection."""
    calls = []
    real = connection.is_usable

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(connection, "is_usable", counting)
    return calls


def serve(used_ago: float) -> int:
    """A request whose view queries the database, the connection last used ``used_ago``
    seconds before it; returns the backend that answered."""
    connection.newsroom_used_at = time.monotonic() - used_ago
    connection.close_if_unusable_or_obsolete()  # what request_started does
    pids = []
    ConnectionCheckMiddleware(lambda request: pids.append(backend_pid()))(RequestFactory().get("/"))
    return pids[0]


@pytest.mark.django_db(transaction=True)
def test_a_connection_busy_moments_ago_is_not_checked_with_a_round_trip(full_checks):
    first = backend_pid()
    assert connection.health_check_enabled
    assert serve(used_ago=0.01) == first
    assert full_checks == []


@pytest.mark.django_db(transaction=True)
def test_an_idle_connection_gets_the_full_check(full_checks):
    first = backend_pid()
    assert serve(used_ago=QUIET_SECONDS + 1) == first
    assert full_checks == [1]


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_closed_is_replaced_before_the_view_runs(full_checks):
    first = backend_pid()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [first])
    finally:
        other.close()
    socket = connection.connection.pgconn.socket
    assert select.select([socket], [], [], 5)[0]  # the server said so
    second = serve(used_ago=0.01)
    assert second != first
    assert full_checks == [1]


@pytest.mark.django_db
def test_the_page_statement_is_prepared_once_on_a_connection():
    article = make_published("英伟达发布了新一代加速卡。\n", "预备语句", index=False)
    stories.build(article.pk)
    threshold = connection.connection.prepare_threshold
    assert threshold is not None
    for _ in range(threshold + 2):
        assert stories.read_page(article.slug, "zh-hans").story is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%LEFT JOIN articles_storyrender r%"],
        )
        runs = [row[0] for row in cursor.fetchall()]
    assert len(runs) == 1 and runs[0] >= 2
