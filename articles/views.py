"""The reader-facing pages. Thin: load, call the renderer, hand to a template."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_safe

from articles.caching import cache_public_page, version
from articles.filters import ArticleFilter, live_mentions
from articles.models import Article, Block, Section
from articles.rendering import story_items
from datatables.rendering import tables_for_article
from entities.models import Entity

PAGE_SIZE = 20
RELATED = 5
# Lists never need the raw import; leaving it out keeps list queries light.
LIST_DEFER = ("raw_body", "raw_original", "raw_sha256")


def published_list():
    return Article.objects.published().select_related("source", "section").defer(*LIST_DEFER)


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def entity_url(entity) -> str:
    """The entity's page if the entities app serves one, else the filtered listing."""
    try:
        return reverse("entities:detail", kwargs={"slug": entity.slug})
    except NoReverseMatch:
        return reverse("articles:list") + f"?entity={entity.slug}"


@require_safe
@cache_public_page
def home(request):
    page = paginate(request, published_list())
    lead = page.object_list[0] if page.number == 1 and page.object_list else None
    rest = page.object_list[1:] if lead else page.object_list
    return TemplateResponse(request, "articles/home.html", {
        "page": page, "lead": lead, "articles": rest, "sections": Section.objects.all(),
    })


@require_safe
@cache_public_page
def section(request, slug):
    current = get_object_or_404(Section, slug=slug)
    page = paginate(request, published_list().filter(section=current))
    return TemplateResponse(request, "articles/section.html", {
        "section": current, "page": page, "articles": page.object_list,
    })


def top_entities(limit: int = 24) -> list[Entity]:
    """The most-mentioned entities, offered as checkboxes on the listing (cached)."""
    key = f"public:top-entities:{version()}:{limit}"
    found = cache.get(key)
    if found is None:
        counts = (
            live_mentions().filter(article__status=Article.Status.PUBLISHED)
            .values("entity").annotate(n=Count("article", distinct=True)).order_by("-n")[:limit]
        )
        ranking = {row["entity"]: row["n"] for row in counts}
        found = sorted(Entity.objects.filter(pk__in=ranking), key=lambda e: -ranking[e.pk])
        cache.set(key, found, 600)
    return found


@require_safe
@cache_public_page
def listing(request):
    filters = ArticleFilter(request.GET, queryset=published_list())
    page = paginate(request, filters.qs)
    chosen = list(filters.form.cleaned_data.get("entity") or []) if filters.is_valid() else []
    offered = top_entities()
    offered += [e for e in chosen if e not in offered]
    chosen_slugs = {e.slug for e in chosen}
    return TemplateResponse(request, "articles/list.html", {
        "filter": filters, "page": page, "articles": page.object_list,
        "entity_choices": [(e, e.slug in chosen_slugs) for e in offered],
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    })


def related_articles(article: Article) -> list[Article]:
    """Published stories sharing the most entities with this one, newest first on ties."""
    entity_ids = live_mentions().filter(article=article).values("entity_id")
    return list(
        published_list()
        .filter(mentions__in=live_mentions().filter(entity__in=entity_ids))
        .exclude(pk=article.pk)
        .annotate(shared=Count("mentions__entity", distinct=True))
        .order_by("-shared", "-published_at")[:RELATED]
    )


def article_entities(article: Article) -> list[Entity]:
    entities = list(
        Entity.objects.filter(pk__in=live_mentions().filter(article=article).values("entity_id"))
    )
    for entity in entities:
        entity.url = entity_url(entity)
    return entities


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
    article = get_object_or_404(Article.objects.select_related("source", "section"), slug=slug)
    preview = not article.is_published
    if preview and not request.user.has_perm("articles.view_article"):
        raise Http404("No published article here.")
    items = story_items(
        Block.objects.filter(article_id=article.pk).order_by("index")
        .only("article_id", "index", "kind", "text", "meta")
    )
    entities = article_entities(article)
    response = TemplateResponse(request, "articles/detail.html", {
        "article": article, "items": items, "preview": preview, "entities": entities,
        "mentions_by_block": live_mentions().filter(article=article).by_block(),
        "tables": tables_for_article(article),
        "related": related_articles(article) if not preview else [],
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
