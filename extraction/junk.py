"""Reject discovered candidates that are not names worth an editor's time.

Judged by the shape of the text and by how much evidence agrees, never by how
common a word is: ``云南`` and ``新华社`` are common dictionary words and names.
What is rejected:

- generic words of the beat (``大模型``, ``AI``) and descriptions built from them
  (``AI公司``, ``研发团队``), numbers, generations (``80后``), single characters;
- placeholders (``张三``, ``某公司``, ``王某``, ``XX公司``);
- surname descriptions (``吕姓``, ``陈姓男子``);
- counts and groups (``中法两国``, ``两家公司``, ``三大运营商``, ``中美``), peoples
  (``阿族``, ``羌族``);
- dictionary words that are not proper nouns there (``明白``, ``高峰``) unless a
  model tags them as a person, place or organisation: a guess of "some proper
  noun" alone is not enough for an ordinary word;
- compounds of ordinary words (``新能源汽车``, ``金融科技``) unless the evidence is
  strong or the compound ends like a body (``国家统计局``);
- a trade acronym with an ordinary word after it (``ARPU值``, ``OLED屏幕``) and
  reporting periods (``Q3``, ``H1``);
- the very frequent words of the language (``技术``, ``交易``, ``电信``) unless two
  models agree: one model plus repetition is not enough for them.

:func:`no_name_here` judges a span by the words around it, for KB matches and model
candidates alike: ordinary words after a count (``一条江轮``, ``各位来宾``) and a name
read inside an idiom or set phrase (``发展中国家``, ``东山再起``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .discover import (
    dictionary_cut,
    dictionary_frequency,
    dictionary_tag,
    dictionary_words_tagged,
)
from .lac import shared_tagger
from .latin import BEAT_ACRONYMS, latin_term_reason
from .normalise import normalise_text

__all__ = [
    "BODY_ENDINGS", "COMMON_WORDS", "NAME_LIKE_TAGS", "PROPER_TAGS", "SECTOR_WORDS",
    "UNIT_SECTORS", "is_junk", "is_word_compound", "no_name_here", "of_ordinary_words",
    "of_sector_words", "ordinary_word", "repetition_alone", "unlike_a_name",
]

# Generic words of the tech and business beat, never names in themselves.
COMMON_WORDS: frozenset[str] = BEAT_ACRONYMS | frozenset(
    {
        "大模型", "人工智能", "生成式ai", "互联网", "科技", "公司", "企业", "行业", "市场",
        "政府", "国家", "国内", "国外", "海外", "全球", "世界", "中央", "地方", "集团",
        "资本", "投资人", "创始人", "联合创始人", "总裁", "董事", "高管", "团队", "用户",
        "平台", "云厂商", "大厂", "巨头", "独角兽", "芯片", "算力", "模型", "数据",
        "赛道", "场景", "监管", "有关部门", "相关部门", "学术界", "产业界", "业界",
        "研究院", "实验室", "大学", "高校", "交易所", "西方", "东方", "南方", "北方",
        "中外", "亚太", "欧美", "国产", "本土", "官方", "当局", "央企", "国企", "民企",
    }
)
# "AI公司", "研发团队": a generic word plus a generic head is a description, not a name.
_GENERIC_HEADS = (
    "公司", "企业", "团队", "机构", "部门", "厂商", "集团", "平台", "行业", "领域", "市场",
    "大厂", "巨头", "实验室", "研究院", "基金", "模型", "大模型", "芯片", "赛道", "项目",
)
PROPER_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
# ... and abbreviations (j: 江淮, 北大), which name something as often: a compound with
# one in it (江淮大众) is no compound of ordinary words.
NAME_LIKE_TAGS = PROPER_TAGS | {"j"}
_LEADING_LATIN = re.compile(r"[A-Za-z0-9]+")
_LEADING_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&+\- ]*")
_LATIN_ONLY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.&+\- ]*$")
_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_NOT_A_NAME = re.compile(r"^[\W\d_]+$|^[\d.,%]+[万亿千百十]?[元个家]?$|^\d0后$")
# 张三 李四 王五 赵六 (the textbook placeholders), 某/某某/XX/×× stand-ins.
_PLACEHOLDER = re.compile(
    r"^[张李王赵孙周][三四五六七八]$|某|^[xX×＊*]{2}|[xX×＊*]{2}$|^[A-Z]某"
)
# Share classes and funding rounds: A股, H股, B轮, Pre-A轮.
_SHARES_AND_ROUNDS = re.compile(
    r"^(?:Pre-?)?[A-Z]\+?[股轮]$|^(?:天使|种子|战略|Pre-?[A-Z]?)轮$|^Pre-?[A-Z]\+?$"
)
# Quarters and half-years: Q3, H1.
_PERIOD = re.compile(r"^[QH][1-4]$")
# Days of the week and parts of it (周中, 周末, 星期三), which LAC reads as persons in
# sports reports (周中的比赛): 11 non-names and no name on MSRA and CLUENER train slices.
_WEEKDAY = re.compile(r"^(?:周|星期|礼拜)[一二三四五六日天末中初]$")
# A body naming itself (本报讯, 本台记者, 本公司, 本院): "this paper", no name.
_SELF_REFERENCE = re.compile(r"^本(?:报|台|刊|网|站|公司|集团|行|院|校|所|会)(?:讯|记者|消息)?$")
_SURNAME_DESCRIPTION = re.compile(r"^.{1,2}姓(?:男子|女子|男|女|人士|老人|村民|网友)?$")
_NUMERAL = "一二两三四五六七八九十百千几多数双各诸0-9"
_COUNT = re.compile(
    f"[{_NUMERAL}]+(?:大|家|国|方|个|位|名|所|款|种|类|地|省|市|届|批|支)"
    r"(?:公司|企业|银行|运营商|巨头|厂商|机构|部门|平台|国家|领导人|政府|之间)?$"
)
# Places named by their size or number (大城市, 特大城市, 中小城市, 小国, 九城市, 五大洲,
# 十大城市): a class of places, which LAC and the dictionary (ns) both read as a place.
# Not 中国: a size is 大, 小 or 中小, never 中 alone.
_CLASS_OF_PLACES = re.compile(
    f"^(?:[{_NUMERAL}]+大?|[特超]?大|小|中小)(?:城市|都市|国|洲)$"
)
# A people or a kind of people (阿族, 羌族, 塞族, 上班族): no person, place or body. A
# family (洛克菲勒家族) may be named as one; on MSRA and CLUENER train no name ends in
# 族 but a position (贵族).
_A_PEOPLE = re.compile(r"^[\u4e00-\u9fff]{1,3}(?<!家)族$")
# Two country abbreviations side by side (中美, 中法, 美日): a pair, not a name.
_COUNTRY_ABBREVIATIONS = "中美英法德日俄韩印欧澳加朝越泰意西葡荷瑞"
_PAIR = re.compile(f"^[{_COUNTRY_ABBREVIATIONS}]{{2,3}}$")
# How sure the evidence must be for a word the dictionary lists as an ordinary word.
# One model's NER label (0.6) is enough for a word the dictionary lists as ordinary
# (宝洁); a guess of "some proper noun" alone (0.4) is not.
ORDINARY_WORD_CONFIDENCE = 0.6
PROPER_WORD_CONFIDENCE = 0.5
# The most frequent ordinary words of the dictionary (技术 37,664, 交易 4,060, 电信
# 1,387) are names only when two models agree (LAC + the CRF: 0.92); LAC with
# repetition (at most 0.7) is not enough.
VERY_COMMON_FREQUENCY = 1000
VERY_COMMON_CONFIDENCE = 0.8
# Strong agreement keeps a compound of ordinary words (a model and the CRF both).
COMPOUND_CONFIDENCE = 0.85
# Last characters of a government body, institution or medium (国家统计局, 证券日报).
BODY_ENDINGS = tuple("部局委院署厅办会所行社台报网")


def _is_generic(word: str) -> bool:
    """A modifier that names nothing: a beat word, an ordinary frequent word, a number."""
    word = word.strip()
    acronym = _LEADING_LATIN.match(word)
    if acronym and acronym.group().lower() in COMMON_WORDS:
        word = word[acronym.end() :]  # "AI创业" is as generic as "创业"
    return (
        not word
        or word.lower() in COMMON_WORDS
        or bool(_NOT_A_NAME.match(word))
        or (dictionary_frequency(word) >= 50 and dictionary_tag(word) not in PROPER_TAGS)
    )


# Heads a group is named with: a model's organisation of an ordinary word + 集团 is that
# group (万向集团, 光明集团) unless the word is an industry (汽车集团, 金融集团).
_GROUP_HEADS = frozenset({"集团"})
_COUNT_MODIFIER = re.compile(f"^[{_NUMERAL}]+[家个大所]?$")
# Sectors a group names its units by (万达电影, 360金融, 敏安汽车, 北汽新能源): lines of
# business, not things it makes (Valve软件, 肯德基广告 are a name and a noun).
UNIT_SECTORS: frozenset[str] = frozenset({
    "金融", "电影", "影视", "影业", "投资", "资本", "汽车", "新能源", "科技", "证券", "保险",
    "银行", "地产", "置业", "控股", "传媒", "文化", "音乐", "游戏", "医疗", "健康", "物流",
    "支付", "云", "智能", "教育", "体育", "能源", "电子", "通信", "网络", "数科", "金服",
    "电器", "创投", "咨询",
})
# ... and every industry a business is described by (汽车集团, 一家金融公司, 新能源汽车).
SECTOR_WORDS: frozenset[str] = UNIT_SECTORS | frozenset({
    "房地产", "媒体", "医药", "制药", "互联网", "电商", "零售", "食品", "服装", "家电", "钢铁",
    "化工", "电力", "建筑", "航空", "航运", "旅游", "酒店", "餐饮", "农业", "矿业", "纺织",
    "出版", "广告", "软件", "硬件", "芯片", "半导体", "机械", "制造", "工业", "商业", "贸易",
    "实业",
})


def of_sector_words(word: str) -> bool:
    """新能源汽车, 金融科技: nothing but sector words (two or more of them, or one not
    alone) names a sector, not a company."""
    word = word.strip()
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(word[start:end] in SECTOR_WORDS for start in ends if start < end):
            ends.add(end)
    return len(word) in ends and word not in SECTOR_WORDS


def _is_industry(word: str) -> bool:
    """汽车, 新能源汽车, 金融科技: industries, or words made of them."""
    word = word.strip()
    return (word in SECTOR_WORDS or of_sector_words(word) or word.lower() in COMMON_WORDS
            or bool(_NOT_A_NAME.match(word)) or _ordinary_compound(word))


def _ordinary_compound(text: str) -> bool:
    """新能源汽车, 金融科技, 移动支付: every piece an ordinary word of two or more characters
    the language uses often.

    Names built from ordinary words (国家统计局) end in a body's character and pass.
    """
    if text.endswith((*BODY_ENDINGS, *_GROUP_HEADS)) or not _HAN_ONLY.match(text):
        return False
    return len(dictionary_cut(text)) >= 2 and of_ordinary_words(
        text, shortest=2, frequency=_COMPOUND_PIECE_FREQUENCY)


# How often the language must use each piece of a compound for it to be a description
# at any confidence short of two models agreeing (see COMPOUND_CONFIDENCE).
_COMPOUND_PIECE_FREQUENCY = 100


def of_ordinary_words(text: str, *, shortest: int = 1, frequency: int = 1) -> bool:
    """Every word of the dictionary's cut of ``text`` an ordinary word (see
    :func:`ordinary_word`) of at least ``shortest`` characters that the language uses at
    least ``frequency`` times: 新能源|汽车, 数字|货币, 云|服务; not 江淮|大众 (an
    abbreviation), 飞猪 (unlisted). A word of one character is read in its common sense
    whatever the dictionary tags it (云 of 云服务, not 云南). The one test of "a
    description, not a name" that the compound, the described term and the generic
    term's rest all ask."""
    return all(len(piece) >= shortest and dictionary_frequency(piece) >= frequency
               and (len(piece) == 1 or dictionary_tag(piece) not in NAME_LIKE_TAGS)
               for piece in dictionary_cut(text))


def _acronym_description(text: str) -> bool:
    """ARPU值, GAAP毛利率, OLED屏幕, MP4格式, Wi-Fi 6功能, Q3末: a generic Latin term
    (see :func:`latin_term_reason`) or a period, then an ordinary dictionary word."""
    acronym = _LEADING_TERM.match(text)
    if not acronym:
        return False
    term = acronym.group().strip()
    if not (latin_term_reason(term) or _PERIOD.match(term)):
        return False
    rest = text[acronym.end() :].strip()
    # Ordinary words after a generic term describe a thing (PaaS云计算: 云 + 计算, a
    # one-character word read in its common sense, not as an abbreviated place); a word
    # no dictionary lists may be a brand's own.
    return bool(_HAN_ONLY.match(rest)) and (
        _is_generic(rest)
        or (dictionary_frequency(rest) > 0 and dictionary_tag(rest) not in PROPER_TAGS)
        or (not rest.endswith(BODY_ENDINGS) and of_ordinary_words(rest))
    )


_TRAILING_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&+\- ]*$")


def _described_term(text: str) -> bool:
    """新冠病毒COVID, 数字货币NFT: ordinary words, then the generic term they translate."""
    term = _TRAILING_TERM.search(text)
    if not term or term.start() == 0 or not latin_term_reason(term.group().strip()):
        return False
    head = text[: term.start()].strip()
    return bool(_HAN_ONLY.match(head)) and of_ordinary_words(head)


def is_word_compound(text: str) -> bool:
    """无人驾驶汽车, 关联交易, 注册制: nothing but dictionary words, the first of two or
    more characters, the last possibly a one-character word (制, 费, 率).

    A guessed brand of this shape is usually a term of the trade; invented brand
    names have a piece no dictionary lists (飞猪, 速卖通, 知豆汽车).
    """
    if not _HAN_ONLY.match(text):
        return False
    pieces = dictionary_cut(text)
    return len(pieces) >= 2 and all(
        (len(piece) >= 2 or i == len(pieces) - 1) and dictionary_frequency(piece) > 0
        for i, piece in enumerate(pieces)
    )


def ordinary_word(piece: str) -> bool:
    """A word the dictionary lists that is no proper noun or abbreviation (公司, 学院)."""
    return dictionary_frequency(piece) > 0 and dictionary_tag(piece) not in NAME_LIKE_TAGS


def junk_reason(surface: str, confidence: float = 0.0) -> str:
    """Why ``surface`` is not a name to suggest ("" when it may be one)."""
    text = surface.strip()
    if len(text) < 2 or _NOT_A_NAME.match(text):
        return "number or single character"
    if text.lower() in COMMON_WORDS:
        return "generic word"
    if _generic_plus(text):
        return "generic word"
    if _LATIN_ONLY.match(text):
        latin = latin_term_reason(text)
        if latin:
            return latin
    if _PLACEHOLDER.search(text):
        return "placeholder"
    if _SHARES_AND_ROUNDS.match(text):
        return "share class or funding round"
    if _PERIOD.match(text):
        return "reporting period"
    if _WEEKDAY.match(text):
        return "time expression"
    if _SURNAME_DESCRIPTION.match(text):
        return "surname description"
    if _SELF_REFERENCE.match(text):
        return "self-reference"
    if _COUNT.search(text) or _PAIR.match(text) or _CLASS_OF_PLACES.match(text):
        return "count or group"
    if _A_PEOPLE.match(text):
        return "a people"
    for head in _GENERIC_HEADS:
        if not text.endswith(head) or len(text) <= len(head):
            continue
        modifier = text[: -len(head)]
        if head in _GROUP_HEADS:
            # 万向集团, 光明集团: a model's organisation named by a word is that group;
            # 汽车集团, 两家集团 describe one.
            if _is_industry(modifier) or _COUNT_MODIFIER.match(modifier) or (
                    confidence < ORDINARY_WORD_CONFIDENCE and _is_generic(modifier)):
                return "generic description"
        elif _is_generic(modifier):
            return "generic description"
    if _acronym_description(text) or _described_term(text):
        return "generic description"
    if confidence < COMPOUND_CONFIDENCE and _ordinary_compound(text):
        return "compound of ordinary words"
    frequency = dictionary_frequency(text)
    if frequency:
        if dictionary_tag(text) in PROPER_TAGS:
            if frequency >= 50 and confidence < PROPER_WORD_CONFIDENCE:
                return "dictionary word without enough evidence"
        elif confidence < ORDINARY_WORD_CONFIDENCE or (
            frequency >= VERY_COMMON_FREQUENCY and confidence < VERY_COMMON_CONFIDENCE
        ):
            return "dictionary word without enough evidence"
    return ""


# A discovered name is made of characters the model reads. Where at least this share of
# its characters (spaces aside) is outside LAC's vocabulary, LAC tagged the span by its
# neighbours alone: runs of astral Han, emoji or symbols come out as one organisation
# 96 characters long. No discovered name of the tuning data (news tune half, MSRA train
# 29,000-34,999, CLUENER train 0-5,999) has one such character; half spares a name
# with one rare character LAC lacks (𠮷野家).
UNKNOWN_SHARE = 0.5
# Unicode categories never part of a name: lone surrogates, private use, unassigned
# code points, controls.
_NEVER_IN_A_NAME = frozenset({"Cs", "Co", "Cn", "Cc"})
# Discovered names longer than any of their kind in the tuning data's labels (Han
# persons at most 12 characters, Han places 44 of CLUENER's addresses, none found longer
# than 15) are text LAC ran together (尤金·斯泰恩在葬礼上安慰……苏姗·德拉米妮); the CRF's
# spans are bounded alike (``discover._MAX_SPAN``). A name with Latin letters is long
# by its words (Shobhit Srivastava, Red Hat Enterprise Linux) and is not bounded.
MAX_NAME_LENGTH = {"person": 15, "place": 20}
MAX_NAME_LENGTH_DEFAULT = 40
_ANY_LATIN = re.compile("[A-Za-z]")


def unlike_a_name(surface: str, kind: str) -> str:
    """Why a discovered ``surface`` is not made like a name of ``kind`` ("" when it
    may be one): characters no name has, mostly characters the model does not know,
    or longer than any name of its kind. For model names only: the KB vouches for its
    own."""
    text = "".join(surface.split())
    if not text:
        return ""
    if any(unicodedata.category(ch) in _NEVER_IN_A_NAME for ch in text):
        return "a character no name has"
    if shared_tagger().unknown(text) >= UNKNOWN_SHARE * len(text):
        return "characters the model does not know"
    if len(text) > MAX_NAME_LENGTH.get(kind, MAX_NAME_LENGTH_DEFAULT) and not (
            _ANY_LATIN.search(text)):
        return f"longer than any {kind}"
    return ""


def _generic_plus(text: str) -> bool:
    """AI+, 5G+, 互联网+: a generic word of the beat with a plus is a programme of putting
    that technology to use (the slogans of industrial policy), no name; a name with a
    plus names a service of its own (Disney+)."""
    stem = text.rstrip("+ ")
    return text.endswith("+") and (stem.lower() in COMMON_WORDS or bool(
        _LATIN_ONLY.match(stem) and latin_term_reason(stem)))


def is_junk(surface: str, confidence: float = 0.0) -> bool:
    """True when ``surface`` should not be offered as a new entity (see module doc)."""
    return bool(junk_reason(surface, confidence))


# A count or a quantifier right before a span: 一个小村庄, 一条江轮, 各级残联, 各位来宾,
# 一家家具公司, 几个林业局, 一所经贸学院, 三种智能手表, 上百家银行, 100余家企业; not the
# measures of products and machines (一辆小米SU7, 一台小米电视): a brand that is also a word
# follows them.
_COUNTED_BEFORE = re.compile(
    r"(?:[一二两三四五六七八九十百千万几多数每各]|\d+)[余多]?"
    r"(?:[个座条只所家间片块栋处棵株位名级批支种类项]|大批)$"
)
# Dictionary tags of idioms (i: 东山再起, 寥若晨星) and set phrases (l: 发展中国家, 半山腰).
_PHRASE_TAGS = frozenset({"i", "l"})
_IDIOM = "i"
_PEOPLE = "人"
_PHRASE_WINDOW = 4  # characters either side the dictionary's cut is asked about
_COUNT_WINDOW = 4  # characters before a span a count may take (一大批, 100家)


def _plain_words(text: str) -> bool:
    """江轮, 小村庄, 汤浴疗养院: ordinary words of the dictionary, at most one of them a
    single character (盒|马|鲜生 is a brand the dictionary cannot cut into words). Stricter
    than :func:`of_ordinary_words` about single characters: it counts them and asks their
    tags too."""
    pieces = dictionary_cut(text)
    return sum(len(piece) == 1 for piece in pieces) <= 1 and all(map(ordinary_word, pieces))


def _counted(text: str, start: int, end: int) -> bool:
    """一个小村庄, 一条江轮, 各级残联, 一所经贸学院: ordinary words after a count are one
    of a kind of thing or body, not a name (一家东亚银行, a branch of a named bank, has a
    proper noun in it), for every kind of name. Measured on MSRA and CLUENER train
    slices: ten non-names, no name, dropped."""
    return bool(_COUNTED_BEFORE.search(text, max(0, start - _COUNT_WINDOW), start)
                ) and _plain_words(text[start:end])


def _inside_a_phrase(text: str, start: int, end: int) -> bool:
    """中国 of 发展中国家, 东山 of 东山再起, 晨星 of 寥若晨星: the dictionary's own cut of
    the text reads the span as part of a longer idiom, or of a set phrase it does not
    merely start (拉美国家, 比利时人: the place and a word for its countries or people;
    半山腰 and 有道是 add a character, no word), so it is a piece of that phrase."""
    if not _phrase_around(text, start, end):
        return False  # no piece of the cut could be an idiom or set phrase
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


@lru_cache(maxsize=1)
def _phrase_pairs() -> frozenset[str]:
    """Every two characters in a row of the dictionary's idioms and set phrases."""
    return frozenset(word[k : k + 2] for word in dictionary_words_tagged(_PHRASE_TAGS)
                     for k in range(len(word) - 1))


def _phrase_around(text: str, start: int, end: int) -> bool:
    """Some stretch of the window :func:`_inside_a_phrase` cuts that holds the span and
    more is an idiom or set phrase of the dictionary. The piece of the cut over the
    span is such a stretch (or no longer than the span), so without one the cut cannot
    find a phrase: a few set lookups instead of a segmentation, for almost every span
    (of one character or more).

    The window is normalised once: a stretch normalised alone differs from its part of
    the window only where ``Al`` reads as ``AI``, Latin letters either way, and the
    dictionary's idioms and set phrases are all Han."""
    phrases = dictionary_words_tagged(_PHRASE_TAGS)
    # Such a stretch reaches past the span, so it holds a pair of characters across
    # one of the span's edges: without a pair any phrase holds, none can.
    pairs = _phrase_pairs()
    if normalise_text(text[max(0, start - 1) : start + 1]) not in pairs and normalise_text(
            text[end - 1 : end + 1]) not in pairs:
        return False
    offset = max(0, start - _PHRASE_WINDOW)
    window = normalise_text(text[offset : end + _PHRASE_WINDOW])
    last = len(window)
    for first in range(start - offset + 1):
        for stop in range(end - offset + (first == start - offset), last + 1):
            if window[first:stop] in phrases:
                return True
    return False


def _cuts_a_latin_word(text: str, start: int, end: int) -> bool:
    """ＣＤ of ＶＣＤ, SA of SAT, 4000 of 14000: an edge of the span falls between two
    Latin letters or two digits, inside one word or number of the text, so the span is
    a piece of it (a letter beside a digit may end a name: 沙尔克04vs). Measured on six
    slices of MSRA and CLUENER train: 14 non-names and 17 wrong spans, no name, dropped.
    A hyphen between Latin letters or digits joins one code, so an edge at it cuts the
    code too (p3 of p3-c, Vodafone of Vodafone-Idea)."""
    for edge in (start, end):
        if 0 < edge < len(text):
            pair = normalise_text(text[edge - 1 : edge + 1])
            if pair.isascii() and (pair.isalpha() or pair.isdigit()):
                return True
    return any(first >= 0 and _HYPHENATED.match(normalise_text(text[first : first + 3]))
               for first in (end - 1, start - 2))


# A Latin letter or digit, a hyphen, a Latin letter or digit (3-c, e-I): one code.
_HYPHENATED = re.compile(r"^[A-Za-z0-9]-[A-Za-z0-9]$")


def no_name_here(text: str, start: int, end: int) -> str:
    """Why the words around ``text[start:end]`` make it no name ("" when they do not):
    checked for KB matches and model candidates alike, as these are readings of the text,
    not of the name."""
    if _cuts_a_latin_word(text, start, end):
        return "piece of a Latin word or number"
    if _counted(text, start, end):
        return "one of a kind, counted"
    if _inside_a_phrase(text, start, end):
        return "piece of an idiom or set phrase"
    return ""


# What LAC's "some proper noun" guess and its repetition add up to, and nothing more.
_GUESS_AND_REPEATS = ("lac:nz", "repeat:")


def repetition_alone(evidence: Sequence[str]) -> bool:
    """A Chinese "some proper noun" of LAC's that only its repetition supports (a plan,
    a remedy, a vintage, a movement named again and again: 四联疗法, 干红葡萄酒) is a
    term of the story, not a brand: a brand needs one place where something else vouches
    for it (a list beside names, the dictionary, a second model), and is then spread to
    its other mentions. On MSRA and CLUENER train slices these were 29 non-names for 11
    names."""
    return all(e.startswith(_GUESS_AND_REPEATS) for e in evidence)
