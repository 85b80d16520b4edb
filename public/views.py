"""The reader-facing pages. Thin: load, call the renderer, hand to a template."""

import hashlib
from collections.abc import Sequence
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import check_for_language, get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from articles.models import Article, Section, Source
from body.preview import grant_for
from entities.models import Entity, Mention
from public import frames, stories
from public.caching import cache_public_page, version
from public.filters import ArticleFilter
from public.templatetags.frame import FAVICON

PAGE_SIZE = 20
# "Most mentioned" entities offered on the listing are counted over the newest stories.
TOP_ENTITIES_WINDOW = 500
# Lists count at most this many stories (500 pages); beyond it they say "more than".
COUNT_CAP = 10_000
# A filtered list is never counted (each row counted would check its filters: the
# cost of counting grows with the archive); it pages newer/older up to this depth.
FILTERED_MAX_PAGES = 100
# Most-mentioned entities are also kept in the process for the version's lifetime.
_top_entities_memo: dict = {}


def published_list():
    # Newest first, id breaking ties: served by the partial index article_published_recent.
    return (
        Article.objects.published().for_listing()
        .order_by("-published_at", "-pk")
    )


class BoundedPaginator(Paginator):
    """A paginator whose COUNT stops at ``cap`` rows: constant cost on any table size.

    ``count`` is min(real count, cap) and ``bounded`` says the real count is larger;
    pages past the cap are not offered (the last offered page is a cap's worth deep).
    """

    def __init__(self, object_list, per_page, cap: int | None = None, **kwargs):
        self.cap = COUNT_CAP if cap is None else cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _bounded_count(self) -> int:
        queryset = self.object_list
        if hasattr(queryset, "values"):
            return queryset.order_by().values("pk")[:self.cap + 1].count()
        return len(queryset[:self.cap + 1])

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @property
    def bounded(self) -> bool:
        return self._bounded_count > self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        return self._get_page(page_rows(self.object_list, bottom, top), number, self)


def page_rows(queryset, start: int, stop: int) -> list:
    """Rows ``start:stop`` of a queryset. Deep pages skip ``start`` rows as bare ids
    (an index-only scan) and load only the page's rows with their joins."""
    if start == 0 or not hasattr(queryset, "values"):
        return list(queryset[start:stop])
    return list(queryset.filter(pk__in=queryset.values("pk")[start:stop]))


def paginate(request, queryset):
    return BoundedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


class _Uncounted:
    count = None
    num_pages = None
    bounded = True
    uncounted = True


class ProbePage(Sequence):
    """A page of a list that is never counted: fetching one row more than a page
    says whether an older page exists. Quacks like a Page for the templates."""

    paginator = _Uncounted()

    def __init__(self, queryset, number, per_page: int = PAGE_SIZE,
                 max_pages: int = FILTERED_MAX_PAGES):
        try:
            number = min(max(int(number), 1), max_pages)
        except (TypeError, ValueError):
            number = 1
        start = (number - 1) * per_page
        rows = page_rows(queryset, start, start + per_page + 1)
        self.number = number
        self.object_list = rows[:per_page]
        self._older = len(rows) > per_page and number < max_pages

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._older

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


@require_safe
@cache_public_page
def home(request):
    page = ProbePage(published_list(), request.GET.get("page", 1))
    lead = page.object_list[0] if page.number == 1 and page.object_list else None
    rest = page.object_list[1:] if lead else page.object_list
    return TemplateResponse(request, "articles/home.html", {
        "page": page, "lead": lead, "articles": rest, "sections": Section.objects.all(),
    })


@require_safe
@cache_public_page
def section(request, slug):
    current = get_object_or_404(Section, slug=slug)
    page = ProbePage(published_list().filter(section=current), request.GET.get("page", 1))
    return TemplateResponse(request, "articles/section.html", {
        "section": current, "page": page, "articles": page.object_list,
    })


def top_entities(limit: int = 24) -> list[Entity]:
    """The entities most mentioned lately (in the newest ``TOP_ENTITIES_WINDOW`` published
    stories), offered as checkboxes on the listing. Bounded work, and cached per version."""
    key = f"public:top-entities:{version()}:{limit}"
    found = _top_entities_memo.get(key)
    if found is not None:
        return list(found)
    found = cache.get(key)
    if found is None:
        recent = (Article.objects.published().order_by("-published_at", "-pk")
                  .values("pk")[:TOP_ENTITIES_WINDOW])
        counts = (
            Mention.objects.linkable().filter(article__in=recent)
            .values("entity").annotate(n=Count("article", distinct=True))
            .order_by("-n", "entity")[:limit]
        )
        ranking = {row["entity"]: row["n"] for row in counts}
        found = sorted(Entity.objects.filter(pk__in=ranking), key=lambda e: -ranking[e.pk])
        cache.set(key, found, 600)
    _top_entities_memo.clear()  # only the current version's list is worth keeping
    _top_entities_memo[key] = found
    return list(found)


@require_safe
@cache_public_page
def listing(request):
    filters = ArticleFilter(request.GET, queryset=published_list())
    filtered = any(v for k, v in request.GET.items() if k != "page")
    page = (ProbePage(filters.qs, request.GET.get("page", 1)) if filtered
            else paginate(request, filters.qs))
    chosen = list(filters.form.cleaned_data.get("entity") or []) if filters.is_valid() else []
    offered = top_entities()
    offered += [e for e in chosen if e not in offered]
    chosen_slugs = {e.slug for e in chosen}
    return TemplateResponse(request, "articles/list.html", {
        "filter": filters, "page": page, "articles": page.object_list,
        "entity_choices": [(e, e.slug in chosen_slugs) for e in offered],
        "filtered": filtered,
        "selects": filter_selects(request),
        "dates": (request.GET.get("date_after", ""), request.GET.get("date_before", "")),
    })


def filter_selects(request) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """The listing's select filters as plain (value, text, selected) lists: rendering
    Django form widgets costs more than the rest of the page together."""
    fields = [
        ("kind", _("Entity kind"), _("Any kind"), Entity.Kind.choices),
        ("section", _("Section"), _("Any section"),
         [(s.slug, s.name) for s in Section.objects.all()]),
        ("source", _("Source"), _("Any source"),
         [(s.slug, s.name) for s in Source.objects.only("name", "slug")]),
        ("language", _("Language"), _("Any language"), Article.Language.choices),
    ]
    out = []
    for name, label, empty, choices in fields:
        current = request.GET.get(name, "")
        out.append((name, label, [("", empty, not current)]
                    + [(str(v), t, str(v) == current) for v, t in choices]))
    return out


@require_safe
@cache_public_page
def detail(request, slug):
    language = get_language()
    page = stories.read_page(slug, language)
    if page is None:
        moved = Article.objects.published().filter(former_slugs__slug=slug).first()
        if moved is None:
            raise Http404("No article here.")
        return HttpResponsePermanentRedirect(moved.get_absolute_url())
    article, story, entries = page.article, page.story, page.entries
    preview = not article.is_published
    if preview and not request.user.has_perm("articles.view_article"):
        raise Http404("No published article here.")
    if story is None:  # stored by the pipeline (public/stories.py); being rebuilt
        story = stories.live(article.pk, language, with_related=not preview)
        entries = stories.stored_entries(story.related, language)
    return story_response(request, article, story, entries, preview=preview)


def story_response(request, article, story, entries, *, preview: bool) -> HttpResponse:
    """The article page from its story parts (stored or rendered now); a preview shows
    no related stories and is never cached."""
    url = request.build_absolute_uri(article.get_absolute_url())
    response = HttpResponse(frames.render("articles/detail.html", request, {
        "head": story.head, "story": story.html, "has_tables": story.has_tables,
        "story_language": "en" if article.language == "en" else "zh-Hans",
        "preview": preview, "url": url, "modified": localtime(article.updated_at).isoformat(),
        "related": "" if preview else "\n  ".join(stories.related_list(story.related, entries)),
        "json_ld": stories.json_ld(story.json_ld, url, article.updated_at),
    }))
    # Conditional GET: ConditionalGetMiddleware answers 304 from these.
    response["ETag"] = '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
    # The newest of the article's own changes and of what the pipeline stored for its page
    # (entity links, tables, related stories); now, for parts rendered just now.
    changed = (article.updated_at, article.processed_at, story.changed_at or timezone.now())
    response["Last-Modified"] = http_date(max(d for d in changed if d).timestamp())
    if preview:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def preview(request, token):
    """A story as readers will get it, behind a signed, expiring link (body.preview):
    never cached, never indexed, in no list, feed or sitemap."""
    grant = grant_for(token)
    if grant is None:
        raise Http404("This preview link is not valid or has expired.")
    story = stories.live(grant.article_id, get_language(), with_related=False)
    response = story_response(request, grant.article, story, {}, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the key: never sent on to another site.
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@cache_public_page
def about(request):
    return TemplateResponse(request, "articles/about.html", {})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "Disallow: /language/",
        "Disallow: /search/",
        "Disallow: /preview/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on every page that links no icon (the admin's, the
    API's); a permanent redirect lets them cache the answer instead of a 404."""
    return HttpResponsePermanentRedirect(static(FAVICON))


@require_safe
def switch_language(request):
    """Set the reader's language and go back. A GET link, so public pages need no CSRF
    token and stay cacheable; switching a display language changes no data."""
    language = request.GET.get("language", "")
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language,
            max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
            samesite="Lax", secure=request.is_secure(),
        )
    return response
