"""HTTP for ingestion: one polite, bounded way to fetch a feed or a page.

Every request: a clear User-Agent, robots.txt honoured (RFC 9309, cached per
origin), a per-host concurrency cap and minimum interval (in Redis when
``REDIS_URL`` is set, so they hold across workers; in-process otherwise),
timeouts on connect and read plus a deadline for the whole body, the body
streamed and cut off at a size cap, redirects followed by hand (each hop
checked again), gzip and brotli decoded, conditional GET.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import threading
import time
import urllib.robotparser
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.core.cache import cache

from ingest.errors import message

UNREACHABLE = "User-agent: *\nDisallow: /\n"
UNREACHABLE_TTL = 300  # seconds: an unreachable robots.txt is asked for again soon


class FetchError(Exception):
    """A fetch that failed; ``retry_after`` is the server's wish in seconds, if it said.
    The message is one of ``ingest.errors``' sentences."""

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.permanent = permanent


class RobotsDisallowed(FetchError):
    def __init__(self, url: str) -> None:
        super().__init__(message("robots", url=url), permanent=True)


@dataclass(frozen=True)
class Policy:
    user_agent: str
    timeout: float
    deadline: float
    max_bytes: int
    max_redirects: int
    host_concurrency: int
    host_interval: float
    allow_private: bool
    robots_ttl: int = 3600

    @classmethod
    def from_settings(cls) -> Policy:
        return cls(
            user_agent=settings.NEWSROOM_INGEST_USER_AGENT,
            timeout=settings.NEWSROOM_INGEST_TIMEOUT,
            deadline=settings.NEWSROOM_INGEST_DEADLINE,
            max_bytes=settings.NEWSROOM_INGEST_MAX_BYTES,
            max_redirects=settings.NEWSROOM_INGEST_MAX_REDIRECTS,
            host_concurrency=settings.NEWSROOM_INGEST_HOST_CONCURRENCY,
            host_interval=settings.NEWSROOM_INGEST_HOST_INTERVAL,
            allow_private=settings.NEWSROOM_INGEST_ALLOW_PRIVATE,
        )


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a delay or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdecimal():  # not isdigit: "²" (Latin-1 byte 0xB2) is no delay
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


# --- per-host limits -------------------------------------------------------------


class LocalGate:
    """Per-host limits inside one process (the embedded default)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}

    def acquire(self, host: str, policy: Policy, wait: float) -> str:
        with self._lock:
            slot = self._slots.setdefault(
                host, threading.BoundedSemaphore(policy.host_concurrency))
        if not slot.acquire(timeout=wait):
            raise FetchError(message("host-busy", host=host))
        while policy.host_interval > 0:
            with self._lock:
                now = time.monotonic()
                ready = self._next.get(host, 0.0)
                if now >= ready:
                    self._next[host] = now + policy.host_interval
                    break
            time.sleep(min(ready - now, policy.host_interval))
        return ""

    def release(self, host: str, token: str) -> None:
        self._slots[host].release()


class RedisGate:
    """Per-host limits shared by every worker. The slots are a sorted set of holders
    stamped with the time they took a slot: stamps older than HOLD are dropped before
    counting, so a killed holder's slot frees itself. SET NX PX spaces the starts."""

    HOLD = 120  # seconds: longer than any one request's deadline

    # Drop stale holders, count, take a slot: one script, so the count and the taking are
    # one step on Redis's clock. (Ranking stamps from each client's own clock let a client
    # whose stamp was read earlier but arrived later rank inside the cap: three holders.)
    _TAKE = """
    local clock = redis.call('TIME')
    local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
    if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
        return 0
    end
    redis.call('ZADD', KEYS[1], now, ARGV[3])
    redis.call('EXPIRE', KEYS[1], ARGV[1])
    return 1
    """

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)
        self._take = self._redis.register_script(self._TAKE)

    def acquire(self, host: str, policy: Policy, wait: float) -> str:
        slots, gap = f"newsroom:ingest:slots:{host}", f"newsroom:ingest:gap:{host}"
        token = uuid.uuid4().hex
        give_up = time.monotonic() + wait
        while not self._take(keys=[slots], args=[self.HOLD, policy.host_concurrency, token]):
            if time.monotonic() > give_up:
                raise FetchError(message("host-busy", host=host))
            time.sleep(0.05)
        if policy.host_interval <= 0:
            return token
        interval_ms = max(1, int(policy.host_interval * 1000))
        while not self._redis.set(gap, 1, px=interval_ms, nx=True):
            if time.monotonic() > give_up:
                self.release(host, token)
                raise FetchError(message("host-rate-limit", host=host))
            left = self._redis.pttl(gap)
            time.sleep(max(0.01, min(left, interval_ms) / 1000 if left > 0 else 0.01))
        return token

    def release(self, host: str, token: str) -> None:
        self._redis.zrem(f"newsroom:ingest:slots:{host}", token)


_gate: LocalGate | RedisGate | None = None


def gate() -> LocalGate | RedisGate:
    global _gate
    if _gate is None:
        _gate = RedisGate(settings.REDIS_URL) if settings.REDIS_URL else LocalGate()
    return _gate


# --- the client --------------------------------------------------------------------


class Fetcher:
    """One fetch session (one poll): a connection pool and the robots rules seen."""

    def __init__(self, policy: Policy | None = None) -> None:
        self.policy = policy or Policy.from_settings()
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent,
                     "Accept-Encoding": "gzip, deflate, br"},
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "",
            accept: str = "*/*") -> Fetched:
        """GET with robots, limits and redirects; raises FetchError for anything but
        2xx and 304."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(self.policy.max_redirects + 1):
            self._check_url(url)
            self.check_allowed(url)
            response_url, status, body, got = self._request(url, headers)
            if status in (301, 302, 303, 307, 308):
                location = got.get("location")
                if not location:
                    raise FetchError(message("redirect-without-location", status=status),
                                     status=status)
                url = urljoin(response_url, location)
                continue
            if status == 304:
                return Fetched(url, status, b"", etag=etag, last_modified=last_modified)
            if status in (429, 503):
                raise FetchError(message("http-status", status=status, url=url), status=status,
                                 retry_after=retry_after_seconds(got.get("retry-after")))
            if status >= 400:
                raise FetchError(message("http-status", status=status, url=url), status=status,
                                 permanent=status in (404, 410))
            if not 200 <= status < 300:
                raise FetchError(message("unexpected-status", status=status, url=url),
                                 status=status)
            return Fetched(url, status, body, content_type=got.get("content-type", ""),
                           etag=got.get("etag", ""), last_modified=got.get("last-modified", ""))
        raise FetchError(message("too-many-redirects", n=self.policy.max_redirects),
                         permanent=True)

    def _check_url(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(message("not-http", url=url), permanent=True)
        self._check_address(parts.hostname)

    def _request(self, url: str, headers: dict[str, str], *, robots: bool = False):
        self._check_url(url)
        host = urlsplit(url).netloc.lower()
        token = gate().acquire(host, self.policy, wait=self.policy.deadline)
        try:
            started = time.monotonic()
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdecimal() and int(declared) > self.policy.max_bytes:
                    raise FetchError(self._too_big(url), permanent=True)
                chunks, size = [], 0
                if response.status_code < 300 or robots:
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.policy.max_bytes:
                            raise FetchError(self._too_big(url), permanent=True)
                        if time.monotonic() - started > self.policy.deadline:
                            raise FetchError(message("too-slow", url=url,
                                                     seconds=f"{self.policy.deadline:g}"))
                        chunks.append(chunk)
                return str(response.url), response.status_code, b"".join(chunks), response.headers
        except httpx.TimeoutException as error:
            raise FetchError(message("timed-out", url=url,
                                     kind=type(error).__name__)) from error
        except httpx.DecodingError as error:
            raise FetchError(message("undecodable", url=url, error=error)) from error
        except httpx.HTTPError as error:
            raise FetchError(message("http-error", url=url, kind=type(error).__name__,
                                     error=error)) from error
        finally:
            gate().release(host, token)

    def _too_big(self, url: str) -> str:
        return message("too-big", url=url, mb=f"{self.policy.max_bytes / 1_048_576:.1f}")

    def _check_address(self, hostname: str) -> None:
        """Feeds are typed in by staff; still, never let one reach inside our network."""
        if self.policy.allow_private:
            return
        try:
            infos = socket.getaddrinfo(hostname, None)
        except OSError as error:
            raise FetchError(message("unresolvable", host=hostname, error=error)) from error
        for info in infos:
            address = ipaddress.ip_address(info[4][0])
            if not address.is_global:
                raise FetchError(message("private-address", host=hostname, address=address),
                                 permanent=True)

    # --- robots.txt --------------------------------------------------------------

    def check_allowed(self, url: str) -> None:
        if not self.robots(url).can_fetch(self.policy.user_agent, url):
            raise RobotsDisallowed(url)

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        if origin in self._robots:
            return self._robots[origin]
        key = "ingest:robots:" + hashlib.sha256(origin.encode()).hexdigest()
        text = cache.get(key)
        if text is None:
            text, ttl = self._fetch_robots(origin)
            cache.set(key, text, ttl)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines())
        self._robots[origin] = parser
        return parser

    def _fetch_robots(self, origin: str) -> tuple[str, int]:
        """RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one
        (5xx, network error) disallows everything until the next try."""
        url = origin + "/robots.txt"
        for _hop in range(self.policy.max_redirects + 1):
            try:
                final, status, body, got = self._request(url, {"Accept": "text/plain"},
                                                         robots=True)
            except FetchError:
                return UNREACHABLE, UNREACHABLE_TTL
            if status in (301, 302, 303, 307, 308) and got.get("location"):
                url = urljoin(final, got["location"])
                continue
            if 200 <= status < 300:
                return body[:512_000].decode("utf-8", "replace"), self.policy.robots_ttl
            if 400 <= status < 500:
                return "", self.policy.robots_ttl
            return UNREACHABLE, UNREACHABLE_TTL
        return "", self.policy.robots_ttl
