"""Find known entity names in text in one pass over an Aho-Corasick automaton.

Names and text are both normalised (see :mod:`.normalise`), so ``騰讯`` finds
``腾讯`` and ``智谱Al`` finds ``智谱AI``; offsets come back in the original text.
Selection is leftmost-longest and non-overlapping, after three filters that
cannot be expressed in the automaton itself:

- Latin and digit edges must sit on word boundaries (no ``AMD`` in ``AMDX``, no
  ``Meta`` in ``Metaverse``, no ``GPT-3`` in ``GPT-3.5``);
- names that are also common words (``从容``, ``孟子``, ``天工``) need evidence:
  the whole block is the name (a table cell), it is quoted, or a model word or a
  version number follows;
- a Latin name written with capitals does not match an all-lower-case surface
  (``Glow`` is not ``glow``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

import ahocorasick

from .normalise import normalise_text

__all__ = [
    "BLOCKED_CONTEXT",
    "CONTEXT_ALIASES",
    "STOP_ALIASES",
    "KnownName",
    "Match",
    "Matcher",
    "near_duplicates",
]

# Aliases that are too generic to ever tag (normalised forms).
STOP_ALIASES: frozenset[str] = frozenset(
    {"ai", "ml", "app", "api", "gpu", "cpu", "ceo", "it", "ip", "云", "大模型", "人工智能"}
)
# Aliases that are also ordinary words: matched only with evidence (see module doc).
CONTEXT_ALIASES: frozenset[str] = frozenset(
    {
        "从容", "孟子", "曹植", "天工", "混元", "盘古", "子曰", "式说", "日日新", "星火",
        "文心", "glow", "悟空", "灵犀", "元宝", "豆包", "问天", "天枢", "如意", "星辰",
        "启明", "紫东", "书生", "玉言", "伏羲", "羲和", "鹏城", "昆仑", "天河", "神威",
        "太初", "悟道", "百灵", "小冰", "小爱", "小艺", "小度", "通义", "千问", "言犀",
    }
)
# Alias -> (characters that may not precede it, characters that may not follow it).
BLOCKED_CONTEXT: dict[str, tuple[str, str]] = {
    "有道": ("", "理"),
    "百川": ("纳", ""),
    "天工": ("夺", ""),
    "小米": ("", "粥饭粒"),
    "苹果": ("", "树汁园"),
    "三星": ("", "期"),
    "大理": ("", "石"),
    "河源": ("黄", ""),
    "海北": ("南", ""),
    "快科技": ("加赶", ""),
    "白山": ("长太", ""),
    "眉山": ("峨", ""),
    "极星": ("北", ""),
    "吉利": ("英", ""),
    "海口": ("出入", ""),
    "芬兰": ("纽", ""),
    "威海": ("挪", ""),
    "国美": ("中", ""),
    "大连": ("五", ""),
    "喀什": ("尔", ""),
    "兰州": ("士", ""),
    "太保": ("行山", ""),
    "北京": ("", "时"),
}
_QUOTES_OPEN = "“\"'「『《〈(（【[‘"
_QUOTES_CLOSE = "”\"'」』》〉)）】]’"
_MODEL_WORDS = ("大模型", "模型", "系列", "app", "平台", "版", "大语言模型")
# Characters after a bare number that make it a quantity, not the name ``360``.
_UNITS = set("度°%％个万亿元千百十年月日天岁人家台次张位条款项分秒米克号期倍份件只名所层")


@dataclass(frozen=True, slots=True)
class KnownName:
    """One name (canonical or alias) of a known entity."""

    entity_key: str
    name: str
    kind: str


class Match(NamedTuple):
    """A known name found in text; ``start``/``end`` index the original text.

    ``name`` is the entity's canonical name (the first name given for it at build
    time); ``surface`` is what the text actually says. A named tuple, not a frozen
    dataclass: building one is a fifth of the cost, and a story has hundreds.
    """

    start: int
    end: int
    surface: str
    entity_key: str
    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class _Pattern:
    entity_key: str
    kind: str
    canonical: str
    length: int
    latin_start: bool
    latin_end: bool
    numeric: bool
    needs_context: bool
    needs_capital: bool
    blocked_before: str
    blocked_after: str

    @property
    def unconstrained(self) -> bool:
        """True when no context check can reject a match of this pattern."""
        return not (
            self.latin_start or self.latin_end or self.numeric or self.needs_context
            or self.needs_capital or self.blocked_before or self.blocked_after
        )


# pyahocorasick looks a character up among a node's children one by one, and the
# root has one child per first character of a name (700 for the shipped KB): most
# characters of a story miss at the root after trying them all. Spelled as two
# symbols, the code point's high byte then its low byte from disjoint ranges, the
# root has a few dozen children and each of those a few: four times faster, with
# the same matches, since a name can only match from a character's first symbol.
_HIGH = 0x100  # + code point >> 8 (up to 0x11FF)
_LOW = 0x1200  # + code point & 0xFF
# Joins the texts of one pass: no name holds it, and the filters read it as the
# edge of a text (neither a letter, a digit nor a Han character).
_SEPARATOR = "\x00"


def _spelled(text: str) -> str:
    """``text`` as the automaton's symbols: two per character."""
    units = text.encode("utf-16-be", "surrogatepass")
    n = len(text)
    if len(units) != 2 * n:  # characters beyond the BMP: rare, the slow way
        return "".join(chr(_HIGH + (ord(ch) >> 8)) + chr(_LOW + (ord(ch) & 0xFF)) for ch in text)
    # Built as the UTF-16 of the symbols: bytes 01 <high>, 12 <low> per character.
    spelled = bytearray(4 * n)
    spelled[0::4] = bytes([_HIGH >> 8]) * n
    spelled[1::4] = units[0::2]
    spelled[2::4] = bytes([_LOW >> 8]) * n
    spelled[3::4] = units[1::2]
    return spelled.decode("utf-16-be")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()  # False for ""


_ASCII_LOWER = re.compile("[a-z]")
_ASCII_UPPER = re.compile("[A-Z]")


def _has_lower_only(surface: str) -> bool:
    """Some Latin letter of ASCII, and no capital one among them."""
    return _ASCII_LOWER.search(surface) is not None and _ASCII_UPPER.search(surface) is None


class Matcher:
    """Leftmost-longest matcher over every known name; build once, reuse."""

    def __init__(
        self,
        automaton: ahocorasick.Automaton,
        patterns: list[_Pattern],
        ambiguous: dict[str, tuple[str, ...]],
    ) -> None:
        self._automaton = automaton
        self._patterns = patterns
        self._free = [pattern.unconstrained for pattern in patterns]
        self._lengths = [pattern.length for pattern in patterns]
        # What a match of each pattern says beyond its place: (entity_key, kind, name).
        self._described = [(p.entity_key, p.kind, p.canonical) for p in patterns]
        self.ambiguous = ambiguous
        self.canonical: dict[str, str] = {p.entity_key: p.canonical for p in patterns}

    @classmethod
    def build(cls, entries: Iterable[KnownName]) -> Matcher:
        """Build from names; an entity's first name is its canonical name.

        Single characters and :data:`STOP_ALIASES` are skipped. When one alias
        belongs to several entities, the entity whose canonical name it is wins,
        else the first one given; the clash is kept in ``ambiguous``.
        """
        canonical: dict[str, str] = {}
        by_alias: dict[str, list[tuple[KnownName, str]]] = {}
        lower_ok: set[tuple[str, str]] = set()
        for entry in entries:
            canonical.setdefault(entry.entity_key, entry.name)
            norm = normalise_text(entry.name.strip())
            if len(norm) < 2 or norm in STOP_ALIASES or _SEPARATOR in norm:
                continue
            if not any(ch.isupper() for ch in entry.name):
                lower_ok.add((norm, entry.entity_key))
            owners = by_alias.setdefault(norm, [])
            if all(owner.entity_key != entry.entity_key for owner, _ in owners):
                owners.append((entry, entry.name.strip()))
        automaton = ahocorasick.Automaton()
        patterns: list[_Pattern] = []
        ambiguous: dict[str, tuple[str, ...]] = {}
        for norm, owners in by_alias.items():
            if len(owners) > 1:
                ambiguous[norm] = tuple(owner.entity_key for owner, _ in owners)
                owners.sort(key=lambda pair: canonical[pair[0].entity_key] != pair[0].name)
            entry, written = owners[0]
            if _two_names(norm, entry, by_alias, canonical):
                continue
            blocked = BLOCKED_CONTEXT.get(norm, ("", ""))
            patterns.append(
                _Pattern(
                    entity_key=entry.entity_key,
                    kind=entry.kind,
                    canonical=canonical[entry.entity_key],
                    length=len(norm),
                    latin_start=_is_word_char(norm[0]),
                    latin_end=_is_word_char(norm[-1]),
                    numeric=norm.isdigit(),
                    needs_context=norm in CONTEXT_ALIASES,
                    needs_capital=(norm, entry.entity_key) not in lower_ok
                    and any(ch.isupper() for ch in written),
                    blocked_before=blocked[0],
                    blocked_after=blocked[1],
                )
            )
            automaton.add_word(_spelled(norm), len(patterns) - 1)
        if patterns:
            automaton.make_automaton()
        return cls(automaton, patterns, ambiguous)

    def __len__(self) -> int:
        return len(self._patterns)

    def knows(self, name: str) -> bool:
        """True when ``name`` (normalised) is a name or alias of some entity."""
        return bool(self._patterns) and self._automaton.exists(
            _spelled(normalise_text(name.strip()))
        )

    def find(self, text: str) -> list[Match]:
        """Known names in ``text``, leftmost-longest, without overlaps."""
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str]) -> list[list[Match]]:
        """:meth:`find` for each text (a story's blocks) in one pass over them all.

        A pass costs about as much per call as per character, so a story's short
        blocks go through the automaton joined, then matches go back to their text.
        No name holds the separator, so leftmost-longest over the joined text is
        leftmost-longest within each text; and as the automaton reports matches by
        where they end, the text a match is in only moves forward.
        """
        if not self._patterns or not texts:
            return [[] for _ in texts]
        joined = _SEPARATOR.join(texts)
        norm = normalise_text(joined)
        patterns, free, lengths = self._patterns, self._free, self._lengths
        hits: list[tuple[int, int, int]] = []  # (start, -end, pattern) in the joined text
        position, first, stop = -1, 0, -1  # a text, its start and end in the joined text
        for last_symbol, index in self._automaton.iter(_spelled(norm)):
            end = (last_symbol >> 1) + 1
            start = end - lengths[index]
            if not free[index]:
                while end > stop:
                    position += 1
                    first = stop + 1
                    stop = first + len(texts[position])
                if not self._accepts(texts[position], norm[first:stop], start - first,
                                     end - first, patterns[index]):
                    continue
            hits.append((start, -end, index))
        hits.sort()  # one pattern per normalised name: no two hits tie
        matches: list[list[Match]] = [[] for _ in texts]
        described = self._described
        position, first, stop = -1, 0, -1
        reached = 0
        for start, minus_end, index in hits:
            if start < reached:
                continue
            reached = -minus_end
            while reached > stop:
                position += 1
                first = stop + 1
                stop = first + len(texts[position])
            matches[position].append(Match(
                start - first, reached - first, joined[start:reached], *described[index]))
        return matches

    @staticmethod
    def _accepts(text: str, norm: str, start: int, end: int, pattern: _Pattern) -> bool:
        before = norm[start - 1] if start > 0 else ""
        after = norm[end] if end < len(norm) else ""
        # "2023WAIC": a digit before a name that starts with a letter is a boundary.
        if (
            pattern.latin_start
            and _is_word_char(before)
            and not (before.isdigit() and norm[start].isalpha())
        ):
            return False
        if pattern.latin_end and after:
            if _is_word_char(after):
                return False
            if after in ".-" and end + 1 < len(norm) and norm[end + 1].isdigit() and (
                after == "." or norm[end - 1].isdigit()
            ):
                return False
        if pattern.numeric and (after in _UNITS or (before and before in "第+-.$¥")):
            return False
        if before and before in pattern.blocked_before:
            return False
        if after and after in pattern.blocked_after:
            return False
        if pattern.needs_capital and _has_lower_only(text[start:end]):
            return False
        if pattern.needs_context:
            return _has_context(text, norm, start, end)
        return True


def _two_names(norm: str, entry: KnownName,
               by_alias: Mapping[str, Sequence[tuple[KnownName, str]]],
               canonical: Mapping[str, str]) -> bool:
    """亚马逊AWS, 微软Azure, 上交所科创板: an alias that writes another organisation's
    known name right before one of the entity's own names is two names back to back (the
    maker or parent, then its product or unit; the news labels read them so), and each is
    matched alone, so both link. The entity's own name (紫光展锐) stays one name."""
    if normalise_text(canonical[entry.entity_key].strip()) == norm:
        return False
    for k in range(2, len(norm) - 1):
        head, tail = by_alias.get(norm[:k]), by_alias.get(norm[k:])
        if head and tail and all(
                owner.kind == "organisation" and owner.entity_key != entry.entity_key
                for owner, _ in head) and any(
                owner.entity_key == entry.entity_key for owner, _ in tail):
            return True
    return False


def _has_context(text: str, norm: str, start: int, end: int) -> bool:
    """Evidence that a common-word alias is used as a name here."""
    if not text[:start].strip() and not text[end:].strip():
        return True
    before = norm[start - 1] if start > 0 else ""
    after = norm[end] if end < len(norm) else ""
    if before and after and before in _QUOTES_OPEN and after in _QUOTES_CLOSE:
        return True
    rest = norm[end : end + 5]
    return rest[:1].isdigit() or rest.startswith(_MODEL_WORDS)


_ORG_SUFFIXES = (
    "有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "科技", "智能", "技术",
    "网络", "信息", "数据", " inc.", " inc", " ltd.", " ltd", " corporation", " corp.",
    " corp", " technologies", " technology", " labs", " ai",
)


_LATIN_TOKENS = re.compile(r"[a-z0-9]+")


def _core(name: str) -> str:
    """A name without its legal or sector suffixes, for comparing variants."""
    core = normalise_text(name).strip()
    changed = True
    while changed:
        changed = False
        for suffix in _ORG_SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= 2:
                core = core[: -len(suffix)].strip()
                changed = True
    return core


def near_duplicates(
    names: Iterable[KnownName], threshold: float = 0.75
) -> list[tuple[str, str, float]]:
    """Pairs of distinct entities whose names look like variants of one name.

    Suggestions for an editor to merge or alias (``面壁科技`` vs ``面壁智能``),
    never applied automatically. Names sharing a core after their suffixes are
    removed score 0.95; otherwise the similarity of the cores is used. A name
    that contains the other (``腾讯`` / ``腾讯云``) is a sub-brand, not a
    duplicate, and is not offered; nor are names with different numbers
    (versions) or Latin names that differ at all after case folding.
    """
    by_prefix: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for entry in names:
        core = _core(entry.name)
        if len(core) < 2:
            continue
        bucket = by_prefix.setdefault((entry.kind, core[:1]), [])
        bucket.append((entry.entity_key, normalise_text(entry.name), core))
    best: dict[tuple[str, str], float] = {}
    for bucket in by_prefix.values():
        for i, (key_a, norm_a, core_a) in enumerate(bucket):
            for key_b, norm_b, core_b in bucket[i + 1 :]:
                if key_a == key_b or norm_a in norm_b or norm_b in norm_a:
                    continue
                if core_a != core_b and (core_a in core_b or core_b in core_a):
                    continue
                if core_a.isascii() and core_b.isascii() and core_a != core_b:
                    continue  # Latin names a letter apart are usually different things
                if _LATIN_TOKENS.findall(norm_a) != _LATIN_TOKENS.findall(norm_b):
                    continue  # 英伟达A100 / 英伟达H100, GPT-3 / GPT-4: models, not variants
                similar = SequenceMatcher(None, core_a, core_b).ratio
                score = 0.95 if core_a == core_b else similar()
                if score >= threshold:
                    pair = (min(key_a, key_b), max(key_a, key_b))
                    best[pair] = max(best.get(pair, 0.0), round(score, 3))
    return sorted(((a, b, s) for (a, b), s in best.items()), key=lambda t: (-t[2], t[0], t[1]))
