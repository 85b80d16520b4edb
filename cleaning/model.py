"""The checker's public value types.

Frozen dataclasses so verdicts can be cached, compared and handed across
process boundaries (Celery) without anyone mutating them on the way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

CHECKER_VERSION = "2026.12.4"

KINDS: tuple[str, ...] = (
    "paragraph",
    "heading",
    "caption",
    "figure",
    "table_cells",
    "foreign",
    "chrome",
    "disclaimer",
    "residue",
    "duplicate",
)
STORY_KINDS: frozenset[str] = frozenset(
    {"paragraph", "heading", "caption", "figure", "table_cells"}
)
CONTAMINATION_KINDS: frozenset[str] = frozenset(KINDS) - STORY_KINDS


ARTICLE = "article"
# Verdicts on a whole document that is not an article, and the block kind every
# block of such a page gets: a page selling a casino or spun for search engines is
# foreign to the desk; a site's own index, login or error page is chrome.
PAGE_KINDS: Mapping[str, str] = {
    "doorway": "foreign",
    "listing": "chrome",
    "error": "chrome",
    "spun": "foreign",
    "service": "chrome",
}
DOCUMENT_KINDS: tuple[str, ...] = (ARTICLE, *PAGE_KINDS)


@dataclass(frozen=True, slots=True)
class DocumentVerdict:
    """The checker's verdict on the whole document: an article, or a page that is not one."""

    kind: str = ARTICLE
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    # The checker's own kind when an editor's remembered verdict replaced it.
    machine_kind: str | None = None

    @property
    def is_article(self) -> bool:
        return self.kind == ARTICLE

    @property
    def checker_kind(self) -> str:
        return self.machine_kind or self.kind


class InputError(ValueError):
    """Input the checker cannot read; the message is meant for an editor."""


@dataclass(frozen=True, slots=True)
class Block:
    """One verdict over a span of the checked text."""

    index: int
    start: int
    end: int
    kind: str
    score: float
    reasons: tuple[str, ...]
    text: str
    meta: Mapping[str, object] = field(default_factory=dict)
    fingerprint: int = 0

    @property
    def is_story(self) -> bool:
        return self.kind in STORY_KINDS


class _OpenBlock:
    """Block's fields without the freezing: filled by plain attribute stores, then made
    a Block by switching its class (CPython allows it between classes whose instances
    have the same slots and nothing else)."""

    __slots__ = Block.__slots__


def new_block(
    index: int,
    start: int,
    end: int,
    kind: str,
    score: float,
    reasons: tuple[str, ...],
    text: str,
    meta: Mapping[str, object],
    fingerprint: int,
) -> Block:
    """``Block(index, start, ..., fingerprint)``, made faster (every field given): the
    frozen dataclass's __init__ sets each field through object.__setattr__, and the
    checker makes a Block per block of every document."""
    block = object.__new__(_OpenBlock)
    block.index = index
    block.start = start
    block.end = end
    block.kind = kind
    block.score = score
    block.reasons = reasons
    block.text = text
    block.meta = meta
    block.fingerprint = fingerprint
    block.__class__ = Block  # type: ignore[assignment]
    return block  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Recollection:
    """What the database remembers about a near-identical block."""

    articles_seen: int
    editor_kind: str | None = None
    editor_reason: str | None = None


class BlockMemory(Protocol):
    """Where the checker asks about blocks seen before (one call per check).

    A memory may also offer ``recall_document(fingerprint) -> Recollection | None``:
    an editor's verdict on this document or a near-duplicate of it.
    """

    def recall(self, fingerprints: Sequence[int]) -> Mapping[int, Recollection]: ...


@dataclass(frozen=True, slots=True)
class CheckResult:
    """All verdicts for one document; offsets index ``text``."""

    text: str
    format: str
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...]
    title: str
    # The verdict on the whole document (article, or a page that is not one).
    document: DocumentVerdict = DocumentVerdict()

    def story_text(self, sep: str = "\n") -> str:
        """The publishable text: story blocks joined, in order."""
        return sep.join(b.text for b in self.blocks if b.kind in STORY_KINDS and b.text)
