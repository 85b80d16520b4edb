"""The knowledge base in the database: load, import, export, and the cached matcher.

The exchange format is the starter KB's own (a JSON list of ``{key, kind, name,
name_en, aliases, description, parent, maker, wikidata, website}``); CSV has the
same columns with aliases joined by ``|``. Keys are the identity: loading twice
changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction

import extraction
from entities.models import Alias, Entity, KnowledgeBaseVersion, Relation
from extraction import kb as pure_kb
from extraction.wikidata import WikidataError, parse_wikidata
from phrasebook import Message, Refusal, gettext_noop

logger = logging.getLogger(__name__)

FIELDS = ["key", "kind", "name", "name_en", "aliases", "description", "parent", "maker",
          "wikidata", "website"]
ALIAS_SEPARATOR = "|"
# Largest Wikidata file the admin accepts (a few thousand entities); the command has
# no limit, for whole dumps cut to our classes.
WIKIDATA_MAX_UPLOAD = 20 * 1024 * 1024


class KBFormatError(Refusal):
    """A KB file that cannot be read; the message is meant for an editor (the admin
    shows it in their language, ``articles.reasons.say_message``)."""


# --- Version bumps ---------------------------------------------------------------

_muted = threading.local()


def changes_muted() -> bool:
    return getattr(_muted, "depth", 0) > 0


@contextmanager
def one_kb_change():
    """Many row changes, one version bump at the end (imports would bump per row)."""
    _muted.depth = getattr(_muted, "depth", 0) + 1
    try:
        yield
    finally:
        _muted.depth -= 1
    if not changes_muted():
        KnowledgeBaseVersion.bump()


# --- Reading and writing records ------------------------------------------------------

@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[Message] = field(default_factory=list)

    @property
    def summary(self) -> Message:
        """The counts, for the command line (``str()``) and the admin (``say_message``)."""
        counts = {"created": self.created, "updated": self.updated,
                  "unchanged": self.unchanged, "warnings": len(self.warnings)}
        if self.warnings:
            return Message(gettext_noop("%(created)d created, %(updated)d updated, "
                                        "%(unchanged)d unchanged; %(warnings)d warning(s)"),
                           **counts)
        counts.pop("warnings")
        return Message(gettext_noop("%(created)d created, %(updated)d updated, "
                                    "%(unchanged)d unchanged"), **counts)

    def __str__(self) -> str:
        return str(self.summary)


def parse(data: str | bytes, fmt: str) -> list[dict]:
    """Records from JSON or CSV text, validated enough to import safely."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise KBFormatError(gettext_noop("The file is not UTF-8 text.")) from error
    if fmt == "json":
        try:
            records = json.loads(data)
        except json.JSONDecodeError as error:
            raise KBFormatError(gettext_noop("The file is not valid JSON: %(error)s."),
                                error=str(error)) from error
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise KBFormatError(gettext_noop("The JSON must be a list of objects."))
    elif fmt == "csv":
        records = []
        for row in csv.DictReader(io.StringIO(data)):
            aliases = row.get("aliases") or ""
            row["aliases"] = [a.strip() for a in aliases.split(ALIAS_SEPARATOR) if a.strip()]
            records.append(row)
    else:
        raise KBFormatError(f"unknown format {fmt!r}: use json or csv")
    kinds = set(Entity.Kind.values)
    for number, record in enumerate(records, 1):
        if not (record.get("key") or "").strip() or not (record.get("name") or "").strip():
            raise KBFormatError(gettext_noop("Record %(n)d: key and name are required."),
                                n=number)
        if record.get("kind") not in kinds:
            raise KBFormatError(gettext_noop("Record %(n)d (%(key)s): unknown kind %(kind)s."),
                                n=number, key=record["key"], kind=repr(record.get("kind")))
    return records


def format_of(filename: str) -> str:
    return "csv" if filename.lower().endswith(".csv") else "json"


def apply_records(records: Iterable[dict], *, overwrite: bool,
                  fill_blanks: bool = False) -> ImportReport:
    """Create or update entities by key, then their aliases, parents and makers.

    With ``overwrite`` false (the starter KB) existing entities keep every field an
    editor may have changed; only missing aliases and links are added, and with
    ``fill_blanks`` (a Wikidata re-import) fields still empty are filled in.
    """
    records = list(records)
    report = ImportReport()
    with transaction.atomic(), one_kb_change():
        existing = {e.key: e for e in Entity.objects.filter(key__in=[r["key"] for r in records])}
        entities: dict[str, Entity] = {}
        for record in records:
            values = {
                "kind": record["kind"],
                "name": record["name"].strip(),
                "name_en": (record.get("name_en") or "").strip(),
                "description": record.get("description") or "",
                "wikidata": record.get("wikidata") or None,
                "website": record.get("website") or "",
            }
            entity = existing.get(record["key"])
            if entity is None:
                entity = Entity.objects.create(key=record["key"], **values)
                report.created += 1
            elif overwrite and any(getattr(entity, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(entity, name, value)
                entity.save()
                report.updated += 1
            elif fill_blanks and any(v and not getattr(entity, k) for k, v in values.items()):
                for name, value in values.items():
                    if value and not getattr(entity, name):
                        setattr(entity, name, value)
                entity.save()
                report.updated += 1
            else:
                report.unchanged += 1
            entities[record["key"]] = entity
        _apply_aliases(records, entities, overwrite=overwrite)
        _apply_links(records, entities, overwrite=overwrite, report=report)
    return report


def _apply_aliases(records: list[dict], entities: dict[str, Entity], *, overwrite: bool) -> None:
    have: dict[int, set[str]] = {}
    for entity_id, name in Alias.objects.filter(
        entity__in=entities.values()
    ).values_list("entity_id", "name"):
        have.setdefault(entity_id, set()).add(name)
    new: list[Alias] = []
    for record in records:
        entity = entities[record["key"]]
        wanted = {a.strip() for a in record.get("aliases") or () if a and a.strip()}
        wanted -= {entity.name, entity.name_en}
        current = have.get(entity.pk, set())
        new += [Alias(entity=entity, name=name) for name in sorted(wanted - current)]
        if overwrite and current - wanted:
            Alias.objects.filter(entity=entity, name__in=current - wanted).delete()
    Alias.objects.bulk_create(new)


def _apply_links(records: list[dict], entities: dict[str, Entity], *, overwrite: bool,
                 report: ImportReport) -> None:
    referenced = {r.get(k) for r in records for k in ("parent", "maker") if r.get(k)}
    known = {**{e.key: e for e in Entity.objects.filter(key__in=referenced)}, **entities}
    for record in records:
        entity = entities[record["key"]]
        parent_key = record.get("parent") or None
        parent = known.get(parent_key) if parent_key else None
        if parent_key and parent is None:
            report.warnings.append(Message(gettext_noop("%(key)s: parent %(parent)s is not in "
                                                        "the KB"),
                                           key=entity.key, parent=repr(parent_key)))
        if parent_key == entity.key:
            parent = None
        if parent is not None and (overwrite or entity.parent_id is None) \
                and entity.parent_id != parent.pk:
            Entity.objects.filter(pk=entity.pk).update(parent=parent)
        elif overwrite and parent_key is None and entity.parent_id is not None:
            Entity.objects.filter(pk=entity.pk).update(parent=None)
        maker_key = record.get("maker") or None
        maker = known.get(maker_key) if maker_key else None
        if maker_key and maker is None:
            report.warnings.append(Message(gettext_noop("%(key)s: maker %(maker)s is not in "
                                                        "the KB"),
                                           key=entity.key, maker=repr(maker_key)))
        made_by = Relation.objects.filter(subject=entity, predicate=Relation.Predicate.MADE_BY)
        if overwrite:
            made_by.exclude(object=maker).delete()
        if maker is not None and maker.pk != entity.pk:
            Relation.objects.get_or_create(
                subject=entity, predicate=Relation.Predicate.MADE_BY, object=maker
            )


def load_starter(path: Path | None = None) -> ImportReport:
    """Load the shipped KB files (starter, then general) or ``path``.

    Idempotent, and it never overwrites an editor's changes.
    """
    paths = [Path(path)] if path else [p for p in pure_kb.SHIPPED_KBS if p.is_file()]
    rows: list[dict] = []
    for one in paths:
        rows += parse(one.read_bytes(), "json")
    return apply_records(rows, overwrite=False)


def import_wikidata(data: str | bytes) -> ImportReport:
    """Import a Wikidata dump, ``wbgetentities`` answer or SPARQL result.

    An entity is found again by its Wikidata id, else by a name of the same kind on
    an entity that has no id yet (which then gets it), else created with the key
    ``wd-<qid>``. Existing entities are never overwritten, as with the starter KB:
    missing aliases are added and empty fields filled in, so editors' changes stay.
    """
    try:
        parsed = parse_wikidata(data)
    except WikidataError as error:
        raise KBFormatError(error.msgid, **error.params) from error
    parsed.records = list({r["wikidata"]: r for r in reversed(parsed.records)}.values())[::-1]
    qids = [record["wikidata"] for record in parsed.records]
    by_qid = {e.wikidata: e for e in Entity.objects.filter(wikidata__in=qids)}
    by_name = _unlinked_names({record["kind"] for record in parsed.records})
    claimed: set[int] = set()
    for record in parsed.records:
        entity = by_qid.get(record["wikidata"])
        if entity is None:
            for name in [record["name"], record["name_en"], *record["aliases"]]:
                candidate = by_name.get((record["kind"], normalise_name(name or "")))
                if candidate is not None and candidate.pk not in claimed:
                    entity = candidate
                    break
        if entity is not None:
            claimed.add(entity.pk)
        record["key"] = entity.key if entity else f"wd-{record['wikidata'].lower()}"
    report = apply_records(parsed.records, overwrite=False, fill_blanks=True)
    report.warnings = [Message(gettext_noop("skipped %(why)s"), why=why)
                       for why in parsed.skipped] + report.warnings
    return report


def normalise_name(name: str) -> str:
    return extraction.normalise_text(name.strip()) if name else ""


def _unlinked_names(kinds: set[str]) -> dict[tuple[str, str], Entity]:
    """``(kind, normalised name) -> entity`` over entities without a Wikidata id."""
    entities = {e.pk: e for e in Entity.objects.filter(kind__in=kinds, wikidata__isnull=True)}
    out: dict[tuple[str, str], Entity] = {}
    for entity in entities.values():
        for name in (entity.name, entity.name_en):
            if name:
                out.setdefault((entity.kind, normalise_name(name)), entity)
    for entity_id, name in Alias.objects.filter(entity_id__in=entities).values_list(
        "entity_id", "name"
    ):
        entity = entities[entity_id]
        out.setdefault((entity.kind, normalise_name(name)), entity)
    return out


def import_kb(data: str | bytes, fmt: str) -> ImportReport:
    """Import a KB file: entities in it are updated to match it, others are untouched."""
    return apply_records(parse(data, fmt), overwrite=True)


def records() -> Iterator[dict]:
    """Every entity as an exchange record, in key order (a few queries in all)."""
    makers = dict(
        Relation.objects.filter(predicate=Relation.Predicate.MADE_BY)
        .order_by("subject_id", "object__key")
        .values_list("subject_id", "object__key")
    )
    aliases: dict[int, list[str]] = {}
    for entity_id, name in Alias.objects.order_by("name").values_list("entity_id", "name"):
        aliases.setdefault(entity_id, []).append(name)
    for entity in Entity.objects.select_related("parent").order_by("key"):
        yield {
            "key": entity.key,
            "kind": entity.kind,
            "name": entity.name,
            "name_en": entity.name_en or None,
            "aliases": aliases.get(entity.pk, []),
            "description": entity.description,
            "parent": entity.parent.key if entity.parent else None,
            "maker": makers.get(entity.pk),
            "wikidata": entity.wikidata or None,
            "website": entity.website or None,
        }


def export_kb(fmt: str) -> str:
    if fmt == "json":
        return json.dumps(list(records()), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        for record in records():
            record["aliases"] = ALIAS_SEPARATOR.join(record["aliases"])
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
        return out.getvalue()
    raise KBFormatError(f"unknown format {fmt!r}: use json or csv")


# --- The matcher, cached per process ---------------------------------------------------

@dataclass(frozen=True)
class Toolkit:
    """Everything extraction needs from the KB, built once per KB version."""

    version: str
    matcher: extraction.Matcher
    discoverer: extraction.Discoverer
    makers: dict[str, str]
    parents: dict[str, str]
    names: dict[str, str]
    products: extraction.ProductGrammar


def known_names() -> list[extraction.KnownName]:
    """Every name of every entity, canonical first (two queries)."""
    aliases: dict[int, list[str]] = {}
    for entity_id, name in Alias.objects.values_list("entity_id", "name"):
        aliases.setdefault(entity_id, []).append(name)
    names: list[extraction.KnownName] = []
    for pk, key, name, name_en, kind in Entity.objects.order_by("pk").values_list(
        "pk", "key", "name", "name_en", "kind"
    ):
        for written in dict.fromkeys([name, name_en, *aliases.get(pk, [])]):
            if written:
                names.append(extraction.KnownName(key, written, kind))
    return names


def model_dir() -> Path:
    return Path(settings.DATA_DIR) / "models"


def _build_from_db(version: str) -> Toolkit:
    names_known = known_names()
    matcher = extraction.Matcher.build(names_known)
    makers = dict(
        Relation.objects.filter(predicate=Relation.Predicate.MADE_BY)
        .values_list("subject__key", "object__key")
    )
    parents = dict(
        Entity.objects.filter(parent__isnull=False).values_list("key", "parent__key")
    )
    names = dict(Entity.objects.values_list("key", "name"))
    discoverer = extraction.Discoverer.load(model_dir(), matcher=matcher)
    products = extraction.ProductGrammar.build(names_known, makers)
    return Toolkit(version, matcher, discoverer, makers, parents, names, products)


def _build_from_starter() -> Toolkit:
    entities = pure_kb.load_shipped()
    names = list(pure_kb.known_names(entities))
    matcher = extraction.Matcher.build(names)
    links = pure_kb.relations(entities)
    discoverer = extraction.Discoverer.load(model_dir(), matcher=matcher)
    products = extraction.ProductGrammar.build(names, links["maker"])
    return Toolkit("starter", matcher, discoverer, links["maker"], links["parent"],
                   {e.key: e.name for e in entities}, products)


_lock = threading.Lock()
_cache: dict[str, Toolkit] = {}


def toolkit() -> Toolkit:
    """The matcher for the KB as it is now: rebuilt when the version token moved.

    One cheap query per call; a worker sees a new alias on its next article.
    """
    version = KnowledgeBaseVersion.current()
    cached = _cache.get("db")
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _cache.get("db")
        if cached is None or cached.version != version:
            cached = _build_from_db(version)
            _cache["db"] = cached
            logger.info("entity matcher built for KB version %s (%d names)",
                        version, len(cached.matcher))
        return cached


def offline_toolkit() -> Toolkit:
    """For ``analyze``: the DB's KB when there is one, else the starter KB file."""
    try:
        if Entity.objects.exists():
            return toolkit()
    except DatabaseError:
        logger.info("no database for analyze; using the starter KB file")
    cached = _cache.get("starter")
    if cached is None:
        cached = _cache["starter"] = _build_from_starter()
    return cached
