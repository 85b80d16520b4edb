"""Is this the same story as that one? SimHash prints of a document's story blocks.

Two outlets that republish one story wrap it in different chrome, headlines and
disclaimers, so a fingerprint of the whole page differs; the story's own
paragraphs do not. A document's prints are the fingerprints of its main-content
blocks long enough to be distinctive, and two documents are the same story when
most of the shorter one's prints have a near twin (the checker's Hamming radius)
in the other (a paragraph or two in common, a quoted statement, a shared
disclaimer, is not enough).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .memory import fingerprints, hamming, normalise
from .segment import segment_text

# Blocks shorter than this (after normalising) are headings, bylines and chrome:
# too common across stories to say anything.
MIN_CHARS = 24
MAX_PRINTS = 64
NEAR = 3
# Share of our prints that must have a near twin in theirs.
SAME_STORY = 0.6
MIN_SHARED = 2


def story_prints(text: str, fmt: str = "text") -> list[int]:
    """Distinct fingerprints of the document's main-content blocks, in order."""
    if fmt == "html":
        from .html import extract

        texts = [s.text for s in extract(text).segments if not s.outside]
    else:
        texts = [s.text for s in segment_text(text)]
    long_enough = [t for t in texts if len(normalise(t)) >= MIN_CHARS]
    seen: dict[int, None] = {}
    for fp in fingerprints(long_enough):
        if fp:
            seen.setdefault(fp, None)
        if len(seen) >= MAX_PRINTS:
            break
    return list(seen)


def shared_prints(ours: Sequence[int], theirs: Iterable[int]) -> int:
    """How many of our prints have a near twin among theirs."""
    theirs = list(theirs)
    return sum(1 for a in ours if any(hamming(a, b) <= NEAR for b in theirs))


def same_story(ours: Sequence[int], theirs: Sequence[int]) -> bool:
    """Most of our story blocks have a near twin among theirs. Judged on our side
    only: ``theirs`` may be just the prints an indexed band lookup returned, and a
    republished copy may add blocks of its own."""
    if not ours or not theirs:
        return False
    shared = shared_prints(ours, theirs)
    return shared >= min(MIN_SHARED, len(ours)) and shared >= SAME_STORY * len(ours)
