"""Stored fetch and feed errors are read back as the sentences they were made from."""

import re

import pytest
from django.utils import translation

from articles.reasons import say_message
from ingest.errors import MESSAGES, message, recognised
from ingest.fetch import RobotsDisallowed

# What each parameter holds: a URL, host or class name has no space; a library's own
# words may hold anything, and come last in every sentence that quotes them.
SAMPLES = {"url": "https://例子.cn/a?b=(1)&c=d:e", "host": "例子.cn:8080", "kind": "ConnectError",
           "status": "503", "n": "5", "mb": "10.0", "seconds": "30", "address": "10.0.0.1",
           "tag": "html", "error": "<unknown>:1:2: not well-formed (invalid token): 'x'"}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_sentence_is_recognised_with_its_parameters(code):
    names = re.findall(r"%\((\w+)\)s", MESSAGES[code])
    assert "error" not in names or names[-1] == "error"
    params = {name: SAMPLES[name] for name in names}
    found = recognised(str(message(code, **params)))
    assert (found.msgid, found.params) == (MESSAGES[code], params)


def test_placeholders_are_strings_only():
    """A parameter read back from stored text is a string: %d or %.1f would not take it."""
    assert all(re.sub(r"%\(\w+\)s|%%", "", msgid).count("%") == 0
               for msgid in MESSAGES.values())


def test_text_that_is_no_sentence_of_ours_is_shown_as_stored():
    assert recognised("ConnectionError: something else entirely") == (
        "ConnectionError: something else entirely")
    cut = str(message("malformed-feed", error="x" * 50))[:20]
    assert recognised(cut) == cut


def test_a_stored_error_reads_in_the_active_language():
    stored = str(RobotsDisallowed("https://例子.cn/新闻"))
    assert stored == "robots.txt disallows https://例子.cn/新闻"
    with translation.override("zh-hans"):
        assert say_message(recognised(stored)) == "robots.txt 不允许抓取 https://例子.cn/新闻"
    with translation.override("en"):
        assert say_message(recognised(stored)) == stored
