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
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from public.cache import outage

logger = logging.getLogger(__name__)
VERSION_KEY = "public:version"
PAGE_SECONDS = 120
KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Content-Language")
LOCAL_VERSION_SECONDS = 2.0
LOCAL_PAGES = 200  # per process; pages are ~10-40 KB

# This process's copy of the version: [value, monotonic time it goes stale].
_local_version: list = [None, 0.0]


def _remember(value: str) -> str:
    _local_version[0], _local_version[1] = value, time.monotonic() + LOCAL_VERSION_SECONDS
    return value


def _redis_page_reader():
    """A ``key -> value`` reader holding one redis client for the process, or None.

    Django's RedisCache builds a new redis-py client object for every operation,
    which costs more than the round-trip itself on a cached hit; this keeps one,
    on the backend's own connection pool, key function and serializer.
    """
    try:
        from django.core.cache import DEFAULT_CACHE_ALIAS, caches
        from django.core.cache.backends.redis import RedisCache

        backend = caches[DEFAULT_CACHE_ALIAS]
        if not isinstance(backend, RedisCache):
            return None
        inner = backend._cache
        client = inner._client(connection_pool=inner._get_connection_pool(write=False))
        loads = inner._serializer.loads
    except Exception:  # another backend or Django internals changed: use the cache API
        return None

    def read(key: str):
        value = client.get(backend.make_and_validate_key(key))
        return None if value is None else loads(value)

    return read


_reader: list = []  # [reader or None], built on first use
# key -> (monotonic expiry, (content, headers)); only used with the Redis reader.
_local_pages: OrderedDict = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key: str):
    entry = _local_pages.get(key)
    if entry is None:
        return None
    if entry[0] < time.monotonic():
        _local_pages.pop(key, None)
        return None
    return entry[1]


def _local_put(key: str, value) -> None:
    if not _reader or _reader[0] is None:
        return
    with _local_lock:  # threaded workers
        _local_pages[key] = (time.monotonic() + LOCAL_VERSION_SECONDS, value)
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES:
            _local_pages.popitem(last=False)


def page_get(key: str):
    """One read of a stored page: a single cache round-trip."""
    if not _reader:
        _reader.append(_redis_page_reader())
    read = _reader[0]
    if read is None:
        return cache.get(key)
    found = _local_get(key)
    if found is not None:
        return found
    # Redis down: a miss, logged once, and no retry during the cool-off.
    found = outage.guard("page read", lambda: read(key))
    if found is not None:
        _local_put(key, found)
    return found


def forget_local() -> None:
    """Drop the process's copies of the version and of pages (tests clearing the
    cache call this)."""
    _local_version[0], _local_version[1] = None, 0.0
    _local_pages.clear()


forget_local_version = forget_local


def version(*, fresh: bool = False) -> str:
    """The current public version; from the process's copy unless stale or ``fresh``."""
    if not fresh and _local_version[0] is not None and time.monotonic() < _local_version[1]:
        return _local_version[0]
    value = cache.get(VERSION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(VERSION_KEY, value, None)
        value = cache.get(VERSION_KEY, value)
    return _remember(str(value))


def bump(**_ignored) -> None:
    """Make every cached public page stale (a new version, so old keys are never read).

    A cache outage must not fail the save that triggered this; pages expire anyway.
    """
    value = str(time.time_ns())
    _remember(value)
    _local_pages.clear()
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
            cache.set(key, (response.content, headers), PAGE_SECONDS)
            _local_put(key, (response.content, headers))
            response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped
