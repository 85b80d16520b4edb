"""An article's story as the API serves it: structured blocks and the same HTML.

``story_document`` is the one place that decides what "the story" of an article is
for API clients. It is the article's story body exactly as the public page renders it
(``public.stories.story_inputs``: the editors' blocks, figures with their image
renditions, tables by reference, linkable entity mentions).
"""

import nh3
from django.template.loader import render_to_string
from django.urls import reverse

from body.document import plain_text
from datatables.grid import typed_json
from public.stories import story_inputs

TEXT_KINDS = ("paragraph", "heading", "quote", "list")

# What the story HTML may hold: the public page's body markup, without its form
# controls, scripts or styles (the page's own JavaScript is not the client's).
HTML_TAGS = {"p", "h2", "figure", "figcaption", "div", "span", "a", "ul", "li", "table",
             "caption", "thead", "tbody", "tr", "th", "td", "data", "b", "strong", "i", "em",
             "blockquote", "picture", "source", "img", "small", "cite"}
HTML_ATTRIBUTES = {
    "*": {"class", "id", "role", "aria-label", "aria-labelledby"},
    "a": {"href", "title"},
    "th": {"scope", "data-sort", "data-sort-type"},
    "td": {"data-sort"},
    "data": {"value"},
    "source": {"type", "srcset", "sizes"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"},
}


def absolute_srcset(value: str, request) -> str:
    """``url 480w, url 960w`` with each address made absolute."""
    parts = (part.strip().partition(" ") for part in value.split(",") if part.strip())
    return ", ".join(f"{request.build_absolute_uri(url)} {width}".rstrip()
                     for url, _space, width in parts)


def absolute_html(html: str, request) -> str:
    """Sanitised HTML whose links are absolute, so a client can show it anywhere."""

    def absolute(tag, attribute, value):
        if request is None:
            return value
        if attribute in ("href", "src"):
            return request.build_absolute_uri(value)
        if attribute == "srcset":
            return absolute_srcset(value, request)
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


def picture_json(picture, request) -> dict:
    """An image as the page's ``<picture>`` has it, with absolute addresses."""

    return {"src": request.build_absolute_uri(picture.src), "width": picture.width,
            "height": picture.height, "srcset": absolute_srcset(picture.srcset, request),
            "webp_srcset": absolute_srcset(picture.webp_srcset, request),
            "sizes": picture.sizes}


def story_document(article, request) -> dict:
    """``{"blocks", "html", "tables", "entities"}`` of a loaded article (with its
    section and source), in the request's language."""
    inputs = story_inputs(article)
    tables, by_block = inputs["tables"], inputs["mentions_by_block"]
    blocks = []
    for item in inputs["items"]:
        block = {"type": item.kind, "key": item.index}
        if item.kind in TEXT_KINDS:
            text = plain_text(item.html)
            block.update(text=text, html=absolute_html(item.html, request),
                         mentions=linkable_spans(text, by_block.get(item.index, [])))
            if item.kind == "list":
                block["items"] = [plain_text(line) for line in item.lines]
        elif item.kind == "figure":
            block.update(image=picture_json(item.picture, request) if item.picture else None,
                         alt=item.alt, caption=item.caption, credit=item.credit,
                         licence=item.licence)
        elif item.kind == "table":
            block.update(table=item.table.table.pk if item.table else None,
                         cells=[] if item.table else list(item.cells))
        elif item.kind == "embed":
            block.update(url=item.embed_url, provider=item.provider)
        blocks.append(block)
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
