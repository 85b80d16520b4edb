"""Reasons and warnings stored as English sentences become codes with parameters.

The checker used to store its evidence as English text, read back by patterns
when shown. It now stores ``{"code": ..., "params": {...}}`` (cleaning.reasons).
The patterns live on here only, to convert the rows stored before: each sentence
one of them matches becomes its code; any other is left as stored, and the admin
shows it as it is. A reason holding several sentences joined by "; " (a caption
and its credit) becomes one reason per sentence.
"""

import re

from django.db import migrations

# (pattern over one stored sentence, its code). Specific patterns before general ones.
REASONS = (
    (r"timestamp tail (?P<tail>.+)", "timestamp-tail"),
    (r"dated (?P<year>\d+) vs article (?P<article>\d+)", "dated-year"),
    (r"flash-news item shape '(?P<head>.*)'", "flash-news"),
    (r"'headline: body' shape \('(?P<head>.*)'\)", "headline-colon"),
    (r"markup residue (?P<what>.+)", "markup-residue"),
    (r"file attachment line left from a forum page", "attachment"),
    (r"run of control characters \(copy obfuscation\)", "control-run"),
    (r"HTML fragment (?P<what>.+)", "html-fragment"),
    (r"control characters between words", "controls"),
    (r"stray bracket (?P<what>.+)", "stray-bracket"),
    (r"list-literal markup between paragraphs", "list-literal"),
    (r"garbled characters (?P<what>.+) \(broken encoding\)", "mojibake"),
    (r"page title repeating block (?P<n>\d+)", "title-bar"),
    (r"source or author credit after the last sentence", "credit-line"),
    (r"dateline or byline in front of the lead", "dateline-lead"),
    (r"dateline or source line \('(?P<label>.*)' with a date\)", "dateline-label"),
    (r"dateline \(a date and a name, no sentence\)", "dateline"),
    (r"(?P<n>\d+) titles of other articles on one line", "joined-titles"),
    (r"share or follow prompt \('(?P<words>.*)'\)", "share-prompt"),
    (r"copyright wording '(?P<words>.*)'", "copyright-words"),
    (r"copyright/liability notice '(?P<words>.*)'", "copyright-notice"),
    (r"page furniture label '(?P<label>.*)'", "nav-label"),
    (r"metadata line \('(?P<what>.*)'\)", "metadata"),
    (r"interface control '(?P<label>.*)'", "ui-control"),
    (r"newsletter or sign-up box", "sign-up"),
    (r"hashtag/topic line", "hashtag"),
    (r"gambling keyword '(?P<word>.*)' glued into text", "gambling-glued"),
    (r"gambling/SEO keywords \((?P<words>.*)\)", "gambling-words"),
    (r"'Read:' link to another article", "related-link"),
    (r"summary/teaser label before the story", "summary-label"),
    (r"vocabulary unlike the rest of the article \((?P<words>.*)\)", "vocabulary-words"),
    (r"vocabulary unlike the rest of the article", "vocabulary"),
    (r"crypto vocabulary unlike the rest of the article", "crypto-vocabulary"),
    (r"dates (?P<years>[\d-]+) vs article (?P<article>\d+)", "dated-years"),
    (r"after the page's navigation links", "after-nav"),
    (r"short line after the story ends", "after-story"),
    (r"list of short headlines after the story", "headline-run"),
    (r"text after the story's last paragraph", "after-story-text"),
    (r"advertisement inside the article \(offer, terms, contact\)", "advert"),
    (r"summary repeating block (?P<n>\d+) of this document", "summary-of-block"),
    (r"teaser of block (?P<n>\d+) of this document", "teaser-of-block"),
    (r"copy of block (?P<n>\d+) of this document", "copy-of-block"),
    (r"above the article's title", "above-title"),
    (r"list of links above the story", "link-list"),
    (r"part of one injected item spanning (?P<n>\d+) lines", "continued-item"),
    (r"outside the page's main content", "outside-main"),
    (r"page furniture \(comments, sharing, related links\) inside the article",
     "furniture-inside"),
    (r"a link, not article text", "link-text"),
    (r"part of a (?P<page>\w+) page, not an article", "part-of-page"),
    (r"editor (?P<who>.+) judged a near-identical page '(?P<page>\w+)' on (?P<date>[\d-]+)",
     "editor-judged-page"),
    (r"an editor judged a near-identical page '(?P<page>\w+)'", "editor-judged-page-anonymous"),
    (r"seen in (?P<n>\d+) other articles from this source", "seen-elsewhere"),
    (r"an editor marked a near-identical block '(?P<kind>\w+)'", "editor-marked-anonymous"),
    (r"editor (?P<who>.+) marked a near-identical block '(?P<kind>\w+)' on (?P<date>[\d-]+)",
     "editor-marked"),
    (r"editor (?P<who>.+) set this block to '(?P<kind>\w+)' on (?P<date>[\d-]+)", "editor-set"),
    (r"classified as (?P<kind>\w+)", "classified-as"),
    (r"one of (?P<n>\d+) short cell lines of a flattened table", "table-cells"),
    (r"caption after a table", "caption-after-table"),
    (r"caption with a credit line", "caption-credit-line"),
    (r"caption under an image", "caption-under-image"),
    (r"figure caption", "figure-caption"),
    (r"short standalone line between paragraphs \(caption\)", "caption-standalone"),
    (r"credit '(?P<credit>.*)'", "credit"),
    (r"image reference left in the text", "image-reference"),
    (r"image", "image"),
    (r"page title", "page-title"),
    (r"heading element", "heading-element"),
    (r"table cell", "table-cell"),
    (r"numbered or labelled section heading", "section-heading"),
    (r"short line before the story starts", "before-story"),
    # the page verdict's evidence (stored on the article)
    (r"gambling words in (?P<n>\d+) blocks \((?P<rate>\d+) per 1,000 characters\)",
     "gambling-blocks"),
    (r"gambling words on a page with little running text", "gambling-thin"),
    (r"the page title names a gambling brand", "gambling-title"),
    (r"the name '(?P<name>.*)' is repeated (?P<n>\d+) times across the page", "glued-name"),
    (r"a link farm of (?P<n>\d+) company and site names", "link-farm"),
    (r"template page: one name glued in, many linked out", "template-page"),
    (r"reads like synonym-spun text", "spun-words"),
    (r"only (?P<share>\d+)% of the text reads as sentences", "prose-share"),
    (r"(?P<share>\d+)% of the lines are short labels or links", "short-lines"),
    (r"(?P<share>\d+)% of the lines are teasers, counts or dates", "list-lines"),
    (r"no paragraph of running text", "no-running-text"),
    (r"dense navigation labels", "nav-lines"),
    (r"the same lines appear again and again", "repeated-lines"),
    (r"a listing of teasers and links, not an article", "listing-teasers"),
    (r"a list of entries with the same name, not a story", "listing-entries"),
    (r"login form or error page words", "error-words"),
)

WARNINGS = (
    (r"spun_text: reads like synonym-spun text \((?P<words>.*)\)", "spun_text"),
    (r"title_unrelated: the page title '(?P<title>.*)' does not match the body",
     "title_unrelated"),
    (r"not_an_article: (?P<page>\w+) page \((?P<why>.*)\)", "not_an_article"),
    (r"pinyin_interleaved: pinyin is interleaved into the text.*", "pinyin_interleaved"),
    (r"tracking_links: stripped (?P<n>\d+) tracking/affiliate link\(s\), kept their text",
     "tracking_links"),
    (r"html_parse_failed: read as text \((?P<error>.*)\)", "html_parse_failed"),
    (r"html_parse_failed: (?P<error>lxml is not installed)", "html_parse_failed"),
    (r"deep_nesting: flattened (?P<n>\d+) tags nested more than (?P<depth>\d+) levels deep; "
     r"their text is kept", "deep_nesting"),
)

_REASONS = tuple((re.compile(p, re.DOTALL), code) for p, code in REASONS)
_WARNINGS = tuple((re.compile(p, re.DOTALL), code) for p, code in WARNINGS)
_NUMBERS = {"n", "year", "article", "depth"}  # the checker passes these as integers


def _match(text, table):
    for pattern, code in table:
        m = pattern.fullmatch(text)
        if m:
            params = {k: int(v) if k in _NUMBERS and v.isdigit() else v
                      for k, v in m.groupdict().items()}
            return {"code": code, "params": params}
    return None


def _reasons(value):
    """One stored reason as a list of coded ones (several where "; " joined them)."""
    if not isinstance(value, str):
        return [value]
    parts = value.split("; ")
    found = [_match(p, _REASONS) for p in parts]
    if None not in found:
        return found
    whole = _match(value, _REASONS)  # a reason whose own text holds "; "
    return [whole if whole is not None else value]


def _warning(value):
    if not isinstance(value, str):
        return value
    found = _match(value, _WARNINGS)
    if found is None:
        return value
    if "why" in found["params"]:  # the page verdict's own reasons
        found["params"]["why"] = [r for part in found["params"]["why"].split("; ")
                                  for r in _reasons(part)]
    return found


def _coded(values):
    return [r for value in values or () for r in _reasons(value)]


def to_codes(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Block = apps.get_model("articles", "Block")
    changed = []
    for block in Block.objects.exclude(reasons=[]).only("pk", "reasons").iterator(2000):
        coded = _coded(block.reasons)
        if coded != block.reasons:
            block.reasons = coded
            changed.append(block)
        if len(changed) >= 2000:
            Block.objects.bulk_update(changed, ["reasons"])
            changed = []
    Block.objects.bulk_update(changed, ["reasons"])
    articles = Article.objects.only("pk", "warnings", "document_reasons")
    for article in articles.iterator(2000):
        warnings = [_warning(w) for w in article.warnings or ()]
        reasons = _coded(article.document_reasons)
        if warnings != article.warnings or reasons != article.document_reasons:
            Article.objects.filter(pk=article.pk).update(warnings=warnings,
                                                         document_reasons=reasons)


def to_english(apps, schema_editor):
    """Back to sentences, as the checker now writes them."""
    from cleaning.reasons import restored

    Article = apps.get_model("articles", "Article")
    Block = apps.get_model("articles", "Block")
    for block in Block.objects.exclude(reasons=[]).only("pk", "reasons").iterator(2000):
        Block.objects.filter(pk=block.pk).update(reasons=[str(restored(r)) for r in block.reasons])
    for article in Article.objects.only("pk", "warnings", "document_reasons").iterator(2000):
        Article.objects.filter(pk=article.pk).update(
            warnings=[str(restored(w)) for w in article.warnings or ()],
            document_reasons=[str(restored(r)) for r in article.document_reasons or ()],
        )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0008_document_verdict"),
    ]

    operations = [
        migrations.RunPython(to_codes, to_english, elidable=True),
    ]
