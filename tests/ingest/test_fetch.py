"""The HTTP client against real servers on loopback."""

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import brotli
import pytest

from ingest.fetch import Fetcher, FetchError, RobotsDisallowed, retry_after_seconds
from ingest.loopback import Route

FEED = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.fixture
def fetcher():
    with Fetcher() as client:
        yield client


def test_user_agent_and_robots_fetched_once_per_origin(server, fetcher, settings):
    server.routes["/a"] = Route(FEED)
    server.routes["/b"] = Route(FEED)
    assert fetcher.get(server.url("/a")).body == FEED
    assert fetcher.get(server.url("/b")).body == FEED
    paths = [r.path for r in server.requests]
    assert paths == ["/robots.txt", "/a", "/b"]
    assert {r.headers["user-agent"] for r in server.requests} == {
        settings.NEWSROOM_INGEST_USER_AGENT}
    with Fetcher() as another:  # robots.txt is cached for other sessions too
        another.get(server.url("/a"))
    assert [r.path for r in server.requests].count("/robots.txt") == 1


def test_gzip_and_brotli_are_decoded(server, fetcher):
    server.routes["/gz"] = Route(FEED, gzip=True)
    server.routes["/br"] = Route(brotli.compress(FEED), headers={"Content-Encoding": "br"})
    assert fetcher.get(server.url("/gz")).body == FEED
    assert fetcher.get(server.url("/br")).body == FEED
    assert "br" in server.requests[-1].headers["accept-encoding"]


def test_redirects_are_followed_and_limited(server, fetcher, settings):
    server.routes["/old"] = Route(status=301, headers={"Location": "/older"})
    server.routes["/older"] = Route(status=302, headers={"Location": server.url("/new")})
    server.routes["/new"] = Route(FEED)
    got = fetcher.get(server.url("/old"))
    assert got.url == server.url("/new") and got.body == FEED
    for i in range(10):
        server.routes[f"/loop{i}"] = Route(status=307, headers={"Location": f"/loop{i + 1}"})
    with pytest.raises(FetchError, match="redirects"):
        fetcher.get(server.url("/loop0"))
    hops = [r.path for r in server.requests if r.path.startswith("/loop")]
    assert len(hops) == settings.NEWSROOM_INGEST_MAX_REDIRECTS + 1


def test_conditional_get_gets_304(server, fetcher):
    server.routes["/feed"] = Route(FEED, etag='"v1"')
    first = fetcher.get(server.url("/feed"))
    assert first.etag == '"v1"' and not first.not_modified
    again = fetcher.get(server.url("/feed"), etag=first.etag, last_modified="Tue, 03 Nov 2026 "
                        "08:30:00 GMT")
    assert again.not_modified and again.body == b""
    assert server.requests[-1].headers["if-none-match"] == '"v1"'
    assert server.requests[-1].headers["if-modified-since"].startswith("Tue, 03 Nov 2026")


def test_404_is_permanent(server, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/missing"))
    assert caught.value.status == 404 and caught.value.permanent


def test_429_and_503_carry_retry_after(server, fetcher):
    server.routes["/busy"] = Route(b"slow down", status=429, headers={"Retry-After": "120"})
    later = datetime.now(UTC) + timedelta(hours=1)
    server.routes["/down"] = Route(b"down", status=503,
                                   headers={"Retry-After": format_datetime(later, usegmt=True)})
    with pytest.raises(FetchError) as busy:
        fetcher.get(server.url("/busy"))
    assert (busy.value.status, busy.value.retry_after) == (429, 120.0)
    with pytest.raises(FetchError) as down:
        fetcher.get(server.url("/down"))
    assert down.value.status == 503 and 3500 < down.value.retry_after <= 3600


def test_retry_after_forms():
    now = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)
    assert retry_after_seconds("30", now) == 30.0
    assert retry_after_seconds("Tue, 03 Nov 2026 08:31:00 GMT", now) == 60.0
    assert retry_after_seconds("Tue, 03 Nov 2026 08:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None) is None


def test_retry_after_with_a_digit_float_cannot_read_is_no_delay():
    """Header bytes are read as Latin-1, so a server's byte 0xB2 arrives as "²", which
    str.isdigit() accepts and float() refuses: it was a ValueError in the poll."""
    now = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)
    assert retry_after_seconds("\xb2", now) is None
    assert retry_after_seconds("3\xb9", now) is None


FIFTY_MB = b"<rss><channel>" + b"<item><title>x</title></item>" * (50 * 1024 * 1024 // 28)


@pytest.mark.parametrize("unsized", [False, True], ids=["content-length", "streamed"])
def test_a_50_mb_feed_is_cut_off_at_the_cap(server, fetcher, unsized):
    assert len(FIFTY_MB) >= 50 * 1024 * 1024 - 64
    server.routes["/huge"] = Route(FIFTY_MB, unsized=unsized)
    with pytest.raises(FetchError, match=r"larger than 10\.0 MB"):
        fetcher.get(server.url("/huge"))


def test_a_gzip_bomb_is_cut_off_after_decoding(server, fetcher):
    server.routes["/bomb"] = Route(b"\0" * (40 * 1024 * 1024), gzip=True)
    with pytest.raises(FetchError, match="larger than"):
        fetcher.get(server.url("/bomb"))


def test_a_slow_server_times_out(server, fetcher):
    server.routes["/slow"] = Route(FEED, delay=3.0)
    with pytest.raises(FetchError, match="timed out"):
        fetcher.get(server.url("/slow"))


def test_robots_txt_disallowing_a_path(server, fetcher):
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n",
                                         content_type="text/plain")
    server.routes["/private/page"] = Route(FEED)
    server.routes["/public/page"] = Route(FEED)
    with pytest.raises(RobotsDisallowed):
        fetcher.get(server.url("/private/page"))
    assert fetcher.get(server.url("/public/page")).body == FEED
    assert "/private/page" not in [r.path for r in server.requests]


def test_robots_txt_unreachable_disallows_everything(server, fetcher):
    server.routes["/robots.txt"] = Route(b"oops", status=500)
    server.routes["/page"] = Route(FEED)
    with pytest.raises(RobotsDisallowed):
        fetcher.get(server.url("/page"))


def test_private_addresses_refused_outside_debug(server, settings):
    settings.NEWSROOM_INGEST_ALLOW_PRIVATE = False
    server.routes["/a"] = Route(FEED)
    with Fetcher() as client, pytest.raises(FetchError, match="non-public"):
        client.get(server.url("/a"))
    assert server.requests == []


def test_only_http_urls(fetcher):
    with pytest.raises(FetchError, match="not an http"):
        fetcher.get("file:///etc/passwd")


def gates():
    from django.conf import settings

    from ingest.fetch import LocalGate, RedisGate

    made = [LocalGate()]
    if settings.REDIS_URL:
        made.append(RedisGate(settings.REDIS_URL))
    return made


@pytest.mark.parametrize("gate", gates(), ids=lambda g: type(g).__name__)
def test_per_host_concurrency_is_capped(server, gate, monkeypatch):
    import threading

    from ingest import fetch

    monkeypatch.setattr(fetch, "_gate", gate)
    lock, state = threading.Lock(), {"now": 0, "most": 0}

    def body():
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.3)
        with lock:
            state["now"] -= 1
        return FEED

    server.routes["/robots.txt"] = Route(b"", content_type="text/plain")
    for i in range(6):
        server.routes[f"/p{i}"] = Route(body)
    errors = []

    def get(i):
        try:
            with Fetcher() as client:
                client.get(server.url(f"/p{i}"))
        except FetchError as error:
            errors.append(error)

    threads = [threading.Thread(target=get, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert state["most"] == 2  # NEWSROOM_INGEST_HOST_CONCURRENCY


def test_a_redis_slot_is_counted_on_redis_clock(settings, monkeypatch):
    """A client whose clock reads earlier (read before a pause, or a slower host) arrives
    after the cap is full: it waits, it does not rank inside the cap as a third holder."""
    from ingest import fetch

    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL")
    gate, policy = fetch.RedisGate(settings.REDIS_URL), fetch.Policy.from_settings()
    host = f"clock-{time.time_ns()}.example"
    held = [gate.acquire(host, policy, wait=0.1) for _ in range(policy.host_concurrency)]
    real = time.time
    monkeypatch.setattr(fetch.time, "time", lambda: real() - 30)
    with pytest.raises(FetchError, match="in flight"):
        gate.acquire(host, policy, wait=0.1)
    monkeypatch.setattr(fetch.time, "time", real)
    for token in held:
        gate.release(host, token)
    gate.release(host, gate.acquire(host, policy, wait=0.1))


def test_a_killed_holders_redis_slot_frees_itself(settings, monkeypatch):
    from ingest.fetch import Policy, RedisGate

    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL")
    monkeypatch.setattr(RedisGate, "HOLD", 1)
    gate, policy = RedisGate(settings.REDIS_URL), Policy.from_settings()
    host = f"leak-{time.time_ns()}.example"
    gate.acquire(host, policy, wait=0.1)
    gate.acquire(host, policy, wait=0.1)  # both slots taken, never released (killed)
    with pytest.raises(FetchError, match="in flight"):
        gate.acquire(host, policy, wait=0.1)
    time.sleep(1.2)
    gate.release(host, gate.acquire(host, policy, wait=0.1))
