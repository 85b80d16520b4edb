"""Evidence for and against a new name: the rules :func:`extraction.extract` asks.

Each rule looks at a candidate (or a KB match) in its text and says whether something
agrees that it is a name (a list, brackets, an appositive, a known head, a short form
the story defines) or that it is no name (a lone model guess that cuts a dictionary
word, an ordinary or abstract noun, a sector description, a code, a demonstrative).
``extract`` assembles them; the rules themselves hold no state.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from .discover import (
    BODY_HEADS,
    LABEL_OF_KIND,
    MEASURED_BY_A_PLACE,
    OTHER,
    PERSON_ROLES,
    SURNAMES,
    TEAM_WORD,
    Candidate,
    dictionary_cut,
    dictionary_frequency,
    dictionary_tag,
    transliterated,
)
from .junk import (
    BODY_ENDINGS,
    COMMON_WORDS,
    PROPER_TAGS,
    SECTOR_WORDS,
    UNIT_SECTORS,
    is_junk,
    of_ordinary_words,
    of_sector_words,
    ordinary_word,
)
from .lac import Word
from .latin import TITLES, latin_term_reason
from .matcher import CONTEXT_ALIASES, Match
from .normalise import normalise_text

# LAC's Chinese "other proper nouns" in news are mostly brands and platforms (唯品会,
# 科创板, 天猫): offered as organisations for the editor to correct.
BRAND_KIND = "organisation"
# ... but LAC's guess alone (0.4) is as often a term of the trade (云计算, 注册制,
# 关联交易): a guessed brand needs something to agree (the dictionary, repetition,
# or a list it stands in whose neighbour is a name: 闲鱼、飞猪、优酷); one built of
# dictionary words only (无人驾驶汽车) needs the dictionary or a list.
BRAND_CONFIDENCE = 0.45
HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# One model's guess (LAC's person, place or organisation: 0.6) with nothing else agreeing.
SINGLE_GUESS_CONFIDENCE = 0.6
_CUT_WINDOW = 4  # characters of context either side: longer than most words


def lone_guess(c: Candidate) -> bool:
    """A Chinese span one model proposed and nothing else supports."""
    return (c.confidence <= SINGLE_GUESS_CONFIDENCE and len(c.evidence) == 1
            and bool(HAN_NAME.match(c.surface)))


def lac_alone(c: Candidate) -> bool:
    """A Chinese span only LAC proposed, however often the story repeats it: where it
    cuts a dictionary word (板门 of 板门店, 科索 of 科索沃, 金大 of 金大中) LAC made the
    same misreading each time, and the repetition adds nothing."""
    return (all(e.startswith(("lac:", "repeat:")) for e in c.evidence)
            and bool(HAN_NAME.match(c.surface)))


# Dictionary tags of words that are no nouns: adjectives, pronouns, verbs, adverbs,
# numerals and measure words, prepositions, conjunctions, particles, idioms, phrases,
# status words (葱翠, 干红), onomatopoeia (丁当) and distinguishing words (盛大, 大兴).
_NOT_NOUN_TAGS = tuple("arvdmqpcuilzob")


def no_surname(c: Candidate) -> bool:
    """重洋 as a person: a two-character Chinese name is a surname and a given name, and
    no surname starts this one; one model's guess misread an ordinary word. A foreign
    name written in transliteration's characters (迪亚, 卡尼) has no Chinese surname."""
    return (c.kind == "person" and len(c.surface) == 2 and c.surface[0] not in SURNAMES
            and not transliterated(c.surface))


# Suffixes that make an abstract noun of a word (维度, 可行性, 数字化, 覆盖率, 安全感,
# 竞争力, 新型): the degree, quality or kind of something, never a person, place or body.
ABSTRACT_SUFFIXES = frozenset("度性化率感力型")
# How often the dictionary must have seen the stem for it to be the language's word.
ABSTRACT_STEM_FREQUENCY = 20


def abstract_noun(c: Candidate) -> bool:
    """多维度, 透明度, 可行性: a word of the language and an abstract-noun suffix. One
    model's guess of this shape misread an ordinary noun; a person whose name starts
    with a surname (王国力) is left alone, as LAC's person guesses of that shape are
    names as often as not."""
    stem, suffix = c.surface[:-1], c.surface[-1:]
    if suffix not in ABSTRACT_SUFFIXES or len(stem) < 2:
        return False
    if c.kind == "person" and stem[0] in SURNAMES:
        return False
    return (dictionary_frequency(stem) >= ABSTRACT_STEM_FREQUENCY
            and dictionary_tag(stem) not in PROPER_TAGS)


# Evidence a Chinese "some proper noun" may rest on and still be a term of the language.
_TERM_EVIDENCE = frozenset({"lac:nz", "dict:nz"})


def dictionary_term(c: Candidate) -> bool:
    """英文, 欧元, 二战, 土家族, 苯乙烯: LAC's "some proper noun" that the dictionary also
    lists only as "some proper noun" is a term of the language (a language, currency,
    war, people, movement or substance), not a brand; a brand needs something else to
    agree (a list, a model's organisation) or a body's ending (新民晚报)."""
    return (c.label == "nz" and "dict:nz" in c.evidence
            and all(e in _TERM_EVIDENCE or e.startswith("repeat:") for e in c.evidence)
            and not c.surface.endswith(_NAME_ENDINGS))


# How the name of a faith, a sect or a doctrine ends (新教, 伊斯兰教, 天主教派, 原教旨主义).
_BELIEF_ENDINGS = ("教", "教派", "主义")


def names_a_belief(c: Candidate) -> bool:
    """新教, 伊斯兰教, 天主教派, 伊斯兰原教旨主义: a faith, sect or doctrine that LAC reads
    as an organisation is what people believe, not a body one can tag; of all the
    organisations MSRA and CLUENER train label, three end so (文教, 法塔赫主流派), while
    LAC's organisations ending so were non-names on both corpora's slices."""
    return c.kind == "organisation" and c.surface.endswith(_BELIEF_ENDINGS)


def no_noun(surface: str) -> bool:
    """正大 (adjective), 本州 (pronoun): the dictionary knows the word only as a part of
    speech no name takes, so one model's guess is a misreading of an ordinary word."""
    return dictionary_tag(surface).startswith(_NOT_NOUN_TAGS)


def shortened_body(c: Candidate) -> bool:
    """建行, 交行: an organisation of LAC's that ends in a body's last character (行 of a
    bank, 局, 委, 社 ...) is a body's short form, which the dictionary may tag as a verb
    (交行 v) though no verb ends so in LAC's reading: :func:`no_noun` does not judge it."""
    return c.kind == "organisation" and c.label == "ORG" and c.surface.endswith(BODY_ENDINGS)


def full_name(c: Candidate) -> bool:
    """关颖珊, 林皎明: a person of three Chinese characters that begins with a surname is
    a surname and a given name of two characters, the commonest shape of a Chinese name,
    whatever tag the dictionary gives the string (关颖珊 i, 林皎明 z): :func:`no_noun`
    does not judge it. Ordinary words that LAC misreads as persons are mostly of two
    characters (何止, 高见)."""
    return (c.kind == "person" and len(c.surface) == 3 and c.surface[0] in SURNAMES
            and bool(HAN_NAME.match(c.surface)))


# Characters that describe the noun after them (小村庄, 新图书馆, 古戏台, 老金融街): its
# size, age or time, as an adjective does; 大 is left out, as it begins as many names
# (大堡礁, 大兴安岭) as descriptions.
_DESCRIBING_PREFIXES = frozenset("小新老古旧")


def described_noun(surface: str) -> bool:
    """小村庄, 新图书馆, 古戏台, 新时代: a describing character, then a word the
    dictionary lists as an ordinary word; one model's lone guess of this shape names a
    kind of thing, not one thing."""
    return (len(surface) >= 3 and surface[0] in _DESCRIBING_PREFIXES
            and ordinary_word(surface[1:]))


def sector_description(surface: str) -> bool:
    """云管理, 云数据中心: a sector word, then an ordinary word of the language; a lone
    guess of this shape describes a business (a body's name ends like one: 科技日报)."""
    for sector in SECTOR_WORDS:
        rest = surface[len(sector):]
        if (surface.startswith(sector) and len(rest) >= 2 and not rest.endswith(BODY_ENDINGS)
                and dictionary_frequency(rest) > 0 and dictionary_tag(rest) not in PROPER_TAGS):
            return True
    return False


def _dictionary_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the dictionary's segmentation of ``text[start:end]`` and a few
    characters around it (jieba without its HMM: dictionary words only)."""
    offset = max(0, start - _CUT_WINDOW)
    spans = []
    for piece in dictionary_cut(text[offset : end + _CUT_WINDOW]):
        spans.append((offset, offset + len(piece)))
        offset += len(piece)
    return spans


# LAC's labels of common nouns (a proper noun is PER, LOC, ORG, nz or nw) ...
_COMMON_NOUN_LABELS = frozenset({"n", "vn", "an"})
# ... and the words that cut a known name where they cross its edge: common nouns and
# locatives (中|东部 of 中东部地区: the central and eastern parts, not 中东).
_CUTTING_LABELS = _COMMON_NOUN_LABELS | {"f"}
_PLACE = "place"


# Characters of an administrative unit a text writes after a place's name (奥斯汀市,
# 俄亥俄州): 区 is left out, a business's region as often (中国区总裁).
_ADMIN_UNITS = "市省州县"


def with_admin_unit(text: str, m: Match, words: Sequence[Word]) -> Match:
    """A known place, then the character of its administrative unit where LAC's word
    ends right after that character (得克萨斯奥斯汀市, 奥斯汀|市), is the place with its
    unit, one name (the labels' 奥斯汀市); the character that begins a word of its own
    (中国|市场) stays out."""
    if m.kind != _PLACE or text[m.end : m.end + 1] not in _ADMIN_UNITS or not any(
            w.start <= m.end and w.end == m.end + 1 for w in words):
        return m
    return m._replace(end=m.end + 1, surface=text[m.start : m.end + 1])


def place_as_a_measure(text: str, m: Match, words: Sequence[Word]) -> bool:
    """A known place right before a word it only qualifies, LAC's next word (美国|时间,
    亚洲|盘): a clock or a betting market, as the discoverer reads LAC's own places
    (see ``discover.MEASURED_BY_A_PLACE``); the KB's names are no different there."""
    if m.kind != _PLACE or not text.startswith(tuple(MEASURED_BY_A_PLACE), m.end):
        return False
    return any(w.start == m.end and text[w.start : w.end] in MEASURED_BY_A_PLACE
               for w in words)


def whole_words(text: str, matches: list[Match], words: Sequence[Word]) -> list[Match]:
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
        if {m.start, m.end} <= edges:
            if not (_read_as_no_noun(text, m, words, starts) or read_as_a_thing(text, m, words)):
                kept.append(m)
            continue
        if not edges.isdisjoint(range(m.start + 1, m.end)):
            if not _ends_in_a_common_noun(text, m, words, starts):
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


def _read_as_no_noun(text: str, m: Match, words: Sequence[Word], starts: Sequence[int]
                     ) -> bool:
    """A known name that is also an ordinary word, which LAC reads here as one word that
    is no noun (联想 in 让人联想起, 升腾 in 升腾起): the verb or adjective, not the name."""
    word = words[bisect_right(starts, m.start) - 1]
    if word.start != m.start or word.end != m.end or word.label not in _NOT_NOUN_LABELS:
        return False
    surface = text[m.start : m.end]
    if normalise_text(surface) in CONTEXT_ALIASES or not text.replace(surface, "", 1).strip():
        return False  # the matcher found it in its context: quoted, alone in a cell
    return dictionary_frequency(surface) > 0 and dictionary_tag(surface) not in PROPER_TAGS


# LAC's labels of nouns and of the names a place may modify (汉堡主场, 大理之旅).
_NOUN_LABELS = frozenset({"n", "nz", "nw", "vn", "an", "s", "f", "LOC", "ORG", "PER"})
# Words before a thing: a verb (爱吃), a count (一个), a noun describing it (鸡肉), 的;
# before a company or a brand only a count (一株红杉, 两个苹果): LAC calls brands common
# nouns where they are names (收购红帽, 科创板的 on the news tuning half).
_BEFORE_A_THING = frozenset({"v", "m", "q", "n", "u"})
_COUNT_LABELS = frozenset({"m", "q"})
_OF = "之"
_SCORE_OR_PAIRING = re.compile(r"[0-9A-Za-z０-９\-－:：]")
# LAC's labels of a person, place or organisation.
_NAME_LABELS = frozenset({"PER", "LOC", "ORG"})


def read_as_a_thing(text: str, m: Match, words: Sequence[Word]) -> bool:
    """A known name that LAC reads here as one common noun, in words that treat it as a
    thing (吃了一个汉堡, 鸡肉汉堡, 一株红杉): the food or the tree, not the city or the
    fund. Before a place: a verb, a count, a noun or 的; before other names only a count.
    After it nothing it modifies (汉堡主场, 大理之旅, 印尼队) nor a score or pairing
    (汉堡0比0, 汉堡vs): on MSRA and CLUENER train slices LAC's noun reading of a known
    place was a name (a city, a club, a scene) everywhere else (德国汉堡化验)."""
    if not words:
        return False
    index = bisect_right([w.start for w in words], m.start) - 1
    word = words[index]
    if (word.start, word.end) != (m.start, m.end) or word.label not in _COMMON_NOUN_LABELS:
        return False
    surface = text[m.start : m.end]
    if (normalise_text(surface) in CONTEXT_ALIASES or not text.replace(surface, "", 1).strip()
            or not dictionary_frequency(surface)):
        return False  # quoted or alone in a cell (the matcher's context), or no word
    before = _BEFORE_A_THING if m.kind == _PLACE else _COUNT_LABELS
    if index == 0 or words[index - 1].label not in before:
        return False
    if index + 1 >= len(words):
        return True
    after = words[index + 1]
    return not (after.label in _NOUN_LABELS or text[after.start : after.end] == _OF
                or _SCORE_OR_PAIRING.match(text, after.start))


def one_sense_per_story(texts: Sequence[str], found: Sequence[Sequence[Match]],
                        kept: Sequence[list[Match]], words: Sequence[Sequence[Word]]
                        ) -> list[list[Match]]:
    """A known name the story uses once as a thing (一株红杉, see :func:`read_as_a_thing`)
    is that thing wherever else the story writes it (红杉已经长到十二米), unless LAC reads
    that mention as a person, place or organisation: a story about a tree or a meal
    does not turn to the fund or the city in between."""
    things = {normalise_text(m.surface)
              for text, block, block_words in zip(texts, found, words, strict=True)
              for m in block if read_as_a_thing(text, m, block_words)}
    if not things:
        return list(kept)
    out = []
    for block, block_words in zip(kept, words, strict=True):
        labels = {(w.start, w.end): w.label for w in block_words}
        out.append([m for m in block if normalise_text(m.surface) not in things
                    or labels.get((m.start, m.end)) in _NAME_LABELS])
    return out


# A Han alias of this many characters or fewer is a piece of ordinary phrases as often as
# a name: its characters end and begin common words (强生 of 加强|生态, 力拓 of 努力|拓宽,
# 理光 of 总理|光辉), so something must say it is a name there (see :func:`short_alias_stands`).
SHORT_ALIAS = 2
# LAC's labels of a proper noun that may begin with a short alias (台达电, 清华实验室).
_PROPER_LABELS = _NAME_LABELS | {"nz", "nw"}
_HAN_ALIAS = re.compile(r"^[\u4e00-\u9fff]+$")


def short_alias(m: Match) -> bool:
    """A Han alias of at most :data:`SHORT_ALIAS` characters that shortens the entity's
    longer name (强生 of 强生公司, 工行 of 中国工商银行): a name written in full so short
    (开罗, 高盛) is what the world calls it, and LAC misreads it now and then (开|罗晴)."""
    surface = normalise_text(m.surface)
    return (len(surface) <= SHORT_ALIAS and _HAN_ALIAS.match(surface) is not None
            and len(normalise_text(m.name)) > len(surface))


def short_alias_stands(text: str, m: Match, words: Sequence[Word],
                       known: Sequence[Match] = ()) -> bool:
    """A short alias is a name where LAC's words agree with it: no word edge falls inside
    it, and the word holding it begins where it begins and is the alias, a proper noun
    that begins with it (台达电, 清华实验室) or goes on with an organisation's ending
    (台达集团), or the word is made of ``known`` names back to back (美国|湾区: LAC joins
    a name to its neighbour now and then); and no word of the dictionary's begins before it and
    runs into it. 强生 of 加强|生态 (an edge inside), 银联 of 银联卡 (inside a common noun)
    and 富力 of 年富力强 (an idiom LAC cut) are pieces of other words."""
    if not words:
        return True
    word = words[bisect_right([w.start for w in words], m.start) - 1]
    if word.end < m.end:
        return False  # an edge inside the alias
    if not _tiled(word, known) and (word.start != m.start or not (
            word.end == m.end or word.label in _PROPER_LABELS
            or text.startswith(_ORGANISATION_ENDINGS, m.end))):
        return False
    # The dictionary's tags say little here (it tags 年富力强 nr): its word is enough.
    return not any(s < m.start < e for s, e in _dictionary_words(text, m.start, m.end))


def _tiled(word: Word, known: Sequence[Match]) -> bool:
    """``word`` is ``known`` names back to back."""
    ends = {k.start: k.end for k in known}
    at = word.start
    while at in ends and at < word.end:
        at = ends[at]
    return at == word.end


def short_aliases_standing(texts: Sequence[str], kept: Sequence[list[Match]],
                           words: Sequence[Sequence[Word]]) -> list[list[Match]]:
    """KB matches without the short aliases (:func:`short_alias`) of an entity that the
    story names nowhere as a name: by a longer name of it, or by a short alias where
    :func:`short_alias_stands`. Where the story names the entity so, LAC's misreading of
    another mention (于强生 read as one word) says nothing."""
    named = {m.entity_key
             for text, block, block_words in zip(texts, kept, words, strict=True)
             for m in block if not short_alias(m)
             or short_alias_stands(text, m, block_words, block)}
    return [[m for m in block if m.entity_key in named] for block in kept]


def _ends_in_a_common_noun(text: str, m: Match, words: Sequence[Word],
                           starts: Sequence[int]) -> bool:
    """A KB match whose edge falls inside a common noun both segmenters see there is a
    piece of that noun: 交通运输部|门 is 交通运输 + 部门 (departments), 北京大|学生 is
    北京 + 大学生. Where LAC splits the name itself its reading of the name says
    nothing (英伟|达成), but a word across the edge that LAC calls a common noun and the
    dictionary cuts the same way (部门, n; 智慧 of 智慧|与, which the dictionary tags as a
    given name) is the text's own word, not a misreading."""
    cut = _dictionary_words(text, m.start, m.end)
    dictionary = set(cut)
    crossed = 0
    for edge in (m.start, m.end):
        word = words[bisect_right(starts, edge) - 1]
        if not word.start < edge < word.end:
            continue
        tag = dictionary_tag(text[word.start : word.end])
        shared = (word.start, word.end) in dictionary and (tag not in PROPER_TAGS or (
            tag in _PERSON_TAGS and word.label in _COMMON_NOUN_LABELS))
        if word.label in _CUTTING_LABELS and (shared or (
                text[word.start : word.end] not in PERSON_ROLES and _one_ordinary_noun(
                    text, cut, min(word.start, m.start), max(word.end, m.end)))):
            return True
        crossed += shared and word.label not in _NAME_LABELS
    # 中国 of 其中|国家级: both edges inside words the two segmenters share, of whatever
    # part of speech, leave the name no character of its own to begin or end on.
    return crossed == 2


def _one_ordinary_noun(text: str, cut: Sequence[tuple[int, int]], start: int,
                       end: int) -> bool:
    """财政部门, 教育部门: the dictionary reads the name and LAC's noun across its edge
    (财政|部门) as one ordinary noun of its own, so the two segmenters agree that the
    edge is inside a word (the dictionary's longer words that are names, 中国政府 nt,
    福特汽车公司 nt, are not ordinary nouns). A post after a body (外交部长) is asked
    about by the caller: MSRA labels the body in it as often as not."""
    return (start, end) in cut and dictionary_tag(text[start:end]) in _COMMON_NOUN_TAGS


# The dictionary's tags of common nouns (its proper nouns are nr, ns, nt, nz, j) ...
_COMMON_NOUN_TAGS = frozenset({"n", "vn"})
# ... and of persons, which it gives many common nouns as well (智慧, 道德, 金丝燕: words
# that are also given names): where LAC reads the word as a common noun, it is one.
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})


def cuts_a_word(text: str, c: Candidate) -> bool:
    """A lone guess whose edge falls inside a word of the dictionary's segmentation of
    the words around it (线下|渠道 read as 下渠道, 远赴重洋 as 重洋): LAC cut the text
    where the dictionary sees no boundary, and nothing else says it is a name."""
    edges = {e for span in _dictionary_words(text, c.start, c.end) for e in span}
    if c.start not in edges or c.end not in edges:
        return True
    # The dictionary's greedy cut may hide the other reading (线|上线|下|渠道): an edge
    # character that makes a word with its neighbour outside, the rest a word too.
    inside = c.end - c.start
    return inside >= 3 and (
        (c.start > 0 and _ordinary(text[c.start - 1 : c.start + 1])
         and dictionary_frequency(text[c.start + 1 : c.end]) > 0)
        or (_ordinary(text[c.end - 1 : c.end + 1])
            and dictionary_frequency(text[c.start : c.end - 1]) > 0))


# A short term in quotation marks: a slogan, a project, a name (“东数西算”, “北上广深”).
_QUOTED_TERM = re.compile(r"[“‘「『\"]([\u4e00-\u9fff]{3,8})[”’」』\"]")
_QUOTE_REACH = 9  # characters a quoted term reaches beyond a span inside it


def piece_of_a_quoted_term(text: str, c: Candidate) -> bool:
    """A lone guess that is part of a short quoted term, not all of it (东数 of “东数西算”,
    广深 of “北上广深”, 北粮南 of “北粮南调”, 光耀 of “光耀东方广场”): the quotes mark the
    term as one unit, and the guess cut a piece of it. A name that opens the quotes and
    ordinary words after it (“银联手机支付”) is a name and its description, and persons
    are left alone (the guess names a person in a quoted case, “杨佳袭警案”). On twelve
    MSRA and CLUENER train slices of 2,000 sentences: 6 non-names and 6 wrong spans for
    one name (三晋 of a quoted slogan); none on the news tuning half."""
    if c.kind == "person":
        return False
    for quote in _QUOTED_TERM.finditer(text, max(0, c.start - _QUOTE_REACH),
                                       c.end + _QUOTE_REACH):
        start, end = quote.span(1)
        if start <= c.start and c.end <= end and (c.start, c.end) != (start, end):
            rest = text[c.end : end]
            return not (c.start == start and len(rest) >= 2
                        and of_ordinary_words(rest, shortest=2))
    return False


# A short stretch in quotation marks anywhere in a story (“云启”, “米帅”).
_QUOTED = re.compile(r"[“‘「『\"]([^“”‘’「」『』\"\n]{2,12})[”’」』\"]")


def quoted_terms(texts: Sequence[str]) -> frozenset[str]:
    """What a story writes in quotation marks, normalised: a word it marks as a term,
    a nickname, a product or a slogan."""
    return frozenset(normalise_text(found.group(1).strip())
                     for text in texts if any(q in text for q in "“‘「『\"")
                     for found in _QUOTED.finditer(text))


def quoted_person(c: Candidate, quoted: frozenset[str]) -> bool:
    """A person only LAC reads (once or repeated) whom the story also writes whole in
    quotation marks is a term LAC took for a given name: a programme (“云启”计划), a
    product (“库美斯”面料), a ship class (“阿利伯克”级), a nickname (“米帅”), a slogan
    (“何也”); a person's name is written plain. Dropped on MSRA train [32000:38000] and
    CLUENER train [0:6000]: 6 non-names and 5 wrong spans (“姚仙”, “大鲁迅”), while one
    quoted person (“李庄”, twice) is still found, as a place; on the confirming slices
    MSRA [38000:41000] and CLUENER [6000:9000]: 7 non-names, 4 wrong spans and one
    name (“李五成”, written on a note)."""
    return (c.kind == "person" and lac_alone(c)
            and normalise_text(c.surface.strip()) in quoted)


# What a person's name goes on with when it names a thing after them: a ship or a model
# (“斯托特”号, 阿丽亚娜4型), not a verb (号召, 号称).
# A date (李明3号抵达) is no model: digits before 号 only after a closing quotation mark.
_NAMED_AFTER = re.compile(
    r"(?:[”’」』\"][\d０-９一二三四五六七八九十]*[号型]|[\d０-９一二三四五六七八九十]*型|号)(?![召称令])")
_CLOSING_QUOTES = "”’」』\""
_OPENING_QUOTES = "“‘「『\""
_THING_LABELS = frozenset({"n", "nz"})


def named_after_a_person(text: str, c: Candidate, words: Sequence[Word]) -> str:
    """What a person's name names instead of the person ("" when it is the person): a
    ship's or a model's 号/型 after it makes it that craft, a product (“斯托特”号驱逐舰,
    “卡西尼”号飞船, 阿丽亚娜4型火箭: MSRA labels such craft, never as persons); written
    whole in quotation marks right before a noun of its kind it names a storm or a
    weapon (“布拉斯”热带风暴, “伊斯坎德尔”导弹), no name to tag."""
    if c.kind != "person":
        return ""
    if _NAMED_AFTER.match(text, c.end):
        return "product"
    if not (c.start and text[c.start - 1] in _OPENING_QUOTES
            and text[c.end : c.end + 1] in _CLOSING_QUOTES):
        return ""
    after = next((w for w in words if w.start == c.end + 1), None)
    return OTHER if after is not None and after.label in _THING_LABELS else ""


def _ordinary(word: str) -> bool:
    return (len(word) == 2 and dictionary_frequency(word) >= 20
            and dictionary_tag(word) not in PROPER_TAGS)


# Strings of the text that are codes, not words: stock tickers (ZRVX.US, 00789.HK,
# 纳斯达克：ZRVX), web addresses, e-mail addresses, query strings, identifiers of program
# code (MAX_SIZE), file names and site licence numbers (京ICP备...). A name found inside
# one (US of ZRVX.US, a brand of its web address) is a piece of the code.
_MARKETS = "US|HK|SH|SZ|SS|BJ|N|O|OQ|TW|TWO|T|L|KS|KQ|SI|AX|TO|DE|PA|F"
_CODES = re.compile(
    rf"(?<![A-Za-z0-9.])[A-Z0-9]{{1,6}}\.(?:{_MARKETS})(?![A-Za-z0-9])"
    r"|(?:NASDAQ|Nasdaq|NYSE|HKEX|SEHK|纳斯达克|纽交所|港交所|股票代码|证券代码)"
    r"(?:为|是)?\s?[：:]?\s?(?P<ticker>[A-Z]{1,5}|\d{4,6})(?![A-Za-z0-9])"
    r"|(?:https?://|www\.)[!-~]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
    r"|[A-Za-z0-9_]+=[!-~]*&[!-~]+"
    r"|[A-Za-z0-9]+_[A-Za-z0-9_]+"
    r"|[A-Za-z0-9\-]+\.(?:pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|mp[34]|zip|rar|apk|exe|html?)"
    r"(?![A-Za-z0-9])"
    r"|[\u4e00-\u9fff]?(?:ICP|公网安)[备证][\d\-]*号?"
    r"|(?<![A-Za-z0-9])[A-Za-z]{0,5}\d{7,}(?![0-9])"  # phone numbers (tel18512345678)
)
_CODE_HINT = re.compile(r"[A-Z0-9]\.[A-Z]|[:：/@=_]|www\.|ICP|公网安|\.[a-z]{3}|\d{7}")


def code_spans(text: str) -> list[tuple[int, int]]:
    if not _CODE_HINT.search(text):
        return []
    spans = []
    for code in _CODES.finditer(text):
        group = "ticker" if code.group("ticker") else 0
        spans.append((code.start(group), code.end(group)))
    return spans


# A number, with the magnitude or the "more than" an amount takes (80亿, 617万, 3个多):
# a person read right after one is a unit or a currency (39 吉兹, 80亿雷亚尔, 3个多卢比).
_AFTER_NUMBER = re.compile(r"\d(?:[\d.,·]*[十百千万亿]+|个?[多余])?\s?$")
# A name takes no demonstrative: 这家网约车公司, 该平台 describe something named elsewhere
# (a count does the same for ordinary words: see :func:`.junk.no_name_here`).
_DEMONSTRATIVES = ("这家", "那家", "这个", "那个", "这些", "那些", "该")


def context_says_no_name(text: str, start: int, kind: str) -> bool:
    """What precedes a span makes it no name: a person right after a number or an
    amount is a unit or a currency (39 吉兹, 80亿雷亚尔); a demonstrative makes a
    description (这家网约车公司)."""
    before = text[:start]
    if kind == "person" and _AFTER_NUMBER.search(before):
        return True
    return before.endswith(_DEMONSTRATIVES) and not before.endswith("应该")


# How a text uses a word as a currency: its exchange rate or parity written right after
# it (第纳尔汇率, 卢比对美元的比价, 林吉特兑美元; a currency ending in 元 or 币 the other
# side: 兑, 对 ... 的汇率), or the word "currency" right before it (货币比尔); read in the
# raw text, traditional characters too, as the candidates' surfaces are.
_AS_CURRENCY = re.compile(
    r"\s*(?:的?(?:[汇匯]率|比[价價])|[兑兌](?:换|換)?\s*[\u4e00-\u9fff]{0,4}[元币幣]"
    r"|[对對]\s*[\u4e00-\u9fff]{0,4}[元币幣]的?(?:[汇匯]率|比[价價]|[贬貶]值|升值))")
_CURRENCY_BEFORE = re.compile("[货貨][币幣]")
# ... or an amount right before it (80亿雷亚尔), which already makes that one mention no
# person (see :func:`context_says_no_name`).
_AMOUNT = re.compile(_AFTER_NUMBER.pattern.removesuffix("$"))


def currencies(texts: Sequence[str], surfaces: Iterable[str]) -> frozenset[str]:
    """Of ``surfaces`` (as the text writes them), those the story uses as a currency or
    unit somewhere (see ``_AS_CURRENCY`` and ``_AMOUNT``): it is that throughout the story,
    though LAC reads it as a person (第纳尔, 林吉特, 雷亚尔, 比尔 of Ethiopia) wherever
    nothing around it says money. A person is seldom followed by an exchange rate."""
    wanted = {s for s in surfaces if len(s) >= 2}
    if not wanted:
        return frozenset()
    found = set()
    for text in texts:
        ends = [m.start() for m in _AS_CURRENCY.finditer(text)]
        starts = [m.end() for m in _CURRENCY_BEFORE.finditer(text)]
        starts += [m.end() for m in _AMOUNT.finditer(text)]
        if not ends and not starts:
            continue
        for surface in wanted:
            if any(text.endswith(surface, 0, end) for end in ends) or any(
                    text.startswith(surface, start) for start in starts):
                found.add(surface)
    return frozenset(found)


def latin_name_evidence(text: str, c: Candidate, names: Sequence[tuple[int, int]]) -> bool:
    """A capitalised Latin word LAC calls a proper noun (Tinder, TMSC) is a name when the
    story repeats it, lists it beside a name, or pairs it in brackets with a name
    (台积电（TMSC）); one mention alone is as likely an English word (Cloud, All). An
    acronym needs the list or the brackets: repeated, it is as often a standard (LTE)."""
    if c.surface.lower() in COMMON_WORDS or in_latin_phrase(text, c.start, c.end):
        return False
    if "list" in c.evidence:
        return True
    if any(e.startswith("repeat:") for e in c.evidence) and not ACRONYM.match(c.surface):
        return True  # acronyms are as often standards and technologies (LTE, NFC)
    return bracketed_with_name(text, c, names)


# Words that join two items of one coordination (天猫、京东, Tinder 或者 Bumble), the
# longer first where one begins another.
_COORDINATORS = ("以及", "或者", "、", "和", "与", "及", "或")


def coordinated(text: str, c: Candidate, items: Sequence[tuple[int, int]]) -> bool:
    """A coordinator joins ``c`` to one of ``items`` (names or candidates) right before or
    after it, spaces aside: 速卖通、Lazada, Tinder 或者 Bumble."""
    before = text[: c.start].rstrip(" ")
    joiner = next((j for j in _COORDINATORS if before.endswith(j)), "")
    if joiner and len(before[: -len(joiner)].rstrip(" ")) in {end for _, end in items}:
        return True
    after = text[c.end :].lstrip(" ")
    joiner = next((j for j in _COORDINATORS if after.startswith(j)), "")
    rest = after[len(joiner) :].lstrip(" ")
    return bool(joiner) and len(text) - len(rest) in {start for start, _ in items}


def coordinated_latin_name(text: str, c: Candidate, items: Sequence[tuple[int, int]]) -> bool:
    """A capitalised Latin word with small letters (Lazada, Bumble, Vodafone-Idea) standing
    in Chinese text and coordinated with a name or another candidate is a name: items of
    one coordination share a type, and an English word is rarely joined to a name so.
    Acronyms are left out (coordinated, they are as often standards and games' initials:
    DOTA和WAR3 in CLUENER train added three non-names for eleven names), and so are the
    beat's terms (:func:`.latin.latin_term_reason`)."""
    surface = c.surface
    return (any(ch.islower() for ch in surface) and surface.lower() not in COMMON_WORDS
            and not latin_term_reason(surface) and not in_latin_phrase(text, c.start, c.end)
            and coordinated(text, c, items))


# Posts and staff of an organisation, written right after its name (宽带通客服,
# 某某党主席, 北京商报记者), and their deputies (副总裁).
_ORGANISATION_POSTS = ("记者", "发言人", "创始人", "联合创始人", "合伙人", "高管", "总裁",
                       "董事长", "总经理", "主席", "总监", "行长", "社长", "会长", "首席执行官",
                       "CEO", "客服", "员工", "负责人")
_POSTS_AFTER = (*_ORGANISATION_POSTS, *(f"副{post}" for post in _ORGANISATION_POSTS))
POST_CONFIDENCE = 0.6


def holds_a_post(text: str, c: Candidate) -> bool:
    """An organisation's post or staff follows the span (宽带通客服人员, 宽带通副总裁):
    the span is whose they are, an organisation; evidence as good as a model's guess
    for a Chinese proper noun LAC leaves open."""
    return text.startswith(_POSTS_AFTER, c.end)


def bracketed_with_name(text: str, c: Candidate, names: Sequence[tuple[int, int]]) -> bool:
    """台积电（TMSC）, TMSC（台积电）: a name and its other spelling in brackets."""
    inside = text[c.start - 1 : c.start] in ("（", "(") and text[c.end : c.end + 1] in ("）", ")")
    if inside:
        return any(end == c.start - 1 for _, end in names)
    return text[c.end : c.end + 1] in ("（", "(") and any(
        start == c.end + 1 and text[end : end + 1] in ("）", ")") for start, end in names)


# Nouns of a kind of organisation, person or product written right before the name they
# introduce (初创企业Nuro, 软件厂商ManageIQ, 分析师Tom Keller, 约会应用Hater): the way
# Chinese news presents a foreign name, by what it is.
_APPOSITIVE_HEADS: dict[str, tuple[str, ...]] = {
    "organisation": ("公司", "企业", "厂商", "集团", "机构", "银行", "基金", "交易所", "运营商",
                     "制造商", "供应商", "零售商", "服务商", "开发商", "品牌", "媒体", "网站",
                     "独角兽", "车企", "药企", "电商", "创企"),
    "person": PERSON_ROLES,
    "product": ("应用", "软件", "游戏", "平台", "系统", "手机", "芯片", "车型", "机型",
                "产品", "服务"),
}
APPOSITIVE_CONFIDENCE = 0.6


def appositive_kind(text: str, start: int) -> str:
    """The kind a noun right before ``start`` gives the name after it ("" for none); an
    English title before it (CEO Rene Haas, Founder Jay Chen) makes a person."""
    before = text[max(0, start - 4) : start]
    for kind, heads in _APPOSITIVE_HEADS.items():
        if before.endswith(heads):
            return kind
    title = _LATIN_TITLE_BEFORE.search(text, max(0, start - 16), start)
    return "person" if title and title.group(1).lower() in TITLES else ""


# The Latin word right before a span, past one space (CEO Rene Haas).
_LATIN_TITLE_BEFORE = re.compile(r"(?<![A-Za-z])([A-Za-z][A-Za-z\-]*) ?$")


_LATIN_SPAN = re.compile(r"^[A-Za-z][A-Za-z.&'\- ]*$")
# Kinds a bracketed Latin spelling takes from the name it spells.
_GLOSS_KINDS = frozenset({"person", "organisation", "place"})


def glossed_kind(text: str, c: Candidate, kind_by_end: Mapping[int, str]) -> str:
    """罗睿兰（Ginni Rometty）, 吉姆(Jim Whitehurst), 台积电（TSMC）: a Latin spelling in
    brackets right after a name is that name's other spelling, so it is what the name is
    (a person, an organisation, a place), whatever LAC guessed of the foreign words
    ("" when no such name comes before)."""
    if not _LATIN_SPAN.match(c.surface):
        return ""
    opening = len(text[: c.start].rstrip(" ")) - 1
    closing = text[c.end :].lstrip(" ")[:1]
    if opening < 1 or text[opening] not in "（(" or closing not in ("）", ")"):
        return ""
    kind = kind_by_end.get(len(text[:opening].rstrip(" ")), "")
    return kind if kind in _GLOSS_KINDS else ""


def in_latin_phrase(text: str, start: int, end: int) -> bool:
    """The word has Latin words beside it (All in, an English quote): a phrase, not a
    name standing in Chinese text."""
    before = text[:start].rstrip(" ")
    after = text[end:].lstrip(" ")
    return bool(before[-1:].isascii() and before[-1:].isalpha()) or bool(
        after[:1].isascii() and after[:1].isalpha())


def glosses_a_term(text: str, c: Candidate, names: Sequence[tuple[int, int]]) -> bool:
    """``c`` is a bracketed translation of the words before it, which are no name:
    大数据（Big Data）. A gloss shares the nameness of what it glosses."""
    opening = len(text[: c.start].rstrip(" ")) - 1  # 高血压（ Hypertension ）
    closing = text[c.end :].lstrip(" ")[:1]
    if opening < 1 or text[opening] not in "（(" or closing not in ("）", ")"):
        return False
    return not any(end == opening for _, end in names)


_LIST_SEPARATORS = "、"
_JOINERS = "、和及与"
# Items of one list share a type: standing next to a name is evidence of its own, as
# strong as a model's guess (LAC's ORG + the list reach 0.8, enough for a frequent
# word such as 平安 in 美团、平安、万达).
LIST_WEIGHT = 0.5


# Two names or more in the 、-list a candidate stands in (云度汽车、长江汽车、前途汽车、
# 合众新能源) make it as sure as two models agreeing: items of a list share a type, and a
# brand made of ordinary words (前途汽车) is still a brand there.
LISTED_NAMES = 2
LIST_OF_NAMES_WEIGHT = 0.5


def listed_names(text: str, c: Candidate, names: Sequence[tuple[int, int]],
                 items: Sequence[tuple[int, int]] = ()) -> int:
    """How many names ``c`` is listed with, in a 、-list (0: none, or no such list): items
    of a list share a type, so 速卖通 in 天猫、速卖通、Lazada is vouched for by 天猫 two items away.
    The list runs over ``items`` (names and candidates) joined by a separator; its last
    item may come after 和, 及 or 与 (天猫、京东和拼多多), a pair joined only so is no list."""
    if not ((c.start > 0 and text[c.start - 1] in _JOINERS)
            or (c.end < len(text) and text[c.end] in _JOINERS)):
        return 0  # nothing joins it to a neighbour (most candidates)
    by_start = {start: end for start, end in items}
    by_end = {end: start for start, end in items}
    for start, end in names:
        by_start.setdefault(start, end)
        by_end.setdefault(end, start)
    named = set(names)
    chain: list[tuple[int, int]] = []
    listed = False  # a 、 joins two of the items
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


# A model name that starts with one known name and goes on is a unit, brand or body
# of its own (360金融, 京东金融, 北京商报, 美国司法部) unless what follows is a
# common noun the text added (华为公司, 腾讯AI, 苹果手机, 清华系AI公司).
WIDER_KINDS = frozenset({"organisation", "place"})
_ADDED_NOUNS = (
    "公司", "集团公司", "手机", "官方", "方面", "中国", "中国区", "旗下", "ai", "系统", "平台",
    "股份", "股价", "市场", "财报", "员工", "团队", "用户", "高管", "内部", "总部",
)
WIDER_CONFIDENCE = 0.6
# How a registered company's full name ends (华为技术有限公司, 某某股份有限公司): the name
# itself, not a common noun the text added.
REGISTERED_FORMS = ("有限公司", "有限责任公司", "股份公司")
# Kinds of known names a unit or product can be named after (天猫国际, 360淘金).
_BRAND_HEAD_KINDS = frozenset({"organisation", "product"})


def wider_names(
    text: str, candidates: Sequence[Candidate], matches: Sequence[Match],
    words: Sequence[Word] = (),
) -> list[tuple[Candidate, list[Match]]]:
    """Model names that take over the one known name they start with (see _ADDED_NOUNS).

    A name LAC tagged as an organisation or place needs WIDER_CONFIDENCE; its
    "other proper noun" (0.4) is enough when the span is one word of LAC's that
    starts with the known name (天猫国际, 360淘金): the known head is the evidence.
    """
    wider: list[tuple[Candidate, list[Match]]] = []
    for c in candidates:
        if person_over_a_name(c, matches, words):
            wider.append((c, [m for m in matches if c.start <= m.start and m.end <= c.end]))
            continue
        extends_brand = c.label == "nz"
        if not extends_brand and (c.kind not in WIDER_KINDS
                                  or c.confidence < WIDER_CONFIDENCE):
            continue
        inner = [m for m in matches if c.start < m.end and m.start < c.end]
        if (inner and not extends_brand and c.kind == "organisation"
                and all(c.start <= m.start and m.end <= c.end for m in inner)
                and (c.start, c.end) not in {(m.start, m.end) for m in inner}
                and (c.surface.endswith(REGISTERED_FORMS) or _places_then_body(text, c, inner))):
            # 合肥晶弘电器有限公司, 福州三六零融资担保有限公司: a registered name is one
            # name with the places and brands inside it (its group, if known, first).
            wider.append((c, sorted(inner, key=lambda m: m.kind != "organisation")))
            continue
        if len(inner) != 1:
            continue
        (m,) = inner
        if listed_whole(text, c, m):
            wider.append((c, inner))
            continue
        if _directed_place(text, c, m):
            wider.append((c, inner))
            continue
        if extends_brand and m.kind not in _BRAND_HEAD_KINDS:
            continue
        rest = normalise_text(text[m.end : c.end]).strip()
        if m.start != c.start or m.end >= c.end or not rest or rest.endswith(_ADDED_NOUNS):
            continue
        if fields_a_team(c, m, rest):
            wider.append((c, inner))
            continue
        if any(ch.isdigit() for ch in rest) and not (extends_brand and _MODEL_CODE.search(rest)):
            continue  # 天猫双11: a name and an event, not one name (广汽传祺GS4 is a model)
        if len(rest) == 1 and rest not in _ONE_CHARACTER_ENDINGS:
            continue  # 苹果会: the name and a verb
        if extends_brand:
            if dictionary_tag(rest)[:1] not in ("", "n", "s"):
                continue  # 特斯拉独资: the brand and what it does, not a unit of it
        elif ("unit" not in c.evidence
              and not ("sector" in c.evidence and m.kind == "organisation")
              and (is_junk(rest, 0.0) or of_sector_words(rest))
              and rest not in UNIT_SECTORS and not rest.endswith(_NAME_ENDINGS)):
            # 苹果会, 台积电支付, 鹏博士董事会: the name and the next word; 中国 +
            # 新能源汽车: a place and the industries it has, no unit of it; a known
            # organisation's line of business (苏宁消费金融: see sector_names) is one
            continue
        wider.append((c, inner))
    return wider


def person_over_a_name(c: Candidate, matches: Sequence[Match], words: Sequence[Word]) -> bool:
    """柳大华, 许银川, 罗马里奥: a person LAC reads whole, longer than the known place or
    body inside it and crossing no other known name, is that person; the place or brand
    is a piece of the name (大华, 银川, 罗马), not a mention. A known body or brand that
    begins the span is the person's company (苹果库克), not a piece of the name; a known
    person that begins it is a piece of another person's name (see
    :func:`_given_name_goes_on`)."""
    if c.kind != "person" or not any(
            w.start == c.start and w.end == c.end and w.label == "PER" for w in words):
        return False  # 向虎|嗅: a span grown past LAC's word is no reading of LAC's
    inner = [m for m in matches if c.start < m.end and m.start < c.end]
    return bool(inner) and all(
        c.start <= m.start and m.end <= c.end and m.end - m.start < c.end - c.start
        and (m.kind == _PLACE or (m.kind in _BRAND_HEAD_KINDS and m.start > c.start)
             or _given_name_goes_on(c, m))
        for m in inner)


def _given_name_goes_on(c: Candidate, m: Match) -> bool:
    """王兴|兴, 莫迪|凯: a known person that LAC reads as the start of a longer person is
    another person whose name goes on (王兴兴, not 王兴; 莫迪凯, not 莫迪). LAC reads a
    known person before a verb alone (王兴说), so the longer word is a name, not a
    person and the next word."""
    return (m.kind == "person" and m.start == c.start and m.end < c.end
            and bool(HAN_NAME.match(c.surface)))


# What LAC and the dictionary must both read a span as for a known name inside it to be
# part of it (see listed_whole).
_LISTED_BODY = frozenset({"dict:nt", "dict:nz"})
# ... except a place's government, which the labels leave the place (英国政府), and its
# people (希腊人).
_NOT_WHOLE_ENDINGS = ("政府", "人")


def listed_whole(text: str, c: Candidate, m: Match) -> bool:
    """中国银联, 国际米兰, 中国共产党: where LAC reads one organisation and the dictionary
    lists the same span as a body or proper noun, the known name inside it (中国, 米兰)
    is part of that name: two sources agree on the whole, none on the piece alone. A known
    name and a common noun the text added (福特汽车 + 公司: see _ADDED_NOUNS) stay the
    name."""
    surface = normalise_text(text[c.start : c.end])
    return (c.kind == "organisation" and "lac:ORG" in c.evidence
            and not _LISTED_BODY.isdisjoint(c.evidence)
            and c.start <= m.start and m.end <= c.end and (m.start, m.end) != (c.start, c.end)
            and not surface.endswith(_NOT_WHOLE_ENDINGS)
            and not (m.start == c.start and surface.endswith(_ADDED_NOUNS)))


# What a team named by its place or club ends with (中国队, 中国女队, 北京国安队): no
# count (福建四队 are four teams) and no army (美国军队, 部队: MSRA labels the place alone).
_TEAM = re.compile(r"^[^\d一二三四五六七八九十两]*(?<![军部])队$")
_ARMIES = ("军队", "部队")
_TEAM_HEADS = frozenset({"place", "organisation"})


def fields_a_team(c: Candidate, m: Match, rest: str) -> bool:
    """中国队, 北京国安队, 中国女排, 以色列内阁: an organisation LAC reads whole, a known
    place or club and a word for its team or one of the bodies the discoverer reads a
    place before as an organisation (``discover.TEAM_WORD``), is that organisation (MSRA
    train labels 中国队 alone 247 times), not the place and a common noun, as 华为 + 团队
    is."""
    return c.kind == "organisation" and m.kind in _TEAM_HEADS and (
        bool(_TEAM.match(rest)) or (bool(TEAM_WORD.match(rest)) and not rest.endswith(_ARMIES)))


# Compass points that begin the name of a part of a place (北弗吉尼亚州, 南加州).
_COMPASS = frozenset("东南西北")


def _directed_place(text: str, c: Candidate, m: Match) -> bool:
    """北弗吉尼亚州: a place LAC reads as one word, a compass point and then a known
    place, is the name of that part of it, not a direction before the place."""
    return (c.kind == m.kind == _PLACE and c.label == "LOC" and m.end == c.end
            and m.start == c.start + 1 and text[c.start] in _COMPASS)


# A model code at the end of a brand's product (传祺GS4, SU7): letters, then digits.
_MODEL_CODE = re.compile(r"[A-Za-z]{1,3}\d+[A-Za-z]{0,2}$")


# A short form defined in brackets after a name: 某某科技有限公司（以下简称“某某科技”）.
_SHORT_FORM = re.compile(
    r"[（(](?:以下|下文)?(?:简称|下称)为?[：:]?(?:[“\"「『](?P<name>[^”\"」』（）()，。、]{2,12})"
    r"[”\"」』]|(?P<bare>[^”\"」』“「『（）()，。、：:]{2,12}))[）)，,；;]")
# How the words before the brackets end when they name an organisation (有限合伙 closes
# a partnership's name in brackets of its own).
_ORGANISATION_ENDINGS = ("公司", "集团", "合伙）", "合伙)", "银行", "基金", "中心", "协会",
                         "委员会", "研究院", "大学", "交易所")
SHORT_FORM_CONFIDENCE = 0.8


def short_forms(text: str, matches: Sequence[Match], candidates: Sequence[Candidate]
                 ) -> list[Candidate]:
    """The short form a story defines for a name (以下简称“奇步”) names the same thing,
    whatever LAC made of it: a candidate of that name's kind, which the story's later
    uses repeat. A short form the KB knows stays the KB's."""
    if "称" not in text:
        return []
    named = {m.end: m.kind for m in matches}
    named.update({c.end: c.kind for c in candidates
                  if c.kind != OTHER and c.confidence >= BRAND_CONFIDENCE})
    known = {(m.start, m.end) for m in matches}
    found = []
    for definition in _SHORT_FORM.finditer(text):
        group = "name" if definition.group("name") else "bare"
        start, end = definition.span(group)
        before = text[: definition.start()]
        kind = named.get(definition.start()) or (
            "organisation" if before.endswith(_ORGANISATION_ENDINGS) else "")
        if not kind or kind == "place" or (start, end) in known:
            continue
        found.append(Candidate(start, end, text[start:end], kind, SHORT_FORM_CONFIDENCE,
                               LABEL_OF_KIND.get(kind, "nz"), ("short-form",)))
    return found


# A place or 集团 in brackets, then a registered form, after a company's name:
# 腾讯科技（深圳）有限公司, 某某电子（集团）股份有限公司.
_REGISTERED_TAIL = re.compile(
    r"[（(][\u4e00-\u9fff]{2,6}[）)](?:股份|控股)?(?:有限(?:责任)?公司|股份公司)")


def with_registered_tail(text: str, c: Candidate) -> Candidate:
    """An organisation LAC ended at the bracket of its registered name takes the rest."""
    if c.kind != "organisation":
        return c
    tail = _REGISTERED_TAIL.match(text, c.end)
    if tail is None:
        return c
    return replace(c, end=tail.end(), surface=text[c.start : tail.end()])


# A title in 《》 that ends like a medium's name (千岚日报, 柯达伦周刊) or that the next
# word calls a medium (《财经》杂志): a newspaper, magazine or site, an organisation.
_MEDIUM_ENDINGS = ("报", "刊", "杂志", "新闻", "时报", "日报", "晚报", "周刊", "月刊", "网")
_MEDIUM_AFTER = re.compile(r"》(?:杂志|报|周刊|月刊|网站|网|电视台|频道|记者|报道|称|援引)")
MEDIUM_CONFIDENCE = 0.6


_TITLE_CLOSE = "》"


def body_of_a_title(text: str, c: Candidate) -> bool:
    """《中国企业家》杂志社, 《某某》编辑部: a word of the language right after a title is
    the body the title names (the title is the name); alone it names nothing."""
    return text[: c.start].endswith(_TITLE_CLOSE) and ordinary_word(c.surface.strip())


def names_a_medium(text: str, c: Candidate) -> bool:
    if text[c.start - 1 : c.start] != "《" or text[c.end : c.end + 1] != "》":
        return False
    return c.surface.endswith(_MEDIUM_ENDINGS) or bool(_MEDIUM_AFTER.match(text, c.end))


# A title in 《》: a work (a book, law, notice, report) or a medium, named whole.
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
TITLE_CONFIDENCE = 0.6
# ... unless it holds a Latin gloss in brackets (《心律（ Arrhythmia ）》): a term and its
# translation, the brackets' own business (see glosses_a_term).
_GLOSS_INSIDE = re.compile(r"[（(]\s*[A-Za-z]")


def whole_titles(text: str, candidates: Sequence[Candidate], matches: Sequence[Match]
                 ) -> list[Candidate]:
    """What 《》 holds is one name, the title of a work or a medium (《道路机动车辆生产企业及
    产品公告》, 《开放式组织：面向未来的组织管理新范式》): a model's pieces inside it are
    pieces of the title, which replaces them; a title a known name overlaps is left to
    the known name (《美国之声》). A medium among them becomes an organisation in
    ``extract`` (see :func:`names_a_medium`)."""
    if "《" not in text:
        return list(candidates)
    out = list(candidates)
    for title in _TITLE.finditer(text):
        start, end = title.span(1)
        if overlaps(start, end, [(m.start, m.end) for m in matches]) or _GLOSS_INSIDE.search(
                text, start, end):
            continue
        inside = [c for c in out if start <= c.start and c.end <= end]
        if any(c.start == start and c.end == end for c in inside) or any(
                c.start < end and start < c.end and c not in inside for c in out):
            continue
        out = [c for c in out if c not in inside]
        out.append(Candidate(start, end, text[start:end], "work", TITLE_CONFIDENCE, "nw",
                             ("title",)))
    return out


def end_at_a_word(text: str, c: Candidate, matches: Sequence[Match]) -> Candidate:
    """A model span that starts with a known name and ends inside a word of the
    dictionary's (360金融净|收入 for 360金融 + 净收入) ends before that word: LAC glued
    the next word's first character to the name. A body's head is no such character
    (韩国产业通商资源部|分别, though 部分 is a word): the body ends with it."""
    if c.end - c.start < 3 or not any(
            m.start == c.start and m.end < c.end for m in matches):
        return c
    crossing = [s for s, e in _dictionary_words(text, c.start, c.end)
                if s < c.end < e and s > c.start]
    if not crossing or not any(m.start == c.start and m.end < crossing[0] for m in matches):
        return c
    if c.kind == "organisation" and c.surface.endswith(BODY_HEADS) \
            and not c.surface[: crossing[0] - c.start].endswith(BODY_HEADS):
        return c
    end = crossing[0]
    return replace(c, end=end, surface=text[c.start : end])


# Last words of a company's name (招商银行, 东北证券, 某某科技有限公司, 携程旅行网) ...
_COMPANY_STEM_ENDINGS = ("银行", "证券", "集团", "公司", "科技", "控股", "保险", "基金", "网")
# ... and the words that go on naming a body or site after one (北京分行, 物流基地).
_BODY_GOES_ON = ("公司", "中心", "基地", "园区", "队")
_STEM_LENGTH = 3
# LAC's organisations and its "other proper nouns" (招商银行信用卡 is one of these).
_COMPANY_LABELS = frozenset({"ORG", "nz"})


def company_then_noun(text: str, c: Candidate) -> Candidate:
    """An organisation or proper noun of LAC's that is a company's name and then an
    ordinary word of the language ends before that word: 招商银行|信用卡 (the bank's
    card), 西南证券|办公室, 携程旅行网|上线 (a verb). LAC glues a company to the noun
    or verb after it, and ``sector_names`` reads a bank or a site and a sector word as
    a unit (平安银行|保险, 环球网|科技 for its tech channel); the labels of MSRA,
    CLUENER and our news name the company alone. On six CLUENER and six MSRA train
    slices of 2,000 sentences: 11 wrong spans made right, no name lost (a logistics
    基地 is kept by ``_BODY_GOES_ON``); on the news tuning half one (环球网)."""
    if c.label not in _COMPANY_LABELS or not HAN_NAME.match(c.surface):
        return c
    # The stem ends like a company and a word of two characters or more follows it:
    # where no such ending comes before the last two characters, no cut can give one.
    head = c.surface[:-2]
    if len(head) < _STEM_LENGTH or not any(end in head for end in _COMPANY_STEM_ENDINGS):
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


def _places_then_body(text: str, c: Candidate, inner: Sequence[Match]) -> bool:
    """北京中关村银行: places, then a name that ends like a body, all one organisation
    of LAC's (a body of a smaller division after a larger one is split before this)."""
    if len(inner) < 2 or any(m.kind != "place" for m in inner):
        return False
    last = max(m.end for m in inner)
    rest = text[last : c.end]
    return len(rest) >= 2 and rest.endswith(_NAME_ENDINGS)


SECTOR_CONFIDENCE = 0.6


# Words that end the name of a group's unit (腾讯平台与内容事业群, 千岚兴趣内容基金):
# a business group, division, fund or research institute of its own.
UNIT_HEADS = ("事业群", "事业部", "基金", "研究院", "研究所", "实验室")
# LAC labels of the words between the group and the head: nouns, and 与/和 joining two.
_UNIT_WORD_LABELS = frozenset({"n", "nz", "vn", "an"})
_UNIT_JOINERS = frozenset({"与", "和", "及"})
MAX_UNIT_WORDS = 4


def unit_names(text: str, words: Sequence[Word], matches: Sequence[Match]) -> list[Candidate]:
    """A known organisation, then nouns ending in a unit's head, is that organisation's
    unit (千岚兴趣内容基金, 千岚平台与内容事业群): LAC reads the group as a name and
    the rest as common nouns, but together they name one body, a part of the group."""
    if not any(text.find(head) >= 0 for head in UNIT_HEADS):
        return []
    by_start = {w.start: i for i, w in enumerate(words)}
    found: list[Candidate] = []
    for m in matches:
        if m.kind != "organisation" or m.end not in by_start:
            continue
        i = by_start[m.end]
        for j in range(i, min(i + MAX_UNIT_WORDS, len(words))):
            word = words[j]
            surface = text[word.start : word.end]
            joined = surface in _UNIT_JOINERS and j > i
            if word.label not in _UNIT_WORD_LABELS and not joined:
                break
            if not joined and surface.endswith(UNIT_HEADS):
                if j > i:  # one word alone (腾讯基金) is the head and its common noun
                    found.append(Candidate(m.start, word.end, text[m.start : word.end],
                                           "organisation", SECTOR_CONFIDENCE, "ORG", ("unit",)))
                break
    return found


# LAC's labels of words that are no nouns: verbs, adjectives, adverbs, prepositions,
# conjunctions, particles, pronouns, numerals, measure words.
_NOT_NOUN_LABELS = frozenset({"v", "vd", "a", "ad", "d", "p", "c", "u", "xc", "r", "m", "q"})


def sector_names(
    text: str, words: Sequence[Word], matches: Sequence[Match], candidates: Sequence[Candidate]
) -> list[Candidate]:
    """An organisation directly followed by a sector word is the group's unit, where LAC
    reads that word as a noun (台积电支付10亿 is the company and a verb); after a known
    organisation, a sector word a noun qualifies too (苏宁消费金融: :func:`_qualified_sector`)."""
    by_start = {w.start: w for w in words}
    heads = [(m.start, m.end) for m in matches if m.kind == "organisation"]
    known = {(m.start, m.end) for m in matches}
    # The KB's kind wins over the model's: 中国 + 资本 is a place's capital, no unit.
    heads += [(c.start, c.end) for c in candidates
              if c.kind == "organisation" and (c.start, c.end) not in known]
    found: list[Candidate] = []
    for start, end in heads:
        word = by_start.get(end)
        if word is None or word.label in _NOT_NOUN_LABELS:
            continue
        if (start, end) in known:
            word = _qualified_sector(text, word, by_start) or word
        if (text[word.start : word.end] not in UNIT_SECTORS
                or _noun_goes_on(text, word, by_start)):
            continue
        surface = text[start : word.end]
        found.append(Candidate(start, word.end, surface, "organisation", SECTOR_CONFIDENCE,
                               "ORG", ("sector",)))
    return found


# LAC's labels of a noun that qualifies a sector word (消费 of 消费金融).
_QUALIFIER_LABELS = frozenset({"n", "vn"})


def _qualified_sector(text: str, word: Word, by_start: Mapping[int, Word]) -> Word | None:
    """苏宁|消费|金融: a noun, then a sector word LAC reads as a noun, the two no word of
    the dictionary together, name a line of business (consumer finance) as the sector
    word alone does: the sector word, to end the unit's name at (None if not so)."""
    sector = by_start.get(word.end)
    if (sector is None or word.label not in _QUALIFIER_LABELS or sector.label != "n"
            or word.end - word.start < 2  # 奥迪|牌|汽车: a brand's cars, no business line
            or text[word.start : word.end] in UNIT_SECTORS
            or text[sector.start : sector.end] not in UNIT_SECTORS
            or ordinary_word(text[word.start : sector.end])):
        return None
    return sector


def _noun_goes_on(text: str, word: Word, by_start: Mapping[int, Word]) -> bool:
    """三星|智能|手机: the sector word and LAC's next word make one ordinary word of the
    dictionary (智能手机), so the word begins the noun after the name, not a unit."""
    after = by_start.get(word.end)
    return after is not None and ordinary_word(text[word.start : after.end])


def describes_a_name(rest: str) -> bool:
    """What follows a name inside a model's organisation is a description of it, not
    part of the name (万向 + 董事局工作室, 苏宁易购 + 常规店): two or more of the
    language's ordinary words, which name no sector of the group alone (360 + 金融 is a
    unit, 360 + 分期 a product), no unit (事业群), no registered form (有限公司) and end
    unlike a group, a body, a centre or a team (开放集团, 发展银行, 管理咨询中心); or
    one verb (see :func:`_what_it_does`)."""
    if (len(rest) < 2 or not HAN_NAME.match(rest) or rest in UNIT_SECTORS
            or rest.endswith((*UNIT_HEADS, *REGISTERED_FORMS, *_NAME_ENDINGS, "中心", "队"))):
        return False
    if _what_it_does(rest):
        return True
    pieces = dictionary_cut(rest)
    return len(pieces) >= 2 and all(
        ordinary_word(piece) and (len(piece) >= 2 or i == len(pieces) - 1)
        for i, piece in enumerate(pieces))


# The dictionary's tag of a verb.
_VERB_TAG = "v"


def _what_it_does(rest: str) -> bool:
    """人民银行 + 跨行, 腾讯 + 发布: a verb of two characters or more after a name the
    story uses alone is what the name does, which LAC joined to it; a verb that also
    names a line of business (控股, 投资) was let through above as a unit."""
    return dictionary_tag(rest) == _VERB_TAG


# ... and of a group or a place's full name (香港交易所集团, 匹兹堡市).
_NAME_ENDINGS = (*BODY_ENDINGS, "集团", *"市县区州省")
_ONE_CHARACTER_ENDINGS = frozenset("市县区州省网云台社报")


# A clause's end: a list never runs across one.
_CLAUSE = re.compile(r"[，,。；;：:！？!?（）()“”\"《》【】\n]")
_LIST_ITEM = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}|[A-Za-z][A-Za-z0-9]{1,15})$")
# Words that end a list's last item without being part of it (天猫、京东等平台).
_LIST_END = ("等等", "等")
LIST_ITEM_CONFIDENCE = 0.4
# An item the language uses this often is a word (手机、平板), not a name.
_LIST_WORD_FREQUENCY = 20
MIN_NAMED_ITEMS = 2


def list_items(text: str, words: Sequence[Word], named: Mapping[tuple[int, int], str],
               spans: Sequence[tuple[int, int]]) -> list[Candidate]:
    """Items of a 、-list that no model read as a name (闲鱼、飞猪、优酷; 你财富、360借条、
    私银家) where at least two other items are names: items of one list share a type, so
    each is a name of the kind most of its named items have. An item is one of LAC's
    words at the list's ends (阿里系|闲鱼, 速卖通|等), the whole text between two 、
    inside it; one that overlaps a name or candidate (``spans``) is left to it."""
    if "、" not in text:
        return []
    ends = {w.end for w in words}
    starts = {w.start for w in words}
    found: list[Candidate] = []
    clause_start = 0
    for clause in [*_CLAUSE.finditer(text), None]:
        clause_end = clause.start() if clause is not None else len(text)
        parts: list[tuple[int, int]] = []
        start = clause_start
        for k in range(clause_start, clause_end + 1):
            if k == clause_end or text[k] == "、":
                parts.append((start, k))
                start = k + 1
        clause_start = clause.end() if clause is not None else len(text)
        if len(parts) < MIN_NAMED_ITEMS + 1:
            continue
        items = [_list_item(text, part, first=i == 0, last=i == len(parts) - 1,
                            starts=starts, ends=ends) for i, part in enumerate(parts)]
        kinds = [named[item] for item in items if item in named]
        if len(kinds) < MIN_NAMED_ITEMS:
            continue
        kind = max(kinds, key=kinds.count)
        if kinds.count(kind) * 2 <= len(kinds):
            continue  # the named items disagree on what the list is of
        for item in items:
            if item is None or item in named or overlaps(*item, spans):
                continue
            surface = text[item[0] : item[1]]
            if (not _LIST_ITEM.match(surface)
                    or (dictionary_frequency(surface) >= _LIST_WORD_FREQUENCY
                        and dictionary_tag(surface) not in PROPER_TAGS)):
                continue
            found.append(Candidate(item[0], item[1], surface, kind, LIST_ITEM_CONFIDENCE,
                                   LABEL_OF_KIND.get(kind, "nz"), ("list-item",)))
    return found


def _list_item(text: str, part: tuple[int, int], *, first: bool, last: bool,
               starts: set[int], ends: set[int]) -> tuple[int, int] | None:
    """The item a part of a list holds: the part between two 、, the last word of the
    first part, the first word of the last where 等 follows it (else the whole part)."""
    start, end = part
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if last:
        for word_end in sorted(e for e in ends if start < e <= end):
            rest = text[word_end:end]
            if not rest or rest.startswith(_LIST_END) or rest.isspace():
                end = word_end  # 速卖通|等
            break
    if first:
        begins = [s for s in starts if start <= s < end]
        start = max(begins) if begins else start
    if end - start < 2 or start not in starts or end not in ends:
        return None
    return start, end


# Titles and forms of address written right after a person (斯文 先生 is the one
# ordinary word they follow: rare enough), and the last characters of a post or
# calling written right before one (葡萄牙国脚, 门将, 副总统, 书法家, 歌手, 大诗人, 小生).
_TITLES_AFTER = ("先生", "女士", "同志", "老师", "博士", "夫人", "小姐", "太太", "总统", "总理",
                 "主席", "委员长", "总书记", "元帅", "将军", "天皇", "国王", "皇帝", "老人", "大师",
                 "首相")
_POST_ENDINGS = tuple("家长员师手者官帅将统理相脚人生")
# LAC's labels of what follows a person in a sentence: the person's verb, an adverb, a
# preposition or a time (说, 也, 在, 当时), a pronoun in apposition (这位, 他们).
_AFTER_A_PERSON_LABELS = frozenset({"v", "vd", "d", "p", "r", "TIME"})


def ordinary_person_word(c: Candidate) -> bool:
    """林海, 白云, 杨柳, 黎明: a person of two characters that is a word the dictionary
    lists as a person's name and that nothing but the models and the dictionary support
    (no list, no appositive, no known head). jieba's dictionary tags many ordinary words
    so; such a span is a person only where its sentence treats it as one (see
    :func:`person_context`)."""
    return (c.kind == "person" and len(c.surface) == 2 and bool(HAN_NAME.match(c.surface))
            and dictionary_tag(c.surface) == "nr"
            and all(e.startswith(("lac:", "crf:", "dict:", "repeat:")) for e in c.evidence))


_TITLES_OR_ROLES = (*_TITLES_AFTER, *PERSON_ROLES)


def titled(text: str, c: Candidate) -> bool:
    """A post before the span or a title after it (国务委员吴仪, 桥本首相, 巴金先生): the
    sentence names a person there, whatever the span's first character; the surest of
    :func:`person_context`'s signs, enough to keep a name that starts with no Chinese
    surname (桥本, 戈尔)."""
    return text.endswith(PERSON_ROLES, 0, c.start) or text.startswith(_TITLES_OR_ROLES, c.end)


def person_context(text: str, c: Candidate, words: Sequence[Word],
                   persons: Sequence[tuple[int, int]]) -> bool:
    """Something in the sentence treats the span as a person: a post before it (国务委员
    吴仪, 副总统戈尔), a title after it (巴金先生), the person's verb, an adverb or a
    pronoun right after it (胡适在, 陈毅就, 雷锋这位), a possessive (曹禺的), a gloss, a
    transliteration's dot, a speaker's colon or quote (成龙（, 马龙·, 张飞：, 王维“), or
    another person beside it in a list (周恩来、刘少奇、朱德). Ordinary words the
    dictionary tags as names stand in descriptions (竹海林涛, 直刺白云蓝空, 依依杨柳)
    with none of these."""
    if titled(text, c):
        return True
    after = text[c.end :]
    if after.startswith(("的", "（", "(", "·", "•", "：", ":", "“")):
        return True
    previous = next((w for w in reversed(words) if w.end <= c.start), None)
    if previous is not None and previous.end == c.start and previous.end - previous.start >= 2 \
            and text[previous.start : previous.end].endswith(_POST_ENDINGS):
        return True
    following = next((w for w in words if w.start >= c.end), None)
    if following is not None and following.start == c.end \
            and following.label in _AFTER_A_PERSON_LABELS:
        return True
    return any((e == c.start - 1 and text[e] in _LIST_JOINS)
               or (s == c.end + 1 and text[c.end] in _LIST_JOINS) for s, e in persons)


_LIST_JOINS = "、和与及"


def surname_recalled(texts: Sequence[str], surface: str) -> bool:
    """The story refers back to the person by the surname alone, as stories do after a
    full name (林海 ... 林先生, 老林): an ordinary word has no such echo."""
    surname = re.escape(surface[0])
    echo = re.compile(f"[老小]{surname}(?!子)|{surname}(?:先生|女士|老师)")
    return any(echo.search(text) for text in texts)


# Frames only a medium fills (the news's own way of citing one): 接受全天候科技采访,
# 据盒饰报道, 对蓝鲸财经记者表示. What fills them is named whole, however ordinary its
# words (全天候 + 科技), unless it is a generic source (媒体, 外媒, 知情人士, 本报).
_MEDIUM_FRAMES = re.compile(
    r"(?:接受(?P<a>[^\W_]{2,8}?)的?(?:采访|专访)"
    r"|据(?P<b>[^\W_]{2,8}?)(?:报道|报导)"
    r"|(?:接受|对|向|告诉|据)(?P<c>[^\W_]{2,8}?)(?:记者|编辑))")
_GENERIC_SOURCES = ("媒体", "外媒", "官媒", "网站", "人士", "方面", "机构", "公司", "记者",
                    "报道", "消息", "网友", "本报", "本刊", "本台", "本网", "电", "报纸", "媒介",
                    "报刊")
_GENERIC_SOURCE_STARTS = (*"本该此多各一两几某有外其众", "当地", "国内", "海外", "境外", "相关",
                          "记者")
# ... nor a phrase: a possessive or a count inside (身边的, 路透社的, 香港多家报纸), a
# function word (中年夫妇对, 作家和) or a verb after the first word (采访时告诉; a
# name may start with one: 理财周报).
_PHRASE_INSIDE = re.compile("的|[一多几]家|多个")
_FUNCTION_TAGS = ("d", "p", "c", "r", "u")
# A time written into the frame (据彭博社周一报道): the medium is read without it.
_TIME_INSIDE = re.compile(
    r"\d|周[一二三四五六日末]|[今昨前近当]日|[今昨当]天|[今昨]晚|[本上]月|[今去]年|日前|此前")
MEDIUM_FRAME_CONFIDENCE = 0.85


def media_in_frames(text: str, taken: Sequence[tuple[int, int]]) -> list[Candidate]:
    """Media named by the frames that cite one (see ``_MEDIUM_FRAMES``), where no
    model or known name already reads those characters."""
    found: list[Candidate] = []
    for frame in _MEDIUM_FRAMES.finditer(text):
        group = next(g for g in "abc" if frame.group(g))
        start, end = frame.span(group)
        surface = text[start:end]
        if (surface.endswith(_GENERIC_SOURCES) or surface.startswith(_GENERIC_SOURCE_STARTS)
                or _TIME_INSIDE.search(surface) or _PHRASE_INSIDE.search(surface)
                or _phrase(surface)
                or overlaps(start, end, taken)
                or surface.lower() in COMMON_WORDS or surface in PERSON_ROLES
                or (dictionary_frequency(surface) and dictionary_tag(surface) not in PROPER_TAGS)):
            continue
        found.append(Candidate(start, end, surface, "organisation", MEDIUM_FRAME_CONFIDENCE,
                               "nt", ("frame:medium",)))
    return found


def _phrase(surface: str) -> bool:
    pieces = dictionary_cut(surface)
    return any(dictionary_tag(piece).startswith(_FUNCTION_TAGS)
               or (i and len(piece) >= 2 and dictionary_tag(piece) == "v")
               for i, piece in enumerate(pieces))
