"""html._main_content adds a run of blocks' scores to their holder and its ancestors at
once; kept here as it was (block by block), it must choose the same main content."""

from itertools import islice

import lxml.etree
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import html
from cleaning.html import (
    _FURNITURE,
    _LEVEL_SHARE,
    _SEGMENT,
    _TAG_BASE,
    _TEXT,
    _class_weight,
    _punct_counts,
    _tag,
)
from cleaning.reasons import Reason, reason

from .test_html_speedups import HOSTILE
from .test_speedups import SOUP


def _old_main_content(
    units: list, body: object
) -> tuple[set[object], dict[int, tuple[str, str]]]:
    """Elements inside the main content, and reasons for blocks put outside it."""
    texts = list(map(_TEXT, map(_SEGMENT, units)))
    lengths = list(map(len, texts))
    own_len: dict[object, int] = {}
    own_links: dict[object, int] = {}  # (an element without link text may be left out)
    len_of, links_of = own_len.get, own_links.get
    for (_, el, _, links, _), n in zip(units, lengths, strict=True):
        own_len[el] = len_of(el, 0) + n
        if links:
            own_links[el] = links_of(el, 0) + links
    order = list(body.iter(lxml.etree.Element))
    total_len = dict(own_len)
    total_links = dict(own_links)
    len_of, links_of = total_len.get, total_links.get
    for el in reversed(order):
        n = len_of(el)
        if not n:
            continue
        parent = el.getparent()
        if parent is not None:
            total_len[parent] = len_of(parent, 0) + n
            links = links_of(el)
            if links:
                total_links[parent] = links_of(parent, 0) + links
    page_len = total_len.get(body, 0) or 1
    # Furniture that holds most of the page is a wrapper with an unlucky class name.
    real_furniture = {
        furniture
        for furniture in set(map(_FURNITURE, units))
        if furniture is not None and len_of(furniture, 0) < 0.3 * page_len
    }
    content: dict[object, float] = {}
    punctuation = _punct_counts(texts)
    # A holder's ancestors, up to four levels, with the share of a score each gets (many
    # blocks share a holder).
    chains: dict[object, list[tuple[object, int]]] = {}
    content_of = content.get
    for (seg, _, holder, links, furniture), n, punct in zip(
        units, lengths, punctuation, strict=True
    ):
        if n < 25 or furniture in real_furniture or seg.tag in ("h", "figure"):
            continue
        score = 1 + punct + min(n / 100, 3)
        if links:  # (no links: times 1 - 0.0, the same number)
            score *= 1 - min(links / n, 1.0)
        # A block's score reaches its holder whole (a share of 1: the same number).
        content[holder] = content_of(holder, 0.0) + score
        chain = chains.get(holder)
        if chain is None:
            ancestors = islice(holder.iterancestors(), len(_LEVEL_SHARE) - 1)
            chain = chains[holder] = list(zip(ancestors, _LEVEL_SHARE[1:], strict=False))
        for node, share in chain:
            content[node] = content_of(node, 0.0) + score / share
    outside_why: dict[int, tuple[str, Reason]] = {}
    if not content:
        return set(body.iter()), outside_why

    def link_density(node: object) -> float:
        n = total_len.get(node, 0)
        return min(total_links.get(node, 0) / n, 1.0) if n else 1.0

    final = {
        node: (c + _TAG_BASE.get(_tag(node), 0.0) + _class_weight(node)) * (1 - link_density(node))
        for node, c in content.items()
    }
    ranked = sorted(final, key=final.__getitem__, reverse=True)
    top = ranked[0]
    best = final[top]
    # Several strong, separate candidates under one ancestor: the ancestor is the article
    # (its text is split over sections). Judged by text alone, not by class names.
    top_ancestors = set(top.iterancestors())
    top_content = content[top]
    alternatives = [
        n
        for n in sorted(content, key=content.__getitem__, reverse=True)[:8]
        if n is not top
        and n not in top_ancestors
        and top not in set(n.iterancestors())
        and content[n] >= 0.75 * top_content
    ]
    if len(alternatives) >= 3:
        ancestor_sets = [set(n.iterancestors()) for n in alternatives]
        node = top.getparent()
        while node is not None and node is not body:
            if sum(1 for s in ancestor_sets if node in s) >= 3:
                top = node
                break
            node = node.getparent()
    # Climb while the parent scores higher (the article's text is split over children).
    last = final.get(top, 0.0)
    node = top.getparent()
    while node is not None and node is not body:
        if node not in final:
            node = node.getparent()
            continue
        if final[node] < best / 3:
            break
        if final[node] > last:
            top = node
            break
        last = final[node]
        node = node.getparent()
    while top.getparent() is not None and top.getparent() is not body:
        parent = top.getparent()
        if sum(1 for c in parent if isinstance(c.tag, str)) != 1:
            break
        top = parent
    keep = [top]
    parent = top.getparent()
    top_score = final.get(top, best)
    if parent is not None:
        threshold = max(10.0, top_score * 0.2)
        top_class = top.get("class") or ""
        for sib in parent:
            if sib is top or not isinstance(sib.tag, str):
                continue
            bonus = top_score * 0.2 if top_class and sib.get("class") == top_class else 0.0
            if final.get(sib, 0.0) + bonus >= threshold:
                keep.append(sib)
                continue
            n = total_len.get(sib, 0)
            if _tag(sib) in ("p", "h2", "h3", "blockquote", "pre", "ul", "ol") and n:
                density = link_density(sib)
                if n > 80 and density < 0.25:
                    keep.append(sib)
    inside: set[object] = set()
    for node in keep:
        inside.update(node.iter())
    main_len = sum(total_len.get(n, 0) for n in keep) or 1
    for i, (seg, el, _, links, furniture) in enumerate(units):
        if el not in inside:
            continue
        if (
            furniture is not None
            and furniture in real_furniture
            and total_len.get(furniture, 0) < 0.3 * main_len
        ):
            outside_why[i] = (
                "furniture_class",
                reason("furniture-inside"),
            )
            continue
        if links and links >= 0.6 * len(seg.text) and seg.tag != "h":
            outside_why[i] = ("link_text", reason("link-text"))
    return inside, outside_why


def _calls(source: str) -> list[tuple[list, object]]:
    seen: list[tuple[list, object]] = []
    scoring = html._main_content

    def record(units: list, body: object) -> object:
        seen.append((units, body))
        return scoring(units, body)

    html._main_content = record
    try:
        html.extract(source)
    finally:
        html._main_content = scoring
    return seen


# Pages of my own whose paragraphs take turns between holders, nested a few levels.
PARAGRAPHS = st.sampled_from([
    "The pier reopened on Monday, after a repair that took two winters; the ferry is back.",
    "渡轮周一恢复运营，维修花了两个冬天，码头上又热闹起来了。乘客们排队买票。",
    "Tide tables, weather, and the timetable for the week ahead, all in one place!",
    "<a href='/x'>More about the harbour and the boats that call there</a>",
    "short line",
    "A long line about the council vote on the tram route: read twice, then once more.",
])
HOLDERS = st.sampled_from([
    "<div class=story>{}</div>", "<section><div>{}</div></section>", "{}",
    "<div class='sidebar'>{}</div>", "<article><div><div>{}</div></div></article>",
    "<ul><li>{}</li></ul>", "<blockquote>{}</blockquote>",
])
TURNS = st.lists(
    st.tuples(HOLDERS, st.lists(PARAGRAPHS, min_size=1, max_size=4)), max_size=12
).map(
    lambda turns: "<html><body><div id=page>" + "".join(
        shape.format("".join(f"<p>{p}</p>" for p in ps)) for shape, ps in turns
    ) + "</div></body></html>"
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TURNS, SOUP.map("".join), HOSTILE.map("".join)))
def test_runs_of_scores_choose_the_same_main_content(source: str) -> None:
    for units, body in _calls(source):
        assert html._main_content(units, body) == _old_main_content(units, body)


def test_interleaved_holders_choose_the_same_main_content() -> None:
    para = "<p>The ferry leaves at nine, and the harbour is quiet, said the pier master.</p>"
    source = (
        "<body><div class=a>" + para * 3 + "</div><div class=b>" + para + "</div>"
        "<div class=a><div>" + para * 2 + "</div></div>" + para + "</body>"
    )
    ((units, body),) = _calls(source)
    assert html._main_content(units, body) == _old_main_content(units, body)
