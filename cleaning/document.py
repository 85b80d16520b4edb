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

# A teaser's marks: a cut-off end (``(?:\.{3,}|…+)\s*$``), a counter
# (``\d+\s*(?:人气|阅读|浏览|评论)``), a clock time (``\d{1,2}:\d{2}``). Each is read off
# the characters around what every match of it holds (the end, a counter word, an ASCII
# colon) by str methods: a regex search tries its digit at every character of the line.
# (re's \d is str.isdecimal(), its \s str.isspace(), which str.rstrip() strips.)
_CUT_OFF = ("...", "…")
_COUNTER_WORDS = ("人气", "阅读", "浏览", "评论")


def _teaser_mark(text: str) -> bool:
    """Whether ``text`` holds one of a teaser's marks (see above)."""
    if text.rstrip().endswith(_CUT_OFF):
        return True
    for word in _COUNTER_WORDS:
        # (``in`` first: most texts hold none, and find's arguments cost more to read.)
        at = text.find(word, 1) if word in text else -1  # none opening the text counts
        while at > 0:
            before = text[:at].rstrip()
            if before and before[-1].isdecimal():
                return True
            at = text.find(word, at + 1)
    at = text.find(":", 1) if ":" in text else -1
    while at > 0:
        # One digit or two before the colon (one is enough to match), two after it.
        if text[at - 1].isdecimal() and len(after := text[at + 1 : at + 3]) == 2 and (
            after.isdecimal()
        ):
            return True
        at = text.find(":", at + 1)
    return False


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
    if _teaser_mark(text):
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
