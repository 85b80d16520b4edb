"""Entity extraction: known names from the KB, new names from a model.

Pure Python: strings and frozen dataclasses in and out, nothing from Django or
Celery. The Django side loads the KB rows into :class:`Matcher`, calls
:func:`extract` on a story's publishable blocks and saves the mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .discover import OTHER, Candidate, Discoverer
from .junk import is_junk
from .matcher import KnownName, Match, Matcher, near_duplicates
from .normalise import Normalised, normalise, normalise_text

__all__ = [
    "Candidate",
    "Discoverer",
    "KnownName",
    "Match",
    "Matcher",
    "Mention",
    "Normalised",
    "extract",
    "makers",
    "near_duplicates",
    "normalise",
    "normalise_text",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention in one block; offsets index that block's text.

    ``known`` mentions come from the KB (``origin="kb"``, ``entity_key`` set);
    the others are model suggestions for a new entity (``entity_key`` None).
    """

    block: int
    start: int
    end: int
    surface: str
    entity_key: str | None
    name: str
    kind: str
    known: bool
    confidence: float
    origin: Literal["kb", "model"]


def _overlaps(candidate: Candidate, known: Sequence[Match]) -> bool:
    return any(candidate.start < m.end and m.start < candidate.end for m in known)


def extract(
    blocks: Sequence[tuple[int, str]],
    matcher: Matcher,
    discoverer: Discoverer | None = None,
) -> list[Mention]:
    """Mentions in ``(block_index, text)`` blocks (pass STORY blocks only).

    Known names win over model candidates: a candidate that overlaps a KB match
    is dropped, as are junk candidates (see :func:`.junk.is_junk`).
    """
    mentions: list[Mention] = []
    for block, text in blocks:
        known = matcher.find(text)
        for m in known:
            mentions.append(
                Mention(block, m.start, m.end, m.surface, m.entity_key, m.name, m.kind,
                        True, 1.0, "kb")
            )
        if discoverer is None:
            continue
        for c in discoverer.find(text, known=known):
            if c.kind == OTHER or _overlaps(c, known) or is_junk(c.surface, c.confidence):
                continue
            mentions.append(
                Mention(block, c.start, c.end, c.surface, None, c.surface.strip(), c.kind,
                        False, c.confidence, "model")
            )
    mentions.sort(key=lambda m: (m.block, m.start))
    return mentions


def makers(
    mentions: Iterable[Mention],
    relations: Mapping[str, str],
    parents: Mapping[str, str] | None = None,
) -> list[str]:
    """Makers to suggest when a product is named but its maker is not.

    ``relations`` maps product keys to maker keys (``kb.relations(...)["maker"]``).
    With ``parents`` (child -> parent keys), a maker whose parent group is named
    is not suggested either (``火山方舟`` in a story that names ``字节跳动``).
    Returned in order of the products' first mention, without repeats.
    """
    parents = parents or {}
    seen: set[str] = set()
    products: list[str] = []
    for mention in mentions:
        if mention.entity_key is None:
            continue
        seen.add(mention.entity_key)
        if mention.entity_key in relations:
            products.append(mention.entity_key)
    suggested: list[str] = []
    for product in products:
        maker = relations[product]
        lineage = [maker]
        while lineage[-1] in parents and len(lineage) < 10:
            lineage.append(parents[lineage[-1]])
        if seen.isdisjoint(lineage) and maker not in suggested:
            suggested.append(maker)
    return suggested
