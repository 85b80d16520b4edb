"""Bytes to text, without guessing silently.

Imports arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, or, for
older Chinese pages, GB2312/GBK. GB2312 and GBK are subsets of GB18030, so we
always decode those with gb18030, which knows every byte sequence they can
produce. Binary files and undecodable text raise InputError with a message an
editor can act on instead of producing mojibake.

Text is judged by proportion, not presence, over the whole input: a text with
stray control characters, a few NULs or a few undecodable bytes is text (the
checker makes residue blocks of the stray runs). The rule for binary:

- the input starts with the signature of an image, PDF, archive or executable, or
- control bytes (C0 other than tab, newline, carriage return, form feed, vertical
  tab and escape; NUL included) are more than ``BINARY_CONTROL_SHARE`` of all bytes.

NUL becomes U+2400 (SYMBOL FOR NULL) and an undecodable byte U+FFFD, one
character each, so offsets stay put; the import keeps the exact original bytes
whenever the text is not their UTF-8 (``articles.imports``), so nothing is lost.
"""

from __future__ import annotations

import codecs
import re

from .model import InputError

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


BINARY_CONTROL_SHARE = 0.10
_SIGNATURES = (
    b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b",
    b"7z\xbc\xaf", b"Rar!", b"BM", b"\x7fELF", b"MZ", b"\x00\x00\x01\x00", b"RIFF", b"OggS",
    b"ID3", b"\xd0\xcf\x11\xe0",
)
# Every byte that counts as a control byte for the binary rule.
_CONTROL_BYTES = bytes([*range(0, 9), 14, *range(15, 27), *range(28, 32)])
_DROP_TEXT = bytes.maketrans(b"", b"")


def _control_share(data: bytes) -> float:
    return (len(data) - len(data.translate(_DROP_TEXT, _CONTROL_BYTES))) / len(data)


def _looks_binary(data: bytes) -> bool:
    """A signature at the start, or control bytes over BINARY_CONTROL_SHARE of the whole."""
    if data.startswith(_SIGNATURES) and _control_share(data[:4096]) > 0.01:
        return True
    return _control_share(data) > BINARY_CONTROL_SHARE


def _utf16_without_bom(data: bytes) -> bool:
    """NULs at every other byte: UTF-16 text whose byte-order mark was lost."""
    sample = data[:65536]
    if len(sample) < 16:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) >= 0.3 * half and min(even, odd) <= 0.05 * half


def _damaged_utf8(data: bytes) -> str | None:
    """Mostly valid UTF-8 with a few bad bytes: damage, not a legacy encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return text if non_ascii >= 4 and bad <= non_ascii * 0.05 else None


def _nul_visible(text: str) -> str:
    return text.replace("\x00", "\u2400") if "\x00" in text else text


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
        raise InputError(f"Unknown format {fmt!r}: expected 'text' or 'html'.")
    if not data:
        return ""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"The file starts with a UTF-8 marker but byte {exc.start} is not UTF-8."
            ) from exc
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"The file is marked UTF-16 but is damaged: {exc}.") from exc
    if _utf16_without_bom(data):
        raise InputError(
            "Unknown encoding: the file looks like UTF-16 text without a byte-order mark. "
            "Save it as UTF-8 and import it again."
        )
    if _looks_binary(data):
        raise InputError(
            "This looks like a binary file (an image, PDF or archive?), not text or HTML."
        )
    try:
        return _nul_visible(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return _nul_visible(damaged)
    declared = declared_encoding(data) if fmt == "html" else None
    candidates = [c for c in (declared, "gb18030") if c and c != "utf-8"]
    for codec in dict.fromkeys(candidates):
        try:
            return _nul_visible(data.decode(codec))
        except UnicodeDecodeError:
            continue
    if declared and declared != "utf-8":
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") <= max(2, int(len(text) * _MAX_REPLACED)):
            return _nul_visible(text)
    raise InputError(
        "The file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 and import it again."
    )
