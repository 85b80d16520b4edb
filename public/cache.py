"""The Redis cache backend: degrades to "always a miss" while Redis is unreachable.

A cache is an optimisation, so an outage must cost speed, never pages or saves
(issue #17: an unguarded ``cache.get`` turned a Redis outage into 500s on every
public page and on the admin's change form). Every operation goes through
``Outage.guard``: an error is logged once per outage, the operation answers as a
miss (reads give the default, writes are dropped), and Redis is not tried again
for ``COOL_OFF`` seconds, so a request never waits on the socket more than once.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
COOL_OFF = 5.0  # seconds without trying Redis after a failure


class Outage:
    """Per-process state of the cache connection: up, or down until a moment."""

    def __init__(self):
        self._down_until = 0.0
        self._logged = False
        self._lock = threading.Lock()

    @property
    def down(self) -> bool:
        return time.monotonic() < self._down_until

    def failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            self._down_until = time.monotonic() + COOL_OFF
            first, self._logged = not self._logged, True
        if first:
            logger.error("cache unreachable (%s: %s); serving without it until it is back",
                         operation, error)

    def succeeded(self) -> None:
        if self._logged:
            with self._lock:
                self._logged = False
            logger.warning("cache reachable again")

    def guard(self, operation: str, call, default=None):
        """``call()``, or ``default`` when Redis is down or fails now."""
        if self.down:
            return default
        try:
            result = call()
        except Exception as error:  # redis-py's ConnectionError, TimeoutError, ...
            self.failed(operation, error)
            return default
        self.succeeded()
        return result

    def reset(self) -> None:
        with self._lock:
            self._down_until, self._logged = 0.0, False


outage = Outage()


class NewsroomRedisCache(RedisCache):
    """Django's RedisCache whose operations treat an unreachable Redis as a miss.

    Clearing the shared cache also empties this process's page copies, so a page
    never outlives a ``cache.clear()`` made here (one made elsewhere is seen within
    ``public.caching.LOCAL_VERSION_SECONDS``).
    """

    def get(self, key, default=None, version=None):
        return outage.guard("get", lambda: super(NewsroomRedisCache, self).get(
            key, default, version), default)

    def get_many(self, keys, version=None):
        return outage.guard("get_many", lambda: super(NewsroomRedisCache, self).get_many(
            keys, version), {})

    def has_key(self, key, version=None):
        return outage.guard("has_key", lambda: super(NewsroomRedisCache, self).has_key(
            key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return outage.guard("add", lambda: super(NewsroomRedisCache, self).add(
            key, value, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return outage.guard("set", lambda: super(NewsroomRedisCache, self).set(
            key, value, timeout, version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return outage.guard("set_many", lambda: super(NewsroomRedisCache, self).set_many(
            data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return outage.guard("touch", lambda: super(NewsroomRedisCache, self).touch(
            key, timeout, version), False)

    def delete(self, key, version=None):
        return outage.guard("delete", lambda: super(NewsroomRedisCache, self).delete(
            key, version), False)

    def delete_many(self, keys, version=None):
        return outage.guard("delete_many", lambda: super(NewsroomRedisCache, self).delete_many(
            keys, version))

    def incr(self, key, delta=1, version=None):
        found = outage.guard("incr", lambda: super(NewsroomRedisCache, self).incr(
            key, delta, version))
        if found is None:
            raise ValueError(f"Key '{key}' not found (or the cache is unreachable).")
        return found

    def clear(self):
        from public.caching import forget_local

        forget_local()
        return outage.guard("clear", lambda: super(NewsroomRedisCache, self).clear(), False)
