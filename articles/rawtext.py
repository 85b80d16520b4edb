"""Raw text shown to editors: bounded, and its invisible format characters made visible.

An admin page shows at most ``RAW_PREVIEW_CHARS`` of an import's raw text (a change
page held a whole 4.9 MB import) and the story editor at most ``RAW_PREVIEW_BLOCKS``
raw blocks; the whole raw text is one permission-checked link away.

A bidi control (U+202E reverses the rest of its line) or a zero-width character in an
imported page would act on the admin page that shows it, or hide there. The preview
shows each as a marked escape instead; the stored raw text is never altered.
"""

import re
import unicodedata

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# What one admin page shows of an import's raw text at most (the rest: the raw link).
RAW_PREVIEW_CHARS = 20_000
RAW_PREVIEW_BLOCKS = 200


# Every format character (category Cf) as inclusive code point ranges: bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069), marks, zero-width joiners and
# spaces, the BOM. A literal table: scanning every code point for its category cost
# ~77 ms on first use. Unicode 14.0 (Python 3.11); a test checks it against the running
# Python's unicodedata.
FORMAT_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
INVISIBLE = re.compile("([" + "".join(
    re.escape(chr(start)) if start == end else f"{re.escape(chr(start))}-{re.escape(chr(end))}"
    for start, end in FORMAT_RANGES) + "])")


def marked(char: str) -> str:
    return format_html('<span class="nr-invisible" title="{}" style="color:#ba2121;'
                       'background:rgba(186,33,33,.1)">⟨{}⟩</span>',
                       unicodedata.name(char, ""), f"U+{ord(char):04X}")


def show_invisible(text: str) -> SafeString:
    """The text escaped for HTML, each format character as a marked ⟨U+XXXX⟩."""
    # re.split with a group: the text between and each character, in turn.
    parts = INVISIBLE.split(text)
    return format_html_join("", "{}", (
        (marked(part) if n % 2 else part,) for n, part in enumerate(parts)))
