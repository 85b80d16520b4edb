"""An article's story as the API serves it: structured blocks and the same HTML.

``story_document`` is the one place that decides what "the story" of an article is
for API clients. Today it is the checker's story blocks exactly as the public page
renders them (``public.stories.story_inputs``: figures with their captions, runs of
table cells as one table, linkable entity mentions); when articles get an editable
story body, this function is what changes.
"""

import nh3
from django.template.loader import render_to_string
from django.urls import reverse

from datatables.grid import typed_json
from datatables.templatetags.datatables import is_table_caption, table_at
from public.stories import story_inputs

# What the story HTML may hold: the public page's body markup, without its form
# controls, scripts or styles (the page's own JavaScript is not the client's).
HTML_TAGS = {"p", "h2", "figure", "figcaption", "div", "span", "a", "ul", "li", "table",
             "caption", "thead", "tbody", "tr", "th", "td", "data"}
HTML_ATTRIBUTES = {
    "*": {"class", "id", "role", "aria-label", "aria-labelledby"},
    "a": {"href", "title"},
    "th": {"scope", "data-sort", "data-sort-type"},
    "td": {"data-sort"},
    "data": {"value"},
}


def absolute_html(html: str, request) -> str:
    """Sanitised HTML whose links are absolute, so a client can show it anywhere."""

    def absolute(tag, attribute, value):
        if attribute == "href" and request is not None:
            return request.build_absolute_uri(value)
        return value

    return nh3.clean(html, tags=HTML_TAGS, attributes=HTML_ATTRIBUTES,
                     url_schemes={"http", "https"}, attribute_filter=absolute,
                     link_rel="noopener")


def linkable_spans(text: str, mentions) -> list[dict]:
    """Mentions as offsets into the block's text, by the rule the page links them
    (``entities_tags.link_entities``): linkable, fitting the text, not overlapping."""
    spans, reached = [], 0
    for mention in sorted((m for m in mentions if m.is_linkable),
                          key=lambda m: (m.block_start, -m.block_end)):
        start, end = mention.block_start, mention.block_end
        if start < reached or end <= start or text[start:end] != mention.surface:
            continue
        spans.append({"start": start, "end": end, "entity": mention.entity_id})
        reached = end
    return spans


def shown_table(shown, request) -> dict:
    table = shown.table
    return {
        "id": table.pk,
        "title": table.title,
        "caption": table.caption,
        "source_note": table.source_note,
        "columns": [{"name": c.name, "type": c.type, "numeric": c.numeric}
                    for c in shown.columns],
        "rows": [[{"text": cell.text, "value": typed_json(cell.text, column.type),
                   "link": request.build_absolute_uri(cell.link) if cell.link else None}
                  for cell, column in zip(row, shown.columns, strict=False)]
                 for row in shown.rows],
    }


def story_document(article, request) -> dict:
    """``{"blocks", "html", "tables", "entities"}`` of a loaded article (with its
    section and source), in the request's language."""
    inputs = story_inputs(article)
    tables, by_block = inputs["tables"], inputs["mentions_by_block"]
    blocks = []
    for item in inputs["items"]:
        if item.kind == "paragraph":
            blocks.append({"type": "paragraph", "index": item.index, "text": item.text,
                           "mentions": linkable_spans(item.text, by_block.get(item.index, []))})
        elif item.kind == "heading":
            blocks.append({"type": "heading", "index": item.index, "text": item.text})
        elif item.kind == "figure":
            if not is_table_caption(item, tables):
                # Images are not carried over from sources; editors' own come with the body.
                blocks.append({"type": "figure", "index": item.index, "caption": item.caption,
                               "credit": item.credit, "image": None})
        elif item.kind == "table":
            shown = table_at(tables, item)
            blocks.append({"type": "table", "index": item.index,
                           "table": shown.table.pk if shown else None,
                           "cells": [] if shown else list(item.cells)})
    html = render_to_string("articles/_body.html", inputs)
    return {
        "blocks": blocks,
        "html": absolute_html(html, request),
        "tables": [shown_table(shown, request) for shown in
                   sorted(tables.values(), key=lambda s: s.table.position or 0)],
        "entities": [{"id": e.pk, "name": e.name, "name_en": e.name_en, "kind": e.kind,
                      "slug": e.slug, "url": request.build_absolute_uri(e.url),
                      "api_url": request.build_absolute_uri(
                          reverse("api:entity-detail", kwargs={"pk": e.pk}))}
                     for e in inputs["entities"]],
    }
