"""Public entity pages. Thin: the queries live on the models' querysets."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from articles.models import Article
from entities.models import Entity, Mention, Relation
from public.caching import cache_public_page, version
from public.views import ProbePage

PAGE_SIZE = 20
CO_MENTIONED = 12
# "Often mentioned with" is counted over the entity's newest stories only: bounded work
# for an entity named in tens of thousands of stories.
CO_WINDOW = 100
# Seconds a co-mention ranking is kept (per public version, so never past a change).
CO_SECONDS = 600


def articles_about(entity: Entity):
    """Published articles with a linkable mention of ``entity``, newest first."""
    mentioning = Mention.objects.linkable().filter(entity=entity).values("article_id")
    return (
        Article.objects.published().filter(pk__in=mentioning).for_listing()
        .order_by("-published_at", "-pk")
    )


def co_mentioned(entity: Entity, limit: int = CO_MENTIONED):
    """Entities most often named in the same published articles, among the entity's
    ``CO_WINDOW`` newest (one aggregate query)."""
    articles = articles_about(entity).values("pk")[:CO_WINDOW]
    linkable = Mention.objects.linkable().filter(article_id__in=articles).values("pk")
    return (
        Entity.objects.filter(mentions__in=linkable)
        .exclude(pk=entity.pk)
        .annotate(shared=Count("mentions__article", distinct=True))
        .order_by("-shared", "name")[:limit]
    )


def cached_co_mentioned(entity: Entity) -> list[Entity]:
    """``co_mentioned`` kept per public version: every page of the entity's stories
    (each its own page-cache entry) shows the same ranking, counted once."""
    key = f"public:co-mentioned:{version()}:{entity.pk}"
    found = cache.get(key)
    if found is None:
        found = list(co_mentioned(entity))
        cache.set(key, found, CO_SECONDS)
    return found


@require_safe
@cache_public_page
def entity_list(request):
    kinds = Entity.Kind.choices
    kind = request.GET.get("kind", "")
    entities = Entity.objects.order_by("name")
    if kind in Entity.Kind.values:
        entities = entities.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(entities.only("name", "name_en", "slug", "kind"), 60).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(request, "entities/list.html", {
        "page": page, "kinds": kinds, "kind": kind,
    })


@require_safe
@cache_public_page
def entity_detail(request, slug):
    entity = get_object_or_404(
        Entity.objects.select_related("parent").prefetch_related(
            "aliases", "children",
            Prefetch("relations", Relation.objects.select_related("object")),
            Prefetch("inverse_relations", Relation.objects.select_related("subject")),
        ),
        slug=slug,
    )
    # Never counted: newer/older pages (an entity can be in tens of thousands of stories).
    page = ProbePage(articles_about(entity), request.GET.get("page", 1), PAGE_SIZE)
    return TemplateResponse(request, "entities/detail.html", {
        "entity": entity,
        "page": page,
        "co_mentioned": cached_co_mentioned(entity),
    })
