"""The Redis cache backend, aware of the public pages each process keeps a copy of."""

from django.core.cache.backends.redis import RedisCache


class NewsroomRedisCache(RedisCache):
    """Clearing the shared cache also empties this process's page copies, so a page
    never outlives a ``cache.clear()`` made here (one made elsewhere is seen within
    ``public.caching.LOCAL_VERSION_SECONDS``)."""

    def clear(self):
        from public.caching import forget_local

        forget_local()
        return super().clear()
