"""Who has an article open: a short-lived note in the cache, refreshed on every open.

Advisory only: the optimistic lock on save is what keeps work from being lost.
"""

import time

from django.core.cache import cache

TTL = 300  # seconds an open form counts as "editing"


def mark_and_list(article_id, user) -> list[str]:
    key = f"presence:article:{article_id}"
    now = time.time()
    present = {name: seen for name, seen in (cache.get(key) or {}).items() if now - seen < TTL}
    present[user.get_username()] = now
    cache.set(key, present, TTL)
    return sorted(name for name in present if name != user.get_username())
