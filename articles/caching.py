"""Page caching for the public site, invalidated by one version number.

Every cached page's key holds the current *public version*. Saving an article,
its blocks, an entity, a mention or a table bumps the version (signal handlers
in ``connect()``), so every cached page goes stale at once and no handler has
to know which pages showed what. Pages also expire after ``PAGE_SECONDS``,
which bounds how late a scheduled story appears on lists (no signal fires when
its publish time passes).

Only anonymous GET/HEAD requests are served from the cache: a request with a
session cookie may be an editor looking at a preview.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)
VERSION_KEY = "public:version"
PAGE_SECONDS = 120
KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Content-Language")


def version() -> str:
    value = cache.get(VERSION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(VERSION_KEY, value, None)
        value = cache.get(VERSION_KEY, value)
    return str(value)


def bump(**_ignored) -> None:
    """Make every cached public page stale (a new version, so old keys are never read).

    A cache outage must not fail the save that triggered this; pages expire anyway.
    """
    try:
        cache.set(VERSION_KEY, str(time.time_ns()), None)
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
        key = page_key(request, version())
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            patch_vary_headers(response, ("Cookie",))
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming:
            headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
            cache.set(key, (response.content, headers), PAGE_SECONDS)
            response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped


def connect() -> None:
    """Bump the version whenever something a public page shows changes."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from articles.signals import blocks_checked

    blocks_checked.connect(bump, dispatch_uid="public_cache_blocks_checked")
    watched = [
        ("articles", "Article"), ("articles", "Section"), ("articles", "Source"),
        ("articles", "Block"), ("entities", "Entity"), ("entities", "Alias"),
        ("entities", "Mention"),
        # Tables live in whichever app holds DataTable; watch it wherever it is.
        ("articles", "DataTable"), ("datatables", "DataTable"), ("datatables", "Cell"),
        ("datatables", "TableCell"), ("datatables", "Column"), ("datatables", "Row"),
    ]
    for app_label, model_name in watched:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        uid = f"public_cache_{app_label}_{model_name}"
        post_save.connect(bump, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(bump, sender=model, dispatch_uid=uid + "_delete")
        m2m_changed.connect(bump, sender=model, dispatch_uid=uid + "_m2m")
