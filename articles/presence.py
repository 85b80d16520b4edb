"""Who is editing an article: a short-lived note in the cache, written when someone saves.

Opening the form is not editing: only a save marks
an editor, so "also editing" never names someone who only looked (issue #17).
Advisory only: the optimistic lock on save is what keeps work from being lost, and
with the cache unreachable the list is simply empty.
"""

import time

from django.core.cache import cache

TTL = 300  # seconds a save counts as "editing right now"


def _key(article_id) -> str:
    return f"presence:article:{article_id}"


def _recent(article_id) -> dict[str, float]:
    now = time.time()
    return {name: seen for name, seen in (cache.get(_key(article_id)) or {}).items()
            if now - seen < TTL}


def mark_edited(article_id, user) -> None:
    present = _recent(article_id)
    present[user.get_username()] = time.time()
    cache.set(_key(article_id), present, TTL)


def others_editing(article_id, user) -> list[str]:
    return sorted(name for name in _recent(article_id) if name != user.get_username())
