"""HTML to candidate blocks: visible text, main content, structure, offsets.

Parsed with lxml (a real HTML parser, ``huge_tree`` so deep or large pages do
not abort). Invisible and non-content elements are dropped (scripts, styles,
navigation, forms, inline ``display:none``/``visibility:hidden``, the
``hidden`` attribute: one corpus page hides 174K characters of keyword
stuffing that way). The main content is found with a readability-style text
density score; blocks outside it are kept as ``chrome`` so an editor can still
see them. Offsets are best effort: each block spans the source of its element
in the decoded HTML string, found by walking forward in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .segment import Segment, segment_text

try:  # lxml is a project dependency; stay importable without it for text checks
    import lxml.etree
    import lxml.html
except ImportError:  # pragma: no cover
    lxml = None

DROP_TAGS = frozenset(
    "script style noscript template iframe svg math nav footer aside form button select "
    "input textarea object embed canvas head link meta label dialog menu".split()
)
BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd td th caption figcaption pre blockquote address "
    "div section article main header center table tr ul ol dl figure body tbody thead".split()
)
LEAF_KINDS = {
    "h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h",
    "figcaption": "caption", "caption": "caption", "td": "cell", "th": "cell",
    "li": "li", "pre": "pre", "p": "p", "blockquote": "p", "dd": "p", "dt": "p",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NEGATIVE = re.compile(
    r"comment|meta|footer|foot|sidebar|side-|widget|nav|menu|related|share|social|advert|\bad[s_-]"
    r"|promo|sponsor|recommend|hot|rank|copyright|breadcrumb|crumb|tags?\b|popup|modal|login|author-info"
    r"|subscribe|newsletter|toolbar|pagination|pager|byline|masthead|banner|header",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"article|content|post|entry|text|body|main|story|detail|news|artibody|endtext|contentbox",
    re.IGNORECASE,
)
_TRACKING = re.compile(
    r"[?&](?:utm_[a-z]+|aff(?:iliate)?(?:_?id)?|ref|tag|clickid|gclid|fbclid|spm|from)=|/aff/|/go/|/out/"
    r"|doubleclick|amzn\.to|redirect",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[，。,.;；！？!?、]")


@dataclass(slots=True)
class Page:
    segments: list[Segment]
    title: str = ""
    warnings: list[str] = field(default_factory=list)


def _visible_text(el: object) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()  # type: ignore[attr-defined]


def _is_hidden(el: object) -> bool:
    attrib = el.attrib  # type: ignore[attr-defined]
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _parse(text: str) -> object:
    # Neutralise an XML declaration: lxml refuses str input that carries one.
    prepared = re.sub(r"^\s*<\?xml[^>]*\?>", "", text[:500]) + text[500:]
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    return lxml.html.document_fromstring(prepared, parser=parser)


def extract(text: str) -> Page:
    """Blocks of an HTML page; falls back to text segmentation if parsing fails."""
    if lxml is None:
        return Page(segment_text(text), warnings=["html_parse_failed: lxml is not installed"])
    try:
        root = _parse(text)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError) as exc:
        return Page(segment_text(text), warnings=[f"html_parse_failed: read as text ({exc})"])
    title = ""
    title_el = root.find(".//title")
    if title_el is not None:
        title = _WS.sub(" ", title_el.text_content()).strip()
    tracking = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "a" and _TRACKING.search(el.get("href", "")):
            tracking += 1
            el.attrib.pop("href", None)
        if tag in DROP_TAGS or _is_hidden(el):
            parent = el.getparent()
            if parent is not None:
                _drop_keep_tail(el)
    body = root.find("body")
    if body is None:
        body = root
    if not title:
        h1 = body.find(".//h1")
        if h1 is not None:
            title = _visible_text(h1)
    main_ids = _main_content(body)
    segments = _emit(body, text, main_ids)
    warnings = []
    if tracking:
        warnings.append(f"tracking_links: stripped {tracking} tracking/affiliate link(s), kept their text")
    return Page(segments, title=title, warnings=warnings)


def _drop_keep_tail(el: object) -> None:
    """Remove an element but keep the text that follows it."""
    parent = el.getparent()  # type: ignore[attr-defined]
    tail = el.tail  # type: ignore[attr-defined]
    if tail:
        prev = el.getprevious()  # type: ignore[attr-defined]
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _class_weight(el: object) -> float:
    names = (el.get("class") or "") + " " + (el.get("id") or "")  # type: ignore[attr-defined]
    if not names.strip():
        return 0.0
    weight = 0.0
    if _NEGATIVE.search(names):
        weight -= 25
    if _POSITIVE.search(names):
        weight += 25
    return weight


def _main_content(body: object) -> set[object]:
    """Ids of the elements inside the page's main content (readability-style)."""
    scores: dict[object, float] = {}
    for el in body.iter("p", "pre", "td", "div", "section", "article", "li", "span", "font", "br"):  # type: ignore[attr-defined]
        tag = el.tag
        if tag in ("div", "section", "article", "li", "span", "font", "td"):
            own = (el.text or "") + "".join((c.tail or "") for c in el)
            text = _WS.sub("", own)
            if tag == "br" or len(text) < 25:
                continue
        elif tag == "br":
            continue
        else:
            text = _WS.sub("", el.text_content())
            if len(text) < 25:
                continue
        score = 1 + len(_PUNCT.findall(text)) + min(len(text) / 100, 3)
        parent = el.getparent()
        grand = parent.getparent() if parent is not None else None
        for node, share in ((el if tag in ("div", "section", "article", "td") else parent, 1.0),
                            (grand, 0.5)):
            if node is None:
                continue
            if node not in scores:
                scores[node] = _class_weight(node)
            scores[node] += score * share
    if not scores:
        return set(body.iter())  # type: ignore[attr-defined]
    best_node: object = body
    best = float("-inf")
    for node, score in scores.items():
        text_len = len(_WS.sub("", node.text_content())) or 1  # type: ignore[attr-defined]
        link_len = sum(len(_WS.sub("", a.text_content())) for a in node.iter("a"))  # type: ignore[attr-defined]
        final = score * (1 - min(link_len / text_len, 1.0))
        scores[node] = final
        if final > best:
            best, best_node = final, node
    top = best_node
    keep: list[object] = [top]
    parent = top.getparent()  # type: ignore[attr-defined]
    if parent is not None:
        threshold = max(10.0, best * 0.2)
        for sib in parent:
            if sib is top or not isinstance(sib.tag, str):
                continue
            sib_score = scores.get(sib, 0.0)
            text = _WS.sub("", sib.text_content())
            links = sum(len(_WS.sub("", a.text_content())) for a in sib.iter("a"))
            dense = len(text) > 80 and links < 0.25 * len(text) and len(_PUNCT.findall(text)) >= 2
            if sib_score >= threshold or (sib.tag == "p" and dense):
                keep.append(sib)
    inside: set[object] = set()
    for node in keep:
        inside.update(node.iter())  # type: ignore[attr-defined]
    return inside


def _blockish(body: object) -> set[object]:
    """Ids of block elements and of any element holding a block element inside."""
    marked: set[object] = set()
    for el in body.iter():  # type: ignore[attr-defined]
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
            continue
        node = el
        while node is not None and node not in marked:
            marked.add(node)
            node = node.getparent()
    return marked


def _emit(body: object, source: str, main_ids: set[object]) -> list[Segment]:
    """One segment per block-level leaf (and per run of loose text in containers)."""
    line_starts = [0]
    for m in re.finditer("\n", source):
        line_starts.append(m.end())
    cursor = 0
    segments: list[Segment] = []
    counter = 0
    blockish = _blockish(body)

    def locate(el: object, tag: str) -> tuple[int, int]:
        nonlocal cursor
        line = getattr(el, "sourceline", None) or 1
        floor = line_starts[min(line, len(line_starts)) - 1]
        begin = max(cursor, floor)
        found = source.find("<" + tag, begin)
        if found < 0:
            found = source.find("<" + tag, cursor)
        start = found if found >= 0 else cursor
        close = source.find("</" + tag, start)
        end = source.find(">", close) + 1 if close >= 0 else start
        end = max(start, min(end, len(source)))
        cursor = min(start + 1, len(source))
        return start, end

    def add(el: object, tag: str, text: str, kind: str) -> None:
        nonlocal counter
        if not text:
            return
        start, end = locate(el, tag)
        counter += 1
        segments.append(Segment(start, end, text, line=counter, tag=kind,
                                outside=el not in main_ids))

    stack: list[object] = [body]
    while stack:
        el = stack.pop()
        tag = el.tag.lower()  # type: ignore[attr-defined]
        children = [c for c in el if isinstance(c.tag, str)]  # type: ignore[attr-defined]
        block_children = [c for c in children if c in blockish]
        if not block_children:
            add(el, tag, _visible_text(el), LEAF_KINDS.get(tag, ""))
            continue
        # Loose text between block children: one segment per run.
        parts: list[str] = [el.text or ""]  # type: ignore[attr-defined]
        pending: list[object] = []
        for c in el:  # type: ignore[attr-defined]
            if isinstance(c.tag, str) and c in blockish:
                pending.append(c)
                continue
            if isinstance(c.tag, str):
                parts.append(_visible_text(c))
            parts.append(c.tail or "")
        loose = _WS.sub(" ", " ".join(parts)).strip()
        if loose:
            add(el, tag, loose, "")
        stack.extend(reversed(pending))
    segments.sort(key=lambda s: s.start)
    return segments
