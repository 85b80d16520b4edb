"""The links of the frame every public page shares, looked up once per process.

``{% frame_links as links %}`` then ``{{ links.home }}``: the frame's views take no
arguments, so their addresses only change with the URLconf, the script prefix and
(under i18n_patterns) the language, and are reversed once for each; the stylesheet's
address only changes with a deploy. Reversing the frame's dozen links on every
render cost more than the rest of the frame. A name nothing answers to raises, so
a misspelt link fails every page test rather than vanishing from the frame.
"""

from functools import lru_cache

from django import template
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()

# The site's icon: linked from the public frame, and what /favicon.ico (asked for by
# browsers on pages that link none, such as the admin's) redirects to.
FAVICON = "articles/favicon.svg"

FRAME = {
    "home": "articles:home", "stories": "articles:list", "entities": "entities:list",
    "about": "articles:about", "language": "articles:language", "search": "search:results",
    "rss": "articles:feed-rss", "atom": "articles:feed-atom", "sitemap": "sitemap-index",
}


@lru_cache(maxsize=64)
def _frame_links(urlconf: str | None, prefix: str, language: str | None) -> dict[str, str]:
    links = {key: reverse(name, urlconf=urlconf) for key, name in FRAME.items()}
    links["stylesheet"] = static("articles/site.css")
    links["icon"] = static(FAVICON)
    return links


@register.simple_tag
def frame_links() -> dict[str, str]:
    return _frame_links(get_urlconf(), get_script_prefix(), get_language())
