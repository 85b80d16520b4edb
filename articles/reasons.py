"""The checker's reasons and warnings in the editor's language, translated when shown.

The pure checker writes its evidence in English with the details filled in
(quoted words, counts, years) and that is what is stored: a verdict must not
change with the language of whoever ran it. Each template below matches one
such sentence and gives its translatable form, so the admin shows it in the
active language. Anything unmatched (a future reason) is shown as stored.
"""

import re
from functools import lru_cache

from django.utils.translation import gettext, gettext_noop

# (pattern over one reason, msgid with the pattern's named groups as placeholders).
# Order matters only where two patterns could match the same text (specific first).
_REASONS: tuple[tuple[str, str], ...] = (
    # cleaning.signals: evidence from one block
    (r"timestamp tail (?P<tail>.+)", gettext_noop("timestamp tail %(tail)s")),
    (r"dated (?P<year>\d+) vs article (?P<article>\d+)",
     gettext_noop("dated %(year)s, the article %(article)s")),
    (r"flash-news item shape '(?P<head>.*)'", gettext_noop("flash-news item shape '%(head)s'")),
    (r"'headline: body' shape \('(?P<head>.*)'\)",
     gettext_noop("'headline: body' shape ('%(head)s')")),
    (r"markup residue (?P<what>.+)", gettext_noop("markup residue %(what)s")),
    (r"file attachment line left from a forum page",
     gettext_noop("file attachment line left from a forum page")),
    (r"run of control characters \(copy obfuscation\)",
     gettext_noop("run of control characters (copy obfuscation)")),
    (r"HTML fragment (?P<what>.+)", gettext_noop("HTML fragment %(what)s")),
    (r"control characters between words", gettext_noop("control characters between words")),
    (r"stray bracket (?P<what>.+)", gettext_noop("stray bracket %(what)s")),
    (r"list-literal markup between paragraphs",
     gettext_noop("list-literal markup between paragraphs")),
    (r"garbled characters (?P<what>.+) \(broken encoding\)",
     gettext_noop("garbled characters %(what)s (broken encoding)")),
    (r"page title repeating block (?P<n>\d+)", gettext_noop("page title repeating block %(n)s")),
    (r"source or author credit after the last sentence",
     gettext_noop("source or author credit after the last sentence")),
    (r"dateline or byline in front of the lead",
     gettext_noop("dateline or byline in front of the lead")),
    (r"dateline or source line \('(?P<label>.*)' with a date\)",
     gettext_noop("dateline or source line ('%(label)s' with a date)")),
    (r"dateline \(a date and a name, no sentence\)",
     gettext_noop("dateline (a date and a name, no sentence)")),
    (r"(?P<n>\d+) titles of other articles on one line",
     gettext_noop("%(n)s titles of other articles on one line")),
    (r"a menu of (?P<n>\d+) short labels on one line",
     gettext_noop("a menu of %(n)s short labels on one line")),
    (r"byline: staff roles and names only", gettext_noop("byline: staff roles and names only")),
    (r"share or follow prompt \('(?P<words>.*)'\)",
     gettext_noop("share or follow prompt ('%(words)s')")),
    (r"copyright wording '(?P<words>.*)'", gettext_noop("copyright wording '%(words)s'")),
    (r"copyright/liability notice '(?P<words>.*)'",
     gettext_noop("copyright/liability notice '%(words)s'")),
    (r"page furniture label '(?P<label>.*)'", gettext_noop("page furniture label '%(label)s'")),
    (r"metadata line \('(?P<what>.*)'\)", gettext_noop("metadata line ('%(what)s')")),
    (r"interface control '(?P<label>.*)'", gettext_noop("interface control '%(label)s'")),
    (r"newsletter or sign-up box", gettext_noop("newsletter or sign-up box")),
    (r"hashtag/topic line", gettext_noop("hashtag/topic line")),
    (r"gambling keyword '(?P<word>.*)' glued into text",
     gettext_noop("gambling keyword '%(word)s' glued into text")),
    (r"gambling/SEO keywords \((?P<words>.*)\)", gettext_noop("gambling/SEO keywords (%(words)s)")),
    (r"'Read:' link to another article", gettext_noop("'Read:' link to another article")),
    (r"summary/teaser label before the story",
     gettext_noop("summary/teaser label before the story")),
    # ... from the block against the rest of the document
    (r"vocabulary unlike the rest of the article \((?P<words>.*)\)",
     gettext_noop("vocabulary unlike the rest of the article (%(words)s)")),
    (r"vocabulary unlike the rest of the article",
     gettext_noop("vocabulary unlike the rest of the article")),
    (r"crypto vocabulary unlike the rest of the article",
     gettext_noop("crypto vocabulary unlike the rest of the article")),
    (r"dates (?P<years>[\d-]+) vs article (?P<article>\d+)",
     gettext_noop("dates %(years)s, the article %(article)s")),
    (r"after the page's navigation links", gettext_noop("after the page's navigation links")),
    (r"short line after the story ends", gettext_noop("short line after the story ends")),
    (r"list of short headlines after the story",
     gettext_noop("list of short headlines after the story")),
    (r"text after the story's last paragraph",
     gettext_noop("text after the story's last paragraph")),
    (r"advertisement inside the article \(offer, terms, contact\)",
     gettext_noop("advertisement inside the article (offer, terms, contact)")),
    # cleaning.verdict
    (r"summary repeating block (?P<n>\d+) of this document",
     gettext_noop("summary repeating block %(n)s of this document")),
    (r"teaser of block (?P<n>\d+) of this document",
     gettext_noop("teaser of block %(n)s of this document")),
    (r"copy of block (?P<n>\d+) of this document",
     gettext_noop("copy of block %(n)s of this document")),
    (r"pull quote repeated in block (?P<n>\d+)",
     gettext_noop("pull quote repeated in block %(n)s")),
    (r"above the article's title", gettext_noop("above the article's title")),
    (r"list of links above the story", gettext_noop("list of links above the story")),
    (r"part of one injected item spanning (?P<n>\d+) lines",
     gettext_noop("part of one injected item spanning %(n)s lines")),
    # cleaning.checker, .html and the memory of other articles
    (r"outside the page's main content", gettext_noop("outside the page's main content")),
    (r"page furniture \(comments, sharing, related links\) inside the article",
     gettext_noop("page furniture (comments, sharing, related links) inside the article")),
    (r"a link, not article text", gettext_noop("a link, not article text")),
    (r"part of a listing page, not an article",
     gettext_noop("part of a listing page, not an article")),
    (r"part of a (?P<page>\w+) page, not an article",
     gettext_noop("part of a %(page)s page, not an article")),
    (r"editor (?P<who>.+) judged a near-identical page '(?P<page>\w+)' on (?P<date>[\d-]+)",
     gettext_noop("editor %(who)s judged a near-identical page '%(page)s' on %(date)s")),
    (r"an editor judged a near-identical page '(?P<page>\w+)'",
     gettext_noop("an editor judged a near-identical page '%(page)s'")),
    (r"seen in (?P<n>\d+) other articles from this source",
     gettext_noop("seen in %(n)s other articles from this source")),
    (r"an editor marked a near-identical block '(?P<kind>\w+)'",
     gettext_noop("an editor marked a near-identical block '%(kind)s'")),
    (r"editor (?P<who>.+) marked a near-identical block '(?P<kind>\w+)' on (?P<date>[\d-]+)",
     gettext_noop("editor %(who)s marked a near-identical block '%(kind)s' on %(date)s")),
    (r"editor (?P<who>.+) set this block to '(?P<kind>\w+)' on (?P<date>[\d-]+)",
     gettext_noop("editor %(who)s set this block to '%(kind)s' on %(date)s")),
    (r"classified as (?P<kind>\w+)", gettext_noop("classified as %(kind)s")),
    # cleaning.structure: what a story block is
    (r"one of (?P<n>\d+) short cell lines of a flattened table",
     gettext_noop("one of %(n)s short cell lines of a flattened table")),
    (r"caption after a table", gettext_noop("caption after a table")),
    (r"caption with a credit line", gettext_noop("caption with a credit line")),
    (r"caption under an image", gettext_noop("caption under an image")),
    (r"figure caption", gettext_noop("figure caption")),
    (r"short standalone line between paragraphs \(caption\)",
     gettext_noop("short standalone line between paragraphs (caption)")),
    (r"credit '(?P<credit>.*)'", gettext_noop("credit '%(credit)s'")),
    (r"image reference left in the text", gettext_noop("image reference left in the text")),
    (r"image", gettext_noop("image")),
    (r"page title", gettext_noop("page title")),
    (r"heading element", gettext_noop("heading element")),
    (r"table cell", gettext_noop("table cell")),
    (r"numbered or labelled section heading", gettext_noop("numbered or labelled section heading")),
    (r"short line before the story starts", gettext_noop("short line before the story starts")),
)

# Document warnings: "code: sentence". The code is stable and shown as is.
_WARNINGS: tuple[tuple[str, str], ...] = (
    (r"spun_text: reads like synonym-spun text \((?P<words>.*)\)",
     gettext_noop("reads like synonym-spun text (%(words)s)")),
    (r"title_unrelated: the page title '(?P<title>.*)' does not match the body",
     gettext_noop("the page title '%(title)s' does not match the body")),
    (r"not_an_article: a listing of teasers and links, not an article",
     gettext_noop("a listing of teasers and links, not an article")),
    (r"not_an_article: a list of entries with the same name, not a story",
     gettext_noop("a list of entries with the same name, not a story")),
    (r"not_an_article: (?P<page>\w+) page \((?P<why>.*)\)",
     gettext_noop("not an article: %(page)s page (%(why)s)")),
    (r"pinyin_interleaved: pinyin is interleaved into the text.*",
     gettext_noop("pinyin is interleaved into the text (e.g. 北(bei)京(jing))")),
    (r"tracking_links: stripped (?P<n>\d+) tracking/affiliate link\(s\), kept their text",
     gettext_noop("stripped %(n)s tracking/affiliate link(s), kept their text")),
    (r"html_parse_failed: read as text \((?P<error>.*)\)",
     gettext_noop("the HTML could not be parsed and was read as text (%(error)s)")),
    (r"deep_nesting: flattened (?P<n>\d+) tags nested more than (?P<depth>\d+) levels deep; "
     r"their text is kept",
     gettext_noop("flattened %(n)s tags nested more than %(depth)s levels deep; their text "
                  "is kept")),
    (r"html_parse_failed: lxml is not installed",
     gettext_noop("the HTML could not be parsed: lxml is not installed")),
)

# Why cleaning.decode refused an import (InputError), shown on the import form.
_INPUT_ERRORS: tuple[tuple[str, str], ...] = (
    (r"This looks like a binary file \(an image, PDF or archive\?\), not text or HTML\.",
     gettext_noop("This looks like a binary file (an image, PDF or archive?), not text or HTML.")),
    (r"The file's encoding is unknown: it looks like UTF-16 without a byte-order mark\. "
     r"Save it as UTF-8 and import it again\.",
     gettext_noop("The file's encoding is unknown: it looks like UTF-16 without a byte-order "
                  "mark. Save it as UTF-8 and import it again.")),
    (r"The file starts with a UTF-8 marker but byte (?P<n>\d+) is not UTF-8\.",
     gettext_noop("The file starts with a UTF-8 marker but byte %(n)s is not UTF-8.")),
    (r"The file is marked UTF-16 but is damaged: (?P<error>.*)\.",
     gettext_noop("The file is marked UTF-16 but is damaged: %(error)s.")),
    (r"The file is UTF-8 text with invalid bytes \(first at byte (?P<n>\d+)\); "
     r"it may be truncated or damaged\. Re-export it as UTF-8\.",
     gettext_noop("The file is UTF-8 text with invalid bytes (first at byte %(n)s); it may be "
                  "truncated or damaged. Re-export it as UTF-8.")),
    (r"The file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 and import it again\.",
     gettext_noop("The file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 and "
                  "import it again.")),
    (r"Unknown format (?P<fmt>.*): expected 'text' or 'html'\.",
     gettext_noop("Unknown format %(fmt)s: expected 'text' or 'html'.")),
)

_COMPILED = tuple((re.compile(p, re.DOTALL), m) for p, m in _REASONS)
_COMPILED_WARNINGS = tuple((re.compile(p, re.DOTALL), m) for p, m in _WARNINGS)

_COMPILED_INPUT_ERRORS = tuple((re.compile(p, re.DOTALL), m) for p, m in _INPUT_ERRORS)

Template = tuple[str, dict[str, str]]  # (msgid, its parameters)


def _match(text: str, table) -> Template | None:
    for pattern, msgid in table:
        m = pattern.fullmatch(text)
        if m:
            return msgid, m.groupdict()
    return None


@lru_cache(maxsize=4096)
def _reason_parts(reason: str) -> tuple[Template | str, ...]:
    """Each '; '-joined part as its template, or as stored when none matches."""
    parts = reason.split("; ")
    found = [_match(p, _COMPILED) for p in parts]
    if None in found:
        whole = _match(reason, _COMPILED)  # a reason whose own text holds "; "
        if whole is not None:
            return (whole,)
    return tuple(f if f is not None else p for f, p in zip(found, parts, strict=True))


def _say(template: Template) -> str:
    msgid, params = template
    if "kind" in params:
        from articles.models import Block

        kind = params["kind"]
        params = {**params, "kind": str(Block.Kind(kind).label)
                  if kind in Block.Kind.values else kind}
    return gettext(msgid) % params if params else gettext(msgid)


def translate_reason(reason: str) -> str:
    """One stored reason in the active language; parts joined by '; ' are taken one by one."""
    return "; ".join(p if isinstance(p, str) else _say(p) for p in _reason_parts(reason))


def translate_warning(warning: str) -> str:
    template = _match(warning, _COMPILED_WARNINGS)
    return _say(template) if template else warning


def translate_input_error(message: str) -> str:
    """Why an import was refused, in the editor's language (as stored when unknown)."""
    template = _match(message, _COMPILED_INPUT_ERRORS)
    return _say(template) if template else message


def is_known(reason: str) -> bool:
    """True when every part of the reason has a translatable template (tests use this)."""
    return not any(isinstance(p, str) for p in _reason_parts(reason))


def is_known_warning(warning: str) -> bool:
    return _match(warning, _COMPILED_WARNINGS) is not None
