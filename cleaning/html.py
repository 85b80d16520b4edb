"""HTML to candidate blocks: visible text, main content, structure, offsets.

Parsed with lxml (a real HTML parser, ``huge_tree`` so deep or large pages do
not abort). Invisible and non-content elements are dropped (scripts, styles,
navigation, inline ``display:none``/``visibility:hidden``, the ``hidden``
attribute: one corpus page hides 174K characters of keyword stuffing that
way).

Main content is found readability-style, over the blocks themselves: each
text block (a ``<p>``, a text-only ``<div>``, a run of loose text between
block children, split at ``<br>``) scores its container and the container's
ancestors by length and punctuation, damped by link density; containers whose
class or id says comment/sidebar/related/share... are furniture. The best
container is refined (climbing to a parent that holds several strong
candidates, or that scores higher) and merged with strong siblings. Blocks
outside it are kept as ``chrome`` so an editor can still see them.

Structure: ``<figure>``/``<img>`` become figure blocks (meta ``src``, ``alt``)
tied to their caption; data tables (short cells, no nested tables) become one
``table_cells`` block per cell, the first carrying ``meta["rows"]``; layout
tables are read as containers.

Offsets: every element gets the source span of its start tag to its matching
end tag, from one tokenising pass over the decoded string matched to the tree
in document order by line (lxml ``sourceline``) and name; a block spans its
element (or the stretch between its neighbouring block/``<br>`` boundaries).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import reduce
from itertools import compress, islice, repeat
from operator import add, attrgetter, itemgetter, not_, truediv

import numpy as np

from .codes import code_points
from .reasons import Reason, reason
from .segment import Segment, segment_text

try:  # lxml is a project dependency; stay importable without it for text checks
    import lxml.etree
except ImportError:  # pragma: no cover
    lxml = None

DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "math",
        "nav",
        "footer",
        "aside",
        "button",
        "select",
        "input",
        "textarea",
        "object",
        "embed",
        "canvas",
        "head",
        "link",
        "meta",
        "label",
        "dialog",
        "menu",
    ]
)
BLOCK_TAGS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "caption",
        "figcaption",
        "pre",
        "blockquote",
        "address",
        "div",
        "section",
        "article",
        "main",
        "header",
        "center",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "figure",
        "body",
        "tbody",
        "thead",
        "tfoot",
        "form",
        "hr",
        "fieldset",
        "details",
        "summary",
    ]
)
LEAF_KINDS = {
    "h1": "h",
    "h2": "h",
    "h3": "h",
    "h4": "h",
    "h5": "h",
    "h6": "h",
    "figcaption": "caption",
    "caption": "caption",
    "li": "li",
    "pre": "pre",
    "p": "p",
    "blockquote": "p",
    "dd": "p",
    "dt": "p",
}
# Containers that are themselves a candidate for the main content when they
# hold text directly (readability scores the parent of a <p> instead).
_CONTAINERS = frozenset(
    ["div", "section", "article", "main", "td", "body", "form", "center", "blockquote", "text"]
)
_TAG_BASE = {
    "div": 5.0,
    "article": 8.0,
    "main": 5.0,
    "section": 3.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "address": -3.0,
    "ol": -3.0,
    "ul": -3.0,
    "dl": -3.0,
    "dd": -3.0,
    "dt": -3.0,
    "li": -3.0,
    "form": -3.0,
    "th": -5.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
}


class _Names:
    """A case-blind search over class/id names, as ``re.IGNORECASE`` would do it.

    The patterns are lower case and open several branches with ``\\b``, which
    keeps re from skipping to a likely first character: case-blind, it tries
    every branch at every position. ASCII names (nearly all) are lower-cased and
    searched case-sensitively instead, the same answer three times faster;
    others take the case-blind pattern (Unicode folds ``ſ`` to ``s``).
    """

    __slots__ = ("blind", "lower")

    def __init__(self, pattern: str):
        self.blind = re.compile(pattern, re.IGNORECASE)
        self.lower = re.compile(pattern)

    def search(self, names: str) -> bool:
        if names.isascii():
            return self.lower.search(names.lower()) is not None
        return self.blind.search(names) is not None


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NEGATIVE = _Names(
    r"comment|footer|\bfoot|footnote|sidebar|\bside|widget|\bnav|menu|related|share|social"
    r"|advert|\bads?\b|\bad[_-]|promo|sponsor|recommend|\bhot|rank|copyright|breadcrumb|crumb"
    r"|\btags?\b|popup|modal|login|author-?info|subscribe|newsletter|toolbar|pagination|pager"
    r"|byline|masthead|banner|\bheader|shoutbox|combx|outbrain|taboola|disqus|\btool|\bmeta\b"
    r"|gdpr|cookie|\bhid\b",
)
_POSITIVE = _Names(
    r"article|content|post|entry|\btext|body|main|story|detail|\bnews|artibody|endtext|blog"
    r"|hentry|\bcnt|zhengwen|正文",
)
# Furniture no matter its size (readability's "unlikely candidates").
_UNLIKELY = _Names(
    r"-ad-|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr"
    r"|\bheader|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social"
    r"|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|recommend"
    r"|\bnav|copyright|\bhot|\brank|toolbar|login|cookie|\btags?\b",
)
_MAYBE = _Names(r"and|article|body|column|content|main|shadow|\btext|正文")
_TRACKING = re.compile(
    r"[?&](?:utm_[a-z]+|aff(?:iliate)?(?:_?id)?|ref|tag|clickid|gclid|fbclid|spm|from)=|/aff/|/go/|/out/"
    r"|doubleclick|amzn\.to|redirect",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Which characters below U+FFFF are the punctuation main-content scoring counts.
_PUNCT = np.zeros(0x10000, dtype=bool)
_PUNCT[[ord(c) for c in "，。,;；！？!?、"]] = True
# A block's score reaches its holder whole and its ancestors divided by these.
_LEVEL_SHARE = (1, 2, 6, 9, 12)
# A comment, a raw-text element with its body, or a tag's opening. The bodies run to
# the first "-->" or end tag: ``.*?(?:-->|\Z)`` would say the same, but a lazy dot
# tries the ending at every character, and this skips through runs of other
# characters in one step (three times faster over the corpus, mostly scripts).
_TOKENS = re.compile(
    r"<!--[^-]*(?:-(?!->)[^-]*)*(?:-->|\Z)"
    r"|<(script|style|textarea|xmp)\b[^>]*>[^<]*(?:<(?!/\1\s*>)[^<]*)*(?:</\1\s*>|\Z)"
    r"|<(/?)([A-Za-z][\w:.-]*)",
    re.DOTALL | re.IGNORECASE,
)
_MAX_CELL = 150
# Elements with no content and no end tag: their source is their start tag alone.
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"]
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAX_LINE = 65535  # libxml2 caps sourceline here


@dataclass(slots=True)
class Page:
    segments: list[Segment]
    title: str = ""
    warnings: list[Reason] = field(default_factory=list)


def _squeeze(text: str) -> str:
    """Whitespace runs to one space, ends stripped: ``re.sub(r"\\s+", " ", text).strip()``.

    str.split() and re's ``\\s`` agree on what whitespace is (str.isspace()),
    and splitting is several times faster than the regex.
    """
    return " ".join(text.split())


def _tag(el: object) -> str:
    tag = el.tag  # type: ignore[attr-defined]
    return tag.lower() if isinstance(tag, str) else ""


def _is_hidden(el: object) -> bool:
    attrib = el.attrib  # type: ignore[attr-defined]
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    if not style:
        return False
    m = _HIDDEN_STYLE.search(style)
    if not m:
        return False
    # Article bodies hidden until a script reveals them (``visibility:hidden`` on
    # WeChat's #js_content) are content; keyword stuffing uses display:none.
    return m.group(0).lower().startswith("display") or not _POSITIVE.search(_names(el))


# libxml2 stops parsing at 2048 levels of nesting (256 without huge_tree) and silently
# drops everything after: tags nested deeper than this are blanked out before parsing.
MAX_DEPTH = 1000
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Each span replaced by spaces (newlines kept): offsets and lines stay valid."""
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    out.append(text[at:])
    return "".join(out)


# Each code point of the BMP as _deepest reads a tag's name: the ASCII letters lower
# case (the Kelvin sign as "k": str.lower() makes it one), other ASCII as it is, anything
# else 0xFF (no letter of a void name); and whether it ends a name (_TAG's ``[^\s/>]``;
# re's \s is str.isspace(), no space lies past U+3000). Past the BMP (``take`` clips to
# U+FFFF): 0xFF, no end.
_NAME_CHAR = np.full(0x10000, 0xFF, dtype=np.uint8)
_NAME_CHAR[:128] = np.arange(128)
_NAME_CHAR[ord("A") : ord("Z") + 1] += 32
_NAME_CHAR[0x212A] = ord("k")
_NAME_END = np.zeros(0x10000, dtype=bool)
_NAME_END[[ord("/"), ord(">"), *range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680,
           *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]] = True
# A name as one 64-bit word: its first seven characters (as _NAME_CHAR reads them) a byte
# each, low first, zero past its end, and its length (seven at most) in the top byte. A
# void name's word is no other name's.
_NAME_WIDTH = 8
_NAME_MASK = np.array([(1 << 8 * k) - 1 for k in range(_NAME_WIDTH)], dtype=np.uint64)
_VOID_WORDS = np.array(
    sorted(sum(ord(c) << 8 * k for k, c in enumerate(name)) | len(name) << 56 for name in _VOID),
    dtype=np.uint64,
)


def _deepest(text: str, codes: np.ndarray | None = None, lt: np.ndarray | None = None) -> int:
    """How deep flatten_deep's walk over the tags goes (void and self-closed tags left
    out, a closing tag never taking it below 0): the running sum of the steps less its
    lowest point so far.

    The tags _TAG finds, found with numpy rather than by the regex (whose scan cost
    13M instructions on a 200 KB page, this 5M): a tag opens at a "<" before a letter
    (or "/" and a letter) and ends at the first ">" after it, so the tags are the first
    such "<" of the text and the first after each ">", if a ">" follows. Its name runs
    to the first "/", ">" or space."""
    if codes is None:
        codes = code_points(text)
    gt = np.flatnonzero(codes == ord(">"))
    if not len(gt):
        return 0
    lt = np.flatnonzero(codes[: gt[-1]] == ord("<")) if lt is None else lt[lt < gt[-1]]
    slash = codes[lt + 1] == ord("/")  # (lt + 1 <= gt[-1]: within the text)
    name_at = lt + 1 + slash  # (a "/" is no ">": lt + 2 <= gt[-1] then)
    # An ASCII letter: (c | 32) - 97 wraps round to a large number below "a".
    opens = ((codes[name_at] | np.uint32(32)) - np.uint32(ord("a"))) < 26
    lt, slash, name_at = lt[opens], slash[opens], name_at[opens]
    if not len(lt):
        return 0
    first = np.zeros(len(lt) + 1, dtype=bool)
    first[np.searchsorted(lt, gt, side="right")] = True
    first[0] = True
    first = first[:-1]
    lt, slash, name_at = lt[first], slash[first], name_at[first]
    closed = codes[gt[np.searchsorted(gt, lt)] - 1] == ord("/")
    window = codes.take(name_at[:, None] + np.arange(_NAME_WIDTH), mode="clip")
    ends = _NAME_END.take(window, mode="clip")
    ends[:, -1] = True
    length = ends.argmax(axis=1)
    words = _NAME_CHAR.take(window, mode="clip").view("<u8").ravel()
    words = words & _NAME_MASK[length] | length.astype(np.uint64) << np.uint64(56)
    at = np.minimum(np.searchsorted(_VOID_WORDS, words), len(_VOID_WORDS) - 1)
    void = _VOID_WORDS[at] == words
    steps = np.where(void | closed, 0, np.where(slash, -1, 1))
    running = np.cumsum(steps)
    return int((running - np.minimum.accumulate(np.minimum(running, 0))).max())


def flatten_deep(
    text: str,
    max_depth: int = MAX_DEPTH,
    codes: np.ndarray | None = None,
    lt: np.ndarray | None = None,
) -> tuple[str, int]:
    """The page with its tags nested deeper than ``max_depth`` blanked out (their text
    kept, at the same offsets), and how many tags that was. (``codes``: the page's code
    points, ``lt`` where its "<" are, if the caller has them.)"""
    if codes is None:
        codes = code_points(text)
    if lt is None:
        lt = np.flatnonzero(codes == ord("<"))
    # Only a "<" before a letter opens a tag (not "</" nor "<!"): no more of them than
    # max_depth, no deeper than that.
    if len(lt) <= max_depth:
        return text, 0
    after = codes.take(lt + 1, mode="clip")  # (a last "<" reads itself: neither)
    if len(lt) - np.count_nonzero((after == ord("/")) | (after == ord("!"))) <= max_depth:
        return text, 0
    if _deepest(text, codes, lt) <= max_depth:
        return text, 0
    depth, cut = 0, []
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if m.group(1):
            if depth > max_depth:
                cut.append(m.span())
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > max_depth:
                cut.append(m.span())
    return (_blank(text, cut), len(cut)) if cut else (text, 0)


def _parse(text: str) -> object:
    # Neutralise an XML declaration: lxml refuses str input that carries one.
    # Blank it out (same length, same newlines) so source offsets and lines stay valid.
    prepared = _XML_DECL.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text[:500]) + text[500:]
    # lxml.etree's parser, not lxml.html's: the same tree, but without lxml.html's
    # element-class lookup, a Python call each time an element is first touched.
    parser = lxml.etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    root = lxml.etree.fromstring(prepared, parser)
    if root is None:  # what lxml.html.document_fromstring raises
        raise lxml.etree.ParserError("Document is empty")
    return root


# --- element source spans --------------------------------------------------


def _start_tag_end(source: str, pos: int, limit: int) -> int | None:
    """End of the start tag opening at ``pos`` (past its ``>``; quoted values may hold ``>``)."""
    i = pos + 1
    while i < limit:
        c = source[i]
        if c == ">":
            return i + 1
        if c == "=":
            j = i + 1
            while j < limit and source[j].isspace():
                j += 1
            if j < limit and source[j] in "\"'":
                close = source.find(source[j], j + 1, limit)
                if close >= 0:
                    i = close + 1
                    continue
        i += 1
    return None


def _after(el: object, index: dict[object, int], starts: list[int], total: int) -> int:
    """Where the first element after ``el``'s subtree (in document order) starts."""
    node = el
    while node is not None:
        sibling = node.getnext()  # type: ignore[attr-defined]
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None and sibling in index:
            return starts[index[sibling]]
        node = node.getparent()  # type: ignore[attr-defined]
    return total


_TAG_NAME, _SOURCELINE = attrgetter("tag"), attrgetter("sourceline")
# What _TOKENS' tag branch reads, code point by code point. A name opens with a letter of
# [A-Za-z] as re reads it case-blind: the ASCII letters and four others (re folds İ and ı
# to i, ſ to s, the Kelvin sign to k). Past it, [\w:.-]: each ASCII name character is
# numbered 1..40 as str.lower() reads it, anything else 0 (past ASCII, read as 128: a
# name with such a character is left to the regex).
_TAG_LETTER = np.zeros(0x10000, dtype=bool)
_TAG_LETTER[[*range(65, 91), *range(97, 123), 0x130, 0x131, 0x17F, 0x212A]] = True
_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_:.-"
_NAME_CODE_OF = {c: k for k, c in enumerate(_NAME_CHARS, 1)}
_NAME_BYTE = np.zeros(129, dtype=np.uint8)
for _c, _k in _NAME_CODE_OF.items():
    _NAME_BYTE[ord(_c)] = _NAME_BYTE[ord(_c.upper())] = _k
# A lowered name of up to _SHORT_NAME ASCII characters as one 64-bit number: a byte a
# character, low first, 0 past its end. Other names are numbered with _OTHER_NAME in
# the top byte, in the order met (no short name's byte is that high); 0 is no tag's name.
_SHORT_NAME = 8
_PADDING = np.zeros(_SHORT_NAME + 2, dtype=np.uint32)
_OTHER_NAME = 255 << 56
# The three-character openings of the raw-text elements' names (script, style, textarea,
# xmp) as such numbers, sorted, and what masks a name's first three characters.
_RAW_OPENINGS = np.array(
    [*sorted(sum(_NAME_CODE_OF[c] << 8 * k for k, c in enumerate(name[:3]))
             for name in ("script", "style", "textarea", "xmp")), 0],
    dtype=np.uint64,
)
_THREE = np.uint64((1 << 24) - 1)


def _name_key(name: str, other: dict[str, int]) -> int:
    """The number of a lowered tag name (see _SHORT_NAME); 0 for a name no tag can have."""
    key = other.get(name)
    if key is not None:
        return key
    if len(name) > _SHORT_NAME or not name.isascii():
        return 0
    key = 0
    for k, c in enumerate(name):
        code = _NAME_CODE_OF.get(c)
        if code is None:
            return 0
        key |= code << 8 * k
    return key


def _tags(
    source: str, codes: np.ndarray, lt: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, int]]:
    """Every start tag of ``source`` (a raw element's too), in source order: where it
    opens, its name's number (_name_key, with the returned numbers of other names), and
    where its matching end tag ends (past the first ">" after the end tag's name; -1:
    unclosed). What a loop over ``_TOKENS.finditer(source)`` with a stack of start tags
    per name finds, found over all tokens at once (the regex's scan alone costs more).

    _TOKENS' tag tokens are each "<" or "</" before a letter that no comment or raw
    element's body (read whole) holds. The regex reads only the comments, the tags that
    may open a raw element (their names open like one) and the names not read here.
    """
    other: dict[str, int] = {}
    padded = np.concatenate((codes, _PADDING))  # NULs end a name
    next_code = padded[lt + 1]
    bang = lt[next_code == ord("!")]
    comments = bang[(padded[bang + 2] == ord("-")) & (padded[bang + 3] == ord("-"))]
    slash = next_code == ord("/")
    name_at = lt + 1 + slash
    tag = _TAG_LETTER.take(padded[name_at], mode="clip")
    at, slash, name_at = lt[tag], slash[tag], name_at[tag]
    n = len(at)
    # Each name's first _SHORT_NAME + 1 code points: rows of a view (no copy) that holds
    # every place's.
    ahead = np.ndarray(
        (len(codes) + 1, _SHORT_NAME + 1), dtype=padded.dtype, buffer=padded,
        strides=(padded.itemsize, padded.itemsize),
    )[name_at]
    chars = _NAME_BYTE.take(np.minimum(ahead, 128))
    inside = np.logical_and.accumulate(chars != 0, axis=1)
    length = inside.sum(axis=1)
    # Left to the regex: a name that runs on, or stops at a character past ASCII.
    odd = ahead[np.arange(n), np.minimum(length, _SHORT_NAME)] >= 128
    odd |= length > _SHORT_NAME
    chars[~inside] = 0
    key = np.ascontiguousarray(chars[:, :_SHORT_NAME]).view("<u8").ravel()
    opening = key & _THREE
    maybe_raw = ~slash & (_RAW_OPENINGS[np.searchsorted(_RAW_OPENINGS[:-1], opening)] == opening)
    asked = at[maybe_raw | odd].tolist()
    if len(comments):
        asked = sorted([*asked, *comments.tolist()])
    # Comments and raw elements, in order, each read by the regex unless an earlier one
    # holds it; and the names this leaves to the regex.
    whole_at: list[int] = []
    whole_end: list[int] = []
    raws: list[tuple[int, int, int]] = []
    read: dict[int, tuple[str, int]] = {}
    held_to = 0
    for pos in asked:
        if pos < held_to:
            continue
        m = _TOKENS.match(source, pos)
        raw, _, name = m.groups()  # type: ignore[union-attr]
        if name is not None:  # a tag after all
            read[pos] = (name, m.end())  # type: ignore[union-attr]
            continue
        held_to = m.end()  # type: ignore[union-attr]
        whole_at.append(pos)
        whole_end.append(held_to)
        if raw is not None:
            raw = raw.lower()
            if not _name_key(raw, other):
                other[raw] = _OTHER_NAME | len(other)
            raws.append((pos, _name_key(raw, other), held_to))
    if whole_at:
        holder = np.searchsorted(np.array(whole_at), at, side="right") - 1
        keep = (holder < 0) | (at >= np.array(whole_end)[np.maximum(holder, 0)])
        at, slash, length, odd, key = at[keep], slash[keep], length[keep], odd[keep], key[keep]
        name_at = name_at[keep]
    name_end = name_at + length
    for k in np.flatnonzero(odd).tolist():
        name, name_end[k] = read[int(at[k])]
        name = name.lower()
        if not _name_key(name, other):
            other[name] = _OTHER_NAME | len(other)
        key[k] = _name_key(name, other)
    closes = _closes(slash, key, name_end, padded, source)
    opens = np.flatnonzero(~slash)
    if not raws:
        return at[opens], key[opens], closes[opens], other
    raw_at, raw_key, raw_end = zip(*raws, strict=True)
    tag_at = np.concatenate((at[opens], raw_at))
    by_place = np.argsort(tag_at, kind="stable")
    return (
        tag_at[by_place],
        np.concatenate((key[opens], np.array(raw_key, dtype=np.uint64)))[by_place],
        np.concatenate((closes[opens], raw_end))[by_place],
        other,
    )


def _closes(
    slash: np.ndarray, key: np.ndarray, name_end: np.ndarray, padded: np.ndarray, source: str
) -> np.ndarray:
    """Where each tag's end tag ends, for the start tags of a run of tags in source order
    (-1: unclosed; see _tags). An end tag closes the last open start tag of its name, and
    one that finds none is ignored: within a name a start tag takes the depth to d and its
    end tag takes it back to d - 1, so sorted by (name, depth, place) each closing end tag
    comes right after its start tag (the depth clamped at 0: a stray end tag is no step)."""
    m = len(key)
    closes = np.full(m, -1, dtype=np.int64)
    if not m:
        return closes
    by_name = np.argsort(key, kind="stable")
    group = key[by_name]
    closing = slash[by_name]
    step = 1 - 2 * closing.astype(np.int64)
    first = np.ones(m, dtype=bool)
    np.not_equal(group[1:], group[:-1], out=first[1:])
    group_no = np.cumsum(first)
    summed = np.cumsum(step)
    depth = summed - (summed - step)[np.flatnonzero(first)][group_no - 1]
    live = None
    if depth.min() < 0:  # a stray end tag: depths are clamped at 0
        # The lowest point of each name's running sum so far, 0 included: each name's
        # sums lowered by more than any sum's size, so a name's own lie below every
        # earlier name's.
        lowered = group_no * (2 * m + 2)
        depth -= np.minimum(np.minimum.accumulate(depth - lowered) + lowered, 0)
        before = np.append(0, depth[:-1])
        before[first] = 0
        closing &= before > 0
        live = np.flatnonzero(~slash[by_name] | closing)
    rank = group_no * (m + 2) + depth + closing  # (name, depth before an end tag, place)
    ranked = np.argsort(rank, kind="stable") if live is None else live[
        np.argsort(rank[live], kind="stable")
    ]
    popped = np.flatnonzero(closing[ranked])
    if len(popped):
        # Past the first ">" at or after the end tag's name (the page's end if none):
        # mostly the very next character.
        after = name_end[by_name[ranked[popped]]]
        ends = after + 1
        for k in np.flatnonzero(padded[after] != ord(">")).tolist():
            gt = source.find(">", int(after[k]))
            ends[k] = gt + 1 if gt >= 0 else len(source)
        closes[by_name[ranked[popped - 1]]] = ends
    return closes


def _match(
    order: list[object],
    tag_at: np.ndarray,
    tag_key: np.ndarray,
    other: dict[str, int],
    line_starts: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Each element's start tag (its index in ``tag_at``, -1: none) and its start.

    An element takes the first start tag of its name after the previous match that is
    on the element's own line (lxml's ``sourceline``; any line past libxml2's cap);
    without one it starts where the previous match left off. Mostly element i is
    start tag i (plus the elements the parser added less the tags it dropped so far):
    then its tag is the very next one, of its name and on its line, and such runs are
    found a few pairs at a time, then a window at a time; only the other elements are
    looked up by name.
    """
    n = len(order)
    n_lines = len(line_starts)
    lines = list(map(_SOURCELINE, order))
    if None in lines:
        lines = [line or 1 for line in lines]
    line = np.fromiter(lines, dtype=np.int64, count=n)
    names = list(map(str.lower, map(_TAG_NAME, order)))
    keys = dict.fromkeys(names, 0)
    for name in keys:
        keys[name] = _name_key(name, other)
    el_key = np.fromiter(map(keys.__getitem__, names), dtype=np.uint64, count=n)
    # The line a start tag must be on; an element past the line cap is always looked up.
    el_line = np.where(line < _MAX_LINE, np.minimum(line, n_lines), -1)
    tag_line = np.searchsorted(line_starts, tag_at, side="right")
    n_tags = len(tag_at)
    if n == n_tags and (el_key == tag_key).all() and (el_line == tag_line).all():
        return np.arange(n), tag_at  # element i is start tag i
    el_pairs = list(zip(el_key.tolist(), el_line.tolist(), strict=True))
    tag_pairs = list(zip(tag_key.tolist(), tag_line.tolist(), strict=True))
    tag_at_list = tag_at.tolist()
    line_list: list[int] | None = None
    by_name: dict[int, list[int]] = {}
    runs: list[tuple[int, int, int]] = []  # (element, start tag, how many)
    looked_up: list[tuple[int, int, int]] = []  # (element, start tag or -1, start)
    i = j = cursor = 0  # j: the first start tag at or after cursor
    while i < n:
        if j < n_tags and el_pairs[i] == tag_pairs[j]:
            run = _agreeing(el_pairs, tag_pairs, i, j, (el_key, el_line), (tag_key, tag_line))
            runs.append((i, j, run))
            i += run
            j += run
            cursor = tag_at_list[j - 1] + 1
            continue
        found, start = -1, cursor
        name = el_pairs[i][0]
        positions = by_name.get(name)
        if positions is None:
            positions = by_name[name] = tag_at[tag_key == name].tolist() if name else []
        if positions:
            if line_list is None:
                line_list = line_starts.tolist()
            line_no = lines[i]
            floor = line_list[min(line_no, n_lines) - 1] if line_no < _MAX_LINE else 0
            k = bisect_left(positions, max(cursor, floor))
            if k < len(positions):
                pos = positions[k]
                if line_no >= _MAX_LINE or bisect_right(line_list, pos) == min(line_no, n_lines):
                    found = j = bisect_left(tag_at_list, pos)
                    start = pos
                    j += 1
                    cursor = pos + 1
        looked_up.append((i, found, start))
        i += 1
    matched = np.full(n, -1, dtype=np.int64)
    starts = np.zeros(n, dtype=np.int64)
    if runs:
        first_el, first_tag, size = (np.array(column) for column in zip(*runs, strict=True))
        # Element first_el + k is start tag first_tag + k, for k < size, run by run.
        step = np.repeat(np.cumsum(size) - size, size)
        el_at = np.repeat(first_el, size) + np.arange(len(step)) - step
        tag_of = np.repeat(first_tag, size) + np.arange(len(step)) - step
        matched[el_at] = tag_of
        starts[el_at] = tag_at[tag_of]
    if looked_up:
        el_at, tag_of, start_of = (np.array(column) for column in zip(*looked_up, strict=True))
        matched[el_at] = tag_of
        starts[el_at] = start_of
    return matched, starts


def _agreeing(
    a: list[tuple[int, int]],
    b: list[tuple[int, int]],
    i: int,
    j: int,
    a_arrays: tuple[np.ndarray, np.ndarray],
    b_arrays: tuple[np.ndarray, np.ndarray],
) -> int:
    """How many pairs agree from ``a[i]`` and ``b[j]`` on (at least one: the caller has
    seen them agree): a few compared one by one, then the arrays in widening windows."""
    limit = min(len(a) - i, len(b) - j)
    agree = 1
    while agree < limit and agree < 16:
        if a[i + agree] != b[j + agree]:
            return agree
        agree += 1
    (a0, a1), (b0, b1) = a_arrays, b_arrays
    width = 64
    while agree < limit:
        m = min(limit - agree, width)
        x, y = i + agree, j + agree
        differ = np.flatnonzero((a0[x : x + m] != b0[y : y + m]) | (a1[x : x + m] != b1[y : y + m]))
        if len(differ):
            return agree + int(differ[0])
        agree += m
        width *= 8
    return agree


def _spans(
    root: object, source: str, codes: np.ndarray | None = None, lt: np.ndarray | None = None
) -> dict[object, tuple[int, int]]:
    """(start, end) in ``source`` of every element: start tag to matching end tag.

    Each element is matched to its start tag (_match) and ends where that tag's end
    tag does (_tags); the rest are worked out one by one. (``codes``: the page's code
    points, ``lt`` where its "<" are, if the caller has them.)"""
    if codes is None:
        codes = code_points(source)
    if lt is None:
        lt = np.flatnonzero(codes == ord("<"))
    line_starts = np.append(0, np.flatnonzero(codes == ord("\n")) + 1)
    tag_at, tag_key, tag_end, other = _tags(source, codes, lt)
    # Elements only (no comments or processing instructions), filtered by lxml.
    order = list(root.iter(lxml.etree.Element))  # type: ignore[attr-defined]
    matched, start_at = _match(order, tag_at, tag_key, other, line_starts)
    end_at = np.where(matched >= 0, tag_end[matched], -1) if len(tag_end) else matched
    starts = start_at.tolist()
    spans = dict(zip(order, zip(starts, end_at.tolist(), strict=True), strict=True))
    total = len(source)
    index: dict[object, int] | None = None
    for i in np.flatnonzero(end_at < 0).tolist():
        el, start = order[i], starts[i]
        if index is None:
            index = {el: i for i, el in enumerate(order)}
        bound = max(_after(el, index, starts, total), start)
        end = None
        if matched[i] >= 0 and el.tag.lower() in _VOID:
            end = _start_tag_end(source, start, bound)
        if end is None or end < start:
            end = bound
            while end > start and source[end - 1].isspace():
                end -= 1
        spans[el] = (start, max(start, min(end, total)))
    return spans


# --- cleaning -----------------------------------------------------------------


def _drop_keep_tail(el: object) -> None:
    """Remove an element but keep the text that follows it."""
    parent = el.getparent()  # type: ignore[attr-defined]
    if parent is None:
        return
    tail = el.tail  # type: ignore[attr-defined]
    if tail:
        # lxml refuses to set text with control characters it parsed itself.
        tail = _CONTROL.sub("", tail)
        prev = el.getprevious()  # type: ignore[attr-defined]
        if prev is not None:
            prev.tail = _CONTROL.sub("", prev.tail or "") + tail
        else:
            parent.text = _CONTROL.sub("", parent.text or "") + tail
    parent.remove(el)


def _names(el: object) -> str:
    return (el.get("class") or "") + " " + (el.get("id") or "")  # type: ignore[attr-defined]


def _class_weight(el: object) -> float:
    names = _names(el)
    if not names.strip():
        return 0.0
    weight = 0.0
    if _NEGATIVE.search(names):
        weight -= 25
    if _POSITIVE.search(names):
        weight += 25
    return weight


_NEVER_UNLIKELY = frozenset(
    ["body", "html", "article", "main", "a", "table", "tbody", "tr", "td", "p"]
)


def _unlikely(el: object, tag: str, seen: dict[str, bool]) -> bool:
    """Whether class/id names make ``el`` furniture; ``seen`` keeps the answer per names
    (a page repeats a few hundred class names over thousands of elements)."""
    if tag in _NEVER_UNLIKELY:
        return False
    names = _names(el)
    verdict = seen.get(names)
    if verdict is None:
        verdict = seen[names] = (
            bool(names.strip()) and _UNLIKELY.search(names) and not _MAYBE.search(names)
        )
    return verdict


# --- blocks -------------------------------------------------------------------


# A text block before verdicts, with what main-content scoring needs: (segment, element,
# holder: the container the block's score goes to, characters of link text, furniture: the
# outermost unlikely-candidate ancestor or None). A plain tuple: a page makes one per block,
# and a dataclass's __init__ cost five times as much.
_Unit = tuple[Segment, object, object, int, "object | None"]
_SEGMENT, _ELEMENT, _FURNITURE = itemgetter(0), itemgetter(1), itemgetter(4)
_TEXT = attrgetter("text")


def _punct_counts(texts: list[str]) -> list[int]:
    """How many of _PUNCT each text holds, counted over all texts at once: where the
    marks are in the joined texts, and how many of those fall within each text."""
    if not texts:
        return []
    codes = code_points("\n".join(texts))
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    ends = np.cumsum(lengths + 1) - 1
    # take's "clip" reads a code past U+FFFF as U+FFFF, which is no mark.
    marks = np.flatnonzero(_PUNCT.take(codes, mode="clip"))
    return (np.searchsorted(marks, ends) - np.searchsorted(marks, ends - lengths)).tolist()


def _blockish(body: object) -> set[object]:
    """Block elements and any element holding a block element inside."""
    # lxml's HTML parser lower-cases tag names, so it can filter by name itself.
    blocks = list(body.iter(*BLOCK_TAGS))  # type: ignore[attr-defined]
    marked = set(blocks)
    # Then what holds one and is no block itself, climbing from each block's parent
    # (mostly a block already, so marked: one look per block).
    for el in blocks:
        node = el.getparent()
        while node is not None and node not in marked:
            marked.add(node)
            node = node.getparent()
    return marked


def _img_src(img: object) -> str:
    for attr in ("src", "data-src", "data-original", "data-lazy-src", "original"):
        value = img.get(attr)  # type: ignore[attr-defined]
        if value and not value.startswith("data:"):
            return value.strip()
    return ""


def _content_image(img: object) -> bool:
    src = _img_src(img)
    if not src:
        return False
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().rstrip("px")  # type: ignore[attr-defined]
        if value.isdigit() and int(value) < 60:
            return False
    return not re.search(r"logo|icon|avatar|spacer|blank|pixel|button|\.gif$", src, re.I)


def _data_table(table: object) -> list[list[str]] | None:
    """Rows of cell texts if ``table`` holds data (short cells), None for layout tables."""
    rows: list[list[str]] = []
    total = links = 0
    for el in table.iter():  # type: ignore[attr-defined]
        tag = _tag(el)
        if el is not table and tag == "table":
            return None
        if tag == "tr":
            cells = []
            for cell in el:
                if _tag(cell) in ("td", "th"):
                    text = _squeeze("".join(cell.itertext()))
                    if len(text) > _MAX_CELL:
                        return None
                    total += len(text)
                    links += sum(len("".join(a.itertext()).strip()) for a in cell.iter("a"))
                    cells.append(text)
            if any(cells):
                rows.append(cells)
    if len(rows) < 2 or max(len(r) for r in rows) < 2 or total > 20_000 or links > 0.4 * total:
        return None  # too small, too big, or a grid of links (navigation)
    return rows


class _Emitter:
    def __init__(self, source: str, spans: dict[object, tuple[int, int]], blockish: set[object]):
        self.source = source
        self.spans = spans
        self.blockish = blockish
        self.units: list[_Unit] = []
        # What the element being read yields, in document order: its blocks
        # (``_Unit``) and the block children still to read (elements).
        self.pending: list[object] = []
        self.tables = 0
        self.unlikely: dict[object, bool] = {}
        self.elements_pending = False  # whether ``pending`` holds an element

    def span(self, el: object) -> tuple[int, int]:
        return self.spans.get(el, (0, 0))

    def add(
        self,
        el: object,
        holder: object,
        text: str,
        tag: str,
        bounds: tuple[int, int],
        links: int = 0,
        furniture: object | None = None,
        hint: str = "",
        meta: dict[str, object] | None = None,
    ) -> Segment | None:
        text = _squeeze(text)
        if hint != "figure" and not text:
            return None
        start, end = bounds
        end = max(start, min(end, len(self.source)))
        seg = Segment(start, end, text, 0, tag, hint, dict(meta) if meta else {})
        self.pending.append((seg, el, holder, links, furniture))
        return seg

    def figure(self, img: object, holder: object, furniture: object | None) -> None:
        meta: dict[str, object] = {"src": _img_src(img)}
        alt = _squeeze(img.get("alt") or "")  # type: ignore[attr-defined]
        if alt:
            meta["alt"] = alt
        self.add(img, holder, "", "figure", self.span(img), 0, furniture, "figure", meta)

    def table(self, el: object, rows: list[list[str]], furniture: object | None) -> None:
        self.tables += 1
        first = True
        cells = [c for c in el.iter("td", "th")]  # type: ignore[attr-defined]
        by_text: dict[int, object] = {}
        k = 0
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell_el = cells[k] if k < len(cells) else el
                by_text[k] = cell_el
                k += 1
                if not text:
                    continue
                meta: dict[str, object] = {"html_table": self.tables, "row": r, "col": c}
                if first:
                    meta["rows"] = rows
                    first = False
                self.add(cell_el, el, text, "cell", self.span(cell_el), 0, furniture, "", meta)
        for cap in el.iter("caption"):  # type: ignore[attr-defined]
            self.add(cap, el, "".join(cap.itertext()), "caption", self.span(cap), 0, furniture)

    def leaf(self, el: object, start: int, end: int, furniture: object | None) -> _Unit | None:
        """A childless element (an empty table too: no rows) is at most one block, its
        own text: what inline() and add() would make of it, made at once (most block
        elements of a page are leaves). run() numbers the lines once all are made.

        inline() calls this for a leaf block child, where the child's span is at hand,
        rather than leaving the child to run() to be read on its own.
        """
        text = " ".join((el.text or "").split())  # type: ignore[attr-defined]  # _squeeze
        if not text:
            return None
        tag = el.tag.lower()  # type: ignore[attr-defined]
        if furniture is None and self.unlikely.get(el):
            furniture = el
        holder = el if tag in _CONTAINERS else el.getparent()  # type: ignore[attr-defined]
        seg = Segment(start, end, text, 0, LEAF_KINDS.get(tag, ""))
        return (seg, el, el if holder is None else holder, 0, furniture)

    def inline(self, el: object, holder: object, tag: str, furniture: object | None) -> None:
        """Loose text of ``el`` (its own text and non-block children), one block per run.

        Runs end at block children and at ``<br>``; a run spans the source
        between its neighbouring boundaries.
        """
        run_start, src_end = self.span(el)
        parts: list[str] = []
        links = 0
        imgs: list[object] = []

        def flush(boundary_start: int, boundary_end: int) -> None:
            nonlocal parts, links, imgs, run_start
            text = "".join(parts)
            if not imgs and (not text or text.isspace()):  # nothing to add (add() agrees)
                parts, links = [], 0
                run_start = boundary_end
                return
            kind = tag
            if imgs:
                for img in imgs:
                    self.figure(img, holder, furniture)
                if text.strip() and len(text.strip()) <= 120 and tag not in ("h", "li"):
                    kind = "caption"
            self.add(
                el,
                holder,
                text,
                kind,
                (run_start, max(run_start, boundary_start)),
                links,
                furniture,
            )
            parts, links, imgs = [], 0, []
            run_start = boundary_end

        parts.append(el.text or "")  # type: ignore[attr-defined]
        span_of, blockish, pending = self.spans.get, self.blockish, self.pending
        # Explicit stack over inline descendants (deep nesting must not recurse). An entry
        # to open holds "", one to close the element's tag (read once, on opening it).
        stack: list[tuple[object, str]] = list(zip(reversed(el), repeat("")))  # type: ignore[call-overload]
        in_link = 0
        while stack:
            node, closing = stack.pop()
            if closing:
                if closing == "a":
                    in_link -= 1
                parts.append(node.tail or "")  # type: ignore[attr-defined]
                continue
            if node in blockish:  # an element, so a tag of its own
                s, e = span_of(node, (0, 0))
                text = "".join(parts)
                if imgs or (text and not text.isspace()):
                    flush(s, e)
                else:  # nothing to add (what flush does then)
                    parts, links = [], 0
                    run_start = e
                if len(node):  # type: ignore[arg-type]
                    pending.append(node)  # read after the text before it, before the text after
                    self.elements_pending = True
                else:  # a leaf block: its block made here, where its span is at hand
                    leaf = self.leaf(node, s, e, furniture)
                    if leaf is not None:
                        pending.append(leaf)
                parts.append(node.tail or "")  # type: ignore[attr-defined]
                continue
            ctag = _tag(node)
            if not ctag:
                parts.append(node.tail or "")  # type: ignore[attr-defined]
                continue
            if ctag == "br":
                s, e = span_of(node, (0, 0))
                flush(s, e)
                parts.append(node.tail or "")  # type: ignore[attr-defined]
                continue
            if ctag == "img":
                if _content_image(node):
                    imgs.append(node)
                parts.append(node.tail or "")  # type: ignore[attr-defined]
                continue
            text = node.text or ""  # type: ignore[attr-defined]
            if ctag == "a":
                in_link += 1
            parts.append(text)
            if in_link:
                links += len(text.strip())
            stack.append((node, ctag))
            stack.extend(zip(reversed(node), repeat("")))  # type: ignore[call-overload]
        flush(src_end, src_end)

    def run(self, body: object, unlikely: dict[object, bool]) -> list[_Unit]:
        """Blocks in document order: a container's loose text runs interleave with its children.

        Each block's line is its place in that order, numbered at the end.
        """
        stack: list[tuple[object, object | None]] = [(body, None)]
        units = self.units
        self.unlikely = unlikely
        span_of = self.spans.get
        while stack:
            el, furniture = stack.pop()
            if isinstance(el, tuple):  # a block (_Unit), in its place among the elements
                units.append(el)
                continue
            tag = el.tag  # type: ignore[attr-defined]
            tag = tag.lower() if isinstance(tag, str) else ""  # _tag(el), inlined
            if furniture is None and unlikely.get(el):
                furniture = el
            if not len(el):  # type: ignore[arg-type]
                # (inline() reads leaf children itself: only a childless body gets here)
                unit = self.leaf(el, *span_of(el, (0, 0)), furniture)
                if unit is not None:
                    units.append(unit)
                continue
            self.pending = []
            self.elements_pending = False
            rows = _data_table(el) if tag == "table" else None
            if rows is not None:
                self.table(el, rows, furniture)
            else:
                holder = el if tag in _CONTAINERS else el.getparent()  # type: ignore[attr-defined]
                if holder is None:
                    holder = el
                leaf_tag = LEAF_KINDS.get(tag, "")
                if el in self.blockish and any(c in self.blockish for c in el):  # type: ignore[attr-defined]
                    self.inline(el, el, "", furniture)
                else:
                    self.inline(el, holder, leaf_tag, furniture)
            if self.elements_pending:
                stack.extend(zip(reversed(self.pending), repeat(furniture)))
            else:  # blocks only: they come next, in this order
                units.extend(self.pending)
        for line, unit in enumerate(units, 1):
            unit[0].line = line
        return units


# --- main content -------------------------------------------------------------


def _main_content(
    units: list[_Unit], body: object
) -> tuple[set[object], dict[int, tuple[str, str]]]:
    """Elements inside the main content, and reasons for blocks put outside it."""
    texts = list(map(_TEXT, map(_SEGMENT, units)))
    lengths = list(map(len, texts))
    own_len: dict[object, int] = {}
    own_links: dict[object, int] = {}  # (an element without link text may be left out)
    len_of, links_of = own_len.get, own_links.get
    for (_, el, _, links, _), n in zip(units, lengths, strict=True):
        own_len[el] = len_of(el, 0) + n
        if links:
            own_links[el] = links_of(el, 0) + links
    order = list(body.iter(lxml.etree.Element))  # type: ignore[attr-defined]
    total_len = dict(own_len)
    total_links = dict(own_links)
    len_of, links_of = total_len.get, total_links.get
    for el in reversed(order):
        n = len_of(el)
        if not n:
            continue
        parent = el.getparent()
        if parent is not None:
            total_len[parent] = len_of(parent, 0) + n
            links = links_of(el)
            if links:
                total_links[parent] = links_of(parent, 0) + links
    page_len = total_len.get(body, 0) or 1
    # Furniture that holds most of the page is a wrapper with an unlucky class name.
    real_furniture = {
        furniture
        for furniture in set(map(_FURNITURE, units))
        if furniture is not None and len_of(furniture, 0) < 0.3 * page_len
    }
    content: dict[object, float] = {}
    punctuation = _punct_counts(texts)
    # A holder's ancestors, up to four levels, with the share of a score each gets (many
    # blocks share a holder).
    chains: dict[object, list[tuple[object, int]]] = {}
    content_of = content.get

    def spread(holder: object, scores: list[float]) -> None:
        """A run of blocks' scores, added to their holder's and its ancestors' in block
        order (the same float sums as block by block: nothing else is added to these
        nodes in between). A score reaches its holder whole (a share of 1)."""
        content[holder] = reduce(add, scores, content_of(holder, 0.0))
        chain = chains.get(holder)
        if chain is None:
            ancestors = islice(holder.iterancestors(), len(_LEVEL_SHARE) - 1)  # type: ignore[attr-defined]
            chain = chains[holder] = list(zip(ancestors, _LEVEL_SHARE[1:], strict=False))
        for node, share in chain:
            content[node] = reduce(add, map(truediv, scores, repeat(share)), content_of(node, 0.0))

    run_holder: object = None  # consecutive scored blocks of one holder (most of a page's)
    scores: list[float] = []
    for (seg, _, holder, links, furniture), n, punct in zip(
        units, lengths, punctuation, strict=True
    ):
        if n < 25 or furniture in real_furniture or seg.tag in ("h", "figure"):
            continue
        score = 1 + punct + min(n / 100, 3)
        if links:  # (no links: times 1 - 0.0, the same number)
            score *= 1 - min(links / n, 1.0)
        if holder is not run_holder:
            if scores:
                spread(run_holder, scores)
            run_holder, scores = holder, []
        scores.append(score)
    if scores:
        spread(run_holder, scores)
    outside_why: dict[int, tuple[str, Reason]] = {}
    if not content:
        return set(body.iter()), outside_why  # type: ignore[attr-defined]

    def link_density(node: object) -> float:
        n = total_len.get(node, 0)
        return min(total_links.get(node, 0) / n, 1.0) if n else 1.0

    final = {
        node: (c + _TAG_BASE.get(_tag(node), 0.0) + _class_weight(node)) * (1 - link_density(node))
        for node, c in content.items()
    }
    ranked = sorted(final, key=final.__getitem__, reverse=True)
    top = ranked[0]
    best = final[top]
    # Several strong, separate candidates under one ancestor: the ancestor is the article
    # (its text is split over sections). Judged by text alone, not by class names.
    top_ancestors = set(top.iterancestors())  # type: ignore[attr-defined]
    top_content = content[top]
    alternatives = [
        n
        for n in sorted(content, key=content.__getitem__, reverse=True)[:8]
        if n is not top
        and n not in top_ancestors
        and top not in set(n.iterancestors())  # type: ignore[attr-defined]
        and content[n] >= 0.75 * top_content
    ]
    if len(alternatives) >= 3:
        ancestor_sets = [set(n.iterancestors()) for n in alternatives]  # type: ignore[attr-defined]
        node = top.getparent()
        while node is not None and node is not body:
            if sum(1 for s in ancestor_sets if node in s) >= 3:
                top = node
                break
            node = node.getparent()
    # Climb while the parent scores higher (the article's text is split over children).
    last = final.get(top, 0.0)
    node = top.getparent()
    while node is not None and node is not body:
        if node not in final:
            node = node.getparent()
            continue
        if final[node] < best / 3:
            break
        if final[node] > last:
            top = node
            break
        last = final[node]
        node = node.getparent()
    while top.getparent() is not None and top.getparent() is not body:
        parent = top.getparent()
        if sum(1 for c in parent if isinstance(c.tag, str)) != 1:
            break
        top = parent
    keep = [top]
    parent = top.getparent()
    top_score = final.get(top, best)
    if parent is not None:
        threshold = max(10.0, top_score * 0.2)
        top_class = top.get("class") or ""
        for sib in parent:
            if sib is top or not isinstance(sib.tag, str):
                continue
            bonus = top_score * 0.2 if top_class and sib.get("class") == top_class else 0.0
            if final.get(sib, 0.0) + bonus >= threshold:
                keep.append(sib)
                continue
            n = total_len.get(sib, 0)
            if _tag(sib) in ("p", "h2", "h3", "blockquote", "pre", "ul", "ol") and n:
                density = link_density(sib)
                if n > 80 and density < 0.25:
                    keep.append(sib)
    inside: set[object] = set()
    for node in keep:
        inside.update(node.iter())  # type: ignore[attr-defined]
    main_len = sum(total_len.get(n, 0) for n in keep) or 1
    for i, (seg, el, _, links, furniture) in enumerate(units):
        if el not in inside:
            continue
        if (
            furniture is not None
            and furniture in real_furniture
            and total_len.get(furniture, 0) < 0.3 * main_len
        ):
            outside_why[i] = (
                "furniture_class",
                reason("furniture-inside"),
            )
            continue
        if links and links >= 0.6 * len(seg.text) and seg.tag != "h":
            outside_why[i] = ("link_text", reason("link-text"))
    return inside, outside_why


def _mark_outside(
    units: list[_Unit], inside: set[object], outside_why: dict[int, tuple[str, Reason]]
) -> list[Segment]:
    """The blocks' segments, those outside the main content marked: blocks of elements
    not in it, and blocks in it that _main_content put out (with its reason; no block
    is both). Which ones is found in C, not block by block."""
    segments = list(map(_SEGMENT, units))
    for seg in compress(segments, map(not_, map(inside.__contains__, map(_ELEMENT, units)))):
        seg.outside = True
    for i, why in outside_why.items():
        seg = segments[i]
        seg.outside = True
        seg.meta["signal"], seg.meta["why"] = why
    return segments


# --- entry point ----------------------------------------------------------------


def extract(text: str) -> Page:
    """Blocks of an HTML page; falls back to text segmentation if parsing fails."""
    if lxml is None:
        return Page(
            segment_text(text),
            warnings=[reason("html_parse_failed", error="lxml is not installed")],
        )
    codes = code_points(text)  # read by flatten_deep and _spans
    lt = np.flatnonzero(codes == ord("<"))
    flat, flattened = flatten_deep(text, codes=codes, lt=lt)
    try:
        root = _parse(flat)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError) as exc:
        return Page(segment_text(text), warnings=[reason("html_parse_failed", error=str(exc))])
    spans = _spans(root, text, codes, lt)
    title = ""
    title_el = root.find(".//title")
    if title_el is not None:
        title = _squeeze("".join(title_el.itertext()))
    tracking = 0
    unlikely: dict[object, bool] = {}
    seen_names: dict[str, bool] = {}
    for el in list(root.iter(lxml.etree.Element)):  # type: ignore[attr-defined]
        tag = el.tag.lower()
        if not el.keys():  # no href, no hiding, no class or id: only the tag can count
            if tag in DROP_TAGS:
                _drop_keep_tail(el)
            continue
        if tag == "a" and _TRACKING.search(el.get("href", "")):
            tracking += 1
            el.attrib.pop("href", None)
        if tag in DROP_TAGS or _is_hidden(el):
            _drop_keep_tail(el)
        elif _unlikely(el, tag, seen_names):
            unlikely[el] = True
    body = root.find("body")
    if body is None:
        body = root
    if not title:
        h1 = body.find(".//h1")
        if h1 is not None:
            title = _squeeze("".join(h1.itertext()))
    emitter = _Emitter(text, spans, _blockish(body))
    units = emitter.run(body, unlikely)
    inside, outside_why = _main_content(units, body)
    segments = _mark_outside(units, inside, outside_why)
    warnings: list[Reason] = []
    if flattened:
        warnings.append(reason("deep_nesting", n=flattened, depth=MAX_DEPTH))
    if tracking:
        warnings.append(reason("tracking_links", n=tracking))
    return Page(segments, title=title, warnings=warnings)
