"""Cursor pagination: stable under inserts, and no COUNT over the archive."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size_query_param = "page_size"
    page_size = 50
    max_page_size = 200

    def get_paginated_response_schema(self, schema):
        """DRF's own says ``nullable`` (OpenAPI 3.0); the document is 3.1."""
        link = {"type": ["string", "null"], "format": "uri"}
        return {"type": "object", "required": ["results"],
                "properties": {"next": link, "previous": link, "results": schema}}


class NewestFirst(Cursor):
    """Published articles, newest first, id breaking ties (the public lists' order,
    served by the partial index article_published_recent)."""

    ordering = ("-published_at", "-id")
    page_size = 20
    max_page_size = 100


class ByName(Cursor):
    ordering = ("name", "id")


class ById(Cursor):
    ordering = ("id",)


class NewestSeen(Cursor):
    """Feed items, the ones a feed listed last first."""

    ordering = ("-first_seen_at", "-id")
