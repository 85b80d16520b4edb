"""Read Wikidata entities (CC0) into KB records of the starter-KB format.

Three inputs, told apart by their shape:

- a JSON dump: NDJSON (one entity document a line, the dump's ``[`` / ``]`` lines
  and trailing commas allowed) or a JSON array of entity documents;
- a ``wbgetentities`` answer: ``{"entities": {"Q95": {...}, ...}}``;
- a SPARQL JSON result: ``{"head": ..., "results": {"bindings": [...]}}`` with an
  ``item`` variable (an entity URI) and any of ``itemLabel``/``label``,
  ``altLabel``/``alias``, ``itemDescription``/``description`` (language from
  ``xml:lang``), and ``type``/``class``/``instanceOf``/``p31``/``root`` (a class
  URI or QID) or ``kind`` (one of our kinds, literally).

Labels and aliases in zh, zh-hans, zh-cn, zh-sg, zh-hant, zh-tw, zh-hk and en
are kept. The kind comes from instance-of (P31) through :data:`KIND_OF_CLASS`,
a table of root classes; a class not in the table is followed up its
subclass-of (P279) claims when the file holds that class's document too (as a
dump that includes the class hierarchy does). Entities of no known kind are
skipped and reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from phrasebook import Message, Refusal, gettext_noop

__all__ = ["KIND_OF_CLASS", "WikidataError", "WikidataResult", "parse_wikidata"]

# Root classes -> our kinds. Most specific first is not needed: any hit decides,
# person beats the others when an entity is, oddly, several things.
KIND_OF_CLASS: dict[str, str] = {
    # people
    "Q5": "person",
    # organisations
    "Q43229": "organisation",    # organization
    "Q4830453": "organisation",  # business
    "Q783794": "organisation",   # company
    "Q6881511": "organisation",  # enterprise
    "Q891723": "organisation",   # public company
    "Q167037": "organisation",   # corporation
    "Q327333": "organisation",   # government agency
    "Q2659904": "organisation",  # government organization
    "Q7188": "organisation",     # government
    "Q192283": "organisation",   # news agency
    "Q1331793": "organisation",  # media company
    "Q11032": "organisation",    # newspaper
    "Q1002697": "organisation",  # periodical
    "Q1110794": "organisation",  # daily newspaper
    "Q15265344": "organisation", # broadcaster
    "Q3918": "organisation",     # university
    "Q31855": "organisation",    # research institute
    "Q163740": "organisation",   # nonprofit organization
    "Q484652": "organisation",   # international organization
    "Q11691": "organisation",    # stock exchange
    "Q22687": "organisation",    # bank
    # places
    "Q6256": "place",     # country
    "Q3624078": "place",  # sovereign state
    "Q7275": "place",     # state
    "Q515": "place",      # city
    "Q1549591": "place",  # big city
    "Q1637706": "place",  # city with millions of inhabitants
    "Q486972": "place",   # human settlement
    "Q56061": "place",    # administrative territorial entity
    "Q1615742": "place",  # province of China
    "Q748149": "place",   # prefecture-level city
    "Q82794": "place",    # geographic region
    "Q2221906": "place",  # geographic location
    # products
    "Q2424752": "product",  # product
    "Q7397": "product",     # software
    "Q9135": "product",     # operating system
    "Q22645": "product",    # smartphone
    "Q19967801": "product", # smartphone model
    "Q610398": "product",   # system on a chip
    "Q5300": "product",     # central processing unit
    "Q1301371": "product",  # computer network (services such as mobile networks)
    "Q1668024": "product",  # service on internet
    "Q3331189": "product",  # version, edition or translation
    "Q115305900": "product",  # large language model
    "Q1420": "product",     # motor car
    "Q29048322": "product", # vehicle model
    # events
    "Q1656682": "event",  # event
    "Q1190554": "event",  # occurrence
    "Q132241": "event",   # festival
    "Q2761147": "event",  # meeting
    "Q625994": "event",   # convention
    # works
    "Q386724": "work",      # work
    "Q7725634": "work",     # literary work
    "Q47461344": "work",    # written work
    "Q11424": "work",       # film
    "Q5398426": "work",     # television series
    "Q7748": "work",        # law
    "Q820655": "work",      # statute
}
KINDS = ("person", "organisation", "place", "product", "event", "work")
# Language preference: a Chinese label for ``name``, English for ``name_en``.
ZH_LANGS = ("zh-hans", "zh-cn", "zh", "zh-sg", "zh-my", "zh-hant", "zh-tw", "zh-hk", "zh-mo")
LANGS = (*ZH_LANGS, "en")
_QID = re.compile(r"(Q\d+)$")
# C0 and C1 controls (category Cc): no name holds one.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_MAX_DEPTH = 12


class WikidataError(Refusal):
    """A file that is not Wikidata entity JSON, said for an editor (``phrasebook``)."""


@dataclass
class WikidataResult:
    records: list[dict] = field(default_factory=list)
    skipped: list[Message] = field(default_factory=list)  # "Q123 (label): why"


@dataclass
class _Item:
    qid: str
    labels: dict[str, list[str]] = field(default_factory=dict)  # lang -> names, label first
    main: dict[str, str] = field(default_factory=dict)  # lang -> the label itself
    descriptions: dict[str, str] = field(default_factory=dict)
    classes: list[str] = field(default_factory=list)
    superclasses: list[str] = field(default_factory=list)
    kind: str | None = None

    def add(self, lang: str, name: object, first: bool = False) -> None:
        name = readable(name)
        if lang not in LANGS or not name:
            return
        names = self.labels.setdefault(lang, [])
        if first:
            self.main.setdefault(lang, name)
        if name in names:
            return
        if first:
            names.insert(0, name)
        else:
            names.append(name)


def readable(value: object) -> str:
    """A label or description as text, without control characters: they show as
    nothing, and PostgreSQL text refuses NUL (an upload holding one was a 500)."""
    if not isinstance(value, str):
        return ""
    return _CONTROLS.sub("", value).strip()


def qid_of(value: object) -> str | None:
    """``Q95`` from ``Q95``, an entity URI, or a claim's ``{"id": "Q95"}``."""
    if isinstance(value, Mapping):
        value = value.get("id")
    if not isinstance(value, str):
        return None
    match = _QID.search(value.strip())
    return match.group(1) if match else None


def _documents(data: str) -> Iterable[dict] | dict:
    text = data.strip()
    if not text:
        raise WikidataError(gettext_noop("The file is empty."))
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if whole is not None:
        return whole
    docs = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as error:
            raise WikidataError(gettext_noop("Line %(line)d is not JSON: %(error)s."),
                                line=number, error=error.msg) from error
        docs.append(doc)
    return docs


def _claim_ids(doc: Mapping, prop: str) -> list[str]:
    ids = []
    for claim in (doc.get("claims") or {}).get(prop) or ():
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        qid = qid_of(value)
        if qid:
            ids.append(qid)
    return ids


def _from_document(doc: Mapping) -> _Item:
    qid = qid_of(doc.get("id") or doc.get("title") or "")
    if not qid:
        raise WikidataError(gettext_noop("An entity document has no Q-id."))
    item = _Item(qid)
    for lang, label in (doc.get("labels") or {}).items():
        item.add(lang, (label or {}).get("value", ""), first=True)
    for lang, aliases in (doc.get("aliases") or {}).items():
        for alias in aliases or ():
            item.add(lang, (alias or {}).get("value", ""))
    for lang, description in (doc.get("descriptions") or {}).items():
        text = readable((description or {}).get("value"))
        if lang in LANGS and text:
            item.descriptions[lang] = text
    item.classes = _claim_ids(doc, "P31")
    item.superclasses = _claim_ids(doc, "P279")
    return item


def _from_sparql(bindings: list) -> list[_Item]:
    items: dict[str, _Item] = {}
    for binding in bindings:
        if not isinstance(binding, Mapping):
            raise WikidataError(gettext_noop("SPARQL bindings must be objects."))
        qid = qid_of((binding.get("item") or {}).get("value"))
        if not qid:
            raise WikidataError(gettext_noop("Each SPARQL result needs an ?item entity."))
        item = items.setdefault(qid, _Item(qid))
        for var, first in (("itemLabel", True), ("label", True), ("altLabel", False),
                           ("alias", False), ("itemAltLabel", False)):
            cell = binding.get(var)
            if cell and not _QID.fullmatch(cell.get("value", "")):
                lang = cell.get("xml:lang", "")
                value = cell.get("value", "")
                # the label service joins alternative labels with ", "
                for name in value.split(", ") if var.lower().endswith("altlabel") else [value]:
                    item.add(lang, name, first=first)
        for var in ("itemDescription", "description"):
            cell = binding.get(var)
            if cell and cell.get("xml:lang") in LANGS:
                item.descriptions.setdefault(cell["xml:lang"], readable(cell.get("value")))
        for var in ("type", "class", "instanceOf", "p31", "root"):
            qid_value = qid_of((binding.get(var) or {}).get("value"))
            if qid_value and qid_value not in item.classes:
                item.classes.append(qid_value)
        kind = (binding.get("kind") or {}).get("value")
        if kind in KINDS:
            item.kind = kind
    return list(items.values())


def _items(data: str) -> list[_Item]:
    parsed = _documents(data)
    if isinstance(parsed, Mapping):
        if "results" in parsed:
            bindings = (parsed.get("results") or {}).get("bindings")
            if not isinstance(bindings, list):
                raise WikidataError(gettext_noop("A SPARQL result needs results.bindings."))
            return _from_sparql(bindings)
        if isinstance(parsed.get("entities"), Mapping):
            return [_from_document(doc) for doc in parsed["entities"].values()
                    if isinstance(doc, Mapping) and "missing" not in doc]
        if "id" in parsed:
            return [_from_document(parsed)]
        raise WikidataError(gettext_noop(
            "This is not a Wikidata dump, a wbgetentities answer or a SPARQL result."))
    if not isinstance(parsed, list) or not all(isinstance(d, Mapping) for d in parsed):
        raise WikidataError(gettext_noop("A JSON dump must be entity documents."))
    return [_from_document(doc) for doc in parsed]


def _kind(item: _Item, parents: Mapping[str, list[str]]) -> str | None:
    if item.kind:
        return item.kind
    found: set[str] = set()
    frontier, seen = list(item.classes), set(item.classes)
    for _ in range(_MAX_DEPTH):
        next_frontier = []
        for cls in frontier:
            if cls in KIND_OF_CLASS:
                found.add(KIND_OF_CLASS[cls])
                continue
            for parent in parents.get(cls, ()):
                if parent not in seen:
                    seen.add(parent)
                    next_frontier.append(parent)
        if found or not next_frontier:
            break
        frontier = next_frontier
    for kind in KINDS:
        if kind in found:
            return kind
    return None


def parse_wikidata(data: str | bytes) -> WikidataResult:
    """KB records (``key`` left empty, ``wikidata`` set) from a Wikidata file."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise WikidataError(gettext_noop("The file is not UTF-8 text.")) from error
    items = _items(data)
    parents = {item.qid: item.superclasses for item in items if item.superclasses}
    result = WikidataResult()
    for item in items:
        # A label in any Chinese variant beats an alias in a preferred one.
        zh = next((item.main[lang] for lang in ZH_LANGS if lang in item.main), None) or next(
            (item.labels[lang][0] for lang in ZH_LANGS if item.labels.get(lang)), None)
        en = item.main.get("en") or next(iter(item.labels.get("en", ())), None)
        label = zh or en or item.qid
        if not zh and not en:
            result.skipped.append(Message(gettext_noop("%(qid)s: no zh or en label"), qid=item.qid))
            continue
        kind = _kind(item, parents)
        if kind is None:
            if not item.superclasses:  # a class document is context, not an entity
                result.skipped.append(
                    Message(gettext_noop("%(qid)s (%(label)s): instance-of %(classes)s has no "
                                      "kind"), qid=item.qid, label=label,
                         classes=", ".join(item.classes)) if item.classes else
                    Message(gettext_noop("%(qid)s (%(label)s): no instance-of, so no kind"),
                         qid=item.qid, label=label))
            continue
        names = [name for lang in LANGS for name in item.labels.get(lang, ())]
        aliases = list(dict.fromkeys(n for n in names if n not in (label, en)))
        description = next((item.descriptions[lang] for lang in LANGS
                            if item.descriptions.get(lang)), "")
        result.records.append({
            "key": "", "kind": kind, "name": label, "name_en": en,
            "aliases": aliases, "description": description or f"Wikidata {item.qid}",
            "parent": None, "maker": None, "wikidata": item.qid, "website": None,
        })
    return result
