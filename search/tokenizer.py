"""Tokens for searching Chinese and English text (pure Python, no Django).

Chinese has no spaces, and PostgreSQL's parsers know no Chinese words, so a run
of Han characters is indexed as overlapping bigrams: 大模型 -> 大模, 模型. A
query is tokenised the same way and its bigrams must stand next to each other,
so 大模型 matches 大模型 and never 大的模型. Latin words and numbers are
lower-cased; a compound such as RISC-V, GPT-4 or Wi-Fi is indexed joined
(riscv) and by its parts (risc, v) so either spelling finds it.

The output is used three ways: as a PostgreSQL ``tsvector`` literal (lexemes
with positions, cast without reparsing, so the result does not depend on the
database's locale or text-search configuration), as a ``tsquery`` literal, and
as a plain space-separated string the SQLite fallback searches with ``instr``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# CJK Unified Ideographs and Extension A, plus the compatibility block.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"([{HAN}]+)|([a-z0-9]+(?:[-_.+'][a-z0-9]+)*)")
_PARTS = re.compile(r"[a-z0-9]+")
# A few traditional forms seen in imports (騰讯), folded so either form matches.
_FOLD = str.maketrans({"騰": "腾", "訊": "讯", "華": "华", "為": "为", "電": "电", "腦": "脑",
                       "網": "网", "與": "与", "雲": "云", "機": "机", "學": "学", "國": "国"})
MAX_QUERY_TERMS = 12


@dataclass(frozen=True, slots=True)
class Token:
    lexeme: str
    position: int  # 1-based, as in a tsvector


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, a few traditional forms folded."""
    return unicodedata.normalize("NFKC", text).lower().translate(_FOLD)


def tokens(text: str) -> list[Token]:
    """Every searchable token of ``text`` with its position, in reading order.

    Parts of a Latin compound share the compound's position, so they never
    break the adjacency that phrase queries rely on.
    """
    out: list[Token] = []
    position = 0
    for match in _TOKEN.finditer(normalise(text)):
        han, latin = match.groups()
        if han:
            if len(han) == 1:
                position += 1
                out.append(Token(han, position))
                continue
            for i in range(len(han) - 1):
                position += 1
                out.append(Token(han[i:i + 2], position))
        else:
            position += 1
            parts = _PARTS.findall(latin)
            out.append(Token("".join(parts), position))
            if len(parts) > 1:
                out.extend(Token(part, position) for part in dict.fromkeys(parts))
    return out


def token_string(text: str) -> str:
    """The lexemes, space-separated and padded, for the SQLite fallback (`instr(' x ')`).

    One lexeme per position in reading order, so a phrase is a substring; the
    parts of compounds follow after a ``|`` so they stay findable on their own.
    """
    primary: list[str] = []
    parts: list[str] = []
    last = 0
    for token in tokens(text):
        if token.position == last:
            parts.append(token.lexeme)
        else:
            primary.append(token.lexeme)
            last = token.position
    return " " + " ".join(primary) + " | " + " ".join(parts) + " "


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(text: str, *, weight: str = "", offset: int = 0) -> str:
    """A tsvector literal: ``'大模':1,9A '模型':2A``; cast with ``::tsvector`` in SQL.

    PostgreSQL keeps at most 256 positions per lexeme and positions up to 16383;
    anything beyond is clamped by the server, which is harmless for ranking.
    """
    positions: dict[str, list[int]] = {}
    for token in tokens(text):
        positions.setdefault(token.lexeme, []).append(min(token.position + offset, 16383))
    return " ".join(
        f"{_quote(lexeme)}:" + ",".join(f"{p}{weight}" for p in sorted(set(ps))[:256])
        for lexeme, ps in positions.items()
    )


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: terms (split on spaces) that must all match, each a phrase of lexemes."""

    phrases: tuple[tuple[str, ...], ...]
    words: tuple[str, ...]  # the original terms, for highlighting

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def tsquery(self) -> str:
        """``('大模' <-> '模型') & 'a100'``; a lone Han character becomes a prefix match."""
        parts = []
        for phrase in self.phrases:
            if len(phrase) == 1 and _is_han_char(phrase[0]):
                parts.append(f"{_quote(phrase[0])}:*")
            else:
                parts.append("(" + " <-> ".join(_quote(lexeme) for lexeme in phrase) + ")")
        return " & ".join(parts)

    def needles(self) -> list[str]:
        """Padded strings each of which must occur in a token string (SQLite prefilter)."""
        out = []
        for phrase in self.phrases:
            if len(phrase) == 1 and _is_han_char(phrase[0]):
                out.append(" " + phrase[0])
            else:
                out.append(" " + " ".join(phrase) + " ")
        return out


def _is_han_char(lexeme: str) -> bool:
    return len(lexeme) == 1 and re.fullmatch(f"[{HAN}]", lexeme) is not None


def parse_query(text: str) -> Query:
    """Split a reader's query on whitespace; each term becomes a phrase of its tokens."""
    phrases: list[tuple[str, ...]] = []
    words: list[str] = []
    for word in normalise(text).split()[:MAX_QUERY_TERMS]:
        lexemes = _phrase(word)
        if lexemes and lexemes not in phrases:
            phrases.append(lexemes)
            words.append(word)
    return Query(tuple(phrases), tuple(words))


def _phrase(word: str) -> tuple[str, ...]:
    seen_positions: set[int] = set()
    lexemes: list[str] = []
    for token in tokens(word):
        if token.position in seen_positions:
            continue  # a compound's parts: the joined form already stands for them
        seen_positions.add(token.position)
        lexemes.append(token.lexeme)
    return tuple(lexemes)


def score(token_text: str, query: Query, *, title_token_text: str = "") -> float:
    """A simple relevance score for the SQLite fallback: phrase hits, title hits count more."""
    total = 0.0
    for needle in query.needles():
        body_hits = token_text.count(needle)
        if not body_hits and needle not in title_token_text:
            return 0.0
        total += min(body_hits, 20) + 5 * title_token_text.count(needle)
    return total / (1 + len(token_text) / 4000)


def highlight(text: str, words: Iterable[str], *, width: int = 160) -> str:
    """An HTML-safe snippet of ``text`` around the first match, matches in ``<mark>``.

    The text is escaped first and only then are ``<mark>`` tags added, around
    escaped matches, so nothing in the article can inject markup.
    """
    from html import escape

    import nh3

    folded = normalise(text)
    # NFKC may change lengths; fall back to a plain lower() view when it did.
    if len(folded) != len(text):
        folded = text.lower()
    needles = sorted({w for w in words if w}, key=len, reverse=True)
    first = min((i for i in (folded.find(n) for n in needles) if i >= 0), default=0)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    window, window_folded = text[start:end], folded[start:end]
    spans: list[tuple[int, int]] = []
    for needle in needles:
        i = window_folded.find(needle)
        while i >= 0:
            if not any(a < i + len(needle) and i < b for a, b in spans):
                spans.append((i, i + len(needle)))
            i = window_folded.find(needle, i + len(needle))
    out, cursor = [], 0
    for a, b in sorted(spans):
        out.append(escape(window[cursor:a]))
        out.append("<mark>" + escape(window[a:b]) + "</mark>")
        cursor = b
    out.append(escape(window[cursor:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    # Escaped above; the sanitiser keeps it so should this code ever change.
    return nh3.clean(prefix + "".join(out) + suffix, tags={"mark"}, attributes={})
