"""What the article page asks of PostgreSQL per request: one statement, prepared once per
connection (server-side binding, the settings' DATABASE_PREPARE_THRESHOLD); and a
connection the server closed is replaced before it fails a reader (CONN_HEALTH_CHECKS)."""

import pytest
from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.test import Client

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


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_closed_is_replaced_before_the_page_fails():
    article = make_published("英伟达发布了新一代加速卡。\n", "断线重连", index=False)
    stories.build(article.pk)
    first = backend_pid()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [first])
    finally:
        other.close()
    # What request_started does before every request (Django's test client leaves it
    # out): an obsolete connection is closed, a reused one health-checked on first use.
    close_old_connections()
    client = Client()
    client.cookies["sessionid"] = "x"  # not served from the page cache
    assert client.get(article.get_absolute_url()).status_code == 200
    assert backend_pid() != first


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
