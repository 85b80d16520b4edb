"""Text decoded with the wrong codec (mojibake): where in a line it is.

A page saved in one encoding and read in another turns its words into runs of
characters that are valid one by one but say nothing. The UTF-8 shapes are recognised by
undoing the mistake, not by a list of the characters one site produced: a run counts
only if re-encoding it with the codec that misread it gives back valid UTF-8 with
non-ASCII characters in it, which a real sentence almost never does.

- UTF-8 read as GBK ("浠婂ぉ" for "今天", "锟斤拷" for U+FFFD's bytes).
- UTF-8 read as Latin-1 or cp1252 ("ä»Šå¤©" for "今天").
- GBK read one byte off (by its shape): a '?' (the byte that could not be paired), a
  full-width form and shifted Han characters up to the next '?'.

Pure: strings in, character offsets out.
"""

from __future__ import annotations

import re


def _gbk_leads() -> str:
    """Characters whose GBK bytes open a 3-byte UTF-8 sequence (lead E4-E9, trail 80-BF):
    a CJK character's UTF-8 bytes read as GBK start with one of them."""
    out = []
    for lead in range(0xE4, 0xEA):
        for trail in range(0x80, 0xC0):
            try:
                out.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


# Characters read past a run's start before paying for the whole run: enough to
# decode _MIN_DECODED CJK characters (3 bytes each, 2 per GBK character).
_PROBE = 6
# Where a UTF-8-read-as-GBK run can start (with the probe after it), and the run it can
# span (no ASCII: GBK's ASCII bytes are never inside a UTF-8 multi-byte sequence).
_GBK_LEAD = re.compile("[" + re.escape(_gbk_leads()) + "][^\x00-\x7f]{0," + str(_PROBE - 1) + "}")
_GBK_RUN = re.compile("[^\x00-\x7f]*")
# cp1252's characters for the bytes 0x80-0x9F (the rest of Latin-1 is its own code point).
_CP1252_HIGH = {
    ch: byte
    for byte in range(0x80, 0xA0)
    for ch in [bytes((byte,)).decode("cp1252", errors="ignore")]
    if ch
}
# cp1252 leaves five bytes undefined: a decoder puts U+FFFD for them, read back as one of
# them (0x90 continues every lead but E0 and F4).
_CP1252_HIGH["\ufffd"] = 0x90
_CONTINUATION = "\u0080-\u00bf" + re.escape("".join(c for c in _CP1252_HIGH if ord(c) > 0xFF))
# A UTF-8 lead byte read as Latin-1 (Â-ô) followed by continuation bytes read as Latin-1
# or cp1252.
_LATIN_LEAD = re.compile("[\u00c2-\u00f4]")
_LATIN_RUN = re.compile(f"(?:[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}})+")
_GBK_SHIFT = re.compile(r"\?[\uff01-\uff5e\u3000-\u3003][^?\s]{0,24}?\?")
# Characters every garbled run found here holds one of: a line without any is skipped
# (see maybe_garbled).
MAYBE_GARBLED = re.compile("[?" + re.escape(_gbk_leads()) + "\u00c2-\u00f4]")
# Fewest CJK-range characters (three UTF-8 bytes each) a GBK run must decode to: a word
# and its punctuation can spell one or two by chance.
_MIN_DECODED = 3
# Fewest bytes a Latin-1 run must decode from: one CJK character (three) or two
# accented letters; a lone "Ã©" might be a name.
_LATIN_MIN_BYTES = 3
# Punctuation a garbled GBK run never holds (its own comes out as other characters):
# where the story around it starts again.
_RUN_STOPS = frozenset("，。！？、：；“”‘’（）《》\u3000")
# Widest break inside one garbled run (see _joined).
_GAP_CHARS = 2


def maybe_garbled(line: str) -> bool:
    """False only if garbled_spans finds nothing in ``line``: an ASCII line (known without
    a scan) can only hold the '?' shape."""
    return "?" in line if line.isascii() else MAYBE_GARBLED.search(line) is not None


def _valid_utf8_prefix(data: bytes) -> int:
    """Length in bytes of the longest prefix of ``data`` that is valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return len(data)


def _decodes(run: str) -> int:
    """How many of the GBK bytes of ``run`` (cut at its first character GBK lacks) are
    valid UTF-8 from the start, counting only runs of CJK-range characters (3 bytes)."""
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError as err:
        data = run[: err.start].encode("gbk")
    valid = _valid_utf8_prefix(data)
    cjk = 0
    for ch in data[:valid].decode("utf-8"):
        if ord(ch) <= 0x7FF:
            break
        cjk += 3
    return cjk


def _utf8_as_gbk(line: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    while m := _GBK_LEAD.search(line, pos):
        pos = m.start() + 1
        if _decodes(m.group()) < _MIN_DECODED * 3:
            continue
        valid = _decodes(_GBK_RUN.match(line, m.start()).group())
        if valid >= _MIN_DECODED * 3:
            # An odd byte count: the half character left over belongs to the next,
            # broken sequence, so it is garbled too.
            start, end = _widen(line, m.start(), m.start() + (valid + 1) // 2)
            spans.append((start, end))
            pos = end
    return spans


def _widen(line: str, start: int, end: int) -> tuple[int, int]:
    """A checked run widened over the U+FFFD around it, up to ASCII or punctuation on each
    side: a decoder that replaced the bytes it could not pair breaks a garbled run into
    pieces too short to check one by one. Past the outermost U+FFFD only the piece whose
    bytes still read as UTF-8 (a character cut by the U+FFFD, see _cut_piece) is taken:
    story words glued on after it are not garbled."""
    right = end
    while right < len(line) and line[right] not in _RUN_STOPS and not line[right].isascii():
        right += 1
    last = line.rfind("\ufffd", end, right)
    if last >= 0:
        pieces = range(right, last + 1, -1)
        end = next((j for j in pieces if _cut_piece(line[last + 1 : j], False)), last + 1)
    left = start
    while left > 0 and line[left - 1] not in _RUN_STOPS and not line[left - 1].isascii():
        left -= 1
    first = line.find("\ufffd", left, start)
    if first >= 0:
        start = next((k for k in range(left, first) if _cut_piece(line[k:first], True)), first)
    return start, end


# Bytes a UTF-8 character cut at one side of a U+FFFD can leave: up to two continuation
# bytes before the next whole character, up to two of a sequence at the end.
_CUT_BYTES = 2


def _cut_piece(piece: str, left: bool) -> bool:
    """True if the GBK bytes of ``piece`` read as UTF-8 CJK-range characters (3 bytes) once
    up to _CUT_BYTES continuation bytes at its start and an unfinished sequence at its end
    are allowed for: a fragment of one garbled run, not a word of the story."""
    try:
        data = piece.encode("gbk")
    except UnicodeEncodeError:
        return False
    skip = 0
    while skip < min(_CUT_BYTES, len(data)) and 0x80 <= data[skip] <= 0xBF:
        skip += 1
    body = data[skip:]
    valid = _valid_utf8_prefix(body)
    rest = body[valid:]
    if rest and (
        len(rest) > _CUT_BYTES
        or not 0xC2 <= rest[0] <= 0xF4
        or any(not 0x80 <= b <= 0xBF for b in rest[1:])
    ):
        return False
    decoded = body[:valid].decode("utf-8")
    # Left of a U+FFFD the piece may be just the start of the character it cut; right of
    # one it must hold a whole character (two stray trail bytes are also a common word).
    return (bool(decoded) or (left and bool(rest))) and all(ord(ch) > 0x7FF for ch in decoded)


def _utf8_as_latin(line: str) -> list[tuple[int, int]]:
    spans = []
    for m in _LATIN_RUN.finditer(line):
        data = bytes(_CP1252_HIGH.get(c, ord(c)) for c in m.group())
        valid = _valid_utf8_prefix(data)
        decoded = data[:valid].decode("utf-8")
        if valid >= _LATIN_MIN_BYTES and any(ord(c) > 0x7F for c in decoded):
            spans.append((m.start(), m.start() + valid))
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _joined(gap: str) -> bool:
    """True if two garbled runs with ``gap`` between them are one: the decoder broke the
    run where a character's bytes were cut (a '?', U+FFFD or a stray half character)."""
    return len(gap) <= _GAP_CHARS and not any(c.isascii() and c != "?" for c in gap)


def garbled_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each run of ``line`` that is text decoded with the wrong codec, in
    order. Runs of a re-encoded shape a byte the decoder gave up on separates are one run."""
    if line.isascii():
        return [m.span() for m in _GBK_SHIFT.finditer(line)] if "?" in line else []
    shifted = []
    if "?" in line:
        shifted = [m.span() for m in _GBK_SHIFT.finditer(line)]
    undone = _utf8_as_gbk(line)
    if _LATIN_LEAD.search(line):
        undone = sorted(undone + _utf8_as_latin(line))
    merged: list[tuple[int, int]] = []
    for start, end in undone:
        if merged and _joined(line[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif not any(_overlap((start, end), span) for span in shifted):
            merged.append((start, end))
    return sorted(shifted + merged)
