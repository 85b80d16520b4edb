"""Document-level warnings: problems no block removal can fix.

Spun text, a page title that has nothing to do with the body, a listing page
that is not an article, pinyin interleaved as obfuscation. Each warning is a
``Reason`` whose text is a short code and a sentence: ``"spun_text: ..."``.
"""

from __future__ import annotations

import re

from .lexicon import GAMBLING, PINYIN, SPUN
from .memory import normalise
from .reasons import Reason, reason
from .segment import Segment
from .signals import ends_sentence, is_han_text, is_prose
from .vocabulary import term_set

# A teaser's marks: a cut-off end, a counter, a clock time. Searched one at a time, each
# only where the text holds what every match of it holds ("..." or "…", a counter word, an
# ASCII colon): their alternation, searched whole, tries each of them at every digit.
_TEASER_MARKS = (
    (("...", "…"), re.compile(r"(?:\.{3,}|…+)\s*$")),
    (("人气", "阅读", "浏览", "评论"), re.compile(r"\d+\s*(?:人气|阅读|浏览|评论)")),
    ((":",), re.compile(r"\d{1,2}:\d{2}")),
)
_REPEATED_LABEL = re.compile(r"[^\s:：，。]{2,8}[:：]")


def spun_text(text: str) -> Reason | None:
    hits = sorted({m.group(0) for m in SPUN.finditer(text)})
    if len(hits) >= 2:
        return reason("spun_text", words=", ".join(hits[:4]))
    return None


def title_unrelated(title: str, story: str) -> Reason | None:
    if not title.strip() or not story.strip():
        return None
    parts = [p for p in re.split(r"[_|｜]| - | – ", title) if normalise(p)]
    story_terms = term_set(story)
    best = 0.0
    for part in parts:
        own = term_set(part)
        if own:
            best = max(best, len(own & story_terms) / len(own))
    spam = GAMBLING.search(title) and not GAMBLING.search(story[:2000])
    if best < 0.35 or (spam and best < 0.8):
        return reason("title_unrelated", title=title[:40])
    return None


def _teaser(text: str) -> bool:
    """A truncated summary or a counter line: the stuff index pages are made of."""
    for needs, mark in _TEASER_MARKS:
        if any(part in text for part in needs) and mark.search(text):
            return True
    return len(text) >= 60 and is_han_text(text) and not ends_sentence(text)


def listing_page(segments: list[Segment]) -> Reason | None:
    """Many short teaser lines and almost no running text: an index, not an article."""
    if len(segments) < 6:
        for seg in segments:
            m = _REPEATED_LABEL.match(seg.text)
            if m and len(seg.text) >= 0.5 * sum(len(s.text) for s in segments):
                label = m.group(0)
                if seg.text.count(label) >= 4:
                    return reason("listing-entries")
        return None
    total = sum(len(s.text) for s in segments)
    # Enough running text settles it: count the longest blocks first, so an
    # article stops after a few paragraphs instead of testing every block.
    prose_chars = 0
    for text in sorted((s.text for s in segments), key=len, reverse=True):
        if is_prose(text) and not _teaser(text):
            prose_chars += len(text)
            if prose_chars >= 0.35 * total:
                return None
    teasers = sum(1 for s in segments if _teaser(s.text))
    if teasers >= max(3, len(segments) // 5):
        return reason("listing-teasers")
    return None


def pinyin(text: str) -> Reason | None:
    # Every match holds one opening bracket, after a Han character: try the pattern
    # at each bracket instead of scanning the whole story with it.
    found = 0
    for bracket in "(（":
        at = text.find(bracket, 1)
        while at >= 0 and found < 3:
            found += PINYIN.match(text, at - 1) is not None
            at = text.find(bracket, at + 1)
    if found >= 3:
        return reason("pinyin_interleaved")
    return None
