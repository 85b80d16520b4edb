"""Plain text to candidate blocks, with offsets into the raw text.

One line is one block, except where a line is really several things glued
together: an injected item glued to the remains of an image tag, a
``Read: <title>`` related link inside collapsed English paragraphs, a casino
keyword pasted into a sentence. Those lines are split at the seam so that the
story part keeps its verdict and only the foreign part is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate, count
from operator import add

import numpy as np

from .codes import code_points
from .garble import MAYBE_GARBLED, garbled_spans, maybe_garbled
from .lexicon import GAMBLING, _fold, maybe_gambling, names_brand

# Longest block we score as one piece; longer lines are cut at sentence ends
# so a 1 MB line without newlines stays linear to check.
MAX_BLOCK = 4000


@dataclass(slots=True)
class Segment:
    """A candidate block: where it is, what it says, hints from segmentation."""

    start: int
    end: int
    text: str
    line: int = 0
    tag: str = ""  # structural hint: h, p, li, caption, cell, pre, figure ("" = plain line)
    hint: str = ""  # a kind decided while splitting (residue, figure, foreign)
    meta: dict[str, object] = field(default_factory=dict)
    outside: bool = False  # html: outside the page's main content


_new_object = object.__new__


def plain_segment(start: int, end: int, text: str, line: int) -> Segment:
    """``Segment(start, end, text, line=line)``, made faster: a plain line is most of
    every document's blocks, and the dataclass's __init__ (keywords, a default factory)
    costs twice as much as storing the fields."""
    seg = _new_object(Segment)
    seg.start, seg.end, seg.text, seg.line = start, end, text, line
    seg.tag = seg.hint = ""
    seg.meta = {}
    seg.outside = False
    return seg


# Markup left of an image tag: the tag, or an attribute's closing quote and bracket.
_TAG_BITS = r"<img\b[^>\n]*>?|\"\s*target=\"_blank\"\s*>|\"\s*/?>"
_IMG_RESIDUE = re.compile(
    r"(?P<src>(?:https?:)?/?/?[A-Za-z0-9_.\-~%/]*?/[A-Za-z0-9_.\-~%]+\.(?:jpe?g|png|gif|webp|bmp))"
    r"(?P<tail>\s*[\"']?\s*/?>|\s*[\"']\s*)?|" + _TAG_BITS,
    re.IGNORECASE,
)
# A link to another article glued into the text: "Read: …", "Read more: …", "Also read: …",
# "Related: …", "See also: …", then a title.
_READ_LINK = re.compile(
    r"(?:(?<=\s)|^)(?:(?:Also [Rr]ead|Read)(?: more| also)?(?::| about)|Related:|See also:)\s+"
    r"(?=[A-Z0-9‘'\"“])"
)
_CONNECTORS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "on",
        "for",
        "and",
        "or",
        "vs",
        "vs.",
        "with",
        "in",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "into",
        "via",
        "its",
        "your",
        "how",
    ]
)
_TIMESTAMP_TAIL = re.compile(r"\[\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(?::\d{2})?\]")
_HEADLINE_SEAM = re.compile(r"(?<=[。！？!?”])(?=[^，。,:：\n]{4,60}[:：]\d{1,2}月\d{1,2}日消息)")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;.])\s*")
_PARA_GAP = re.compile(r"(?<=[.!?”\"’:)])\s{2,}(?=\S)")


def _title_end(words: list[str]) -> int:
    """How many words after ``Read:`` form the linked title.

    Titles are runs of capitalised words and short connectors; the story
    resumes where a capitalised word is followed by an ordinary lower-case
    word (``... Platform Unlike traditional``).
    """
    for i, word in enumerate(words[:24]):
        if word.endswith(("?", "!")) and i >= 1:
            return i + 1
        if i >= 1 and i + 1 < len(words):
            nxt = words[i + 1]
            starts_upper = word[:1].isupper() or word[:1].isdigit()
            if starts_upper and nxt[:1].islower() and nxt.lower() not in _CONNECTORS:
                return i
    return min(len(words), 12)


# A character that every seam _cut_points finds needs in the line (a garbled run's
# are garble.MAYBE_GARBLED), apart from the
# gambling words, the control characters, a long line, a double space and "also" (a
# "See also:" link, tested apart: "A" and "S" are in too many lines): one class
# search (re skips ahead by the class) instead of a dozen substring tests per line.
_MAYBE_CUT = re.compile(r"[<\"/R\[消?)）讯电记【" + MAYBE_GARBLED.pattern[1:])
# _MAYBE_CUT's characters as a table of the BMP (no astral character is one), built on
# the first long text: a long text's lines are looked up in one pass over its code points.
_IS_CUT_CHAR: np.ndarray | None = None


def _cut_lines(codes: np.ndarray, starts: list[int]) -> set[int]:
    """The lines (numbered as ``starts``, their first offsets, ascending) in which
    ``_MAYBE_CUT`` matches, for the text whose code points are ``codes``: the class is
    one character and holds no line break, so a line holds a match where one of its
    characters is in the class (one lookup per character of the text, where a search
    per line costs a regex call on every line)."""
    global _IS_CUT_CHAR
    if _IS_CUT_CHAR is None:
        _IS_CUT_CHAR = np.fromiter(
            (_MAYBE_CUT.match(chr(c)) is not None for c in range(0x10000)), bool, 0x10000
        )
    at = np.flatnonzero(_IS_CUT_CHAR.take(codes, mode="clip"))  # past U+FFFF: as U+FFFF
    if not len(at):
        return set()
    return set((np.searchsorted(starts, at, side="right") - 1).tolist())


def _cut_points(
    line: str, gambling: bool = True, controls: bool = True, brands: bool = True
) -> list[tuple[int, str, dict[str, object]]]:
    """Seams inside one line: (offset, hint for the piece starting there, meta).

    ``gambling=False`` promises the line holds no GAMBLING keyword, ``controls=False``
    no control character; ``brands=False`` that the document names no casino brand (see
    ``_gambling_cuts``). Each pattern
    runs only if the line has a character every match of it needs.
    """
    cuts: list[tuple[int, str, dict[str, object]]] = []
    if _maybe_image(line):
        cuts.extend(_img_cuts(line))
    if "Read" in line or "Related:" in line or "lso" in line:
        cuts.extend(_read_cuts(line))
    if "[" in line:
        for m in _TIMESTAMP_TAIL.finditer(line):
            if line[m.end() :].strip():
                cuts.append((m.end(), "", {}))
    if "消息" in line:
        for m in _HEADLINE_SEAM.finditer(line):
            cuts.append((m.start(), "", {}))
    if "  " in line or (len(line) > 200 and not line.isprintable()):
        # A gap is two whitespace characters; the only one str.isprintable() lets
        # through is the ASCII space: a long printable line needs "  " for one.
        for m in _PARA_GAP.finditer(line):
            cuts.append((m.end(), "", {}))
    if gambling:
        cuts.extend(_gambling_cuts(line, brands))
    garbled = garbled_spans(line) if maybe_garbled(line) else []
    if controls and _CONTROL.search(line):
        for m in _CONTROL_RUN.finditer(line):
            if any(start <= m.start() and m.end() <= end for start, end in garbled):
                # A replacement character inside a garbled run is part of that run (the
                # byte the wrong codec could not pair): one residue item, one reason.
                continue
            cuts.append((m.start(), "residue", {"controls": True}))
            if m.end() < len(line):
                # Inside a garbled run the rest of the run is still garbled.
                inside = any(start < m.end() < end for start, end in garbled)
                cuts.append((m.end(), *(("residue", {"mojibake": True}) if inside else ("", {}))))
    for start, end in garbled:
        cuts.append((start, "residue", {"mojibake": True}))
        if end < len(line):
            cuts.append((end, "", {}))
    listed = (
        line.startswith(("['", '["'))
        and line.endswith(("']", '"]'))
        and ("', '" in line or '", "' in line)
    )
    if listed:
        for m in _LIST_JOINT.finditer(line):
            cuts.append((m.start(), "residue", {"list_literal": True}))
            if m.end() < len(line):
                cuts.append((m.end(), "", {}))
                d = _DATELINE.match(line, m.end())
                if d and d.end() > m.end() and _DATELINE_HINT.search(line, m.end(), d.end()):
                    cuts.append((m.end(), "dateline", {}))
                    cuts.append((d.end(), "", {}))
    if ")" in line or "）" in line:
        # At the end of the line, or of any item of a list literal.
        for m in _TRAILING_CREDIT.finditer(line, 0 if listed else max(0, len(line) - 16)):
            cuts.append((m.start(), "credit", {}))
            if m.end() < len(line):
                cuts.append((m.end(), "", {}))
    head = line[:40]
    hinted = "讯" in head or "电" in head or "记者" in head or line.startswith(("【", "["))
    m = _DATELINE.match(line) if hinted else None
    if m and m.end() < len(line) and line[m.end() :].strip():
        cuts.append((0, "dateline", {}))
        cuts.append((m.end(), "", {}))
    return cuts


# Control characters between words (copy obfuscation, broken exports): their own
# residue block, so the words around them keep their verdict.
# (NUL arrives as U+2400 and an undecodable byte as U+FFFD: see decode.)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2400\ufffd]")
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x2400, 0xFFFD))
_CONTROL_RUN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2400\ufffd]+")
# A list of paragraphs stored as a Python list literal (['…', '…']): the brackets,
# quotes, commas and escaped newlines between the items are residue.
_LIST_JOINT = re.compile(
    r"""^\[['"](?:\\[nrt]|\s)*|(?:\\[nrt]|\s)*['"]\s*,\s*['"](?:\\[nrt]|\s)*"""
    r"""|(?:\\[nrt]|\s)*['"]\]$"""
    r"""|(?:\\[nrt]\s*)+"""
)
# A source or author credit in brackets after a paragraph's last sentence: "…。（东南网）",
# "…。（张秀荣）", at the end of the line or of a list-literal item.
_TRAILING_CREDIT = re.compile(
    r"""(?<=[。！？!?”」』])[ \u3000]*[（(][^（()）。，,：:\n]{2,12}[)）]"""
    r"""(?=[ \u3000]*(?:$|\\n|['"]\s*[,\]]))"""
)
# A dateline or byline glued in front of the lead: "本报讯（记者…）", "新华社北京11月29日电",
# "中新社旧金山６月８日电（记者 …）", "环球网记者李亮报道，", "【环球网报道 记者 …】".
# A day of the month in Chinese (11月17日, fullwidth digits too): datelines and dispatch lines.
DATE_ZH = r"(?:[\d０-９]{1,2}月[\d０-９]{1,2}日)"
_REPORTER = r"(?:\s*[（(][^（()）\n]{0,30}?(?:记者|通讯员|实习生|特约|编辑)[^（()）\n]{0,30}[）)])"
_DATELINE = re.compile(
    r"(?:本报讯|[\u4e00-\u9fffA-Za-z]{0,12}?(?:社|报|网|台|站|新闻)[\u4e00-\u9fff]{0,8}?"
    + r"(?:"
    + DATE_ZH
    # Undated, the dispatch word closes the dateline: "台积电暂未…" and "…是腾讯智慧…"
    # run on into the sentence.
    + r"(?:讯|电)|(?:讯|电)(?![\u4e00-\u9fff])))"
    + _REPORTER
    + r"?(?:[\s\u3000]*"
    + DATE_ZH
    + r"?消息[，,：:]?)?[\s\u3000]*"
    r"|[\u4e00-\u9fff]{0,10}(?:社|报|网|台)记者[\u4e00-\u9fff\s\u3000]{2,10}?报道[，,：:\s]"
    r"|[【\[][^】\]\n]{0,30}?(?:记者|报道|通讯员|文[/／]|作者)[^】\]\n]{0,20}[】\]]\s*"
)
_DATELINE_HINT = re.compile(r"讯|电|记者|[【\[]")


# A picture file's extensions, as _IMG_RESIDUE names them (jpe?g and the rest).
_IMG_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "bmp")


def _maybe_image(line: str) -> bool:
    """False only if _IMG_RESIDUE cannot match: an image path holds "/", "." and,
    case-folded, an extension; the other shapes "<" or '"'. (The path's pattern is tried
    at every character: a line of dates and links need not pay for it.)"""
    return "<" in line or '"' in line or _maybe_path(line)


def _maybe_path(line: str) -> bool:
    """False only if _IMG_RESIDUE's image path (its group "src") cannot match."""
    return "/" in line and "." in line and any(ext in _fold(line) for ext in _IMG_EXTENSIONS)


# _IMG_RESIDUE without the image path, for a line that cannot hold one: where the path
# cannot match, the alternatives after it match as they do in _IMG_RESIDUE. (The path's
# lazy run is tried at every character of every Latin word: a line quoting a few words in
# ASCII quotes need not pay for it.)
_TAG_RESIDUE = re.compile(_TAG_BITS, re.IGNORECASE)


def _img_cuts(line: str) -> list[tuple[int, str, dict[str, object]]]:
    cuts: list[tuple[int, str, dict[str, object]]] = []
    paths = _maybe_path(line)
    for m in (_IMG_RESIDUE if paths else _TAG_RESIDUE).finditer(line):
        src = m.group("src") if paths else None
        if src:
            cuts.append((m.start(), "figure", {"src": src}))
            tail_start = m.end("src")
            if m.group("tail") and m.group("tail").strip():
                cuts.append((tail_start, "residue", {}))
        else:
            cuts.append((m.start(), "residue", {}))
        if m.end() < len(line):
            cuts.append((m.end(), "", {}))
    return cuts


def _read_cuts(line: str) -> list[tuple[int, str, dict[str, object]]]:
    cuts: list[tuple[int, str, dict[str, object]]] = []
    for m in _READ_LINK.finditer(line):
        rest = line[m.end() :]
        words = rest.split()
        n = _title_end(words)
        if not words or n == 0:
            continue
        pos = m.end()
        for w in words[:n]:
            pos = line.index(w, pos) + len(w)
        cuts.append((m.start(), "foreign", {"related_link": True}))
        if pos < len(line):
            cuts.append((pos, "", {}))
    return cuts


def _gambling_cuts(line: str, brands: bool = True) -> list[tuple[int, str, dict[str, object]]]:
    """A casino keyword glued into a sentence becomes its own piece.

    Only when the line is otherwise prose: a line that is all keywords is
    judged whole by the signals. In a document whose casino brands sell nothing
    (``brands=False``: it names none, or only in a few keyword lines pasted into
    its text, see ``pages.brand_sells``), an ordinary word of the lexicon standing
    bare in the sentence (GAMBLING_COMMON: a lottery story's 彩票, the river 金沙江)
    is the sentence's own.
    """
    hits = list(GAMBLING.finditer(line))
    if not hits or len(line) < 30:
        return []
    if _keyword_list(line, hits):
        return [(0, "gambling", {})]  # a list of casino keywords: foreign as a whole
    cuts: list[tuple[int, str, dict[str, object]]] = []
    last_end = -1
    for m in hits:
        start, end = m.start(), m.end()
        if start < last_end:
            continue
        # Grow over neighbouring keyword characters (brand + 网址/官网/app...), then
        # over whole brand words after it, so the span covers the keyword, not a part.
        while start > 0 and start - m.start() > -4 and _is_keywordish(line[start - 1]):
            start -= 1
        while end < len(line) and end - m.end() < 8 and _is_keywordish(line[end]):
            end += 1
        grown = _BRAND_TAIL.match(line, end)
        if grown and grown.end() - m.end() <= 30:
            end = grown.end()
        start, end = _list_neighbours(line, start, end, m.group(0))
        if not brands and end - start == len(m.group(0)):
            continue
        if end < len(line) and line[end] in ":：,，":
            end += 1
        last_end = end
        if end - start > 0.6 * len(line):
            return []
        cuts.append((start, "gambling", {}))
        if end < len(line):
            cuts.append((end, "", {}))
    return cuts


_CLAUSE_PUNCT = re.compile(r"[。！？!?；;，,、]")


def _keyword_list(line: str, hits: list[re.Match[str]]) -> bool:
    """A run of space-separated search terms, several of them casino keywords."""
    words = line.split()
    return len(hits) >= 2 and len(words) >= 4 and not _CLAUSE_PUNCT.search(line)


_LIST_SEP = ",，"


def _list_token_ok(token: str, keyword: str) -> bool:
    """A comma-list term that belongs to a split-up keyword: a piece of it, or keyword filler."""
    token = token.strip("‘’“”'\" ")
    if not token:
        return True
    if len(token) > 4:
        return False
    if token.lower() in keyword.lower():
        return True
    return all(_is_keywordish(ch) for ch in token) and not token.isdigit()


def _list_neighbours(line: str, start: int, end: int, keyword: str) -> tuple[int, int]:
    """Grow a keyword found in a comma list over the neighbouring terms split off it."""
    if not (start > 0 and line[start - 1] in _LIST_SEP) and not (
        end < len(line) and line[end] in _LIST_SEP
    ):
        return start, end
    while start > 0 and line[start - 1] in _LIST_SEP:
        prev = max(line.rfind(c, 0, start - 1) for c in _LIST_SEP + "：:") + 1
        if not _list_token_ok(line[prev : start - 1], keyword):
            break
        start = prev
    while end < len(line) and line[end] in _LIST_SEP:
        found = [i for i in (line.find(c, end + 1) for c in _LIST_SEP) if i >= 0]
        nxt = min(found, default=len(line))
        if not _list_token_ok(line[end + 1 : nxt], keyword):
            break
        end = nxt
    return start, end


# What follows a casino brand inside an injected keyword: domains, "官网", "app下载",
# "中国有限公司"... (each a whole word, repeated).
_BRAND_TAIL = re.compile(
    r"(?:[A-Za-z0-9][A-Za-z0-9.\-_]*|官方网站|官方|官网|网址|网站|平台|入口|注册|登录|登陆|首页|手机版"
    r"|网页版|客户端|下载|安装|中国|有限公司|集团|娱乐|体育|真人|电子|棋牌|在线|app|APP)*"
)
_KEYWORDISH = re.compile(r"[A-Za-z0-9网址官平台下载手机版登录入口直营代理现金娱乐城注册开户]")


def _is_keywordish(ch: str) -> bool:
    return bool(_KEYWORDISH.match(ch))


def _long_line_cuts(line: str) -> list[int]:
    """Sentence-end cut points so no piece exceeds MAX_BLOCK characters."""
    points: list[int] = []
    last = 0
    candidate = 0
    for m in _SENTENCE_END.finditer(line):
        pos = m.end()
        if pos - last > MAX_BLOCK:
            cut = candidate if candidate > last else last + MAX_BLOCK
            points.append(cut)
            last = cut
        candidate = pos
    while len(line) - last > MAX_BLOCK:
        last += MAX_BLOCK
        points.append(last)
    return points


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Private-use characters stand for paragraph breaks in some corpora (Sogou's U+E40C)
# and for icon-font glyphs on web pages: either way they end a block, never sit in one.
# So do the other ways of ending a line: a carriage return alone (old Mac exports),
# NEL, and Unicode's line and paragraph separators; CRLF is one break.
_ODD_BREAK = re.compile("[\r\x85\u2028\u2029\ue000-\uf8ff]")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029\ue000-\uf8ff]")
# _ODD_BREAK's characters outside the private-use range.
_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
# From this many characters on, the whole-text questions below (an odd break? a control
# character?) are answered from one array of code points, at half the cost of a regex
# scan (which tests every character against a class) and the substring tests.
_LONG_TEXT = 4096
_IS_CONTROL = np.zeros(0x10000, dtype=bool)  # indexed by code point (U+FFFF: none)
_IS_CONTROL[list(map(ord, _CONTROL_CHARS))] = True


def _code_points(text: str) -> np.ndarray | None:
    """The text's code points, for a long text (None for a short one)."""
    if len(text) < _LONG_TEXT:
        return None
    return code_points(text)


def _has_odd_break(text: str, codes: np.ndarray | None) -> bool:
    """``_ODD_BREAK.search(text) is not None`` (``codes``: ``_code_points(text)``)."""
    if codes is None:
        return _ODD_BREAK.search(text) is not None
    if any(c in text for c in _ODD_BREAKS):
        return True
    # U+E000..U+F8FF, as one unsigned comparison (lower code points wrap round to high).
    return bool(((codes - np.uint32(0xE000)) <= np.uint32(0xF8FF - 0xE000)).any())


def _has_control(text: str, codes: np.ndarray | None) -> bool:
    """Whether any of _CONTROL_CHARS is in ``text`` (``codes``: ``_code_points(text)``)."""
    if codes is None:
        return any(ch in text for ch in _CONTROL_CHARS)
    return bool(_IS_CONTROL.take(codes, mode="clip").any())  # past U+FFFF: as U+FFFF, none


# Invisible format characters (zero-width space and joiners, word joiner, byte-order mark,
# direction marks) that scraped text leaves at a line's edges. A block starts and ends at a
# visible character, so a pattern anchored at its start (本报讯, 来源：) sees what a reader
# sees. A run of three or more is left in place: that is residue, for the checker to flag.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_LONGEST_INVISIBLE_EDGE = 2


def _visible(line: str) -> tuple[int, int]:
    """Start and end of ``line`` (already stripped) without short invisible edges."""
    start, end = 0, len(line)
    head = end - len(line.lstrip(_INVISIBLE))
    if head <= _LONGEST_INVISIBLE_EDGE:
        start = head
        while start < end and line[start].isspace():
            start += 1
    tail = end - len(line.rstrip(_INVISIBLE))
    if tail <= _LONGEST_INVISIBLE_EDGE and end - tail > start:
        end -= tail
        while end > start and line[end - 1].isspace():
            end -= 1
    return start, end


def _lines(text: str, codes: np.ndarray | None = None) -> list[tuple[int, str]]:
    """(offset, text) of each line; any line or paragraph separator breaks a line like a
    newline (offsets stay those of the raw text). ``codes``: ``_code_points(text)``."""
    if not _has_odd_break(text, codes):
        raws = text.split("\n")
        # Line k starts after the k lines before it and their k newlines: summed in C
        # (one start more than lines: the end of the last).
        starts = map(add, accumulate(map(len, raws), initial=0), count())
        return list(zip(starts, raws, strict=False))
    out = []
    pos = 0
    for m in _BREAK.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def segment_text(
    text: str, *, gambling: bool | None = None, brands: bool | None = None
) -> list[Segment]:
    """Split plain text into trimmed, ordered, non-overlapping segments.

    ``gambling``: ``maybe_gambling(text)``, when the caller has it already. ``brands``:
    whether a casino brand sells the text's ordinary gambling words (the checker asks
    ``pages.brand_sells``; None: whether the text names a brand at all).
    """
    segments: list[Segment] = []
    if gambling is None:
        gambling = maybe_gambling(text)
    if not gambling:
        brands = False
    elif brands is None:
        brands = names_brand(text)
    codes = _code_points(text)
    controls = _has_control(text, codes)
    invisible = any(ch in text for ch in _INVISIBLE)
    lines = _lines(text, codes)
    # A long text's lines holding a _MAYBE_CUT character, from one pass (None: searched
    # line by line). Only the lines of the fast path below ask.
    cut_lines = (
        _cut_lines(codes, [start for start, _ in lines])
        if codes is not None and not gambling and not controls
        else None
    )
    for line_no, (line_start, raw) in enumerate(lines):
        # str.strip() drops exactly the characters str.isspace() accepts (as _trimmed).
        line = raw.strip()
        if not line:
            continue
        s = line_start + len(raw) - len(raw.lstrip())
        if invisible and (line[0] in _INVISIBLE or line[-1] in _INVISIBLE):
            start, end = _visible(line)
            if start == end:
                continue
            s += start
            line = line[start:end]
        if (
            not gambling
            and not controls
            and len(line) <= 200
            and "  " not in line
            and (
                line_no not in cut_lines if cut_lines is not None
                else _MAYBE_CUT.search(line) is None
            )
            and "lso" not in line  # "Also read:", "See also:" (see _READ_LINK)
        ):
            # No seam can be in the line: most lines of an article (see _MAYBE_CUT).
            segments.append(plain_segment(s, s + len(line), line, line_no))
            continue
        cuts = _cut_points(line, gambling, controls, brands)
        if not cuts and len(line) <= MAX_BLOCK:
            segments.append(plain_segment(s, s + len(line), line, line_no))
            continue
        if len(line) > MAX_BLOCK:
            cuts.extend((p, "", {}) for p in _long_line_cuts(line))
        by_pos: dict[int, tuple[str, dict[str, object]]] = {0: ("", {})}
        for off, hint, meta in sorted(cuts, key=lambda c: (c[0], c[1] == "")):
            if 0 <= off <= len(line) and (off not in by_pos or hint):
                by_pos[off] = (hint, meta)
        offsets = sorted(by_pos)
        for i, off in enumerate(offsets):
            nxt = offsets[i + 1] if i + 1 < len(offsets) else len(line)
            ps, pe = _trimmed(text, s + off, s + nxt)
            if ps == pe:
                continue
            hint, meta = by_pos[off]
            seg = Segment(ps, pe, text[ps:pe], line=line_no, hint=hint, meta=dict(meta))
            if len(offsets) > 1:
                seg.meta["split"] = True
            segments.append(seg)
    return segments
