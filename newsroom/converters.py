"""URL converters: a slug is matched before any query is made with it.

``<str:slug>`` let anything but a slash reach the database (``%00`` gave a 500 on
PostgreSQL, issue #17); our slugs are ``slugify(allow_unicode=True)`` output.
"""

from django.urls import register_converter


class UnicodeSlugConverter:
    """Letters and digits of any script, ``_`` and ``-``: what our slugs are made of."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "uslug")
