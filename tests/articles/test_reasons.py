"""Reasons and document warnings reach editors in their language, and warnings are kept."""

import ast
from itertools import product
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

import cleaning
from articles import processing
from articles.imports import import_article
from articles.reasons import is_known, is_known_warning, translate_reason, translate_warning
from tests.conftest import shared_dir

CLEANING = Path(cleaning.__file__).parent


def _signal_reasons() -> list[str]:
    """The reason argument of every Signal(...) in the checker, placeholders filled in.

    Each placeholder of an f-string is tried as "1", "" and "copy of" (the duplicate
    reasons open with a word choice), so a new signal without a template fails here.
    """
    found = []
    for path in CLEANING.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Signal"):
                continue
            arg = node.args[3]
            if isinstance(arg, ast.Constant):
                found.append([arg.value])
            elif isinstance(arg, ast.JoinedStr):
                holes = sum(not isinstance(v, ast.Constant) for v in arg.values)
                forms = []
                for fills in product(("1", "", "copy of"), repeat=holes):
                    it = iter(fills)
                    forms.append("".join(
                        v.value if isinstance(v, ast.Constant) else next(it) for v in arg.values
                    ))
                found.append(forms)
    assert len(found) > 20
    return found


@pytest.mark.parametrize("forms", _signal_reasons(), ids=lambda f: f[0][:40])
def test_every_signal_reason_has_a_template(forms):
    assert any(is_known(form) for form in forms), forms


STRUCTURE_AND_MEMORY = [
    "one of 12 short cell lines of a flattened table",
    "caption with a credit line; credit '烯牛数据'",
    "caption after a table; credit '企查查'",
    "figure caption", "caption under an image", "image", "image reference left in the text",
    "short standalone line between paragraphs (caption)", "page title", "heading element",
    "table cell", "numbered or labelled section heading", "short line before the story starts",
    "outside the page's main content", "a link, not article text",
    "page furniture (comments, sharing, related links) inside the article",
    "part of a listing page, not an article", "seen in 3 other articles from this source",
    "an editor marked a near-identical block 'foreign'", "classified as chrome",
    "editor alice set this block to 'caption' on 2026-11-28",
    "editor bob marked a near-identical block 'chrome' on 2026-11-01",
    "summary repeating block 2 of this document", "teaser of block 2 of this document",
    "copy of block 40 of this document", "list of links above the story",
    "above the article's title", "part of one injected item spanning 3 lines",
]


@pytest.mark.parametrize("reason", STRUCTURE_AND_MEMORY)
def test_structure_and_memory_reasons_are_translated(reason):
    assert is_known(reason)
    with translation.override("zh-hans"):
        shown = translate_reason(reason)
    assert shown != reason
    assert not any(word in shown for word in ("caption", "block", "editor", "article")), shown


def test_translations_keep_the_details():
    with translation.override("zh-hans"):
        tail = translate_reason("timestamp tail [2022/8/2 2:53:15]")
        credit = translate_reason("caption with a credit line; credit '烯牛数据'")
        editor = translate_reason("editor alice set this block to 'foreign' on 2026-11-28")
        spun = translate_warning("spun_text: reads like synonym-spun text (减缓前进, 抽验组)")
    assert "[2022/8/2 2:53:15]" in tail and "timestamp" not in tail
    assert "烯牛数据" in credit and ";" in credit
    assert "alice" in editor and "2026-11-28" in editor and "外来条目" in editor
    assert "减缓前进" in spun and "spun" not in spun
    with translation.override("en"):
        assert translate_reason("timestamp tail [x]") == "timestamp tail [x]"
    # A reason no template knows (a newer checker, an editor's note) is shown as stored.
    assert translate_reason("something new") == "something new"


@pytest.mark.parametrize("warning", [
    "spun_text: reads like synonym-spun text (减缓前进, 抽验组)",
    "title_unrelated: the page title '足球' does not match the body",
    "not_an_article: a listing of teasers and links, not an article",
    "not_an_article: a list of entries with the same name, not a story",
    "pinyin_interleaved: pinyin is interleaved into the text (e.g. 北(bei)京(jing))",
    "tracking_links: stripped 5 tracking/affiliate link(s), kept their text",
    "html_parse_failed: read as text (Document is empty)",
])
def test_every_warning_is_translated(warning):
    assert is_known_warning(warning)
    with translation.override("zh-hans"):
        assert translate_warning(warning) != warning


def test_reasons_over_the_corpus_all_have_templates():
    """Every reason and warning the checker gives on the shared corpus and the seed."""
    root = shared_dir() / "data"
    if not (root / "contamination").is_dir():
        pytest.skip(f"the shared corpus is not at {root} (../shared is absent)")
    unknown: set[str] = set()
    paths = sorted((root / "contamination").glob("**/*.txt")) + sorted(
        (root / "contamination").glob("**/*.html")
    ) + sorted((root / "seed").glob("*.txt"))
    checked = 0
    for path in paths:
        fmt = "html" if path.suffix == ".html" else "text"
        try:
            result = cleaning.check(cleaning.decode(path.read_bytes(), fmt), fmt)
        except cleaning.InputError:
            continue
        checked += 1
        unknown |= {r for b in result.blocks for r in b.reasons if not is_known(r)}
        unknown |= {w for w in result.warnings if not is_known_warning(w)}
    assert checked > 100
    assert not unknown


@pytest.mark.django_db
def test_document_warnings_are_stored_and_shown(editor_client):
    body = (
        "英伟达发布新一代数据中心芯片，性能比上一代提升三倍，功耗下降。\n"
        "分析人士认为，这款芯片将巩固英伟达在人工智能训练市场的地位。\n"
    )
    article = import_article(body.encode(), title="足球联赛周末赛果汇总", source="演示源")
    processing.process_article(article.pk)
    article.refresh_from_db()
    assert [w.split(":")[0] for w in article.warnings] == ["title_unrelated"]
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
    assert "does not match" not in review
    assert "足球联赛周末赛果汇总" in listing
    assert "足球联赛周末赛果汇总" not in clean
