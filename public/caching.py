"""Page caching for the public site, invalidated by one version number.

Every cached page's key holds the current *public version*. Any change to what a
public page shows bumps the version (``public.invalidation`` says what that is),
so every cached page goes stale at once and no handler has to know which pages
showed what. Pages also expire after ``PAGE_SECONDS``,
which bounds how late a scheduled story appears on lists (no signal fires when
its publish time passes).

Only anonymous GET/HEAD requests are served from the cache: a request with a
session cookie may be an editor looking at a preview.

A cached hit costs at most one cache round-trip. The version is remembered in the process
for ``LOCAL_VERSION_SECONDS``; a bump in this process updates it at once, a bump in
another process is seen within that time (so a page can be served up to that long
after a change elsewhere, on top of ``PAGE_SECONDS``). A miss re-reads the version
before rendering, so what gets rendered and stored is always under the current one.
The stored entry is the whole response: body and the headers that matter (ETag,
Last-Modified...), so a hit does no hashing and ConditionalGetMiddleware answers
304s from it.

With Redis, each process also keeps the pages it served last (``LOCAL_PAGES``, for
``LOCAL_VERSION_SECONDS``) under the same versioned keys: a hot page is then served
with no round-trip at all, and is never staler than the version it was found under
(the same bound as above). ``forget_local()`` empties both process copies.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from functools import cache as cache_function
from functools import wraps

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)
VERSION_KEY = "public:version"
PAGE_SECONDS = 120
KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Content-Language")
LOCAL_VERSION_SECONDS = 2.0
LOCAL_PAGES = 200  # per process; pages are ~10-40 KB

class LocalCopies:
    """This process's copies of the version and of the pages it served last.

    The version is one immutable (value, stale-at) pair, swapped whole; the pages are
    an LRU map only touched under the lock (threaded workers share it).
    """

    def __init__(self, size: int = LOCAL_PAGES):
        self.size = size
        self.version: tuple[str | None, float] = (None, 0.0)
        self.pages: OrderedDict = OrderedDict()  # key -> (monotonic expiry, value)
        self.lock = threading.Lock()

    def remember(self, value: str) -> str:
        self.version = (value, time.monotonic() + LOCAL_VERSION_SECONDS)
        return value

    def known_version(self) -> str | None:
        value, stale_at = self.version
        return value if value is not None and time.monotonic() < stale_at else None

    def get(self, key: str):
        with self.lock:
            entry = self.pages.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                del self.pages[key]
                return None
            self.pages.move_to_end(key)
            return entry[1]

    def put(self, key: str, value) -> None:
        with self.lock:
            self.pages[key] = (time.monotonic() + LOCAL_VERSION_SECONDS, value)
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def forget_pages(self) -> None:
        with self.lock:
            self.pages.clear()

    def forget(self) -> None:
        self.version = (None, 0.0)
        self.forget_pages()


local = LocalCopies()


@cache_function
def keeps_local_pages() -> bool:
    """Pages are copied into the process only in front of a shared cache (Redis): a
    local-memory cache is in the process already."""
    return isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache)


def page_get(key: str):
    """One read of a stored page: the process's copy, else a single cache round-trip."""
    if not keeps_local_pages():
        return cache.get(key)
    found = local.get(key)
    if found is not None:
        return found
    # Redis down: a miss (the backend, public.cache, guards every operation).
    found = cache.get(key)
    if found is not None:
        local.put(key, found)
    return found


def page_put(key: str, value) -> None:
    cache.set(key, value, PAGE_SECONDS)
    if keeps_local_pages():
        local.put(key, value)


def on_setting_changed(setting, **kwargs) -> None:
    if setting == "CACHES":
        keeps_local_pages.cache_clear()
        forget_local()


def forget_local() -> None:
    """Drop the process's copies of the version and of pages (tests clearing the
    cache call this, and so does the Redis backend's clear())."""
    local.forget()


def version(*, fresh: bool = False) -> str:
    """The current public version; from the process's copy unless stale or ``fresh``."""
    known = None if fresh else local.known_version()
    if known is not None:
        return known
    value = cache.get(VERSION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(VERSION_KEY, value, None)
        value = cache.get(VERSION_KEY, value)
    return local.remember(str(value))


def bump(**_ignored) -> None:
    """Make every cached public page stale (a new version, so old keys are never read).

    A cache outage must not fail the save that triggered this; pages expire anyway.
    """
    value = str(time.time_ns())
    local.remember(value)
    local.forget_pages()
    try:
        cache.set(VERSION_KEY, value, None)
    except Exception:
        logger.exception("could not bump the public page cache version")


def page_key(request, public_version: str) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(where.encode(), digest_size=16).hexdigest()
    return f"page:{public_version}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def cache_public_page(view):
    """Serve an anonymous reader's GET from the cache; store successful renders."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        known = version()
        key = page_key(request, known)
        hit = page_get(key)
        if hit is None:
            current = version(fresh=True)  # a miss: render under the current version
            if current != known:
                key = page_key(request, current)
                hit = page_get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            response["Vary"] = "Cookie"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming:
            headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
            page_put(key, (response.content, headers))
            response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped
