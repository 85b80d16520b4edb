"""Every reason and warning the checker gives, as a code with parameters.

The checker's evidence is stored as ``{"code": ..., "params": {...}}`` and shown
in the editor's language: each code below maps to the English message that is
both the reason's text and its gettext msgid, so a sentence is written once.
``reason()`` makes a ``Reason``: a ``str`` holding that English text (so tests,
logs and the ``analyze`` command read it as before) that also carries its code
and parameters. An unknown code or a missing parameter raises at once.

Warnings (problems of the whole document) are Reasons too; their code is the
short flag the text opens with (``"spun_text: reads like ..."``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeAlias

from phrasebook import gettext_noop

# Stored parameters: a word, a number, or reasons of their own (a page verdict's).
Param: TypeAlias = "str | int | float | Sequence[Reason]"


REASONS: Mapping[str, str] = {
    # signals: evidence from one block
    "timestamp-tail": gettext_noop("timestamp tail %(tail)s"),
    "dated-year": gettext_noop("dated %(year)s, the article %(article)s"),
    "flash-news": gettext_noop("flash-news item shape '%(head)s'"),
    "headline-colon": gettext_noop("'headline: body' shape ('%(head)s')"),
    "markup-residue": gettext_noop("markup residue %(what)s"),
    "attachment": gettext_noop("file attachment line left from a forum page"),
    "control-run": gettext_noop("run of control characters (copy obfuscation)"),
    "html-fragment": gettext_noop("HTML fragment %(what)s"),
    "controls": gettext_noop("control characters between words"),
    "stray-bracket": gettext_noop("stray bracket %(what)s"),
    "stray-marks": gettext_noop("markup marks left between paragraphs %(what)s"),
    "list-literal": gettext_noop("list-literal markup between paragraphs"),
    "mojibake": gettext_noop("garbled characters %(what)s (broken encoding)"),
    "title-bar": gettext_noop("page title repeating block %(n)s"),
    "credit-line": gettext_noop("source or author credit after the last sentence"),
    "dateline-lead": gettext_noop("dateline or byline in front of the lead"),
    "dateline-label": gettext_noop("dateline or source line ('%(label)s' with a date)"),
    "dateline": gettext_noop("dateline (a date and a name, no sentence)"),
    "joined-titles": gettext_noop("%(n)s titles of other articles on one line"),
    "title-bar-line": gettext_noop("page title joined with the site's or section's names"),
    "field-line": gettext_noop(
        "page footer: short fields set apart by bars, with a number or a labelled value"
    ),
    "menu-labels": gettext_noop("a menu of %(n)s short labels on one line"),
    "staff-byline": gettext_noop("byline: staff roles and names only"),
    "contact-line": gettext_noop("contact line: labelled fields with a phone number, no sentence"),
    "source-line": gettext_noop("line naming the source the text was taken from"),
    "link-residue": gettext_noop(
        "link text left after its anchor was dropped ('%(what)s' opens it)"
    ),
    "share-prompt": gettext_noop("share or follow prompt ('%(words)s')"),
    "copyright-words": gettext_noop("copyright wording '%(words)s'"),
    "copyright-notice": gettext_noop("copyright/liability notice '%(words)s'"),
    "nav-label": gettext_noop("page furniture label '%(label)s'"),
    "metadata": gettext_noop("metadata line ('%(what)s')"),
    "ui-control": gettext_noop("interface control '%(label)s'"),
    "sign-up": gettext_noop("newsletter or sign-up box"),
    "hashtag": gettext_noop("hashtag/topic line"),
    "gambling-glued": gettext_noop("gambling keyword '%(word)s' glued into text"),
    "gambling-words": gettext_noop("gambling/SEO keywords (%(words)s)"),
    "related-link": gettext_noop(
        "link to another article glued into the text ('Read:', 'See also:')"
    ),
    "summary-label": gettext_noop("summary/teaser label before the story"),
    # signals: the block against the rest of the document
    "vocabulary-words": gettext_noop("vocabulary unlike the rest of the article (%(words)s)"),
    "vocabulary": gettext_noop("vocabulary unlike the rest of the article"),
    "crypto-vocabulary": gettext_noop("crypto vocabulary unlike the rest of the article"),
    "cohesion": gettext_noop(
        "holds together with nothing around it: a topic of its own, not the story's"
    ),
    "house-style": gettext_noop(
        "written in another house style than the story (spacing beside numbers and Latin"
        " words, or commas): pasted from elsewhere"
    ),
    "off-topic": gettext_noop(
        "topic foreign to the story: %(shared)s of its terms used elsewhere in the article"
        " (a typical paragraph: %(typical)s%%)"
    ),
    "dated-years": gettext_noop("dates %(years)s, the article %(article)s"),
    "after-nav": gettext_noop("after the page's navigation links"),
    "after-story": gettext_noop("short line after the story ends"),
    "headline-run": gettext_noop("list of short headlines after the story"),
    "after-story-text": gettext_noop("text after the story's last paragraph"),
    "advert": gettext_noop("advertisement inside the article (offer, terms, contact)"),
    "keyword-line": gettext_noop("search keywords on '%(word)s', a word the story never uses"),
    "novel-ad": gettext_noop("novel ad for 《%(book)s》, a book the story never names"),
    "encyclopedia-entry": gettext_noop(
        "encyclopedia entry defining '%(term)s', a term the story never uses"
    ),
    # verdict
    "summary-of-block": gettext_noop("summary repeating block %(n)s of this document"),
    "teaser-of-block": gettext_noop("teaser of block %(n)s of this document"),
    "copy-of-block": gettext_noop("copy of block %(n)s of this document"),
    "pull-quote": gettext_noop("pull quote repeated in block %(n)s"),
    "above-title": gettext_noop("above the article's title"),
    "link-list": gettext_noop("list of links above the story"),
    "continued-item": gettext_noop("part of one injected item spanning %(n)s lines"),
    "inside-item": gettext_noop("between two blocks of one foreign item"),
    "titled-item": gettext_noop(
        "an item under its own headline, about something the story never names"
    ),
    "item-edge": gettext_noop("a short line beside a foreign item, in words the story never uses"),
    "item-tie": gettext_noop(
        "beside a foreign item, naming what the item names and the story does not"
    ),
    # checker, html and the memory of other articles and of editors
    "outside-main": gettext_noop("outside the page's main content"),
    "furniture-inside": gettext_noop(
        "page furniture (comments, sharing, related links) inside the article"
    ),
    "link-text": gettext_noop("a link, not article text"),
    "part-of-page": gettext_noop("part of a %(page)s page, not an article"),
    "editor-judged-page": gettext_noop(
        "editor %(who)s judged a near-identical page '%(page)s' on %(date)s"
    ),
    "editor-judged-page-anonymous": gettext_noop(
        "an editor judged a near-identical page '%(page)s'"
    ),
    "seen-elsewhere": gettext_noop("seen in %(n)s other articles from this source"),
    "editor-marked-anonymous": gettext_noop("an editor marked a near-identical block '%(kind)s'"),
    "editor-marked": gettext_noop(
        "editor %(who)s marked a near-identical block '%(kind)s' on %(date)s"
    ),
    "editor-set": gettext_noop("editor %(who)s set this block to '%(kind)s' on %(date)s"),
    "classified-as": gettext_noop("classified as %(kind)s"),
    # structure: what a story block is
    "table-cells": gettext_noop("one of %(n)s short cell lines of a flattened table"),
    "caption-after-table": gettext_noop("caption after a table"),
    "caption-credit-line": gettext_noop("caption with a credit line"),
    "caption-under-image": gettext_noop("caption under an image"),
    "figure-caption": gettext_noop("figure caption"),
    "caption-standalone": gettext_noop("short standalone line between paragraphs (caption)"),
    "credit": gettext_noop("credit '%(credit)s'"),
    "image-reference": gettext_noop("image reference left in the text"),
    "image": gettext_noop("image"),
    "page-title": gettext_noop("page title"),
    "heading-element": gettext_noop("heading element"),
    "table-cell": gettext_noop("table cell"),
    "section-heading": gettext_noop("numbered or labelled section heading"),
    "before-story": gettext_noop("short line before the story starts"),
    # pages: evidence that the whole document is not an article
    "gambling-blocks": gettext_noop(
        "gambling words in %(n)s blocks (%(rate)s per 1,000 characters)"
    ),
    "gambling-thin": gettext_noop("gambling words on a page with little running text"),
    "gambling-title": gettext_noop("the page title names a gambling brand"),
    "glued-name": gettext_noop("the name '%(name)s' is repeated %(n)s times across the page"),
    "link-farm": gettext_noop("a link farm of %(n)s company and site names"),
    "template-page": gettext_noop("template page: one name glued in, many linked out"),
    "spun-words": gettext_noop("reads like synonym-spun text"),
    "spun-cut": gettext_noop("%(n)s paragraphs hold a quote or bracket cut open"),
    "spun-unlinked": gettext_noop(
        "only %(share)s%% of adjacent sentences share a word (sentences of several stories)"
    ),
    "spam-stuffed": gettext_noop(
        "spam words in %(share)s%% of the sentences (%(n)s different ones)"
    ),
    "keyword-lines": gettext_noop("%(n)s lines made of spam keywords"),
    "spam-title": gettext_noop("the title is made of spam keywords"),
    "spam-glued": gettext_noop("spam words glued into the sentences of an unrelated text"),
    "spam-title-unrelated": gettext_noop(
        "the title is made of spam keywords the text does not otherwise speak of"
    ),
    "prose-share": gettext_noop("only %(share)s%% of the text reads as sentences"),
    "short-lines": gettext_noop("%(share)s%% of the lines are short labels or links"),
    "list-lines": gettext_noop("%(share)s%% of the lines are teasers, counts or dates"),
    "no-running-text": gettext_noop("no paragraph of running text"),
    "nav-lines": gettext_noop("dense navigation labels"),
    "repeated-lines": gettext_noop("the same lines appear again and again"),
    "listing-teasers": gettext_noop("a listing of teasers and links, not an article"),
    "listing-entries": gettext_noop("a list of entries with the same name, not a story"),
    "error-words": gettext_noop("login form or error page words"),
    "qa-pairs": gettext_noop("%(n)s questions with their answers, as on a help or FAQ page"),
    "field-rows": gettext_noop("%(share)s%% of the lines are 'label: value' fields"),
    "contact-rows": gettext_noop("%(n)s lines with phone or messenger numbers"),
    "price-rows": gettext_noop("prices or quotes"),
    "dated-entries": gettext_noop("%(n)s entries of a title, a teaser and a date"),
    "shop-record": gettext_noop("product details with a seller's numbers and a price"),
    # decode: why an import cannot be read (InputError)
    "unknown-format": gettext_noop("Unknown format %(fmt)s: expected 'text' or 'html'."),
    "bad-utf8-marker": gettext_noop(
        "The file starts with a UTF-8 marker but byte %(n)s is not UTF-8."
    ),
    "bad-utf16": gettext_noop("The file is marked UTF-16 but is damaged: %(error)s."),
    "utf16-without-bom": gettext_noop(
        "The file's encoding is unknown: it looks like UTF-16 without a byte-order mark. "
        "Save it as UTF-8 and import it again."
    ),
    "binary": gettext_noop(
        "This looks like a binary file (an image, PDF or archive?), not text or HTML."
    ),
    "unknown-encoding": gettext_noop(
        "The file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 and import it again."
    ),
}

# Document warnings, keyed by the flag their text opens with.
WARNINGS: Mapping[str, str] = {
    "spun_text": gettext_noop("reads like synonym-spun text (%(words)s)"),
    "title_unrelated": gettext_noop("the page title '%(title)s' does not match the body"),
    "not_an_article": gettext_noop("%(page)s page, not an article (%(why)s)"),
    "pinyin_interleaved": gettext_noop(
        "pinyin is interleaved into the text (e.g. 北(bei)京(jing))"
    ),
    "tracking_links": gettext_noop("stripped %(n)s tracking/affiliate link(s), kept their text"),
    "html_parse_failed": gettext_noop(
        "the HTML could not be parsed and was read as text (%(error)s)"
    ),
    "deep_nesting": gettext_noop(
        "flattened %(n)s tags nested more than %(depth)s levels deep; their text is kept"
    ),
}

MESSAGES: Mapping[str, str] = {**REASONS, **WARNINGS}

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# The parameters each message takes, read from its placeholders once at import.
PARAMS: Mapping[str, frozenset[str]] = {
    code: frozenset(_PLACEHOLDER.findall(msgid)) for code, msgid in MESSAGES.items()
}
SEPARATOR = "; "  # between the reasons a parameter holds


class UnknownReason(ValueError):
    """A code the registry does not hold, or parameters its message does not take."""


class Reason(str):
    """A reason's English text, carrying the code and parameters it was made from."""

    code: str
    params: Mapping[str, Param]

    def __new__(cls, code: str, params: Mapping[str, Param]) -> Reason:
        msgid = MESSAGES.get(code)
        if msgid is None:
            raise UnknownReason(f"no checker reason has the code {code!r}")
        if params.keys() != PARAMS[code]:
            raise UnknownReason(
                f"{code!r} takes {sorted(PARAMS[code])}, was given {sorted(params)}"
            )
        if any(isinstance(v, (list, tuple)) for v in params.values()):
            params = {k: tuple(v) if isinstance(v, (list, tuple)) else v
                      for k, v in params.items()}
            text = msgid % {k: render(v) for k, v in params.items()}
        else:  # words and numbers: "%s" renders them as render() would
            text = msgid % params
        if code in WARNINGS:
            text = f"{code}: {text}"
        self = super().__new__(cls, text)
        self.code = code
        self.params = params
        return self

    def __getnewargs__(self) -> tuple[str, Mapping[str, Param]]:  # type: ignore[override]
        """Pickled (a result handed to another process) as its code and parameters."""
        return self.code, self.params

    @property
    def msgid(self) -> str:
        return MESSAGES[self.code]

    def stored(self) -> dict[str, object]:
        """The JSON the database keeps: code and parameters, reasons within as their own."""
        return {
            "code": self.code,
            "params": {
                k: [stored(r) for r in v] if isinstance(v, tuple) else v
                for k, v in self.params.items()
            },
        }


def render(value: Param) -> str:
    """A parameter as the English text shows it."""
    if isinstance(value, (list, tuple)):
        return SEPARATOR.join(value)
    return str(value)


# A reason without parameters is made once: the checker gives them by the thousand.
_CONSTANT: dict[str, Reason] = {}


def reason(code: str, /, **params: Param) -> Reason:
    """The reason ``code`` with its parameters (raises UnknownReason for a code not above)."""
    if params:
        return Reason(code, params)
    made = _CONSTANT.get(code)
    if made is None:
        made = _CONSTANT[code] = Reason(code, params)
    return made


def stored(value: str) -> object:
    """What the database keeps for one reason: a Reason's code and parameters, or a
    plain string (an editor's own note) as it is."""
    return value.stored() if isinstance(value, Reason) else str(value)


def restored(value: object) -> str:
    """A stored reason back as a Reason; a plain string, or a code this checker no longer
    knows, as text."""
    if isinstance(value, Mapping) and "code" in value:
        params = {
            k: tuple(restored(r) for r in v) if isinstance(v, list) else v
            for k, v in dict(value.get("params") or {}).items()
        }
        try:
            return Reason(str(value["code"]), params)  # type: ignore[arg-type]
        except UnknownReason:
            return f"{value['code']} {params}" if params else str(value["code"])
    return str(value)
