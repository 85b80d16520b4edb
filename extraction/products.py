"""Products named by model: a brand or series, then a code (``麒麟9000S``, ``Mate 60 Pro``).

A general grammar, not a list of models: HEAD [space or hyphen] CODE SUFFIX*, where

- HEAD is a known product or series (``iPhone``; ``麒麟`` from the KB's
  ``麒麟芯片``), a known maker (``小米`` in ``小米SU7``), a capitalised Latin word
  (``Exynos``, ``Balong``, ``DeepSeek``), or a word LAC tags as a proper noun or
  organisation (``巴龙``, ``骁龙``);
- CODE is digits or letters+digits (``990``, ``5000``, ``SU7``, ``R1``, ``4o``, ``X55``),
  or one capital letter written apart after a known series (``Galaxy F``, ``iPhone X``);
- SUFFIX is ``Gen 3``, ``Pro``, ``Max``, ``Ultra``, ``Plus``, ``S``, ``版``, ``至尊版`` ...

A maker written right before the head belongs to the name (``华为Mate 60 Pro``).
Each product comes back with the series and the maker it was linked to, so the
pipeline can suggest the maker relation for a new model (华为 → 麒麟 → 麒麟990).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .lac import Word
from .latin import latin_term_reason
from .matcher import KnownName, Match
from .normalise import normalise_text

__all__ = ["Product", "ProductGrammar"]

_SUFFIX = (
    r"(?:Gen ?\d+|Pro\+?|Max|Ultra|Plus|Mini|Lite|SE|Turbo|Air|Neo|Fold|Flip|Preview|Elite|"
    r"Ti|Super|XTX|XT|"
    r"至尊版|标准版|旗舰版|青春版|Pro版|版|\+)"
)
# A tier and a part number (Core Ultra 7 155H, 锐龙9 9950X, Core i9 14900K): the number
# after the tier, with its letters, is part of the model (not a capacity: Mate 60 512GB).
_CODE = re.compile(
    r"(?P<sep>[ \-]?)"
    r"(?P<code>[A-Za-z]{1,3}\d+(?:\.\d+)?[A-Za-z]{0,2}|\d+(?:\.\d+)?[A-Za-z]{0,2})"
    r"(?P<sku> (?!\d+(?:[GTMK]B|mAh|[kKMG]?Hz|[kK]?W|nm|mm)(?![A-Za-z]))"
    r"\d{3,5}[A-Za-z]{1,2}\d?[A-Za-z]?)?"
    rf"(?P<suffix>(?:[ \-]?{_SUFFIX}(?![A-Za-z]))*)"
    r"(?![A-Za-z0-9.])"
)
# One capital letter after a known series, written apart (Galaxy F, iPhone X, Mate X):
# a model only where the KB vouches for the series.
_LETTER_CODE = re.compile(rf" (?P<code>[A-Z])(?P<suffix>(?: {_SUFFIX})*)(?![A-Za-z0-9.&])")
_LATIN_HEAD = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]$")
# A quantity, a date or a rank, not a model code.
_UNITS = set("年月日号时分秒亿万千百元块个位名家台款次倍岁人度%％天周期届层项种"
             "亩米吨克升斤英寸辆套张条份所只股多余")
# ... or a number that goes on: a range (40-50, Q01-05, 3至5), thousands (40,000).
_NUMBER_GOES_ON = re.compile(r"[\-－~～至到]\d|,\d{3}(?!\d)")
# A decimal after a word LAC read (凯利1.00, 商圈2.5): a value, not a model.
_DECIMAL = re.compile(r"\d+\.\d+")
_GENERIC_CODES = frozenset({"5g", "4g", "3g", "2g", "3d", "2d", "4k", "8k", "2b", "2c", "b2b",
                            "b2c", "o2o", "p2p", "h1", "h2", "q1", "q2", "q3", "q4"})
_GENERIC_HEADS = frozenset({"gpu", "cpu", "npu", "tpu", "pc", "ai", "app", "api", "top", "no",
                            "vs", "and", "or", "the", "of", "in", "covid", "iso", "usb",
                            "wifi", "wi-fi", "lte", "ipv", "http", "https", "www", "ddr",
                            "lpddr", "pcie", "hdmi", "cpi", "ppi", "gdp", "eps"})
# Generic words after a series name in the KB (``麒麟芯片`` is the series ``麒麟``).
_SERIES_SUFFIXES = ("系列芯片", "处理器", "芯片", "系列", "手机", "大模型", "模型", "系统",
                    "操作系统", "汽车")
_HEAD_LABELS = frozenset({"ORG", "nz", "nw", "PER", "LOC", "n"})
# How sure a product is whose head is only a word LAC read as a name (东风柳汽T5).
_WORD_HEAD = 0.7
# A person LAC reads in Chinese script heads no model: the number after one is a score,
# a count or a byline's code (李菊14:22, 编辑张伟 HN154); a person label on a Latin
# word is as often a brand (Galaxy F). On six MSRA train slices of 2,000 sentences all
# four such products were wrong (李菊14, 欧亚11 of 欧亚11国, 金星283 of 金星283公里,
# and 罗素2000, an index); the news tuning half has none.
_PERSON_HEAD = "PER"
_HAN_START = re.compile(r"^[\u4e00-\u9fff]")
_TRAILING_CODE = re.compile(r"[ \-]?[A-Za-z]{0,3}\d[\w.]*$")


@dataclass(frozen=True, slots=True)
class Product:
    """A product span with the series and maker it links to (KB keys, or None)."""

    start: int
    end: int
    surface: str
    series: str | None
    maker: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class _Head:
    start: int
    series: str | None
    maker: str | None
    confidence: float


class ProductGrammar:
    """Built once from the KB's names: series heads and which organisation makes what."""

    def __init__(self, series: Mapping[str, str], kinds: Mapping[str, str],
                 makers: Mapping[str, str]) -> None:
        self._series = dict(series)  # normalised head -> product key
        self._kinds = dict(kinds)  # entity key -> kind
        self._makers = dict(makers)  # product key -> maker key
        self._longest = max((len(head) for head in self._series), default=0)

    @classmethod
    def build(cls, names: Iterable[KnownName], makers: Mapping[str, str] | None = None,
              ) -> ProductGrammar:
        """Series heads from every product name: the name, and the name without a generic
        suffix or a trailing model code (``麒麟芯片`` and ``麒麟9000S`` give ``麒麟``)."""
        series: dict[str, str] = {}
        kinds: dict[str, str] = {}
        names = list(names)
        others = {normalise_text(e.name.strip()) for e in names if e.kind != "product"}
        for entry in names:
            kinds.setdefault(entry.entity_key, entry.kind)
            if entry.kind != "product":
                continue
            name = normalise_text(entry.name.strip())
            heads = {name}
            for suffix in _SERIES_SUFFIXES:
                if name.endswith(suffix):
                    heads.add(name[: -len(suffix)])
            heads.add(_TRAILING_CODE.sub("", name))
            for head in heads:
                if len(head) >= 2 and not head.isdigit() and head not in others:
                    series.setdefault(head, entry.entity_key)
        return cls(series, kinds, makers or {})

    def find(self, text: str, known: Sequence[Match] = (),
             words: Sequence[Word] = ()) -> list[Product]:
        """Products in ``text``; ``known`` are its KB matches, ``words`` its LAC words."""
        page = text
        text = _plain_spaces(text)
        codes = list(_CODE.finditer(text))
        letter_codes = list(_LETTER_CODE.finditer(text))
        if not codes and not letter_codes:
            return []  # no model code, no product (most blocks): nothing to index
        norm = normalise_text(text)
        ends = {m.end: m for m in known}
        known_spans = {(m.start, m.end) for m in known}
        word_ends = {w.end: w for w in words}
        found: list[Product] = []
        for code in codes:
            at = code.start()
            if at == 0 or text[at - 1] in "0123456789.":
                continue
            end = code.end()
            code_text = code.group("code").lower()
            suffix = code.group("suffix") or code.group("sku")
            if code_text in _GENERIC_CODES and not suffix:
                continue
            if (end < len(text) and text[end] in _UNITS) or _NUMBER_GOES_ON.match(text, end):
                continue
            if any(s <= code.start("code") and end <= e for s, e in known_spans):
                continue  # the code is (inside) a known name (英伟达A100, A100)
            head = self._head(text, norm, at, ends, word_ends)
            if head is None:
                if _bare_model(text, norm, code):
                    found.append(Product(at, end, page[at:end], None,
                                         self._maker_nearby(text, at, known), _BARE_MODEL))
                continue
            if head.series is None and head.maker is None and head.confidence <= _WORD_HEAD \
                    and not suffix and _DECIMAL.fullmatch(code_text):
                continue
            digits = re.sub(r"\D", "", code_text)
            strong = bool(suffix) or head.series is not None or not code_text.isdigit()
            if not strong and (len(digits) < 2 or re.fullmatch(r"(?:19|20)\d\d", digits)) \
                    and not _numbered_after_a_latin_name(text, head.start, code):
                continue  # 华为5, 腾讯2023: not a model
            start = head.start
            maker = head.maker
            # A maker written right before the head is part of the name (华为Mate 60).
            before = start - 1 if start and text[start - 1] == " " else start
            owner = ends.get(before)
            if owner is not None and self._kinds.get(owner.entity_key, owner.kind) == (
                "organisation"
            ):
                start, maker = owner.start, maker or owner.entity_key
            # ... and a known maker the Latin series began with (AMD Radeon RX 7900).
            first = next((m for m in known if m.start == start and m.end < at), None)
            if maker is None and first is not None and self._kinds.get(
                    first.entity_key, first.kind) == "organisation":
                maker = first.entity_key
            if maker is None and head.series:
                maker = self._makers.get(head.series)
            if maker is None:
                maker = self._maker_nearby(text, start, known)
            if head.series is None and latin_term_reason(text[start:end]):
                continue  # UFS 4.0, LPDDR5X, Bluetooth 5.3: a standard and its version
            found.append(Product(start, end, page[start:end], head.series, maker,
                                 head.confidence))
        for code in letter_codes:
            head = self._head(text, norm, code.start(), ends, word_ends)
            if head is None or head.series is None or _overlaps_any(code.start(), found):
                continue
            found.append(Product(head.start, code.end(), page[head.start : code.end()],
                                 head.series, head.maker, head.confidence))
        found.sort(key=lambda p: p.start)
        return found

    def _maker_nearby(self, text: str, start: int, known: Sequence[Match]) -> str | None:
        """The last organisation named before ``start`` in its sentence (华为发布了巴龙5000)."""
        sentence = max(text.rfind(stop, 0, start) for stop in "。！？!?；;\n")
        owner = None
        for m in known:
            if sentence < m.start and m.end <= start and self._kinds.get(
                m.entity_key, m.kind
            ) == "organisation":
                owner = m.entity_key
        return owner

    def _head(self, text: str, norm: str, at: int, ends: Mapping[int, Match],
              word_ends: Mapping[int, Word]) -> _Head | None:
        match = ends.get(at)
        if match is not None:
            kind = self._kinds.get(match.entity_key, match.kind)
            if kind == "product":
                return _Head(match.start, match.entity_key,
                             self._makers.get(match.entity_key), 0.9)
            if kind == "organisation":
                return _Head(match.start, None, match.entity_key, 0.85)
            return None
        for length in range(min(self._longest, at), 1, -1):
            key = self._series.get(norm[at - length : at])
            if key is not None and not (at - length and _is_latin(norm[at - length - 1])):
                return _Head(at - length, key, self._makers.get(key), 0.9)
        latin = _LATIN_HEAD.search(text, max(0, at - 30), at)
        if latin is not None and latin.end() == at:
            word = latin.group()
            if (word.lower() in _GENERIC_HEADS or not any(ch.isupper() for ch in word)
                    or latin_term_reason(word)):
                return None
            return _Head(_series_start(text, latin.start()), None, None, 0.8)
        word = word_ends.get(at)
        if word is not None and word.label in _HEAD_LABELS and 2 <= word.end - word.start <= 4:
            surface = text[word.start : word.end]
            if word.label == "n" and not _rare(surface):
                return None
            if word.label == _PERSON_HEAD and _HAN_START.match(surface):
                return None
            return _Head(word.start, None, None, _WORD_HEAD)
        return None


# Spaces a web page writes between a series and its code where a plain space is meant
# (no-break, narrow no-break, thin, en and em spaces: Mate\u00a060\u00a0Pro). Each folds
# 1:1 to a plain space for the grammar, so offsets stay; a product keeps the page's
# surface. The ideographic space (\u3000) sits between Chinese words and stays.
_WEB_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")


def _plain_spaces(text: str) -> str:
    """``text`` with every web space a plain one, same length (see ``_WEB_SPACES``)."""
    return _WEB_SPACES.sub(" ", text) if _WEB_SPACES.search(text) else text


# Kinds of product a text writes right after a bare model code (H20芯片, A17处理器, X65基带,
# K30显卡): the noun says the code names a model of that kind.
# (晶片: the Traditional-script pages' word for a chip; their text is folded to
# Simplified before the lookup).
_KIND_NOUNS = ("芯片", "晶片", "处理器", "显卡", "基带", "加速卡", "服务器", "手机", "平板",
               "笔记本", "大模型", "模型", "车型", "机型", "无人机", "相机", "耳机", "手表")
# A code of letters and digits (H20, A17, MI325X), not digits alone (a count, a year).
_LETTERED_CODE = re.compile(r"[A-Za-z]{1,3}\d+[A-Za-z]{0,2}")
# How sure a bare code is that only the noun after it vouches for.
_BARE_MODEL = 0.6


def _bare_model(text: str, norm: str, code: re.Match[str]) -> bool:
    """H20芯片, A17处理器: a code of letters and digits that begins a word and is written
    right before a kind of product is a model of that kind, with no series before it
    (the labels' bare part numbers); not a technology or a period with its number (5G,
    DDR5, Q3), and nothing after a space (the noun belongs to the code it follows)."""
    at = code.start("code")
    return (not code.group("sep") and not code.group("suffix") and not code.group("sku")
            and bool(_LETTERED_CODE.fullmatch(code.group("code")))
            and (at == 0 or not _is_latin(text[at - 1]))
            and norm.startswith(_KIND_NOUNS, code.end())
            and code.group("code").lower() not in _GENERIC_CODES
            and not latin_term_reason(code.group("code")))


# A capitalised Latin name, then a space: the only head after which one digit is a model.
_LATIN_NAME_THEN_SPACE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z\-]*[a-z][A-Za-z\-]* $")


def _numbered_after_a_latin_name(text: str, start: int, code: re.Match[str]) -> bool:
    """Polestar 2, Pixel 8, Switch 2: one digit (not 0) written apart after a capitalised
    Latin name numbers that name's model, as English names number products; after a
    Chinese name (华为5) or run together (Xbox1) one digit is as often a count or a rank.
    English words (Section 2, Phase 3) are no head (see ``_head``), and a term with its
    generation written apart (Web 3, as Web3) is the term."""
    digit = code.group("code")
    name = _LATIN_NAME_THEN_SPACE.search(text, start, code.start("code"))
    return (len(digit) == 1 and digit != "0" and code.group("sep") == " " and name is not None
            and not latin_term_reason(name.group().strip() + digit))


def _overlaps_any(at: int, found: Sequence[Product]) -> bool:
    return any(p.start <= at < p.end for p in found)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _rare(word: str) -> bool:
    """Not an ordinary frequent word (``骁龙`` yes, ``收入`` no)."""
    from .discover import dictionary_frequency

    return dictionary_frequency(word) < 50


_CAPITALISED_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z\-]* $")


def _series_start(text: str, start: int) -> int:
    """Where a Latin series of several capitalised words begins (Radeon RX 7900, Core
    Ultra 7): the words at single spaces before its last one, unless a word is a common
    term or an English word (the head alone then)."""
    while (word := _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)) and not (
            latin_term_reason(word.group().strip())):
        start = word.start()
    return start
