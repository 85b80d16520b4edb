"""Entity links in rendered story text.

``link_entities(text, mentions)`` (also the filter ``{{ block.text|link_entities:mentions }}``)
returns ``text`` escaped, with each linkable mention wrapped in
``<a class="entity" href="/entities/<slug>/">``. ``mentions`` are this block's
Mention rows with ``entity`` loaded (``article.mentions.linkable().by_block()``
gives them grouped by block in one query); no queries happen here.
"""

from collections.abc import Iterable

import nh3
from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def link_entities(text: str, mentions: Iterable | None) -> SafeString:
    """Escaped ``text`` with confirmed (and confident KB-suggested) mentions as links.

    Mentions whose offsets no longer fit the text, that overlap an earlier one,
    or are not linkable (rejected, unknown entity, low confidence) stay plain text.
    """
    text = str(text or "")
    pieces: list[str] = []
    reached = 0
    chosen = sorted(
        (m for m in mentions or () if m.is_linkable),
        key=lambda m: (m.block_start, -m.block_end),
    )
    for mention in chosen:
        start, end = mention.block_start, mention.block_end
        if start < reached or end <= start or text[start:end] != mention.surface:
            continue
        pieces.append(conditional_escape(text[reached:start]))
        pieces.append(format_html(
            '<a class="entity entity-{}" href="{}" title="{}">{}</a>',
            mention.entity.kind, mention.entity.get_absolute_url(), mention.entity.name,
            text[start:end],
        ))
        reached = end
    pieces.append(conditional_escape(text[reached:]))
    # Every piece is escaped above; the sanitiser is a second line of defence
    # that lets nothing but our own plain links through.
    html = nh3.clean("".join(pieces), tags={"a"}, attributes={"a": {"class", "href", "title"}},
                     url_schemes={"http", "https"}, link_rel=None)
    return mark_safe(html)  # noqa: S308


@register.filter
def mentions_of(by_block: dict | None, index: int) -> list:
    """``{{ mentions_by_block|mentions_of:block.index }}``: one block's mentions."""
    return (by_block or {}).get(index, [])
