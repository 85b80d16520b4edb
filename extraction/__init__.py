"""Entity extraction: known names from the KB, new names from a model.

Pure Python: strings and frozen dataclasses in and out, nothing from Django or
Celery. The Django side loads the KB rows into :class:`Matcher`, calls
:func:`extract` on a story's publishable blocks and saves the mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .discover import OTHER, Candidate, Discoverer, dictionary_frequency, dictionary_tag
from .junk import COMMON_WORDS, PROPER_TAGS, is_junk, is_word_compound
from .lac import Word
from .matcher import KnownName, Match, Matcher, near_duplicates
from .normalise import Normalised, normalise, normalise_text
from .products import Product, ProductGrammar

__all__ = [
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
# tens of suggestions, not hundreds.
MAX_NEW_NAMES = 40
# A KB alias shared by several entities is offered, not linked.
AMBIGUOUS_CONFIDENCE = 0.5
# A model name that starts with one known name and goes on is a unit, brand or body
# of its own (360金融, 京东金融, 北京商报, 美国司法部) unless what follows is a
# common noun the text added (华为公司, 腾讯AI, 苹果手机, 清华系AI公司).
_WIDER_KINDS = frozenset({"organisation", "place"})
_ADDED_NOUNS = (
    "公司", "集团公司", "手机", "官方", "方面", "中国", "中国区", "旗下", "ai", "系统", "平台",
    "股份", "股价", "市场", "财报", "员工", "团队", "用户", "高管", "内部", "总部",
)
WIDER_CONFIDENCE = 0.6
# Kinds of known names a unit or product can be named after (天猫国际, 360淘金).
_BRAND_HEAD_KINDS = frozenset({"organisation", "product"})
# LAC's Chinese "other proper nouns" in news are mostly brands and platforms (唯品会,
# 科创板, 天猫): offered as organisations for the editor to correct.
BRAND_KIND = "organisation"
# ... but LAC's guess alone (0.4) is as often a term of the trade (云计算, 注册制,
# 关联交易): a guessed brand needs something to agree (the dictionary, repetition,
# or a list it stands in whose neighbour is a name: 闲鱼、飞猪、优酷); one built of
# dictionary words only (无人驾驶汽车) needs the dictionary or a list.
BRAND_CONFIDENCE = 0.45
_LIST_SEPARATORS = "、"
_AFTER_NUMBER = re.compile(r"\d\s?$")
# Items of one list share a type: standing next to a name is evidence of its own, as
# strong as a model's guess (LAC's ORG + the list reach 0.8, enough for a frequent
# word such as 平安 in 美团、平安、万达).
LIST_WEIGHT = 0.5
# A name takes no demonstrative: 这家网约车公司, 该平台 describe something named elsewhere.
_DEMONSTRATIVES = ("这家", "那家", "这个", "那个", "这些", "那些", "该")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
# LAC's proper nouns that its kind mapping leaves open: capitalised words and acronyms.
_LATIN_WORD = re.compile(r"^[A-Z][A-Za-z]+$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def extract(
    blocks: Sequence[tuple[int, str]],
    matcher: Matcher,
    discoverer: Discoverer | None = None,
    products: ProductGrammar | None = None,
    *,
    max_new: int = MAX_NEW_NAMES,
) -> list[Mention]:
    """Mentions in ``(block_index, text)`` blocks (pass STORY blocks only, in order).

    Known names win over model candidates, except that a product model written
    after a known series or maker takes the whole span (``麒麟`` + ``990``). Junk
    candidates are dropped (see :func:`.junk.is_junk`); the new names left are
    ranked by salience and at most ``max_new`` distinct ones are kept.
    """
    texts = [text for _, text in blocks]
    known = matcher.find_many(texts)
    if discoverer is not None:
        candidates, words = discoverer.analyse(texts, known)
        known = [_whole_words(text, found, block_words) for text, found, block_words
                 in zip(texts, known, words, strict=True)]
    else:
        candidates, words = [[] for _ in texts], [[] for _ in texts]
    grammar = products or ProductGrammar({}, {}, {})
    mentions: list[Mention] = []
    for position, (block, text) in enumerate(blocks):
        found = grammar.find(text, known[position], words[position])
        product_spans = [(p.start, p.end) for p in found]
        for p in found:
            mentions.append(Mention(block, p.start, p.end, p.surface, None, p.surface.strip(),
                                    "product", False, p.confidence, "model", p.series,
                                    p.maker))
        matches = [m for m in known[position] if not _overlaps(m.start, m.end, product_spans)]
        block_candidates = candidates[position] + _sector_names(
            text, words[position], matches, candidates[position])
        wider = _wider_names(text, block_candidates, matches)
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
        names = [(m.start, m.end) for m in matches] + [
            (c.start, c.end) for c in block_candidates
            if c.kind != OTHER and c.confidence >= BRAND_CONFIDENCE
        ]
        for c in sorted(block_candidates, key=lambda c: -(c.end - c.start)):
            head = heads.get(id(c))
            if head is not None and c.kind not in _WIDER_KINDS:
                # A brand's product or unit (天猫国际, 360淘金): as sure as a wider name.
                kind = "product" if head.kind == "product" or c.kind == "product" else BRAND_KIND
                c = replace(c, kind=kind,
                            confidence=max(c.confidence, WIDER_CONFIDENCE),
                            evidence=(*c.evidence, "known-head"))
            if _listed_with_name(text, c, names):
                c = replace(c, confidence=round(1 - (1 - c.confidence) * (1 - LIST_WEIGHT), 3),
                            evidence=(*c.evidence, "list"))
            if c.kind == OTHER and c.label == "nz" and _HAN_NAME.match(c.surface):
                if c.confidence < BRAND_CONFIDENCE or (
                    is_word_compound(c.surface)
                    and not any(e == "list" or e.startswith("dict:") for e in c.evidence)
                ):
                    continue  # repetition alone does not make a term a brand
                c = replace(c, kind=BRAND_KIND)
            if c.kind == OTHER and c.label == "nz" and _LATIN_WORD.match(c.surface):
                if not _latin_name_evidence(text, c, names):
                    continue
                c = replace(c, kind="organisation" if _ACRONYM.match(c.surface) else "product")
            if c.kind == OTHER or _overlaps(c.start, c.end, taken):
                continue
            if c.confidence < BRAND_CONFIDENCE and _glosses_a_term(text, c, names):
                continue
            if _context_says_no_name(text, c.start, c.kind):
                continue
            if (c.start, c.end) not in {(m.start, m.end) for m in matches} and matcher.knows(
                c.surface
            ):
                continue  # a known name the matcher turned down here (北京 in 北京时间)
            if head is None and is_junk(c.surface, c.confidence):
                continue
            if head is None and (_of_sector_words(c.surface) or (_lone_guess(c) and (
                    _cuts_a_word(text, c) or _sector_description(c.surface)
                    or _no_noun(c.surface)))):
                continue
            series, maker, parent = _head_links(c.kind, head)
            mentions.append(Mention(block, c.start, c.end, c.surface, None, c.surface.strip(),
                                    c.kind, False, c.confidence, "model", series, maker,
                                    parent=parent))
            taken.append((c.start, c.end))
    mentions += _said_again(blocks, words, mentions)
    mentions = _place_prefixed(mentions)
    mentions = _rank_new_names(mentions, [block for block, _ in blocks], max_new)
    order = {block: i for i, (block, _) in enumerate(blocks)}
    mentions.sort(key=lambda m: (order[m.block], m.start))
    return mentions


# New names of these kinds are looked for again in the rest of the story.
_REPEATABLE_KINDS = frozenset({"organisation", "person", "place", "product"})
# ... when a model named them (0.6): a guessed brand held up by its repetition alone
# (a term such as 注册制, 0.55) is not spread further.
REPEATABLE_CONFIDENCE = 0.6


def _said_again(
    blocks: Sequence[tuple[int, str]], words: Sequence[Sequence[Word]], mentions: list[Mention]
) -> list[Mention]:
    """A new name the story uses once as a name is that name wherever it recurs.

    LAC reads the same string differently in different sentences (鹏博士 as one
    organisation here, 鹏 + 博士 there); one story keeps one reading. A recurrence
    counts where LAC's own word boundaries fall at both of its ends (速达 is not in
    迅速达到) and nothing else has claimed those characters; a name that is also an
    ordinary word is not spread to where a modifier makes it that word (AI浪潮).
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
        return []
    finder = Matcher.build(KnownName(key, m.surface.strip(), m.kind) for key, m in best.items())
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.block, []).append((m.start, m.end))
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
            if match.start not in edges or match.end not in edges or _overlaps(
                match.start, match.end, spans
            ) or _context_says_no_name(text, match.start, match.kind):
                continue
            before = label_before.get(len(text[: match.start].rstrip(" ")), "w")
            if _ordinary_word(match.surface) and before not in _BEFORE_A_NAME:
                continue  # AI浪潮, 两次浪潮: the word, as the head of a phrase
            first = best[match.entity_key]
            again.append(replace(first, block=block, start=match.start, end=match.end,
                                 surface=match.surface))
            spans.append((match.start, match.end))
    return again


# One model's guess (LAC's person, place or organisation: 0.6) with nothing else agreeing.
SINGLE_GUESS_CONFIDENCE = 0.6
_CUT_WINDOW = 4  # characters of context either side: longer than most words


def _lone_guess(c: Candidate) -> bool:
    """A Chinese span one model proposed and nothing else supports."""
    return (c.confidence <= SINGLE_GUESS_CONFIDENCE and len(c.evidence) == 1
            and bool(_HAN_NAME.match(c.surface)))


# Dictionary tags of words that are no nouns: adjectives, pronouns, verbs, adverbs,
# numerals and measure words, prepositions, conjunctions, particles, idioms, phrases.
_NOT_NOUN_TAGS = tuple("arvdmqpcuil")


def _no_noun(surface: str) -> bool:
    """正大 (adjective), 本州 (pronoun): the dictionary knows the word only as a part of
    speech no name takes, so one model's guess is a misreading of an ordinary word."""
    return dictionary_tag(surface).startswith(_NOT_NOUN_TAGS)


def _sector_description(surface: str) -> bool:
    """云管理, 云数据中心: a sector word, then an ordinary word of the language; a lone
    guess of this shape describes a business (a body's name ends like one: 科技日报)."""
    for sector in SECTOR_WORDS:
        rest = surface[len(sector):]
        if (surface.startswith(sector) and len(rest) >= 2 and not rest.endswith(_BODY_ENDINGS)
                and dictionary_frequency(rest) > 0 and dictionary_tag(rest) not in PROPER_TAGS):
            return True
    return False


def _dictionary_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the dictionary's segmentation of ``text[start:end]`` and a few
    characters around it (jieba without its HMM: dictionary words only)."""
    import jieba

    offset = max(0, start - _CUT_WINDOW)
    spans = []
    for piece in jieba.cut(text[offset : end + _CUT_WINDOW], HMM=False):
        spans.append((offset, offset + len(piece)))
        offset += len(piece)
    return spans


# LAC's labels of common nouns (a proper noun is PER, LOC, ORG, nz or nw).
_COMMON_NOUN_LABELS = frozenset({"n", "vn", "an"})


def _whole_words(text: str, matches: list[Match], words: Sequence[Word]) -> list[Match]:
    """KB matches that are words of the text, not pieces of a longer one.

    A match is no KB name when one of its edges falls inside a word of LAC's that
    holds the whole match and a word of the dictionary crosses that edge, half in the
    match and half out: 瑞银 of 上海华瑞银行 (华瑞|银行). A dictionary word that holds
    the whole match is the name and a suffix or prefix (福特汽车公司, 中国政府,
    青岛海尔); LAC alone joins names to their neighbours now and then (万一特斯拉); and
    where LAC splits the name itself it misread the name (英伟|达成), so its word
    across the edge says nothing. A known name inside a word LAC calls a common noun,
    which the dictionary lists too, is that noun (红帽 of 红帽子, 苹果 of 苹果汁).
    """
    if not matches or not words:
        return matches
    starts = [w.start for w in words]
    edges = set(starts)
    edges.add(words[-1].end)
    kept = []
    for m in matches:
        if {m.start, m.end} <= edges or not edges.isdisjoint(range(m.start + 1, m.end)):
            kept.append(m)
            continue
        holder = words[bisect_right(starts, m.start) - 1]
        if (holder.end >= m.end and holder.label in _COMMON_NOUN_LABELS
                and dictionary_frequency(text[holder.start : holder.end]) > 0):
            continue
        crossing = any(
            (s < m.start < e < m.end and m.start not in edges)
            or (m.start < s < m.end < e and m.end not in edges)
            for s, e in _dictionary_words(text, m.start, m.end))
        if not crossing:
            kept.append(m)
    return kept


def _cuts_a_word(text: str, c: Candidate) -> bool:
    """A lone guess whose edge falls inside a word of the dictionary's segmentation of
    the words around it (线下|渠道 read as 下渠道, 远赴重洋 as 重洋): LAC cut the text
    where the dictionary sees no boundary, and nothing else says it is a name."""
    edges = {e for span in _dictionary_words(text, c.start, c.end) for e in span}
    return c.start not in edges or c.end not in edges


def _context_says_no_name(text: str, start: int, kind: str) -> bool:
    """What precedes a span makes it no name: a person right after a number is a unit
    (39 吉兹); a demonstrative makes a description (这家网约车公司)."""
    before = text[:start]
    if kind == "person" and _AFTER_NUMBER.search(before):
        return True
    return before.endswith(_DEMONSTRATIVES) and not before.endswith("应该")


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
    if head is None:
        return None, None, None
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
        if m.kind != "organisation" or place is None or not _HAN_NAME.match(
            place.surface + m.surface
        ):
            continue
        absorbed.update((id(place), id(m)))
        surface = place.surface + m.surface
        merged.append(replace(m, start=place.start, surface=surface,
                              name=m.name if m.known else surface,
                              confidence=min(m.confidence, place.confidence)))
    return [m for m in mentions if id(m) not in absorbed] + merged


def _latin_name_evidence(text: str, c: Candidate, names: Sequence[tuple[int, int]]) -> bool:
    """A capitalised Latin word LAC calls a proper noun (Tinder, TMSC) is a name when the
    story repeats it, lists it beside a name, or pairs it in brackets with a name
    (台积电（TMSC）); one mention alone is as likely an English word (Cloud, All). An
    acronym needs the list or the brackets: repeated, it is as often a standard (LTE)."""
    if c.surface.lower() in COMMON_WORDS or _in_latin_phrase(text, c.start, c.end):
        return False
    if "list" in c.evidence:
        return True
    if any(e.startswith("repeat:") for e in c.evidence) and not _ACRONYM.match(c.surface):
        return True  # acronyms are as often standards and technologies (LTE, NFC)
    inside = text[c.start - 1 : c.start] in ("（", "(") and text[c.end : c.end + 1] in ("）", ")")
    if inside:
        return any(end == c.start - 1 for _, end in names)
    return text[c.end : c.end + 1] in ("（", "(") and any(
        start == c.end + 1 and text[end : end + 1] in ("）", ")") for start, end in names)


def _in_latin_phrase(text: str, start: int, end: int) -> bool:
    """The word has Latin words beside it (All in, an English quote): a phrase, not a
    name standing in Chinese text."""
    before = text[:start].rstrip(" ")
    after = text[end:].lstrip(" ")
    return bool(before[-1:].isascii() and before[-1:].isalpha()) or bool(
        after[:1].isascii() and after[:1].isalpha())


def _glosses_a_term(text: str, c: Candidate, names: Sequence[tuple[int, int]]) -> bool:
    """``c`` is a bracketed translation of the words before it, which are no name:
    大数据（Big Data）. A gloss shares the nameness of what it glosses."""
    opening = c.start - 1
    if opening < 1 or text[opening] not in "（(" or text[c.end : c.end + 1] not in ("）", ")"):
        return False
    return not any(end == opening for _, end in names)


def _listed_with_name(text: str, c: Candidate, names: Sequence[tuple[int, int]]) -> bool:
    """``c`` is an item of a 、-list whose item just before or after is a name."""
    before = c.start > 0 and text[c.start - 1] in _LIST_SEPARATORS
    after = c.end < len(text) and text[c.end] in _LIST_SEPARATORS
    return any(
        (before and end == c.start - 1) or (after and start == c.end + 1)
        for start, end in names
    )


def _wider_names(
    text: str, candidates: Sequence[Candidate], matches: Sequence[Match]
) -> list[tuple[Candidate, list[Match]]]:
    """Model names that take over the one known name they start with (see _ADDED_NOUNS).

    A name LAC tagged as an organisation or place needs WIDER_CONFIDENCE; its
    "other proper noun" (0.4) is enough when the span is one word of LAC's that
    starts with the known name (天猫国际, 360淘金): the known head is the evidence.
    """
    wider: list[tuple[Candidate, list[Match]]] = []
    for c in candidates:
        extends_brand = c.label == "nz"
        if not extends_brand and (c.kind not in _WIDER_KINDS
                                  or c.confidence < WIDER_CONFIDENCE):
            continue
        inner = [m for m in matches if c.start < m.end and m.start < c.end]
        if len(inner) != 1:
            continue
        (m,) = inner
        if extends_brand and m.kind not in _BRAND_HEAD_KINDS:
            continue
        rest = normalise_text(text[m.end : c.end]).strip()
        if m.start != c.start or m.end >= c.end or not rest or rest.endswith(_ADDED_NOUNS):
            continue
        if any(ch.isdigit() for ch in rest):
            continue  # 天猫双11: a name and an event, not one name
        if len(rest) == 1 and rest not in _ONE_CHARACTER_ENDINGS:
            continue  # 苹果会: the name and a verb
        if extends_brand:
            if dictionary_tag(rest)[:1] not in ("", "n", "s"):
                continue  # 特斯拉独资: the brand and what it does, not a unit of it
        elif is_junk(rest, 0.0) and rest not in SECTOR_WORDS and not rest.endswith(
            _NAME_ENDINGS
        ):
            continue  # 苹果会, 台积电支付, 鹏博士董事会: the name and the next word
        wider.append((c, inner))
    return wider


# Sectors a group names its units by (万达电影, 360金融, 敏安汽车, 北汽新能源).
SECTOR_WORDS = frozenset({
    "金融", "电影", "影视", "影业", "投资", "资本", "汽车", "新能源", "科技", "证券", "保险",
    "银行", "地产", "置业", "控股", "传媒", "文化", "音乐", "游戏", "医疗", "健康", "物流",
    "支付", "云", "智能", "教育", "体育", "能源", "电子", "通信", "网络", "数科", "金服",
    "电器",
})
SECTOR_CONFIDENCE = 0.6


def _of_sector_words(surface: str) -> bool:
    """新能源汽车, 金融科技: nothing but sector words names a sector, not a company."""
    ends = {0}
    for end in range(1, len(surface) + 1):
        if any(surface[start:end] in SECTOR_WORDS for start in ends if start < end):
            ends.add(end)
    return len(surface) in ends and surface not in SECTOR_WORDS


def _sector_names(
    text: str, words: Sequence[Word], matches: Sequence[Match], candidates: Sequence[Candidate]
) -> list[Candidate]:
    """An organisation directly followed by a sector word is the group's unit."""
    by_start = {w.start: w for w in words}
    heads = [(m.start, m.end) for m in matches if m.kind == "organisation"]
    known = {(m.start, m.end) for m in matches}
    # The KB's kind wins over the model's: 中国 + 资本 is a place's capital, no unit.
    heads += [(c.start, c.end) for c in candidates
              if c.kind == "organisation" and (c.start, c.end) not in known]
    found: list[Candidate] = []
    for start, end in heads:
        word = by_start.get(end)
        if word is None or text[word.start : word.end] not in SECTOR_WORDS:
            continue
        surface = text[start : word.end]
        found.append(Candidate(start, word.end, surface, "organisation", SECTOR_CONFIDENCE,
                               "ORG", ("sector",)))
    return found


# Last characters of a government body, institution or medium (司法部, 统计局, 商报).
_BODY_ENDINGS = tuple("部局委院署厅办会所行社台报网")
# ... and of a group or a place's full name (香港交易所集团, 匹兹堡市).
_NAME_ENDINGS = (*_BODY_ENDINGS, "集团", *"市县区州省")
_ONE_CHARACTER_ENDINGS = frozenset("市县区州省网云台社报")


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
