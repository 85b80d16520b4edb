"""Why a fetch or a feed failed, stored in English and shown in the reader's language.

A poll runs in a worker, with no editor and so no language: ``Feed.last_error`` (and
a feed item's ``error``) keeps the English sentence, which logs, the API and old rows
read as they are. Each sentence is a msgid below filled with its parameters (the
URL, the status, a library's own words, kept as they came), so the admin finds
which one a stored text is and shows it translated (``Feed.error_message``); text
that is none of them (a row from older code, a cut-off one) is shown as stored.

Plain Python, no Django, like the parser that raises these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from phrasebook import Message, gettext_noop

# Every placeholder is %(name)s: a parameter read back from stored text is a string. A
# URL, host or class name holds no space; a library's own words (``error``) may hold
# anything, so they come last, where reading the text back leaves them whole.
MESSAGES: Mapping[str, str] = {
    # fetch: the host, the network, HTTP
    "host-busy": gettext_noop("%(host)s: too many requests in flight; try later"),
    "host-rate-limit": gettext_noop("%(host)s: rate limit; try later"),
    "redirect-without-location": gettext_noop("HTTP %(status)s without a Location"),
    "http-status": gettext_noop("HTTP %(status)s from %(url)s"),
    "unexpected-status": gettext_noop("unexpected HTTP %(status)s from %(url)s"),
    "too-many-redirects": gettext_noop("more than %(n)s redirects"),
    "not-http": gettext_noop("not an http(s) URL: %(url)s"),
    "too-big": gettext_noop("%(url)s is larger than %(mb)s MB; not read"),
    "too-slow": gettext_noop("%(url)s: body not received within %(seconds)s s"),
    "timed-out": gettext_noop("timed out fetching %(url)s (%(kind)s)"),
    "undecodable": gettext_noop("%(url)s: could not decode the response: %(error)s"),
    "http-error": gettext_noop("%(url)s: %(kind)s: %(error)s"),
    "unresolvable": gettext_noop("cannot resolve %(host)s: %(error)s"),
    "private-address": gettext_noop("%(host)s resolves to a non-public address (%(address)s)"),
    "robots": gettext_noop("robots.txt disallows %(url)s"),
    # an item
    "no-content-no-link": gettext_noop("the item has neither content nor a link"),
    "empty-page": gettext_noop("%(url)s returned an empty page"),
    # parse: the feed document
    "entities": gettext_noop("The feed declares XML entities; refused (entity expansion risk)."),
    "unknown-kind": gettext_noop("Unknown feed kind %(kind)s."),
    "empty-feed": gettext_noop("The feed is empty."),
    "malformed-feed": gettext_noop("Malformed feed: %(error)s"),
    "not-rss": gettext_noop("This is not an RSS or Atom feed."),
    "malformed-json-feed": gettext_noop("Malformed JSON Feed: %(error)s"),
    "not-json-feed": gettext_noop("This is not a JSON Feed (no jsonfeed.org version)."),
    "no-items": gettext_noop("The JSON Feed has no item list."),
    "forbidden-xml": gettext_noop("The sitemap uses forbidden XML features: %(error)s"),
    "malformed-sitemap": gettext_noop("Malformed sitemap XML: %(error)s"),
    "not-sitemap": gettext_noop("This is not a sitemap (root element <%(tag)s>)."),
    # a poll that failed on a bug of ours, not on the feed
    "bug": gettext_noop("The poll failed on an error in our code (%(kind)s: %(error)s)"),
}

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def message(code: str, /, **params: object) -> Message:
    """The English sentence ``code`` names, with its parameters as text."""
    return Message(MESSAGES[code], **{name: str(value) for name, value in params.items()})


def _pattern(msgid: str) -> re.Pattern[str]:
    parts, seen, at = [], set(), 0
    for match in _PLACEHOLDER.finditer(msgid):
        parts.append(re.escape(msgid[at:match.start()].replace("%%", "%")))
        name = match[1]
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        at = match.end()
    parts.append(re.escape(msgid[at:].replace("%%", "%")))
    return re.compile("".join(parts), re.S)


# The most specific sentence first: the one with the most words of its own.
_PATTERNS = sorted(((_pattern(m), m) for m in MESSAGES.values()),
                   key=lambda pair: -len(_PLACEHOLDER.sub("", pair[1])))


def recognised(text: str) -> Message | str:
    """The stored ``text`` as the Message it was made from, or as it is."""
    for pattern, msgid in _PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            return Message(msgid, **found.groupdict())
    return text
