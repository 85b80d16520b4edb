"""Bytes to text, without guessing silently.

Imports arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, or, for
older Chinese pages, GB2312/GBK. GB2312 and GBK are subsets of GB18030, so we
always decode those with gb18030, which knows every byte sequence they can
produce. Binary files and undecodable text raise InputError with a message an
editor can act on instead of producing mojibake.

Text is judged by proportion, not presence, over the whole input: a file is binary
when control bytes (NUL included) are more than 5% of it; stray control characters,
a few NULs or a few undecodable bytes in UTF-8 text are text (each bad byte becomes
U+FFFD, one character, so offsets stay put; the import keeps the original bytes and
the checker makes residue blocks of the stray runs).
"""

from __future__ import annotations

import codecs
import re

from .model import InputError
from .reasons import reason

_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "gb_2312", "x-gbk", "cp936", "gb18030", "euc-cn"}
_DECLARED = re.compile(
    rb"""<text\b[^>]*?\bencoding\s*=\s*["']?([\w.:-]+)"""
    rb"""|<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)"""
    rb"""|<\?xml\b[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
# Share of undecodable bytes above which a declared legacy page is rejected
# rather than decoded with replacement characters.
_MAX_REPLACED = 0.002


def _normalise_codec(name: str) -> str | None:
    label = name.strip().lower()
    if label in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# Bytes that are control characters in every encoding we read (NUL included; not
# tab, newline, vertical tab, form feed, carriage return).
_CONTROL_BYTES = bytes(b for b in range(32) if not 9 <= b <= 13)


def _looks_binary(data: bytes) -> bool:
    """Judged over the whole input, by proportion: a NUL after the first 8 KB counts
    as much as one before it, and a few stray ones in a long text are not binary."""
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls > len(data) // 20


def _utf16_without_bom(data: bytes) -> bool:
    """Many NULs, nearly all at even or all at odd offsets: UTF-16 text of mostly
    Latin characters that lost its byte-order mark, not a binary file."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    most, least = max(even, odd), min(even, odd)
    return most >= len(data) // 8 and least * 20 <= most


def _damaged_utf8(data: bytes) -> str | None:
    """Mostly valid UTF-8 with a few bad bytes: damage, not a legacy encoding.
    Returns the text with U+FFFD for each bad byte, or None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return text if non_ascii >= 4 and bad <= non_ascii * 0.05 else None


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML page (or its corpus wrapper) declares, normalised."""
    match = _DECLARED.search(data[:16384])
    if not match:
        return None
    label = next(g for g in match.groups() if g)
    return _normalise_codec(label.decode("ascii", "replace"))


def decode(data: bytes, fmt: str = "text") -> str:
    """Decode an import; raise InputError for binary data or undecodable text."""
    if fmt not in {"text", "html"}:
        raise InputError(reason("unknown-format", fmt=repr(fmt)))
    if not data:
        return ""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(reason("bad-utf8-marker", n=exc.start)) from exc
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(reason("bad-utf16", error=str(exc))) from exc
    if _utf16_without_bom(data):
        raise InputError(reason("utf16-without-bom"))
    if _looks_binary(data):
        raise InputError(reason("binary"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    declared = declared_encoding(data) if fmt == "html" else None
    candidates = [c for c in (declared, "gb18030") if c and c != "utf-8"]
    for codec in dict.fromkeys(candidates):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    if declared and declared != "utf-8":
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") <= max(2, int(len(text) * _MAX_REPLACED)):
            return text
    raise InputError(reason("unknown-encoding"))
