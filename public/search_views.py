from django.core.paginator import Page, Paginator
from django.db import connection
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from public.caching import cache_public_page
from search.query import CANDIDATES, search

PAGE_SIZE = 20
MAX_PAGES = 50  # SQLite fallback; PostgreSQL ranks CANDIDATES matches (10 pages)


@require_safe
@cache_public_page
def results(request):
    text = request.GET.get("q", "").strip()[:200]
    try:
        number = min(max(int(request.GET.get("page", 1)), 1), MAX_PAGES)
    except ValueError:
        number = 1
    hits, total = search(text, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    # A page object over the hits we fetched, so the shared pagination template works.
    paginator = Paginator(range(min(total, PAGE_SIZE * MAX_PAGES)), PAGE_SIZE)
    page = Page(hits, number, paginator) if total else None
    return TemplateResponse(request, "search/results.html", {
        "q": text, "hits": hits, "total": total, "page": page,
        # PostgreSQL ranks a bounded number of newest matches: a full set means "or more".
        "capped": connection.vendor == "postgresql" and total >= CANDIDATES,
    })
