"""The reader-facing pages. Thin: load, call the renderer, hand to a template."""

import hashlib
import json
from collections.abc import Sequence
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from articles.caching import cache_public_page, version
from articles.filters import ArticleFilter, live_mentions
from articles.models import Article, Block, Section, Source
from articles.rendering import story_items
from datatables.rendering import tables_for_article
from entities.models import LINK_CONFIDENCE, Entity

PAGE_SIZE = 20
RELATED = 5
# Related stories are ranked among at most this many newest stories per shared entity.
RELATED_PER_ENTITY = 100
# "Most mentioned" entities offered on the listing are counted over the newest stories.
TOP_ENTITIES_WINDOW = 500
# Lists count at most this many stories (500 pages); beyond it they say "more than".
COUNT_CAP = 10_000
# A filtered list is never counted (each row counted would check its filters: the
# cost of counting grows with the archive); it pages newer/older up to this depth.
FILTERED_MAX_PAGES = 100
# Most-mentioned entities are also kept in the process for the version's lifetime.
_top_entities_memo: dict = {}
# Lists never need the raw import; leaving it out keeps list queries light.
LIST_DEFER = ("raw_body", "raw_original", "raw_sha256")


def published_list():
    # Newest first, id breaking ties: served by the partial index article_published_recent.
    return (
        Article.objects.published().select_related("source", "section").defer(*LIST_DEFER)
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


def entity_url(entity) -> str:
    """The entity's page if the entities app serves one, else the filtered listing."""
    try:
        return reverse("entities:detail", kwargs={"slug": entity.slug})
    except NoReverseMatch:
        return reverse("articles:list") + f"?entity={entity.slug}"


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
            live_mentions().filter(article__in=recent)
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


# Per shared entity, its newest linkable mentions (the partial index
# mention_linkable_entity_article serves each LATERAL probe), then the candidates
# sharing the most entities, newest first on ties. Bounded: at most
# entities x RELATED_PER_ENTITY rows, however popular the entities are.
RELATED_SQL = """
WITH ranked AS (
    SELECT c.article_id, count(*) AS shared
    FROM unnest(%s::bigint[]) AS e(id)
    CROSS JOIN LATERAL (
        SELECT DISTINCT m.article_id FROM entities_mention m
        WHERE m.entity_id = e.id AND m.entity_id IS NOT NULL
          AND (m.status = 'confirmed' OR (m.confidence >= {confidence}
               AND m.origin = 'kb' AND m.status = 'suggested'))
        ORDER BY m.article_id DESC LIMIT %s
    ) c
    WHERE c.article_id <> %s
    GROUP BY c.article_id
)
SELECT a.id, a.title, a.slug, a.dek, a.language, a.published_at,
       a.section_id, se.name, se.slug, a.source_id, so.name, so.slug
FROM ranked r
JOIN articles_article a ON a.id = r.article_id
LEFT JOIN articles_section se ON se.id = a.section_id
LEFT JOIN articles_source so ON so.id = a.source_id
WHERE a.status = 'published' AND a.published_at <= %s
ORDER BY r.shared DESC, a.published_at DESC, a.id DESC
LIMIT %s
""".replace("{confidence}", repr(float(LINK_CONFIDENCE)))


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


def related_articles(article: Article, entity_ids: list[int]) -> list[Article]:
    """Published stories sharing the most entities with this one, newest first on ties.

    One query whatever the number of entities. On PostgreSQL candidates are the
    newest ``RELATED_PER_ENTITY`` stories of each entity, so a story about 腾讯 does
    not count shared entities over every story ever written about it; the rows carry
    what the story list shows (title, dek, date, section, source) and nothing more.
    """
    if not entity_ids:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(RELATED_SQL, [sorted(entity_ids), RELATED_PER_ENTITY, article.pk,
                                         timezone.now(), RELATED])
            rows = cursor.fetchall()
        related = []
        for (pk, title, slug, dek, language, published_at, section_id, section_name,
             section_slug, source_id, source_name, source_slug) in rows:
            story = Article(id=pk, title=title, slug=slug, dek=dek, language=language,
                            published_at=published_at, status=Article.Status.PUBLISHED,
                            section_id=section_id, source_id=source_id)
            story.section = (Section(id=section_id, name=section_name, slug=section_slug)
                             if section_id else None)
            story.source = (Source(id=source_id, name=source_name, slug=source_slug)
                            if source_id else None)
            related.append(story)
        return related
    return list(
        published_list()
        .filter(mentions__in=live_mentions().filter(entity__in=entity_ids))
        .exclude(pk=article.pk)
        .annotate(shared=Count("mentions__entity", distinct=True))
        .order_by("-shared", "-published_at", "-pk")[:RELATED]
    )


def article_mentions(article: Article) -> tuple[dict[int, list], list[Entity]]:
    """The article's linkable mentions by block and its entities (by name): one query."""
    by_block = live_mentions().filter(article=article).by_block()
    entities: dict[int, Entity] = {}
    for mentions in by_block.values():
        for mention in mentions:
            entities.setdefault(mention.entity_id, mention.entity)
    ordered = sorted(entities.values(), key=lambda e: (e.name, e.pk))
    for entity in ordered:
        entity.url = entity_url(entity)
    return by_block, ordered


def news_article_json(request, article: Article, entities: list[Entity]) -> str:
    """schema.org NewsArticle; escaped so no text in it can close the <script> element."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.dek or article.title,
        "inLanguage": "en" if article.language == "en" else "zh-Hans",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": "Newsroom"},
    }
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.source:
        data["isBasedOn"] = article.source_url or article.source.name
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
    if article.section:
        data["articleSection"] = article.section.name
    if entities:
        data["about"] = [{"@type": "Thing", "name": e.name} for e in entities]
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


@require_safe
@cache_public_page
def detail(request, slug):
    article = get_object_or_404(
        Article.objects.select_related("source", "section").defer("raw_body", "raw_original"),
        slug=slug,
    )
    preview = not article.is_published
    if preview and not request.user.has_perm("articles.view_article"):
        raise Http404("No published article here.")
    items = story_items(
        Block.objects.filter(article_id=article.pk).order_by("index")
        .only("article_id", "index", "kind", "text", "meta")
    )
    mentions_by_block, entities = article_mentions(article)
    response = TemplateResponse(request, "articles/detail.html", {
        "article": article, "items": items, "preview": preview, "entities": entities,
        "mentions_by_block": mentions_by_block,
        # Tables are shown only in place of table items: no table items, no query.
        "tables": (tables_for_article(article) if any(i.kind == "table" for i in items)
                   else {}),
        "related": related_articles(article, [e.pk for e in entities]) if not preview else [],
        "json_ld": news_article_json(request, article, entities),
    })
    response.render()
    # Conditional GET: ConditionalGetMiddleware answers 304 from these.
    response["ETag"] = '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
    response["Last-Modified"] = http_date(
        max(d for d in (article.updated_at, article.processed_at) if d).timestamp()
    )
    if preview:
        response["Cache-Control"] = "private, no-store"
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
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


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
