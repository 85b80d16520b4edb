"""The context every custom page of a ModelAdmin needs, and reading the row ids its
forms post, stated once."""

from collections.abc import Iterable


class AdminPageMixin:
    """For a ModelAdmin's own views (import, review, merge...): the site's header,
    sidebar and permissions (``each_context``), the model's options for breadcrumbs,
    and the page title."""

    def page_context(self, request, title, **extra) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.model._meta,
                "title": title, **extra}


# The largest primary key a BigAutoField holds. A longer number in a posted form names
# no row, and the database refuses it outright (SQLite: OverflowError, PostgreSQL: out of
# range), which made a 500 of a tampered or mistyped form.
MAX_ID = 2**63 - 1


def posted_ids(values: Iterable[str]) -> list[int]:
    """Row ids from a form's values: ASCII decimal numbers a primary key can hold;
    anything else ("abc", "²", thirty digits) names no row and is left out."""
    numbers = (value.strip() for value in values)
    return [int(n) for n in numbers if n.isascii() and n.isdecimal() and int(n) <= MAX_ID]
