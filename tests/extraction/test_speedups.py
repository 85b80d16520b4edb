"""The extractor's shortcuts must never change an answer, only skip work: each is
checked against the simple form it replaced."""

from __future__ import annotations

from dataclasses import replace
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.discover import (
    _BODY_OF_TITLE,
    _GLUED_ENDS,
    _HAN,
    _LEAGUE,
    _LEAGUE_IN_TEXT,
    _MISREAD_LABELS,
    _OFFICE_TITLES,
    _WORD_WINDOW,
    Candidate,
    _misread_as_a_body,
    dictionary_cut,
    dictionary_frequency,
    dictionary_tag,
)
from extraction.evidence import (
    _BODY_GOES_ON,
    _COMPANY_LABELS,
    _COMPANY_STEM_ENDINGS,
    _JOINERS,
    _LIST_SEPARATORS,
    _NAME_ENDINGS,
    _STEM_LENGTH,
    BODY_HEADS,
    HAN_NAME,
    UNIT_HEADS,
    company_then_noun,
    listed_names,
    ordinary_word,
)
from extraction.junk import (
    _IDIOM,
    _PEOPLE,
    _PHRASE_TAGS,
    _PHRASE_WINDOW,
    _inside_a_phrase,
)
from extraction.matcher import (
    _SEPARATOR,
    KnownName,
    Match,
    Matcher,
    _has_lower_only,
    _spelled,
)
from extraction.normalise import _BY_TABLE, _fix_confusables, _folding, normalise_text

# Pieces of text to build stories from: idioms and set phrases with names inside,
# names, a traditional form, Latin (and the ``Al`` that reads as ``AI``), digits, stops.
_PIECES = [
    "发展中国家", "东山再起", "寥若晨星", "拉美国家", "比利时人", "半山腰", "有道是", "中国",
    "东山", "晨星", "智谱", "騰讯", "腾讯", "小米", "苹果", "苹果树", "Al", "AI", "Meta",
    "metaverse", "GPT-3", ".5", "360", "度", "第", "的", "了", "在", "，", "。", " ", "“", "”",
    "Ａｌ", "ｇｌｏｗ", "Glow", "glow", "从容", "大模型", "版",
]
_stories = st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join),
                    min_size=1, max_size=6)


def reference_inside_a_phrase(text: str, start: int, end: int) -> bool:
    """:func:`_inside_a_phrase` as it was: always the dictionary's cut of the window."""
    offset = max(0, start - _PHRASE_WINDOW)
    name = text[start:end]
    for piece in dictionary_cut(text[offset : end + _PHRASE_WINDOW]):
        piece_start, offset = offset, offset + len(piece)
        if piece_start >= end:
            break
        if piece_start <= start and end <= offset:
            if offset - piece_start == end - start:
                return False
            tag = dictionary_tag(piece)
            if tag == _IDIOM:
                return True
            rest = piece[len(name):] if piece_start == start else ""
            return tag in _PHRASE_TAGS and not (
                rest == _PEOPLE or (len(rest) >= 2 and dictionary_frequency(rest) > 0))
    return False


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join))
def test_inside_a_phrase_as_the_cut_says(text: str) -> None:
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 5) + 1):
            assert _inside_a_phrase(text, start, end) == reference_inside_a_phrase(
                text, start, end), (text, start, end)


def test_inside_a_phrase_still_finds_idioms() -> None:
    text = "他们都是发展中国家，公司东山再起"
    assert _inside_a_phrase(text, 6, 8)  # 中国 of 发展中国家
    assert _inside_a_phrase(text, 12, 14)  # 东山 of 东山再起
    assert not _inside_a_phrase(text, 10, 12)


_KB = [
    KnownName("Q1", "腾讯", "organisation"), KnownName("Q1", "騰訊控股", "organisation"),
    KnownName("Q2", "小米", "organisation"), KnownName("Q3", "苹果", "organisation"),
    KnownName("Q4", "智谱AI", "organisation"), KnownName("Q4", "智谱", "organisation"),
    KnownName("Q5", "Meta", "organisation"), KnownName("Q6", "GPT-3", "product"),
    KnownName("Q7", "360", "organisation"), KnownName("Q8", "中国", "place"),
    KnownName("Q9", "Glow", "product"), KnownName("Q10", "从容", "product"),
    KnownName("Q11", "发展中国家", "other"), KnownName("Q12", "东山", "place"),
]


def reference_find_many(matcher: Matcher, texts: list[str]) -> list[list[Match]]:
    """Every normalised substring looked up in the automaton, filtered, then the
    leftmost-longest choice by a sort on (start, -end): the definition, not a pass."""
    norm = normalise_text(_SEPARATOR.join(texts))
    firsts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    automaton, patterns = matcher._automaton, matcher._patterns
    out = []
    for text, first in zip(texts, firsts, strict=True):
        own = norm[first : first + len(text)]
        hits = []
        for start in range(len(text)):
            for end in range(start + 1, len(text) + 1):
                index = automaton.get(_spelled(own[start:end]), None)
                if index is None:
                    continue
                pattern = patterns[index]
                if pattern.unconstrained or matcher._accepts(text, own, start, end, pattern):
                    hits.append((start, end, pattern))
        hits.sort(key=lambda hit: (hit[0], -hit[1]))
        chosen, reached = [], 0
        for start, end, pattern in hits:
            if start >= reached:
                reached = end
                chosen.append(Match(start, end, text[start:end], pattern.entity_key,
                                    pattern.kind, pattern.canonical))
        out.append(chosen)
    return out


_MATCHER = Matcher.build(_KB)


@settings(max_examples=200, deadline=None)
@given(_stories)
def test_find_many_as_defined(texts: list[str]) -> None:
    assert _MATCHER.find_many(texts) == reference_find_many(_MATCHER, texts)


@given(st.text(alphabet=st.sampled_from("aZz9 中Ａｂé_Ǆ")))
def test_has_lower_only(surface: str) -> None:
    letters = [ch for ch in surface if ch.isascii() and ch.isalpha()]
    assert _has_lower_only(surface) == (bool(letters) and all(ch.islower() for ch in letters))


_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF65),
    st.characters(min_codepoint=0x2F00, max_codepoint=0x2FD5),
    st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
    st.characters(min_codepoint=0x10000, max_codepoint=0x2FFFF),
    st.sampled_from(["A", "l", "·", "•", "\ud800"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_CHARACTERS, min_size=_BY_TABLE, max_size=2 * _BY_TABLE).map("".join))
def test_long_text_folds_by_table_as_by_substitution(text: str) -> None:
    pattern, changed, _ = _folding()
    expected = pattern.sub(lambda found: changed[found.group()], _fix_confusables(text))
    assert normalise_text(text) == expected


@given(st.from_regex(_LEAGUE, fullmatch=True), st.text(max_size=5), st.text(max_size=5))
def test_league_names_are_found_in_text(league: str, before: str, after: str) -> None:
    assert _LEAGUE_IN_TEXT.search(before + league + after)


def reference_misread_as_a_body(text: str, start: int, end: int, label: str) -> bool:
    """:func:`_misread_as_a_body` as it was: always the dictionary's cut of the window."""
    if label not in _MISREAD_LABELS or not _HAN.match(text[start:end]):
        return False
    surface = text[start:end]
    if len(surface) == 1:
        return label == "ORG" and surface in _GLUED_ENDS
    if label == "ORG" and surface.endswith(_OFFICE_TITLES) and not surface.endswith(
            _BODY_OF_TITLE):
        return True
    if dictionary_tag(surface):
        return False
    offset = max(0, start - _WORD_WINDOW)
    for piece in dictionary_cut(text[offset : end + _WORD_WINDOW]):
        piece_end = offset + len(piece)
        if (offset < start < piece_end or offset < end < piece_end) and len(piece) >= 2:
            return len(surface) == 2 or (offset <= start and end <= piece_end)
        offset = piece_end
        if offset >= end:
            break
    return False


_BODY_PIECES = ["最惠国", "国务委员", "北京", "６月２８日电", "这从", "一个", "兴国", "科教兴国",
                "委员会", "电", "讯", "美国", "国防部", "ABC", "3", "，", "的", "在", "上海市",
                "政府", "招商银行", "信用卡", "西南证券", "办公室", "携程旅行网", "上线", "集团"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PIECES), min_size=1, max_size=8).map("".join),
       st.sampled_from(["LOC", "ORG"]))
def test_misread_as_a_body_as_the_cut_says(text: str, label: str) -> None:
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 7) + 1):
            assert _misread_as_a_body(text, start, end, label) == (
                reference_misread_as_a_body(text, start, end, label)), (text, start, end)


def reference_company_then_noun(c: Candidate) -> Candidate:
    """:func:`company_then_noun` as it was: every organisation cut by the dictionary."""
    if c.label not in _COMPANY_LABELS or not HAN_NAME.match(c.surface):
        return c
    pieces = dictionary_cut(c.surface)
    if len(pieces) < 2:
        return c
    last = pieces[-1]
    stem = c.surface[: -len(last)]
    if (len(last) < 2 or len(stem) < _STEM_LENGTH or not stem.endswith(_COMPANY_STEM_ENDINGS)
            or last.endswith((*_NAME_ENDINGS, *BODY_HEADS, *UNIT_HEADS, *_BODY_GOES_ON))
            or not ordinary_word(last)):
        return c
    return replace(c, end=c.start + len(stem), surface=stem)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PIECES), min_size=1, max_size=4).map("".join),
       st.sampled_from(["ORG", "nz", "LOC"]))
def test_company_then_noun_as_the_cut_says(surface: str, label: str) -> None:
    c = Candidate(0, len(surface), surface, "organisation", 0.5, label)
    assert company_then_noun(surface, c) == reference_company_then_noun(c)


def test_company_then_noun_still_cuts() -> None:
    c = Candidate(0, 7, "招商银行信用卡", "organisation", 0.5, "ORG")
    assert company_then_noun(c.surface, c).surface == "招商银行"


def reference_listed_names(text: str, c: Candidate, names: list[tuple[int, int]],
                           items: list[tuple[int, int]]) -> int:
    """:func:`listed_names` as it was: the chains built for every candidate."""
    by_start = {start: end for start, end in items}
    by_end = {end: start for start, end in items}
    for start, end in names:
        by_start.setdefault(start, end)
        by_end.setdefault(end, start)
    named = set(names)
    chain: list[tuple[int, int]] = []
    listed = False
    start, end = c.start, c.end
    while start > 0 and text[start - 1] in _JOINERS and start - 1 in by_end:
        listed = listed or text[start - 1] in _LIST_SEPARATORS
        start, end = by_end[start - 1], start - 1
        chain.append((start, end))
    start, end = c.start, c.end
    while end < len(text) and text[end] in _JOINERS and end + 1 in by_start:
        listed = listed or text[end] in _LIST_SEPARATORS
        start, end = end + 1, by_start[end + 1]
        chain.append((start, end))
    return sum(item in named for item in chain) if listed else 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["天猫", "京东", "拼多多", "、", "和", "及", "与", "，", "店"]),
                min_size=1, max_size=10).map("".join), st.data())
def test_listed_names_as_before(text: str, data: st.DataObject) -> None:
    spans = st.tuples(st.integers(0, len(text)), st.integers(1, 3)).map(
        lambda pair: (pair[0], min(len(text), pair[0] + pair[1])))
    names = data.draw(st.lists(spans, max_size=5))
    items = names + data.draw(st.lists(spans, max_size=5))
    for start, end in items:
        if start < end:
            c = Candidate(start, end, text[start:end], "organisation", 0.5, "ORG")
            assert listed_names(text, c, names, items) == reference_listed_names(
                text, c, names, items)


def test_listed_names_counts_a_list() -> None:
    text = "天猫、京东和拼多多"
    c = Candidate(3, 5, "京东", "organisation", 0.5, "ORG")
    assert listed_names(text, c, [(0, 2), (6, 9)], [(0, 2), (3, 5), (6, 9)]) == 2
