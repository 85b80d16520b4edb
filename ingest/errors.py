"""Why a fetch or a feed failed, or why an item is a duplicate, by code.

A poll runs in a worker, with no editor and so no language: it stores each sentence
as its code and parameters (the URL, the status, a library's own words, kept as
they came), and whoever reads it later gets it in their language: the admin the
editor's, the API the request's, logs and the command line the English that
``str()`` of a Message is (``ingest.models.RECORDED``).

Plain Python, no Django, like the parser that raises these.
"""

from __future__ import annotations

from collections.abc import Mapping

from phrasebook import Message, gettext_noop

# Every parameter is text (``message``), so every placeholder is %(name)s.
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
    # why an item was linked to an article instead of imported
    "same-url-item": gettext_noop("same URL as item %(item)s of feed %(feed)s"),
    "same-url-article": gettext_noop("same URL as an article imported earlier"),
    "same-story": gettext_noop(
        "same story: %(shared)s of %(total)s story blocks match (SimHash)"),
    # a poll that failed on a bug of ours, not on the feed
    "bug": gettext_noop("The poll failed on an error in our code (%(kind)s: %(error)s)"),
}


def message(code: str, /, **params: object) -> Message:
    """The English sentence ``code`` names, with its parameters as text."""
    return Message(MESSAGES[code], **{name: str(value) for name, value in params.items()})
