"""Raw text shown to editors: bounded, and its invisible format characters made visible.

An admin page shows at most ``RAW_PREVIEW_CHARS`` of an import's raw text (a change
page held a whole 4.9 MB import) and the story editor at most ``RAW_PREVIEW_BLOCKS``
raw blocks; the whole raw text is one permission-checked link away.

A bidi control (U+202E reverses the rest of its line) or a zero-width character in an
imported page would act on the admin page that shows it, or hide there. The preview
shows each as a marked escape instead; the stored raw text is never altered.
"""

import re
import sys
import unicodedata
from functools import cache

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# What one admin page shows of an import's raw text at most (the rest: the raw link).
RAW_PREVIEW_CHARS = 20_000
RAW_PREVIEW_BLOCKS = 200


@cache
def invisible() -> re.Pattern:
    """Every format character (category Cf): bidi embeddings, overrides and isolates
    (U+202A-U+202E, U+2066-U+2069), marks, zero-width joiners and spaces, the BOM."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    return re.compile("([" + "".join(re.escape(c) for c in chars) + "])")


def marked(char: str) -> str:
    return format_html('<span class="nr-invisible" title="{}" style="color:#ba2121;'
                       'background:rgba(186,33,33,.1)">⟨{}⟩</span>',
                       unicodedata.name(char, ""), f"U+{ord(char):04X}")


def show_invisible(text: str) -> SafeString:
    """The text escaped for HTML, each format character as a marked ⟨U+XXXX⟩."""
    # re.split with a group: the text between and each character, in turn.
    parts = invisible().split(text)
    return format_html_join("", "{}", (
        (marked(part) if n % 2 else part,) for n, part in enumerate(parts)))
