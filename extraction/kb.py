"""Read the starter knowledge base (our own JSON format, not a Django fixture).

Each entity: ``key``, ``kind``, ``name``, ``name_en``, ``aliases``,
``description``, ``parent``, ``maker``, ``wikidata``, ``website``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .matcher import KnownName

__all__ = [
    "GENERAL_KB", "KINDS", "SHIPPED_KBS", "STARTER_KB", "KBEntity", "known_names", "load_kb",
    "load_shipped", "relations",
]

KINDS = frozenset({"organisation", "person", "product", "place", "event", "work"})
STARTER_KB = Path(__file__).resolve().parent / "data" / "starter_kb.json"
# General knowledge (countries, Chinese divisions, companies, bodies, media, product
# series) that every install loads after the starter; see tools/build_general_kb.py.
GENERAL_KB = Path(__file__).resolve().parent / "data" / "general_kb.json"
SHIPPED_KBS = (STARTER_KB, GENERAL_KB)


@dataclass(frozen=True, slots=True)
class KBEntity:
    """One entity of the knowledge base."""

    key: str
    kind: str
    name: str
    name_en: str | None
    aliases: tuple[str, ...]
    description: str
    parent: str | None
    maker: str | None
    wikidata: str | None
    website: str | None

    def names(self) -> list[str]:
        """Canonical name first, then the English name and aliases, no repeats."""
        seen: dict[str, None] = {self.name: None}
        if self.name_en:
            seen.setdefault(self.name_en, None)
        for alias in self.aliases:
            seen.setdefault(alias, None)
        return list(seen)


def load_kb(path: Path = STARTER_KB) -> list[KBEntity]:
    """Entities from a JSON list in the starter-KB format."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        KBEntity(
            key=record["key"],
            kind=record["kind"],
            name=record["name"],
            name_en=record.get("name_en"),
            aliases=tuple(record.get("aliases") or ()),
            description=record.get("description") or "",
            parent=record.get("parent"),
            maker=record.get("maker"),
            wikidata=record.get("wikidata"),
            website=record.get("website"),
        )
        for record in records
    ]


def load_shipped() -> list[KBEntity]:
    """Every KB file shipped with the package, starter first; a key is kept once."""
    seen: set[str] = set()
    out: list[KBEntity] = []
    for path in SHIPPED_KBS:
        if path.is_file():
            for entity in load_kb(path):
                if entity.key not in seen:
                    seen.add(entity.key)
                    out.append(entity)
    return out


def known_names(entities: Iterable[KBEntity]) -> Iterator[KnownName]:
    """Every name of every entity, canonical name first, for ``Matcher.build``."""
    for entity in entities:
        for name in entity.names():
            yield KnownName(entity.key, name, entity.kind)


def relations(entities: Iterable[KBEntity]) -> dict[str, dict[str, str]]:
    """``{"maker": {product: org}, "parent": {child: parent}}`` from the KB."""
    out: dict[str, dict[str, str]] = {"maker": {}, "parent": {}}
    for entity in entities:
        if entity.maker:
            out["maker"][entity.key] = entity.maker
        if entity.parent:
            out["parent"][entity.key] = entity.parent
    return out
