"""The story body as text: sanitising inline markup, plain text, entity links and
diffs. Pure (nh3 and the standard library; no Django), so it is tested alone.

A block's text is an HTML fragment holding only bold, italic and links to http(s)
or mailto addresses: whatever an editor's browser sends is cut down to that on save
and again on render, so stored text that predates a stricter rule is still safe.
Entity links are never typed by hand: they come from extraction (``link_entities``),
over the block's plain text, and are laid onto the fragment's text nodes.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

INLINE_TAGS = frozenset({"b", "strong", "i", "em", "a"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"
# Providers an embed may point at (host, and its subdomains): shown as a link card,
# never a frame, so no third-party script runs on our pages.
EMBED_PROVIDERS = {
    "youtube.com": "YouTube", "youtu.be": "YouTube", "vimeo.com": "Vimeo",
    "bilibili.com": "Bilibili", "x.com": "X", "twitter.com": "X",
    "weibo.com": "Weibo", "github.com": "GitHub",
}
ANCHOR = '<a class="{css}" href="{href}" title="{title}">{text}</a>'
_TAG = re.compile(r"(<[^>]*>)")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r" ?\n[\s]*")
# Words for diffs: Latin words and numbers whole, every other character alone (Chinese
# has no spaces, and a one-character fix should read as one character).
_WORD = re.compile(r"[A-Za-z0-9_'.,%-]+|\s+|.", re.S)


def sanitise(fragment: str) -> str:
    """Only b/strong/i/em and links with http(s)/mailto hrefs survive; runs of spaces
    become one, line breaks are kept (a list block's items are its lines)."""
    cleaned = nh3.clean(
        fragment or "", tags=set(INLINE_TAGS), attributes={"a": {"href"}},
        url_schemes=set(LINK_SCHEMES), link_rel=LINK_REL, strip_comments=True,
    )
    return _LINES.sub("\n", _SPACE.sub(" ", cleaned)).strip()


def from_plain(text: str) -> str:
    """A plain text (an imported block) as a fragment."""
    return html.escape(_SPACE.sub(" ", (text or "").replace("\n", " ")).strip(), quote=False)


def plain_text(fragment: str) -> str:
    """What a reader reads: the fragment without tags, entities decoded."""
    return html.unescape(_TAG.sub("", fragment or ""))


def has_markup(fragment: str) -> bool:
    return "<" in (fragment or "")


@dataclass(frozen=True)
class Link:
    """An entity link over ``plain_text(fragment)[start:end]``."""

    start: int
    end: int
    href: str
    title: str
    css: str


def link_entities(fragment: str, links: Iterable[Link]) -> str:
    """The sanitised fragment with each link wrapped round its span of plain text.

    A link is laid only where its span lies inside one text node and outside an
    editor's own link; others are left out (the words stay, unlinked).
    """
    fragment = sanitise(fragment)
    chosen = sorted(links, key=lambda link: (link.start, -link.end))
    out: list[str] = []
    offset = 0  # plain-text offset of the current text node
    in_anchor = False
    reached = 0
    for piece in _TAG.split(fragment):
        if not piece:
            continue
        if piece.startswith("<"):
            name = piece[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower()
            if name == "a":
                in_anchor = not piece.startswith("</")
            out.append(piece)
            continue
        text = html.unescape(piece)
        end_of_node = offset + len(text)
        cursor = 0
        for link in chosen:
            if in_anchor or link.start < max(offset, reached) or link.end > end_of_node:
                continue
            if link.end <= link.start:
                continue
            a, b = link.start - offset, link.end - offset
            out.append(html.escape(text[cursor:a], quote=False))
            out.append(ANCHOR.format(css=html.escape(link.css), href=html.escape(link.href),
                                     title=html.escape(link.title),
                                     text=html.escape(text[a:b], quote=False)))
            cursor, reached = b, link.end
        out.append(html.escape(text[cursor:], quote=False))
        offset = end_of_node
    return "".join(out)


def embed_provider(url: str) -> str | None:
    """The allowed provider's name for an embed address, or None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme != "https" or not parts.hostname:
        return None
    host = parts.hostname.lower()
    for domain, name in EMBED_PROVIDERS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


# --- Diffs ------------------------------------------------------------------------

def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """("same" | "removed" | "added", text) runs turning ``before`` into ``after``."""
    old, new = words(before), words(after)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", "".join(new[j1:j2])))
    return runs


# Fields of a block snapshot besides its key; text is diffed word by word.
FIELDS = ("kind", "text", "image", "caption", "credit", "alt", "table", "embed_url")


@dataclass(frozen=True)
class BlockChange:
    """One block's change between two bodies."""

    key: int
    status: str  # "added" | "removed" | "changed" | "moved" | "same"
    kind: str
    before_position: int | None
    after_position: int | None
    fields: tuple[str, ...] = ()
    words: tuple[tuple[str, str], ...] = ()

    @property
    def moved(self) -> bool:
        return self.status != "added" and self.status != "removed" and (
            self.before_position != self.after_position
        )


def _moved_keys(old_keys: Sequence[int], new_keys: Sequence[int]) -> set[int]:
    """Blocks that changed place: those outside a longest common order of the blocks
    both bodies hold (moving one paragraph moves one block, not all after it)."""
    common = set(old_keys) & set(new_keys)
    a = [k for k in old_keys if k in common]
    b = [k for k in new_keys if k in common]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    kept = {k for block in matcher.get_matching_blocks() for k in a[block.a:block.a + block.size]}
    return common - kept


def body_diff(before: Sequence[dict], after: Sequence[dict]) -> list[BlockChange]:
    """Block by block (matched by key), words within a changed block; in the order of
    ``after``, removed blocks where they stood."""
    old = {b["key"]: (i, b) for i, b in enumerate(before)}
    new = {b["key"]: (i, b) for i, b in enumerate(after)}
    moved = _moved_keys([b["key"] for b in before], [b["key"] for b in after])
    changes: list[BlockChange] = []
    for i, block in enumerate(after):
        key = block["key"]
        if key not in old:
            changes.append(BlockChange(key, "added", block.get("kind", ""), None, i,
                                       words=(("added", plain_text(block.get("text", ""))),)))
            continue
        j, previous = old[key]
        changed = tuple(f for f in FIELDS if previous.get(f) != block.get(f))
        diff = ()
        if "text" in changed or "caption" in changed:
            name = "text" if "text" in changed else "caption"
            diff = tuple(word_diff(plain_text(previous.get(name, "")),
                                   plain_text(block.get(name, ""))))
        status = "changed" if changed else ("moved" if key in moved else "same")
        changes.append(BlockChange(key, status, block.get("kind", ""), j, i, changed, diff))
    for key, (j, block) in old.items():
        if key not in new:
            at = next((n for n, c in enumerate(changes)
                       if c.before_position is not None and c.before_position > j),
                      len(changes))
            changes.insert(at, BlockChange(key, "removed", block.get("kind", ""), j, None,
                                           words=(("removed",
                                                   plain_text(block.get("text", ""))),)))
    final = []
    for change in changes:
        if change.status == "changed" and change.key in moved:
            change = BlockChange(change.key, "changed", change.kind, change.before_position,
                                 change.after_position, (*change.fields, "position"),
                                 change.words)
        final.append(change)
    return final
