"""What a poll stores is a sentence's code and parameters, said in the reader's language.

Old rows held English text; a migration turned them into codes by the sentences they
were made from, and left any other text as it was.
"""

import importlib
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from articles.imports import REFUSALS
from cleaning.reasons import REASONS
from ingest.errors import MESSAGES, message
from ingest.fetch import RobotsDisallowed
from ingest.models import RECORDED, english, recorded, said

SAMPLES = {"url": "https://例子.cn/a?b=(1)&c=d:e", "host": "例子.cn:8080", "kind": "ConnectError",
           "status": "503", "n": "5", "mb": "10.0", "seconds": "30", "address": "10.0.0.1",
           "tag": "html", "name": "报告.pdf", "item": "12", "feed": "3", "shared": "4",
           "total": "5",
           "error": "<unknown>:1:2: not well-formed (invalid token): 'x'"}

CONVERSION = importlib.import_module("ingest.migrations.0002_sentences_by_code")


def test_no_code_names_two_sentences():
    assert len(RECORDED) == len(MESSAGES) + len(REFUSALS) + len(REASONS)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_sentence_is_stored_as_its_code_and_read_back(code):
    params = {name: SAMPLES[name] for name in re.findall(r"%\((\w+)\)s", MESSAGES[code])}
    sentence = message(code, **params)
    assert recorded(sentence) == {"code": code, "params": params}
    assert english(recorded(sentence)) == sentence


@pytest.mark.parametrize("code", sorted(set(MESSAGES) | set(REFUSALS)))
def test_the_migration_reads_every_english_sentence_as_it_was_written(code):
    """Old rows: the English text a poll used to store becomes the code and parameters
    it stores now (numbers of the import's "%.1f" as numbers)."""
    params = {name: SAMPLES[name] for name in re.findall(r"%\((\w+)\)s", RECORDED[code])}
    if code == "file-too-big":
        params = {"size": 7.5, "limit": 5.0}
    text = RECORDED[code] % params
    kind = "duplicate" if code.startswith("same-") else "error"
    codes = CONVERSION.DUPLICATE if kind == "duplicate" else (
        set(CONVERSION.SENTENCES) - CONVERSION.DUPLICATE)
    assert CONVERSION.to_code(text, codes) == {"code": code, "params": params}
    assert CONVERSION.to_text(CONVERSION.to_code(text, codes)) == text


def test_text_that_is_no_sentence_of_ours_stays_text():
    codes = set(CONVERSION.SENTENCES)
    assert CONVERSION.to_code("ConnectionError: something else", codes) == (
        "ConnectionError: something else")
    assert CONVERSION.to_code("", codes) is None
    assert said("ConnectionError: something else") == "ConnectionError: something else"
    assert said({"code": "gone-since", "params": {"x": "1"}}) == "gone-since {'x': '1'}"
    assert said(None) == ""


def test_a_stored_error_reads_in_the_active_language():
    kept = recorded(RobotsDisallowed("https://例子.cn/新闻"))
    assert kept == {"code": "robots", "params": {"url": "https://例子.cn/新闻"}}
    with translation.override("zh-hans"):
        assert said(kept) == "robots.txt 不允许抓取 https://例子.cn/新闻"
    with translation.override("en"):
        assert said(kept) == "robots.txt disallows https://例子.cn/新闻"
    assert english(kept) == "robots.txt disallows https://例子.cn/新闻"


@pytest.mark.django_db(transaction=True)
def test_the_migration_converts_old_rows_and_keeps_unknown_text():
    executor = MigrationExecutor(connection)
    executor.migrate([("ingest", "0001_feeds")])
    apps = executor.loader.project_state([("ingest", "0001_feeds")]).apps
    Source = apps.get_model("articles", "Source")
    Feed, FeedItem = apps.get_model("ingest", "Feed"), apps.get_model("ingest", "FeedItem")
    source = Source.objects.create(name="旧通讯社", slug="old-wire")
    broken = Feed.objects.create(source=source, url="https://例子.cn/rss",
                                 last_error="Malformed feed: junk at line 1")
    odd = Feed.objects.create(source=source, url="https://例子.cn/odd",
                              last_error="Connection reset by peer")
    FeedItem.objects.create(feed=broken, guid="a", status="duplicate",
                            duplicate_reason="same URL as item 7 of feed 2")
    FeedItem.objects.create(feed=broken, guid="b", status="failed",
                            error="The file is 6.2 MB; the limit is 5.0 MB.")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from ingest.models import Feed as NowFeed
    from ingest.models import FeedItem as NowItem

    assert NowFeed.objects.get(pk=broken.pk).last_error == {
        "code": "malformed-feed", "params": {"error": "junk at line 1"}}
    assert NowFeed.objects.get(pk=odd.pk).last_error == "Connection reset by peer"
    duplicate, failed = NowItem.objects.order_by("guid")
    assert duplicate.duplicate_reason == {"code": "same-url-item",
                                          "params": {"item": "7", "feed": "2"}}
    assert duplicate.error is None
    assert failed.error == {"code": "file-too-big", "params": {"size": 6.2, "limit": 5.0}}
    with translation.override("zh-hans"):
        assert "订阅源格式有误" in NowFeed.objects.get(pk=broken.pk).error_message
