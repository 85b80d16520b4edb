"""Character features for the CRF: n-grams, character types, words, dictionaries.

Each character gets a list of string features (binary, as python-crfsuite takes
them). Text is normalised first so full-width MSRA text and half-width news text
look the same to the model. Word features come from jieba's segmenter plus the
part-of-speech tag its bundled dictionary gives the word (``nr``, ``ns``, ``nt``
...): a cheap dictionary lookup, not jieba's slower POS tagger. Known-entity
matches from the knowledge base add ``kb=<kind>|<B/I/E/S>`` features, so the
model learns to agree with the KB without being bound by it. Baidu LAC's words
(the shipped model every install runs, see :mod:`.lac`) add its label and the
character's place in the word, alone and between the labels of the words around
(``l=PERB``, ``la=v|PER|n`` + place), with the character itself, and the tags of
the characters either side: the CRF is stacked on LAC and learns where a corpus's
conventions differ from LAC's. On a held-out slice of MSRA train (3,000 sentences,
model trained on 8,000 others) this took F1 from 0.749 to 0.804 (label and
neighbours) and 0.808 (with the character and the tags either side); the jieba
dictionary's longest words starting and ending at a character, a wider character
window and LAC's word strings added nothing (0.801-0.803). The discoverer's rule votes
over LAC's words (:func:`.discover.rule_votes`: LAC's spans as the rules redraw them,
bodies, joined names, abbreviated countries) add each vote covering a character with
its place (``r=body:ORG|B``) and all of them together (``ra=...``): the CRF learns
which rules the corpus agrees with. Same slice, CRF from 12,000 sentences: 0.822 ->
0.831 alone (P 0.863 -> 0.870, R 0.784 -> 0.796). Templates tried on the same slice
and dropped (each lost or tied): character trigrams, characters three away and the LAC
word's first and last character (0.825 alone); organisation heads read off jieba's ``nt``
words with how far off the next one is (0.831, ORG 0.757 -> 0.750); the jieba words
either side (0.827).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import jieba
import jieba.posseg

from .normalise import normalise_text

if TYPE_CHECKING:
    from .lac import Word

__all__ = [
    "FEATURE_VERSION", "READABLE_VERSIONS", "char_type", "lac_tags", "sentence_features",
    "word_tags",
]

# Version 4 let a model name optional template groups (``feature_groups``); none of
# them won on the dev slice and they are gone, so a version-4 model naming any is
# refused, and one naming none (like every version-3 model) builds these features.
FEATURE_VERSION = 4
READABLE_VERSIONS = frozenset({3, 4})
_MAX_WORD = 6


def char_type(ch: str) -> str:
    """A coarse class of one normalised character."""
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    if ch in "·":
        return "M"
    return "P"


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab


def word_tags(text: str) -> list[tuple[str, str, str, str]]:
    """``(word, position, tag, neighbour tags)`` per character from jieba.

    ``position`` is B/M/E/S inside the word; ``tag`` is the dictionary POS tag of
    the word, or ``oov`` for a word jieba's HMM invented (often a name);
    ``neighbour tags`` are the tags of the words before and after.
    """
    tags = _word_tags()
    words = list(jieba.cut(text, HMM=True))
    word_pos = [tags.get(word, "oov") for word in words]
    out: list[tuple[str, str, str, str]] = []
    for k, word in enumerate(words):
        tag = word_pos[k]
        around = (word_pos[k - 1] if k else "^") + "|" + tag + "|"
        around += word_pos[k + 1] if k + 1 < len(words) else "$"
        if len(word) == 1:
            out.append((word, "S", tag, around))
            continue
        shown = word if len(word) <= _MAX_WORD else "<long>"
        out.append((shown, "B", tag, around))
        out.extend((shown, "M", tag, around) for _ in range(len(word) - 2))
        out.append((shown, "E", tag, around))
    return out


def _kb_tags(length: int, known: Sequence[tuple[int, int, str]]) -> list[str]:
    tags = [""] * length
    for start, end, kind in known:
        if end - start == 1:
            tags[start] = f"{kind}|S"
            continue
        tags[start] = f"{kind}|B"
        for i in range(start + 1, end - 1):
            tags[i] = f"{kind}|I"
        tags[end - 1] = f"{kind}|E"
    return tags


def lac_tags(length: int, words: Sequence[Word]) -> list[tuple[str, str]]:
    """``(label + place, previous|label|next + place)`` per character from LAC's words.

    ``place`` is B/M/E/S inside the word; characters no word covers get ``("", "")``.
    """
    out = [("", "")] * length
    labels = [word.label for word in words]
    last = len(words) - 1
    for k, word in enumerate(words):
        around = (labels[k - 1] if k else "^") + "|" + word.label + "|"
        around += labels[k + 1] if k < last else "$"
        start, end = word.start, min(word.end, length)
        if end - start == 1:
            out[start] = (word.label + "S", around + "S")
            continue
        for i in range(start, end):
            place = "B" if i == start else "E" if i == end - 1 else "M"
            out[i] = (word.label + place, around + place)
    return out


def _rule_tags(length: int, rules: Sequence[tuple[int, int, str]]) -> list[list[str]]:
    """Per character, each rule vote covering it with its place (``r=lac:ORG|B``),
    and all of them together (``ra=...``), or ``r=none``."""
    tags: list[list[str]] = [[] for _ in range(length)]
    for start, end, name in rules:
        end = min(end, length)
        for i in range(start, end):
            place = "S" if end - start == 1 else "B" if i == start else "E" if i == end - 1 else "M"
            tags[i].append(f"{name}|{place}")
    return [["r=" + tag for tag in row] + ["ra=" + "+".join(sorted(row))] if row
            else ["r=none"] for row in tags]


def sentence_features(
    text: str, known: Sequence[tuple[int, int, str]] = (), lac: Sequence[Word] | None = None,
    rules: Sequence[tuple[int, int, str]] | None = None,
) -> list[list[str]]:
    """Features for every character of ``text``; ``known`` are KB spans with kinds,
    ``lac`` LAC's words of ``text``, ``rules`` the discoverer's rule votes
    ``(start, end, source:label)``."""
    norm = normalise_text(text)
    n = len(norm)
    chars = ["0" if ch.isdigit() else ch for ch in norm]
    types = [char_type(ch) for ch in norm]
    padded = ["<s>", "<s>", *chars, "</s>", "</s>"]
    ptypes = ["^", "^", *types, "$", "$"]
    words = word_tags(norm)
    if len(words) != n:  # jieba drops nothing in practice; stay safe
        words = [(ch, "S", "x", "x") for ch in norm]
    kb = _kb_tags(n, known) if known else None
    stacked = lac_tags(n, lac) if lac is not None else None
    voted = _rule_tags(n, rules) if rules is not None else None
    features: list[list[str]] = []
    for i in range(n):
        j = i + 2
        cm2, cm1, c0, c1, c2 = padded[j - 2 : j + 3]
        word, pos, tag, around = words[i]
        row = [
            "b",
            "c0=" + c0,
            "c-1=" + cm1,
            "c1=" + c1,
            "c-2=" + cm2,
            "c2=" + c2,
            "c-1c0=" + cm1 + c0,
            "c0c1=" + c0 + c1,
            "c-2c-1=" + cm2 + cm1,
            "c1c2=" + c1 + c2,
            "c-1c1=" + cm1 + c1,
            "c-1c0c1=" + cm1 + c0 + c1,
            "t=" + ptypes[j - 1] + ptypes[j] + ptypes[j + 1],
            "w=" + word,
            "p=" + pos,
            "wt=" + tag + pos,
            "wa=" + around + pos,
            "wp=" + word + "|" + pos,
        ]
        if kb is not None and kb[i]:
            row.append("kb=" + kb[i])
        if stacked is not None:
            if stacked[i][0]:
                row.append("l=" + stacked[i][0])
                row.append("la=" + stacked[i][1])
                row.append("lc=" + c0 + stacked[i][0])
            row.append("l-1=" + (stacked[i - 1][0] if i else "^"))
            row.append("l1=" + (stacked[i + 1][0] if i + 1 < n else "$"))
        if voted is not None:
            row.extend(voted[i])
        features.append(row)
    return features
