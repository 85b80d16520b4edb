"""Search: Chinese and English queries over published story text only, on either database."""

import pytest
from django.urls import reverse

from articles.imports import import_article
from search.indexing import index_article
from search.models import SearchDocument
from search.query import search
from tests.public.conftest import make_published

pytestmark = pytest.mark.django_db

INJECTED = ["THORChain", "Qitchain", "Riot Blockchain", "郑重声明", "媒体专栏"]


@pytest.mark.parametrize("text", ["大模型", "腾讯 混元", "A100", "RISC-V", "risc-v", "騰讯"])
def test_seed_is_found(seed_article, text):
    hits, total = search(text)
    assert total >= 1
    assert hits[0].article.pk == seed_article.pk
    assert "<mark>" in hits[0].snippet


@pytest.mark.parametrize("text", INJECTED)
def test_injected_items_chrome_and_disclaimer_are_not_searchable(seed_article, text):
    assert search(text) == ([], 0)


def test_only_story_text_is_indexed(seed_article):
    document = SearchDocument.objects.get(pk=seed_article.pk)
    for junk in INJECTED:
        assert junk not in document.body
    assert "华为没有时间作诗" in document.body


def test_unpublished_articles_are_not_found():
    draft = import_article("寒武纪发布新一代思元芯片。\n", title="草稿芯片")
    from articles import processing

    processing.process_article(draft.pk)
    index_article(draft.pk)
    assert search("思元") == ([], 0)


def test_title_matches_rank_first_and_phrases_must_be_adjacent():
    body_only = make_published("今天谈谈国产光刻机。\n光刻机之外还有很多环节。\n", title="产业观察")
    in_title = make_published("这篇文章讨论供应链。\n光刻机只是一部分。\n", title="光刻机的难题")
    hits, total = search("光刻机")
    assert total == 2
    assert hits[0].article == in_title and hits[1].article == body_only
    assert search("机光") == ([], 0)


def test_snippets_are_escaped_before_marking():
    make_published("<b>昇腾</b> 芯片 <script>alert(1)</script> 出货。\n第二段,昇腾生态。\n",
                   title="昇腾")
    hits, _ = search("昇腾")
    assert "<script>" not in hits[0].snippet and "<b>" not in hits[0].snippet
    assert "<mark>昇腾</mark>" in hits[0].snippet


def test_blocks_checked_and_title_change_enqueue_indexing(django_capture_on_commit_callbacks,
                                                           eager):
    from articles import processing

    article = import_article("百度发布文心一言。\n", title="文心")
    with django_capture_on_commit_callbacks(execute=True):
        processing.process_article(article.pk)
    assert SearchDocument.objects.filter(pk=article.pk, body__contains="文心一言").exists()
    article.refresh_from_db()
    article.title = "文心一言四代"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.save()
    assert callbacks
    assert SearchDocument.objects.get(pk=article.pk).title == "文心一言四代"


def test_index_task_is_quiet_for_a_deleted_article():
    from search.tasks import index_article_task

    assert index_article_task(987654) == "gone"


def test_search_page_shows_ranked_highlighted_hits(client, seed_article):
    response = client.get(reverse("search:results"), {"q": "腾讯 混元"})
    html = response.content.decode()
    assert response.status_code == 200
    assert seed_article.title in html and "<mark>" in html
    for junk in INJECTED:
        assert junk not in html


def test_search_page_without_results_and_without_query(client):
    assert client.get(reverse("search:results")).status_code == 200
    response = client.get(reverse("search:results"), {"q": "不存在的词语组合"})
    assert response.status_code == 200


def test_postgres_uses_the_gin_index(seed_article):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_doc_vector_gin'")
        assert "gin" in cursor.fetchone()[0].lower()
