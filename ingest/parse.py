"""Feed documents to entries: RSS/Atom (feedparser), JSON Feed, XML sitemaps.

Plain Python, no Django: bytes in, frozen dataclasses out. XML is parsed so that
it can never reach out or blow up: documents declaring entities are refused
before any parser sees them, and sitemaps are read with defusedxml.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ingest.errors import message

KINDS = ("rss", "atom", "json", "sitemap")
# Query parameters that track a click, not name a page.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|spm|from|share_token)$", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class ParseError(ValueError):
    """A feed that cannot be read; the message (one of ``ingest.errors``') is shown on
    the desk."""


@dataclass(frozen=True)
class Entry:
    guid: str
    url: str
    title: str = ""
    author: str = ""
    published: datetime | None = None
    content: str = ""  # HTML


@dataclass(frozen=True)
class Parsed:
    entries: tuple[Entry, ...] = ()
    sitemaps: tuple[str, ...] = field(default=())  # children of a sitemap index


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no
    fragment, no tracking parameters, the rest of the query sorted."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.match(k))
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def refuse_entities(data: bytes) -> None:
    """Entity declarations are how XML bombs and external-entity reads begin; no
    feed needs them."""
    head = data[:65536]
    if b"<!DOCTYPE" in head.upper() and _ENTITY_DECL.search(head):
        raise ParseError(message("entities"))


def parse(data: bytes, kind: str, base_url: str = "") -> Parsed:
    if kind not in KINDS:
        raise ParseError(message("unknown-kind", kind=repr(kind)))
    if not data.strip():
        raise ParseError(message("empty-feed"))
    if kind == "json":
        return parse_json_feed(data, base_url)
    refuse_entities(data)
    if kind == "sitemap":
        return parse_sitemap(data, base_url)
    return parse_rss(data, base_url)


def _when(struct) -> datetime | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)


def _iso(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_rss(data: bytes, base_url: str = "") -> Parsed:
    """RSS 0.9x/1.0/2.0 and Atom. feedparser gets bytes, never a URL, so it fetches
    nothing; a malformed document with no usable entry (a link or an id) is an
    error, not an empty feed."""
    # The encoding comes from the document's own declaration (or UTF-8), as for a file.
    headers = {"content-type": "application/xml", "content-location": base_url}
    result = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    if result.bozo and not result.entries:
        raise ParseError(message("malformed-feed", error=result.bozo_exception))
    if not result.entries and not result.get("version"):
        raise ParseError(message("not-rss"))
    entries = []
    for e in result.entries:
        link = (e.get("link") or "").strip()
        url = urljoin(base_url, link) if link else ""
        guid = (e.get("id") or "").strip() or canonical_url(url)
        if not guid:
            continue
        content = ""
        if e.get("content"):
            content = e.content[0].get("value", "")
        content = content or e.get("summary", "")
        entries.append(Entry(
            guid=guid[:1000], url=url[:1000], title=(e.get("title") or "").strip()[:300],
            author=(e.get("author") or "").strip()[:200],
            published=_when(e.get("published_parsed") or e.get("updated_parsed")),
            content=content,
        ))
    if result.bozo and not entries:  # recovered nothing usable from a broken document
        raise ParseError(message("malformed-feed", error=result.bozo_exception))
    return Parsed(tuple(entries))


def parse_json_feed(data: bytes, base_url: str = "") -> Parsed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(message("malformed-json-feed", error=error)) from error
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise ParseError(message("not-json-feed"))
    items = doc.get("items")
    if not isinstance(items, list):
        raise ParseError(message("no-items"))
    feed_author = _json_author(doc)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = str(item.get("url") or item.get("external_url") or "").strip()
        url = urljoin(base_url, link) if link else ""
        guid = str(item.get("id") or "").strip() or canonical_url(url)
        if not guid:
            continue
        content = item.get("content_html")
        if not isinstance(content, str) or not content.strip():
            text = item.get("content_text")
            content = "".join(f"<p>{escape(p)}</p>\n" for p in str(text or "").split("\n")
                              if p.strip())
        entries.append(Entry(
            guid=guid[:1000], url=url[:1000], title=str(item.get("title") or "").strip()[:300],
            author=(_json_author(item) or feed_author)[:200],
            published=_iso(item.get("date_published")) or _iso(item.get("date_modified")),
            content=content,
        ))
    return Parsed(tuple(entries))


def _json_author(obj: dict) -> str:
    authors = obj.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return str(authors[0].get("name") or "").strip()
    author = obj.get("author")
    if isinstance(author, dict):
        return str(author.get("name") or "").strip()
    return ""


def parse_sitemap(data: bytes, base_url: str = "") -> Parsed:
    """A urlset (with Google News tags where present) or a sitemap index."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as error:
        raise ParseError(message("forbidden-xml", error=repr(error))) from error
    except SafeET.ParseError as error:
        raise ParseError(message("malformed-sitemap", error=error)) from error
    tag = root.tag.rsplit("}", 1)[-1]
    if tag == "sitemapindex":
        locs = [urljoin(base_url, (el.text or "").strip())
                for el in root.iter(f"{SITEMAP_NS}loc") if (el.text or "").strip()]
        return Parsed(sitemaps=tuple(locs))
    if tag != "urlset":
        raise ParseError(message("not-sitemap", tag=tag))
    entries = []
    for url_el in root.findall(f"{SITEMAP_NS}url"):
        loc = (url_el.findtext(f"{SITEMAP_NS}loc") or "").strip()
        if not loc:
            continue
        url = urljoin(base_url, loc)
        news = url_el.find(f"{NEWS_NS}news")
        title, published = "", _iso(url_el.findtext(f"{SITEMAP_NS}lastmod"))
        if news is not None:
            title = (news.findtext(f"{NEWS_NS}title") or "").strip()
            published = _iso(news.findtext(f"{NEWS_NS}publication_date")) or published
        entries.append(Entry(guid=canonical_url(url)[:1000], url=url[:1000],
                             title=title[:300], published=published))
    return Parsed(tuple(entries))
