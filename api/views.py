"""The read API: what the public site shows, by the public site's own rules.

Lists use the public listing's queryset and filters (``public.views.published_list``,
``public.filters.ArticleFilter``) and entity pages' (``public.entity_views``), search
the search app's query; an unpublished article is never found. Bodies are cached
under the public page cache's version (``public.caching``), so a change that makes
the site's pages stale makes these stale too, and clients may keep a response as
long as the site keeps a page (``Cache-Control``); ETags and 304s come from
Django's ConditionalGetMiddleware.
"""

import copy

from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, generics, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import ByName, NewestFirst
from api.serializers import (
    ArticleDetailSerializer,
    ArticleSummarySerializer,
    EntityDetailSerializer,
    EntitySerializer,
    SearchResultsSerializer,
    SectionSerializer,
)
from articles.models import Article, Section
from entities.models import Entity
from public.caching import PAGE_SECONDS, page_key, version
from public.entity_views import articles_about
from public.filters import ArticleFilter
from public.search_views import MAX_PAGES
from public.views import LIST_DEFER, published_list
from search.query import search

CACHE_CONTROL = f"public, max-age={PAGE_SECONDS}"


class ListingFilter(ArticleFilter):
    """The public listing's filters, the very same ones; only the entity filter is
    described for the OpenAPI document, which cannot tell its values are slugs."""

    entity = extend_schema_field({"type": "array", "items": {"type": "string"}})(
        copy.deepcopy(ArticleFilter.base_filters["entity"]))


def cached(request, build):
    """``build()``'s data, kept per address and language under the public version."""
    key = "api:" + page_key(request, version())
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, PAGE_SECONDS)
    return data


class PublicRead:
    """Anyone may read; cache headers as the public pages."""

    permission_classes = [AllowAny]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response["Cache-Control"] = CACHE_CONTROL
        return response


@extend_schema(tags=["published"])
class ArticleViewSet(PublicRead, viewsets.ReadOnlyModelViewSet):
    """Published articles, newest first, filtered as the public listing is."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = ListingFilter
    pagination_class = NewestFirst

    def get_queryset(self):
        if self.action == "retrieve":
            return (Article.objects.published().select_related("section", "source")
                    .defer(*LIST_DEFER))
        return published_list()

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSummarySerializer

    def filter_queryset(self, queryset):
        if self.action == "retrieve":
            return queryset  # a published article is found by id, whatever the query says
        return super().filter_queryset(queryset)

    @extend_schema(parameters=[OpenApiParameter(
        "entity", str, many=True, explode=True,
        description="Entity slugs; an article must mention every one (repeat the parameter).",
    )])
    def list(self, request, *args, **kwargs):
        return Response(cached(request, lambda: super(ArticleViewSet, self)
                               .list(request, *args, **kwargs).data))

    def retrieve(self, request, *args, **kwargs):
        return Response(cached(request, lambda: super(ArticleViewSet, self)
                               .retrieve(request, *args, **kwargs).data))


@extend_schema(tags=["published"])
class SectionViewSet(PublicRead, viewsets.ReadOnlyModelViewSet):
    queryset = Section.objects.all()
    serializer_class = SectionSerializer
    pagination_class = ByName


@extend_schema(tags=["published"])
class EntityViewSet(PublicRead, viewsets.ReadOnlyModelViewSet):
    """The knowledge base's companies, people, products and places."""

    pagination_class = ByName

    def get_queryset(self):
        entities = Entity.objects.all()
        if self.action == "retrieve":
            return entities.select_related("parent").prefetch_related("aliases")
        kind = self.request.query_params.get("kind", "")
        if kind and kind not in Entity.Kind.values:
            raise exceptions.ValidationError({"kind": [f"Not one of {Entity.Kind.values}."]})
        return entities.filter(kind=kind) if kind else entities

    def get_serializer_class(self):
        return EntityDetailSerializer if self.action == "retrieve" else EntitySerializer

    @extend_schema(parameters=[OpenApiParameter("kind", str, enum=Entity.Kind.values)])
    def list(self, request, *args, **kwargs):
        return Response(cached(request, lambda: super(EntityViewSet, self)
                               .list(request, *args, **kwargs).data))

    def retrieve(self, request, *args, **kwargs):
        return Response(cached(request, lambda: super(EntityViewSet, self)
                               .retrieve(request, *args, **kwargs).data))


@extend_schema(tags=["published"])
class EntityArticles(PublicRead, generics.ListAPIView):
    """Published articles that mention the entity, by the entity page's rule."""

    serializer_class = ArticleSummarySerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        return articles_about(get_object_or_404(Entity, pk=self.kwargs["pk"]))

    def list(self, request, *args, **kwargs):
        return Response(cached(request, lambda: super(EntityArticles, self)
                               .list(request, *args, **kwargs).data))


@extend_schema(tags=["published"])
class Search(PublicRead, APIView):
    page_size = 20

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="Words to find."),
                    OpenApiParameter("page", int, description=f"1 to {MAX_PAGES}.")],
        responses=SearchResultsSerializer,
    )
    def get(self, request):
        """Published articles matching a query, best first (the site's search)."""
        text = request.query_params.get("q", "").strip()[:200]
        try:
            page = int(request.query_params.get("page", 1))
        except ValueError:
            raise exceptions.ValidationError({"page": ["A whole number."]}) from None
        if not 1 <= page <= MAX_PAGES:
            raise exceptions.ValidationError({"page": [f"From 1 to {MAX_PAGES}."]})
        return Response(cached(request, lambda: self.results(request, text, page)))

    def results(self, request, text: str, page: int) -> dict:
        hits, total = search(text, offset=(page - 1) * self.page_size, limit=self.page_size)
        base = request.build_absolute_uri(reverse("api:search"))

        def link(number):
            return f"{base}?{urlencode({'q': text, 'page': number})}"

        more = page * self.page_size < total and page < MAX_PAGES
        return SearchResultsSerializer({
            "query": text, "total": total, "page": page,
            "next": link(page + 1) if more else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": hits,
        }, context={"request": request}).data


@extend_schema(exclude=True)
class NotFound(APIView):
    """Any other address under /api/: a problem, not the site's HTML 404 page."""

    permission_classes = [AllowAny]

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise exceptions.NotFound()

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound()

