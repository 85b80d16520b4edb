"""Reasons and document warnings reach editors in their language, and warnings are kept."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

import cleaning
from articles import processing
from articles.imports import import_article
from articles.models import Block
from articles.reasons import code, english, say_message, translate_reason, translate_warning
from cleaning.reasons import MESSAGES, PARAMS, REASONS, reason, stored


def _sample(name: str) -> dict[str, object]:
    return {p: "1" for p in PARAMS[name]}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_reason_has_a_chinese_translation(name):
    """No English left in the admin: every registered message is in the catalogue."""
    given = reason(name, **_sample(name))
    with translation.override("zh-hans"):
        shown = translate_reason(stored(given))
    assert shown != given.removeprefix(f"{name}: "), shown
    with translation.override("en"):
        assert translate_reason(stored(given)) == given.removeprefix(f"{name}: ")


def test_translations_keep_the_details():
    with translation.override("zh-hans"):
        tail = translate_reason(stored(reason("timestamp-tail", tail="[2022/8/2 2:53:15]")))
        credit = translate_reason(stored(reason("credit", credit="烯牛数据")))
        editor = translate_reason(
            stored(reason("editor-set", who="alice", kind="foreign", date="2026-11-28"))
        )
        spun = translate_warning(stored(reason("spun_text", words="减缓前进, 抽验组")))
        page = translate_warning(stored(reason(
            "not_an_article", page="listing",
            why=[reason("prose-share", share="12"), reason("nav-lines")],
        )))
    assert "[2022/8/2 2:53:15]" in tail and "timestamp" not in tail
    assert "烯牛数据" in credit and "credit" not in credit
    assert "alice" in editor and "2026-11-28" in editor and "外来条目" in editor
    assert "减缓前进" in spun and "spun" not in spun
    assert "12%" in page and "；" not in page and "; " in page and "sentences" not in page
    # Fresh from the checker (the analyze command) the same as stored.
    with translation.override("zh-hans"):
        assert translate_reason(reason("image")) == translate_reason(stored(reason("image")))


@pytest.mark.parametrize("name", ["not_an_article", "part-of-page",
                                  "editor-judged-page-anonymous"])
def test_a_page_kind_is_said_in_the_editors_language(name):
    """The document kind came out as its code: "listing 页面，不是文章"."""
    extra = {"why": [reason("nav-lines")]} if name == "not_an_article" else {}
    given = stored(reason(name, page="listing", **extra))
    with translation.override("zh-hans"):
        said = translate_warning(given)
    assert "listing" not in said and "列表" in said
    with translation.override("en"):
        assert "listing" in translate_warning(given)


def test_plain_and_unknown_stored_reasons_are_shown_as_stored():
    """A plain string (an editor's note, a sentence no code was found for) is shown as it is;
    a code a later checker retired does not break the page."""
    with translation.override("zh-hans"):
        assert translate_reason("something new") == "something new"
        assert "retired-rule" in translate_reason({"code": "retired-rule", "params": {}})
    assert english("something new") == "something new" and code("something new") is None
    assert code(stored(reason("image"))) == "image"


def test_old_english_rows_become_codes():
    """Rows stored as English before reasons had codes: the migration converts what its
    patterns know and leaves anything else as stored."""
    migration = import_module("articles.migrations.0009_reason_codes")
    assert migration._coded([
        "dated 2019 vs article 2024",
        "caption with a credit line; credit '烯牛数据'",
        "editor bob marked a near-identical block 'chrome' on 2026-11-01",
        "an editor's own words",
        {"code": "image", "params": {}},
    ]) == [
        {"code": "dated-year", "params": {"year": 2019, "article": 2024}},
        {"code": "caption-credit-line", "params": {}},
        {"code": "credit", "params": {"credit": "烯牛数据"}},
        {"code": "editor-marked",
         "params": {"who": "bob", "kind": "chrome", "date": "2026-11-01"}},
        "an editor's own words",
        {"code": "image", "params": {}},
    ]
    page = migration._warning("not_an_article: listing page (only 12% of the text reads as "
                              "sentences; dense navigation labels)")
    assert english(page) == ("not_an_article: listing page, not an article (only 12% of the "
                             "text reads as sentences; dense navigation labels)")
    assert migration._warning("deep_nesting: flattened 18006 tags nested more than 1000 levels "
                              "deep; their text is kept") == {
        "code": "deep_nesting", "params": {"n": 18006, "depth": 1000}}


@pytest.mark.django_db
def test_the_migration_converts_stored_rows():
    migration = import_module("articles.migrations.0009_reason_codes")
    article = import_article("第一段正文，讲芯片。\n".encode(), title="旧稿")
    processing.process_article(article.pk)
    block = article.blocks.first()
    Block.objects.filter(pk=block.pk).update(reasons=["copy of block 4 of this document"])
    type(article).objects.filter(pk=article.pk).update(
        warnings=["title_unrelated: the page title '足球' does not match the body"],
        document_reasons=["an editor judged a near-identical page 'listing'"],
    )
    migration.to_codes(apps, None)
    block.refresh_from_db()
    article.refresh_from_db()
    assert block.reasons == [{"code": "copy-of-block", "params": {"n": 4}}]
    assert [code(w) for w in article.warnings] == ["title_unrelated"]
    assert [code(r) for r in article.document_reasons] == ["editor-judged-page-anonymous"]
    with translation.override("zh-hans"):
        assert "足球" in translate_warning(article.warnings[0])
    migration.to_english(apps, None)
    block.refresh_from_db()
    assert block.reasons == ["copy of block 4 of this document"]


@pytest.mark.django_db
def test_document_warnings_are_stored_and_shown(editor_client):
    body = (
        "英伟达发布新一代数据中心芯片，性能比上一代提升三倍，功耗下降。\n"
        "分析人士认为，这款芯片将巩固英伟达在人工智能训练市场的地位。\n"
    )
    article = import_article(body.encode(), title="足球联赛周末赛果汇总", source="演示源")
    processing.process_article(article.pk)
    article.refresh_from_db()
    assert [w["code"] for w in article.warnings] == ["title_unrelated"]
    assert all(isinstance(r, dict) for b in article.blocks.all() for r in b.reasons)
    with translation.override("zh-hans"):
        review = editor_client.get(
            reverse("admin:articles_article_review", args=[article.pk]),
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        ).content.decode()
        listing = editor_client.get(
            reverse("admin:articles_article_changelist") + "?warned=yes"
        ).content.decode()
        clean = editor_client.get(
            reverse("admin:articles_article_changelist") + "?warned=no"
        ).content.decode()
    assert "足球联赛周末赛果汇总" in review and "nr-warnings" in review
    assert "does not match" not in review and "&#x27;code&#x27;" not in review
    assert "足球联赛周末赛果汇总" in listing
    assert "足球联赛周末赛果汇总" not in clean


def test_refused_imports_say_why_in_the_editors_language():
    from articles.imports import ImportRefused, decode_upload

    with pytest.raises(ImportRefused) as refused:
        decode_upload(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "text")
    assert refused.value.msgid == REASONS["binary"] and "binary" in str(refused.value)
    with translation.override("zh-hans"):
        assert "binary" not in say_message(refused.value) and say_message(refused.value)
    assert isinstance(cleaning.InputError(reason("binary")).args[0], cleaning.Reason)


@pytest.mark.django_db
def test_the_block_page_shows_reasons_as_sentences(admin_client):
    article = import_article("第一段正文，讲芯片。\n".encode(), title="旧稿")
    processing.process_article(article.pk)
    block = article.blocks.first()
    Block.objects.filter(pk=block.pk).update(
        reasons=[stored(reason("copy-of-block", n=4)), "an editor's own words"]
    )
    admin_client.cookies["django_language"] = "zh-hans"
    html = admin_client.get(reverse("admin:articles_block_change", args=[block.pk])).content
    page = html.decode()
    assert "copy-of-block" not in page and "4" in page and "an editor&#x27;s own words" in page
    with translation.override("zh-hans"):
        assert translate_reason(stored(reason("copy-of-block", n=4))) in page
