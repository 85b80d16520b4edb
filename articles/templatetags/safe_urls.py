"""``{{ url|http_url }}``: a stored address rendered as a link only when it is http(s).

Validation refuses other schemes on the way in; this covers rows stored before it
(a ``javascript:`` original URL was two live links on the public page, issue #17).
"""

from django import template

from articles.validators import http_url_or_empty

register = template.Library()


@register.filter
def http_url(value) -> str:
    return http_url_or_empty(str(value or ""))
