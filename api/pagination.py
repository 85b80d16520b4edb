"""Cursor pagination: stable under inserts, and no COUNT over the archive."""

from rest_framework.pagination import CursorPagination


class NewestFirst(CursorPagination):
    """Published articles, newest first, id breaking ties (the public lists' order,
    served by the partial index article_published_recent)."""

    ordering = ("-published_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ByName(CursorPagination):
    ordering = ("name", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
