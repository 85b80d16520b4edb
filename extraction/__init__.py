"""Entity extraction: known names from the KB, new names from a model.

Pure Python: strings and frozen dataclasses in and out, nothing from Django or
Celery. The Django side loads the KB rows into :class:`Matcher`, calls
:func:`extract` on a story's publishable blocks and saves the mentions. This module
is the public API and the assembly of :func:`extract`; the rules that weigh a
candidate's evidence live in :mod:`extraction.evidence`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .discover import OTHER, Candidate, Discoverer, dictionary_frequency, dictionary_tag
from .evidence import (
    ACRONYM,
    APPOSITIVE_CONFIDENCE,
    BRAND_CONFIDENCE,
    BRAND_KIND,
    HAN_NAME,
    LIST_OF_NAMES_WEIGHT,
    LIST_WEIGHT,
    LISTED_NAMES,
    MEDIUM_CONFIDENCE,
    POST_CONFIDENCE,
    WIDER_CONFIDENCE,
    WIDER_KINDS,
    abstract_noun,
    appositive_kind,
    body_of_a_title,
    bracketed_with_name,
    code_spans,
    company_then_noun,
    context_says_no_name,
    coordinated_latin_name,
    currencies,
    cuts_a_word,
    described_noun,
    describes_a_name,
    dictionary_term,
    end_at_a_word,
    full_name,
    glossed_kind,
    glosses_a_term,
    holds_a_post,
    in_latin_phrase,
    lac_alone,
    latin_name_evidence,
    list_items,
    listed_names,
    lone_guess,
    media_in_frames,
    named_after_a_person,
    names_a_belief,
    names_a_medium,
    no_noun,
    no_surname,
    one_sense_per_story,
    ordinary_person_word,
    overlaps,
    person_context,
    piece_of_a_quoted_term,
    place_as_a_measure,
    quoted_person,
    quoted_terms,
    sector_description,
    sector_names,
    short_aliases_standing,
    short_forms,
    shortened_body,
    surname_recalled,
    titled,
    unit_names,
    whole_titles,
    whole_words,
    wider_names,
    with_admin_unit,
    with_registered_tail,
)
from .junk import (
    PROPER_TAGS,
    is_junk,
    is_word_compound,
    no_name_here,
    of_sector_words,
    repetition_alone,
    unlike_a_name,
)
from .lac import Word
from .latin import ORGANISATION_WORDS
from .matcher import KnownName, Match, Matcher, near_duplicates
from .normalise import Normalised, normalise, normalise_text
from .products import Product, ProductGrammar

__all__ = [
    "MAX_NEW_NAMES",
    "MAX_NEW_NAMES_CEILING",
    "Candidate",
    "Discoverer",
    "KnownName",
    "Match",
    "Matcher",
    "Mention",
    "Normalised",
    "Product",
    "ProductGrammar",
    "extract",
    "makers",
    "near_duplicates",
    "new_name_cap",
    "normalise",
    "normalise_text",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention in one block; offsets index that block's text.

    ``known`` mentions come from the KB (``origin="kb"``, ``entity_key`` set);
    the others are suggestions for a new entity (``entity_key`` None). A product
    found by the grammar carries the ``series`` and ``maker`` it links to; a new name
    that extends a known one links to it as ``series``, ``maker`` or ``parent``.
    ``salience`` ranks suggestions for the editor (headline, lead, repetition).
    """

    block: int
    start: int
    end: int
    surface: str
    entity_key: str | None
    name: str
    kind: str
    known: bool
    confidence: float
    origin: Literal["kb", "model"]
    series: str | None = None
    maker: str | None = None
    salience: float = 0.0
    parent: str | None = None


# New names offered per story at most, the most salient first: an editor reviews
# tens of suggestions, not hundreds. A long story names more companies and people, so
# the cap grows by one for every CHARS_PER_NEW_NAME characters past what MAX_NEW_NAMES
# covers, up to MAX_NEW_NAMES_CEILING (still tens). See :func:`new_name_cap`.
MAX_NEW_NAMES = 40
CHARS_PER_NEW_NAME = 60
MAX_NEW_NAMES_CEILING = 90
# A KB alias shared by several entities is offered, not linked.
AMBIGUOUS_CONFIDENCE = 0.5
# LAC's proper nouns that its kind mapping leaves open: capitalised words (acronyms:
# ``evidence.ACRONYM``).
_LATIN_WORD = re.compile(r"^[A-Z][A-Za-z]+$")
_LOWER_WORD = re.compile(r"^[a-z]+$")
# Capitalised Latin words (Gorenje; Philippe Starck, Gorenje Starck).
_LATIN_RUN = re.compile(r"^[A-Z][A-Za-z\-]*(?: [A-Z][A-Za-z\-]*)*$")
# Marks between the items of a list (PS,PE; PC/PS3): a span holding one is two things.
_LIST_MARKS = re.compile(r"[,，、;；/／]")


def extract(
    blocks: Sequence[tuple[int, str]],
    matcher: Matcher,
    discoverer: Discoverer | None = None,
    products: ProductGrammar | None = None,
    *,
    max_new: int | None = None,
) -> list[Mention]:
    """Mentions in ``(block_index, text)`` blocks (pass STORY blocks only, in order).

    Known names win over model candidates, except that a product model written
    after a known series or maker takes the whole span (``麒麟`` + ``990``). Junk
    candidates are dropped (see :func:`.junk.is_junk`); the new names left are
    ranked by salience and at most ``max_new`` distinct ones are kept (by default
    :func:`new_name_cap` of the story's length).
    """
    texts = [text for _, text in blocks]
    quoted = quoted_terms(texts)
    known = matcher.find_many(texts)
    if discoverer is not None:
        candidates, words = discoverer.analyse(texts, known)
        kept = short_aliases_standing(texts, [
            [m for m in whole_words(text, found, block_words)
             if not (no_name_here(text, m.start, m.end)
                     or place_as_a_measure(text, m, block_words))]
            for text, found, block_words in zip(texts, known, words, strict=True)], words)
        known = one_sense_per_story(texts, known, kept, words)
    else:
        candidates, words = [[] for _ in texts], [[] for _ in texts]
    # The KB vouched for the whole alias (易观数据): its words are judged whole, then
    # the common noun after the name is left out, and a model's span of the whole
    # alias is no wider name over it; a known place takes the unit LAC reads with it
    # (奥斯汀市).
    trimmed = [[with_admin_unit(text, _without_generic_tail(m, matcher), block_words)
                for m in found] for text, found, block_words in zip(texts, known, words,
                                                                     strict=True)]
    candidates = [[c for c in block if not any(
        (c.start, c.end) == (m.start, m.end) != (t.start, t.end)
        for m, t in zip(found, cut, strict=True))]
        for block, found, cut in zip(candidates, known, trimmed, strict=True)]
    # Where a list reads the alias whole (Linux操作系统、Jboss中间件), the item ends
    # after the noun.
    listed_end = {(position, t.start): max(m.end, t.end) for position, (found, cut) in enumerate(
        zip(known, trimmed, strict=True)) for m, t in zip(found, cut, strict=True)}
    known = trimmed
    grammar = products or ProductGrammar({}, {}, {})
    money = currencies(texts, {c.surface.strip() for block in candidates for c in block
                               if c.kind == "person"})
    mentions: list[Mention] = []
    defined: set[str] = set()  # short forms the story defines (以下简称“奇步”)
    for position, (block, text) in enumerate(blocks):
        found = grammar.find(text, known[position], words[position])
        product_spans = [(p.start, p.end) for p in found]
        for p in found:
            mentions.append(Mention(block, p.start, p.end, p.surface, None, p.surface.strip(),
                                    "product", False, p.confidence, "model", p.series,
                                    p.maker))
        matches = [m for m in known[position] if not overlaps(m.start, m.end, product_spans)]
        block_candidates = candidates[position] + sector_names(
            text, words[position], matches, candidates[position]) + unit_names(
            text, words[position], matches)
        block_candidates += media_in_frames(text, [
            *product_spans, *((m.start, m.end) for m in matches),
            *((c.start, c.end) for c in block_candidates)])
        block_candidates = whole_titles(text, [
            with_registered_tail(text, end_at_a_word(text, company_then_noun(text, c), matches))
            for c in block_candidates], matches)
        short = short_forms(text, matches, block_candidates)
        defined.update(normalise_text(f.surface) for f in short)
        if short:
            block_candidates = [c for c in block_candidates if not any(
                overlaps(c.start, c.end, [(f.start, f.end)]) for f in short)] + short
        wider = wider_names(text, block_candidates, matches, words[position])
        wider += [(f, inner) for f in short if (inner := [
            m for m in matches if f.start <= m.start and m.end <= f.end])]
        absorbed = {id(m) for c, inner in wider for m in inner}
        taken = list(product_spans)
        for m in matches:
            if id(m) in absorbed:
                continue
            ambiguous = normalise_text(m.surface) in matcher.ambiguous
            mentions.append(Mention(block, m.start, m.end, m.surface, m.entity_key, m.name,
                                    m.kind, True, AMBIGUOUS_CONFIDENCE if ambiguous else 1.0,
                                    "kb"))
            taken.append((m.start, m.end))
        heads = {id(c): inner[0] for c, inner in wider}
        named = {(c.start, c.end): c.kind for c in block_candidates
                 if c.kind != OTHER and c.confidence >= BRAND_CONFIDENCE}
        named.update({(m.start, listed_end.get((position, m.start), m.end)): m.kind
                      for m in matches})
        block_candidates = block_candidates + list_items(
            text, words[position], named,
            [*product_spans, *named, *((c.start, c.end) for c in block_candidates)])
        names = [(m.start, listed_end.get((position, m.start), m.end)) for m in matches] + [
            (c.start, c.end) for c in block_candidates
            if c.kind != OTHER and c.confidence >= BRAND_CONFIDENCE
        ]
        items = names + [(c.start, c.end) for c in block_candidates]
        kind_by_end = {c.end: c.kind for c in block_candidates
                       if c.kind != OTHER and c.confidence >= BRAND_CONFIDENCE}
        kind_by_end.update({m.end: m.kind for m in matches})
        persons = [(c.start, c.end) for c in block_candidates if c.kind == "person"] + [
            (m.start, m.end) for m in matches if m.kind == "person"]
        for c in sorted(block_candidates, key=lambda c: -(c.end - c.start)):
            head = heads.get(id(c))
            if head is not None and c.kind not in WIDER_KINDS and c.kind != "person":
                # A brand's product or unit (天猫国际, 360淘金): as sure as a wider name.
                kind = "product" if head.kind == "product" or c.kind == "product" else BRAND_KIND
                c = replace(c, kind=kind,
                            confidence=max(c.confidence, WIDER_CONFIDENCE),
                            evidence=(*c.evidence, "known-head"))
            listed = listed_names(text, c, names, items)
            if listed:
                c = replace(c, confidence=round(1 - (1 - c.confidence) * (1 - LIST_WEIGHT), 3),
                            evidence=(*c.evidence, "list"))
            if listed >= LISTED_NAMES:
                c = replace(c, confidence=round(
                    1 - (1 - c.confidence) * (1 - LIST_OF_NAMES_WEIGHT), 3))
            if c.kind == OTHER and c.label == "nz" and HAN_NAME.match(c.surface):
                if holds_a_post(text, c):  # 宽带通客服: whose staff, an organisation
                    c = replace(c, confidence=max(c.confidence, POST_CONFIDENCE),
                                evidence=(*c.evidence, "post"))
                if c.confidence < BRAND_CONFIDENCE or dictionary_term(c) or repetition_alone(
                        c.evidence) or (
                    is_word_compound(c.surface)
                    and not any(e in ("list", "post") or e.startswith("dict:") for e in c.evidence)
                ):
                    continue  # repetition alone does not make a term a brand
                c = replace(c, kind=BRAND_KIND)
            latin_word = c.kind == OTHER and c.label == "nz" and _LATIN_WORD.match(c.surface)
            if "shape:nz" in c.evidence or (latin_word and appositive_kind(text, c.start)):
                kind = appositive_kind(text, c.start)
                if kind:
                    c = replace(c, kind=kind, confidence=max(c.confidence, APPOSITIVE_CONFIDENCE),
                                evidence=(*c.evidence, "appositive"))
                elif not ("list" in c.evidence or bracketed_with_name(text, c, names)
                          or coordinated_latin_name(text, c, items)):
                    continue  # a capitalised word LAC did not call a name: context must
                c = replace(c, kind=kind or (
                    "organisation" if ACRONYM.match(c.surface) else "product"))
            elif latin_word:
                if not (latin_name_evidence(text, c, names)
                        or coordinated_latin_name(text, c, items)):
                    continue
                c = replace(c, kind="organisation" if ACRONYM.match(c.surface) else "product")
            elif c.kind == "product" and _LATIN_RUN.match(c.surface) and " " in c.surface \
                    and c.surface.rsplit(" ", 1)[1].lower() in ORGANISATION_WORDS:
                c = replace(c, kind="organisation")  # Lightspeed Venture Partners
            elif c.kind == "product" and _LATIN_RUN.match(c.surface) and (
                    kind := appositive_kind(text, len(text[: c.start].rstrip(" ")))):
                # 分析师 Shobhit Srivastava, 家电品牌Gorenje: Latin words LAC (half) calls a
                # proper noun are what the noun before them says, as sure as any appositive.
                c = replace(c, kind=kind, confidence=max(c.confidence, APPOSITIVE_CONFIDENCE),
                            evidence=(*c.evidence, "appositive"))
            glossed = glossed_kind(text, c, kind_by_end)
            if glossed and glossed != c.kind:
                c = replace(c, kind=glossed, evidence=(*c.evidence, "gloss"))
            medium = c.label == "nw" and names_a_medium(text, c)
            if medium:
                c = replace(c, kind="organisation", confidence=max(c.confidence, MEDIUM_CONFIDENCE),
                            evidence=(*c.evidence, "medium"))
            if c.kind == OTHER or overlaps(c.start, c.end, taken) or _LIST_MARKS.search(
                    c.surface):
                continue  # PS,PE: two items of a list, not one name
            if _LOWER_WORD.match(c.surface) and in_latin_phrase(text, c.start, c.end):
                continue  # a word of an English sentence (the, with), not a brand (ofo)
            if c.confidence < BRAND_CONFIDENCE and glosses_a_term(text, c, names):
                continue
            if context_says_no_name(text, c.start, c.kind) or no_name_here(
                    text, c.start, c.end):
                continue
            if head is None and c.kind == "person" and c.surface.strip() in money:
                continue  # 第纳尔汇率: a currency here, so wherever the story writes it
            if (c.start, c.end) not in {(m.start, m.end) for m in matches} and matcher.knows(
                c.surface
            ):
                continue  # a known name the matcher turned down here (北京 in 北京时间)
            if head is None and not medium and is_junk(c.surface, c.confidence):
                continue
            if head is None and (lone_guess(c) or lac_alone(c)) and cuts_a_word(text, c):
                continue  # 板门 of 板门店, 金大 of 金大中, repeated or not
            if head is None and lone_guess(c) and piece_of_a_quoted_term(text, c):
                continue  # 东数 of “东数西算”
            if head is None and ordinary_person_word(c) and not person_context(
                    text, c, words[position], persons) and not surname_recalled(texts, c.surface):
                continue  # 竹海林涛, 依依杨柳: an ordinary word the dictionary tags as a name
            if head is None and quoted_person(c, quoted):
                continue  # “云启”计划: a term the story quotes, not a given name
            craft = named_after_a_person(text, c, words[position]) if head is None else ""
            if craft == OTHER:
                continue  # “布拉斯”热带风暴: a storm named like a person
            if craft:
                c = replace(c, kind=craft)  # “斯托特”号, 阿丽亚娜4型: a ship, a rocket
            if head is None and body_of_a_title(text, c):
                continue  # 《中国企业家》杂志社: the title's body, named by the title
            if names_a_belief(c):
                continue  # 天主教派, 原教旨主义: a faith or doctrine, not a body
            if head is None and (of_sector_words(c.surface) or (lone_guess(c) and (
                    sector_description(c.surface)
                    or (no_noun(c.surface) and not (shortened_body(c) or full_name(c)))
                    or (no_surname(c) and not titled(text, c))
                    or abstract_noun(c)
                    or described_noun(c.surface)))):
                continue
            series, maker, parent = _head_links(c.kind, head)
            mentions.append(Mention(block, c.start, c.end, c.surface, None, c.surface.strip(),
                                    c.kind, False, c.confidence, "model", series, maker,
                                    parent=parent))
            taken.append((c.start, c.end))
    if discoverer is not None:  # LAC's names (and LAC's vocabulary): none without it
        mentions = [m for m in mentions if m.known or not unlike_a_name(m.surface, m.kind)]
    mentions = _name_then_description(mentions)
    mentions = _said_again(blocks, words, mentions, defined)
    mentions = _no_foreign_person(mentions)
    mentions = _outside_codes(blocks, mentions)
    mentions = _place_prefixed(mentions)
    if max_new is None:
        max_new = new_name_cap(sum(len(text) for text in texts))
    mentions = _rank_new_names(mentions, [block for block, _ in blocks], max_new)
    order = {block: i for i, (block, _) in enumerate(blocks)}
    mentions.sort(key=lambda m: (order[m.block], m.start))
    return mentions


# The common noun a text adds to a company's name (华为公司, 苹果公司); a registered
# form (华为技术有限公司) is the name itself.
_GENERIC_TAIL = "公司"
_REGISTERED_ENDINGS = ("有限公司", "有限责任公司", "股份公司", "集团公司", "总公司", "分公司")
# ... and the common nouns of a thing's kind a text adds to a product's or a source's
# name (Linux操作系统, 鸿蒙系统, 盘古大模型, 昇腾芯片, 某某数据), longest first; these
# are trimmed only from an alias, never from the KB's own name for the entity
# (达观数据, a company so named).
_KIND_TAILS = ("操作系统", "大模型", "系统", "芯片", "数据")


def _without_generic_tail(m: Match, matcher: Matcher) -> Match:
    """A KB alias that is another of the KB's names plus a common noun (华为公司,
    Linux操作系统) is that name and the noun, as the text's other uses of the bare name
    show: the mention is the name, without the noun (the labels' rule: name + common
    noun = the name)."""
    surface = m.surface
    if surface.endswith(_GENERIC_TAIL):
        if surface.endswith(_REGISTERED_ENDINGS) or len(surface) <= len(_GENERIC_TAIL) + 1:
            return m
        tail = _GENERIC_TAIL
    else:
        tail = next((t for t in _KIND_TAILS if surface.endswith(t)), "")
        if not tail or normalise_text(surface) == normalise_text(m.name):
            return m
    name = surface[: -len(tail)].rstrip()
    if len(name) < 2 or not matcher.knows(name):
        return m
    return m._replace(end=m.start + len(name), surface=name)


# Kinds of names a model's organisation may start with and then describe (a place
# before a body is part of its name: 日本防卫省).
_DESCRIBED_KINDS = frozenset({"organisation", "product"})


def _name_then_description(mentions: list[Mention]) -> list[Mention]:
    """A model's organisation that starts with a name the story uses on its own (known,
    or a new name of its own) and goes on with ordinary words is that name and a
    description (鹏博士董事会 is 鹏博士; see :func:`.evidence.describes_a_name`)."""
    names: dict[str, Mention] = {}
    for m in mentions:
        if m.kind in _DESCRIBED_KINDS and (m.known or m.confidence >= REPEATABLE_CONFIDENCE):
            surface = normalise_text(m.surface.strip())
            if len(surface) >= 2:
                names.setdefault(surface, m)
    out = []
    for m in mentions:
        if not m.known and m.kind == "organisation" and m.series is None and m.parent is None:
            surface = normalise_text(m.surface)
            for length in range(len(surface) - 2, 1, -1):
                name = names.get(surface[:length])
                if name is not None and name is not m and describes_a_name(m.surface[length:]):
                    m = replace(name, block=m.block, start=m.start, end=m.start + length,
                                surface=m.surface[:length])
                    break
        out.append(m)
    return out


# New names of these kinds are looked for again in the rest of the story.
_REPEATABLE_KINDS = frozenset({"organisation", "person", "place", "product"})
# ... when a model named them (0.6): a guessed brand held up by its repetition alone
# (a term such as 注册制, 0.55) is not spread further.
REPEATABLE_CONFIDENCE = 0.6


def _said_again(
    blocks: Sequence[tuple[int, str]], words: Sequence[Sequence[Word]], mentions: list[Mention],
    defined: set[str] | frozenset[str] = frozenset(),
) -> list[Mention]:
    """A new name the story uses once as a name is that name wherever it recurs.

    LAC reads the same string differently in different sentences (鹏博士 as one
    organisation here, 鹏 + 博士 there); one story keeps one reading. A recurrence
    counts where LAC's own word boundaries fall at both of its ends (速达 is not in
    迅速达到) and nothing else has claimed those characters; a name that is also an
    ordinary word is not spread to where a modifier makes it that word (AI浪潮). A short
    form the story defined (``defined``: 以下简称“奇步”) also replaces what was read inside
    it (北京 + 奇步), and a recurring name replaces the pieces a model misread inside it
    (比特 + 大陆 for 比特大陆; see :func:`_misread_pieces`). Returns all the mentions.
    """
    best: dict[str, Mention] = {}
    for m in mentions:
        surface = m.surface.strip()
        if (m.known or m.kind not in _REPEATABLE_KINDS or len(surface) < 2
                or m.confidence < REPEATABLE_CONFIDENCE):
            continue
        key = normalise_text(surface)
        if key not in best or m.confidence > best[key].confidence:
            best[key] = m
    if not best:
        return mentions
    finder = Matcher.build(KnownName(key, m.surface.strip(), m.kind) for key, m in best.items())
    replaced: set[int] = set()
    taken: dict[int, list[tuple[int, int]]] = {}
    in_block: dict[int, list[Mention]] = {}
    for m in mentions:
        taken.setdefault(m.block, []).append((m.start, m.end))
        in_block.setdefault(m.block, []).append(m)
    again: list[Mention] = []
    # One pass of the automaton over the story; a block's word edges are worked out
    # only where a name recurs in it (in a few blocks of a story's hundreds).
    found = finder.find_many([text for _, text in blocks])
    for (block, text), block_words, block_found in zip(blocks, words, found, strict=True):
        if not block_found:
            continue
        edges = {w.start for w in block_words} | {w.end for w in block_words}
        label_before = {w.end: w.label for w in block_words if not text[w.start:w.end].isspace()}
        spans = taken.setdefault(block, [])
        for match in block_found:
            if match.start in edges and match.end in edges:
                crossing = [m for m in in_block.get(block, ()) if id(m) not in replaced
                            and m.start < match.end and match.start < m.end]
                inside = [m for m in crossing if match.start <= m.start and m.end <= match.end]
                if inside and len(crossing) == len(inside) and not any(
                        m.start == match.start and m.end == match.end for m in inside) and (
                        match.entity_key in defined
                        or _misread_pieces(best[match.entity_key], inside)):
                    # A defined short form wins over the pieces read inside it; so does a
                    # longer new name over a model's pieces (比特 + 大陆 where the story
                    # reads 比特大陆 elsewhere).
                    replaced.update(id(m) for m in inside)
                    spans[:] = [sp for sp in spans
                                if not (match.start <= sp[0] and sp[1] <= match.end)]
            if match.start not in edges or match.end not in edges or overlaps(
                match.start, match.end, spans
            ) or context_says_no_name(text, match.start, match.kind) or no_name_here(
                text, match.start, match.end):
                continue
            before = label_before.get(len(text[: match.start].rstrip(" ")), "w")
            if _ordinary_word(match.surface) and before not in _BEFORE_A_NAME:
                continue  # AI浪潮, 两次浪潮: the word, as the head of a phrase
            first = best[match.entity_key]
            again.append(replace(first, block=block, start=match.start, end=match.end,
                                 surface=match.surface))
            spans.append((match.start, match.end))
    return [m for m in mentions if id(m) not in replaced] + again


def _misread_pieces(name: Mention, inside: Sequence[Mention]) -> bool:
    """The mentions inside a recurrence of ``name`` are new names a model read there
    instead (比特 + 大陆 where the headline has 比特大陆): each of another kind or less
    sure than the name, or the known brand the name begins with and is a unit or
    product of (万达 of 万达投资, where another sentence reads the unit whole). Another
    known name inside stays (the KB's reading), and so does a new name of the same kind
    as sure as the longer one (鹏博士 in 鹏博士董事会)."""
    heads = {name.series, name.maker, name.parent} - {None}
    first = min(m.start for m in inside)
    return all((m.entity_key in heads and m.start == first) if m.known
               else (m.kind != name.kind or m.confidence < name.confidence)
               for m in inside)


_ONE_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z\-]*$")
_THING_KINDS = ("organisation", "product")


def _no_foreign_person(mentions: list[Mention]) -> list[Mention]:
    """One Latin word that a story reads as a person in one place and as an
    organisation or product in another (Gorenje, ZenGo) is that organisation or product
    everywhere: a foreign person in Chinese news comes with a given name or a Chinese
    spelling, while LAC's person reading of a lone brand flips from sentence to sentence.
    The thing kind the story uses most wins."""
    kinds: dict[str, Counter[str]] = {}
    for m in mentions:
        if not m.known and _ONE_LATIN_WORD.match(m.surface.strip()):
            kinds.setdefault(normalise_text(m.surface.strip()), Counter())[m.kind] += 1
    verdict = {}
    for name, counts in kinds.items():
        things = [(counts[kind], kind) for kind in _THING_KINDS if counts[kind]]
        if counts["person"] and things:
            verdict[name] = max(things)[1]
    if not verdict:
        return mentions
    return [replace(m, kind=verdict[key]) if (
        not m.known and m.kind == "person"
        and (key := normalise_text(m.surface.strip())) in verdict) else m for m in mentions]


def _outside_codes(blocks: Sequence[tuple[int, str]], mentions: list[Mention]
                   ) -> list[Mention]:
    """Mentions that are no piece of a ticker, an address or a code (see ``evidence._CODES``)."""
    codes = {block: spans for block, text in blocks if (spans := code_spans(text))}
    if not codes:
        return mentions
    return [m for m in mentions
            if m.block not in codes or not overlaps(m.start, m.end, codes[m.block])]


# LAC labels of a word after which an ordinary word may still be the name: the
# sentence's start or punctuation, prepositions, conjunctions, adverbs, verbs, pronouns.
_BEFORE_A_NAME = frozenset({"w", "p", "c", "d", "v", "r", "TIME", "f"})


def _ordinary_word(surface: str) -> bool:
    """The dictionary lists ``surface`` as a word of the language (浪潮, 万向): where it
    recurs right after a modifier (AI浪潮) it is that word, not the name."""
    return dictionary_frequency(surface) > 0 and dictionary_tag(surface) not in PROPER_TAGS


def _head_links(kind: str, head: Match | None) -> tuple[str | None, str | None, str | None]:
    """``(series, maker, parent)`` of a name that extends the known ``head``: a product
    of a known series or maker (天猫国际, 360淘金), or a unit of a known group (360金融)."""
    if head is None or kind == "person":
        return None, None, None  # 柳大华 is no unit of 大华
    if kind != "product":
        return None, None, head.entity_key if head.kind == "organisation" else None
    if head.kind == "product":
        return head.entity_key, None, None
    return None, head.entity_key, None


def _place_prefixed(mentions: list[Mention]) -> list[Mention]:
    """A place written right before an organisation is part of its name (青岛海尔,
    江苏敏安, 上海华瑞银行): one organisation, linked where the organisation is known."""
    by_end = {(m.block, m.end): m for m in mentions if m.kind == "place"}
    merged: list[Mention] = []
    absorbed: set[int] = set()
    for m in mentions:
        place = by_end.get((m.block, m.start))
        if m.kind != "organisation" or place is None or not HAN_NAME.match(
            place.surface + m.surface
        ):
            continue
        absorbed.update((id(place), id(m)))
        surface = place.surface + m.surface
        merged.append(replace(m, start=place.start, surface=surface,
                              name=m.name if m.known else surface,
                              confidence=min(m.confidence, place.confidence)))
    return [m for m in mentions if id(m) not in absorbed] + merged


def new_name_cap(chars: int) -> int:
    """Distinct new names offered for a story of ``chars`` characters: MAX_NEW_NAMES,
    one more per CHARS_PER_NEW_NAME characters beyond, at most MAX_NEW_NAMES_CEILING
    (a long company story names more than a short one; the editor still reviews tens)."""
    return min(MAX_NEW_NAMES_CEILING, max(MAX_NEW_NAMES, chars // CHARS_PER_NEW_NAME))


def _rank_new_names(mentions: list[Mention], order: Sequence[int], max_new: int
                    ) -> list[Mention]:
    """Salience of every new name: confidence, headline, lead and repetition."""
    position = {block: i for i, block in enumerate(order)}
    by_name: dict[str, list[Mention]] = {}
    for m in mentions:
        if not m.known:
            by_name.setdefault(normalise_text(m.surface.strip()), []).append(m)
    salience: dict[str, float] = {}
    for name, group in by_name.items():
        first = min(position[m.block] for m in group)
        score = max(m.confidence for m in group)
        score += 0.3 if first == 0 else 0.15 if first <= 2 else 0.0
        score += 0.1 * min(len(group) - 1, 3)
        salience[name] = round(score, 3)
    kept = set(sorted(salience, key=lambda name: -salience[name])[:max_new])
    out: list[Mention] = []
    for m in mentions:
        if m.known:
            out.append(m)
            continue
        name = normalise_text(m.surface.strip())
        if name in kept:
            out.append(replace(m, salience=salience[name]))
    return out


def makers(
    mentions: Iterable[Mention],
    relations: Mapping[str, str],
    parents: Mapping[str, str] | None = None,
) -> list[str]:
    """Makers to suggest when a product is named but its maker is not.

    ``relations`` maps product keys to maker keys (``kb.relations(...)["maker"]``).
    With ``parents`` (child -> parent keys), a maker whose parent group is named
    is not suggested either (``火山方舟`` in a story that names ``字节跳动``).
    Returned in order of the products' first mention, without repeats.
    """
    parents = parents or {}
    seen: set[str] = set()
    products: list[str] = []
    for mention in mentions:
        if mention.entity_key is None:
            continue
        seen.add(mention.entity_key)
        if mention.entity_key in relations:
            products.append(mention.entity_key)
    suggested: list[str] = []
    for product in products:
        maker = relations[product]
        lineage = [maker]
        while lineage[-1] in parents and len(lineage) < 10:
            lineage.append(parents[lineage[-1]])
        if seen.isdisjoint(lineage) and maker not in suggested:
            suggested.append(maker)
    return suggested
