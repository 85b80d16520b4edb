"""Feed and item errors, and why an item is a duplicate, stored as a sentence's code
and parameters (``{"code": ..., "params": {...}}``) instead of English text.

Existing text is read back by the sentences it was made from, as the admin used to
read it at display time; text that is none of them is kept as it is (and shown as
stored). The sentences are copied here as they were when this migration was written,
so that later rewording in the code cannot change what it does.
"""

import re

from django.db import migrations, models

SENTENCES = {
    'host-busy': '%(host)s: too many requests in flight; try later',
    'host-rate-limit': '%(host)s: rate limit; try later',
    'redirect-without-location': 'HTTP %(status)s without a Location',
    'http-status': 'HTTP %(status)s from %(url)s',
    'unexpected-status': 'unexpected HTTP %(status)s from %(url)s',
    'too-many-redirects': 'more than %(n)s redirects',
    'not-http': 'not an http(s) URL: %(url)s',
    'too-big': '%(url)s is larger than %(mb)s MB; not read',
    'too-slow': '%(url)s: body not received within %(seconds)s s',
    'timed-out': 'timed out fetching %(url)s (%(kind)s)',
    'undecodable': '%(url)s: could not decode the response: %(error)s',
    'http-error': '%(url)s: %(kind)s: %(error)s',
    'unresolvable': 'cannot resolve %(host)s: %(error)s',
    'private-address': '%(host)s resolves to a non-public address (%(address)s)',
    'robots': 'robots.txt disallows %(url)s',
    'no-content-no-link': 'the item has neither content nor a link',
    'empty-page': '%(url)s returned an empty page',
    'entities': 'The feed declares XML entities; refused (entity expansion risk).',
    'unknown-kind': 'Unknown feed kind %(kind)s.',
    'empty-feed': 'The feed is empty.',
    'malformed-feed': 'Malformed feed: %(error)s',
    'not-rss': 'This is not an RSS or Atom feed.',
    'malformed-json-feed': 'Malformed JSON Feed: %(error)s',
    'not-json-feed': 'This is not a JSON Feed (no jsonfeed.org version).',
    'no-items': 'The JSON Feed has no item list.',
    'forbidden-xml': 'The sitemap uses forbidden XML features: %(error)s',
    'malformed-sitemap': 'Malformed sitemap XML: %(error)s',
    'not-sitemap': 'This is not a sitemap (root element <%(tag)s>).',
    'same-url-item': 'same URL as item %(item)s of feed %(feed)s',
    'same-url-article': 'same URL as an article imported earlier',
    'same-story': 'same story: %(shared)s of %(total)s story blocks match (SimHash)',
    'bug': 'The poll failed on an error in our code (%(kind)s: %(error)s)',
    'unknown-format': "Unknown format %(fmt)s: expected 'text' or 'html'.",
    'bad-utf8-marker': 'The file starts with a UTF-8 marker but byte %(n)s is not UTF-8.',
    'bad-utf16': 'The file is marked UTF-16 but is damaged: %(error)s.',
    'utf16-without-bom': "The file's encoding is unknown: it looks like UTF-16 without a byte-order mark. Save it as UTF-8 and import it again.",
    'binary': 'This looks like a binary file (an image, PDF or archive?), not text or HTML.',
    'unknown-encoding': 'The file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 and import it again.',
    'control-characters': 'The file name contains control characters; rename the file.',
    'no-usable-name': 'The file has no usable name; rename it to something like story.txt.',
    'not-text-or-html': '“%(name)s” is not a .txt or .html file; only plain text and HTML articles can be imported.',
    'file-too-big': 'The file is %(size).1f MB; the limit is %(limit).1f MB.',
    'empty-file': 'The file is empty.',
    'no-text': 'The file holds no text.',
    'no-title': 'An article needs a title.',
}

_PLACEHOLDER = re.compile(r"%\((\w+)\)(s|\.1f)")
_NUMBER = r"-?\d+(?:\.\d+)?"


def _pattern(msgid):
    """A regex for ``msgid`` filled in: a text placeholder takes the fewest characters
    that fit, a number one number; a name seen twice must be the same text."""
    parts, seen, at = [], set(), 0
    for match in _PLACEHOLDER.finditer(msgid):
        parts.append(re.escape(msgid[at:match.start()].replace("%%", "%")))
        name, spec = match[1], match[2]
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            parts.append(f"(?P<{name}>{'.+?' if spec == 's' else _NUMBER})")
        seen.add(name)
        at = match.end()
    parts.append(re.escape(msgid[at:].replace("%%", "%")))
    return re.compile("".join(parts), re.S)


# The most specific sentence first: the one with the most words of its own.
_PATTERNS = sorted(((code, msgid, _pattern(msgid)) for code, msgid in SENTENCES.items()),
                   key=lambda row: -len(_PLACEHOLDER.sub("", row[1])))


DUPLICATE = {"same-url-item", "same-url-article", "same-story"}


def to_code(text, codes):
    """Stored English text as ``{"code", "params"}`` of one of ``codes``; None for no
    text, other text as it is."""
    if not text:
        return None
    for code, msgid, pattern in _PATTERNS:
        found = pattern.fullmatch(text) if code in codes else None
        if found:
            numbers = {m[1] for m in _PLACEHOLDER.finditer(msgid) if m[2] != "s"}
            return {"code": code, "params": {name: float(value) if name in numbers else value
                                             for name, value in found.groupdict().items()}}
    return text


def to_text(value, codes=None):
    """The reverse: a code and its parameters as the English text."""
    if not value:
        return ""
    if isinstance(value, dict) and value.get("code") in SENTENCES:
        try:
            return SENTENCES[value["code"]] % dict(value.get("params") or {})
        except (KeyError, TypeError, ValueError):
            pass
    return value if isinstance(value, str) else str(value)


# (model, text field, JSON field, the sentences it may hold)
FIELDS = [("Feed", "last_error", "last_error_code", set(SENTENCES) - DUPLICATE),
          ("FeedItem", "error", "error_code", set(SENTENCES) - DUPLICATE),
          ("FeedItem", "duplicate_reason", "duplicate_reason_code", DUPLICATE)]


def forward(apps, schema_editor):
    _convert(apps, to_code, lambda row: (row[1], row[2]))


def backward(apps, schema_editor):
    _convert(apps, to_text, lambda row: (row[2], row[1]))


def _convert(apps, convert, direction):
    for row in FIELDS:
        model = apps.get_model("ingest", row[0])
        source, target = direction(row)
        changed = []
        for obj in model.objects.only("pk", source).iterator(chunk_size=500):
            setattr(obj, target, convert(getattr(obj, source), row[3]))
            changed.append(obj)
            if len(changed) == 500:
                model.objects.bulk_update(changed, [target])
                changed = []
        model.objects.bulk_update(changed, [target])


class Migration(migrations.Migration):

    dependencies = [
        ("ingest", "0001_feeds"),
    ]

    operations = [
        migrations.AddField(
            model_name="feed", name="last_error_code",
            field=models.JSONField(blank=True, editable=False, null=True,
                                   verbose_name="last error"),
        ),
        migrations.AddField(
            model_name="feeditem", name="error_code",
            field=models.JSONField(blank=True, null=True, verbose_name="error"),
        ),
        migrations.AddField(
            model_name="feeditem", name="duplicate_reason_code",
            field=models.JSONField(blank=True, null=True, verbose_name="why a duplicate"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
