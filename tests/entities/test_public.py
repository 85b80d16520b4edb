"""Entity pages, the entity index and entity links in story text."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.workflow import publish
from entities import pipeline
from entities.models import Entity, Mention
from entities.templatetags.entities_tags import link_entities

pytestmark = pytest.mark.django_db


def story(processed, text, title, *, days_ago=0, confirm=True):
    article = processed(text, title=title)
    pipeline.extract_article(article.pk)
    if confirm:
        article.mentions.filter(reason="").update(status=Mention.Status.CONFIRMED)
    return publish(article, when=timezone.now() - timedelta(days=days_ago))


def test_entity_page_shows_facts_articles_and_co_mentions(small_kb, processed, client):
    old = story(processed, "百度和腾讯都发布了大模型。\n", "旧闻", days_ago=3)
    new = story(processed, "百度发布文心一言。\n", "新闻", days_ago=1)
    draft = processed("百度的草稿。\n", title="草稿")
    pipeline.extract_article(draft.pk)
    response = client.get(small_kb["baidu"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "搜索公司。" in html and "Baidu" in html
    related = html.split("Related")[1] if "Related" in html else html.split("相关")[1]
    assert small_kb["ernie"].get_absolute_url() in related.split("</dl>")[0]  # made by it
    assert html.index("新闻") < html.index("旧闻") and "草稿" not in html
    assert [e.key for e in response.context["co_mentioned"]] == ["ernie-bot", "tencent"] or \
        {e.key for e in response.context["co_mentioned"]} == {"ernie-bot", "tencent"}
    assert [a.pk for a in response.context["page"].object_list] == [new.pk, old.pk]
    lab = client.get(small_kb["lab"].get_absolute_url()).content.decode()
    assert "腾讯AI实验室" in lab and small_kb["tencent"].get_absolute_url() in lab


def test_entity_page_query_count_does_not_grow_with_mentions(small_kb, processed, client):
    url = small_kb["baidu"].get_absolute_url()
    story(processed, "百度和腾讯都发布了大模型。\n", "一")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        story(processed, f"百度第{n}次发布文心一言,腾讯AI实验室回应,智谱AI跟进。\n", f"稿{n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_entity_page_query_ceiling(small_kb, processed, client, django_assert_max_num_queries):
    for n in range(4):
        story(processed, f"百度第{n}次发布文心一言,腾讯回应。\n", f"稿{n}")
    with django_assert_max_num_queries(10):
        client.get(small_kb["baidu"].get_absolute_url())


def test_entity_index_filters_by_kind(small_kb, client):
    response = client.get(reverse("entities:list") + "?kind=product")
    names = [e.name for e in response.context["page"].object_list]
    assert names == ["文心一言"]
    assert len(client.get(reverse("entities:list")).context["page"].object_list) == 5
    assert client.get(reverse("entities:list") + "?kind=nonsense").status_code == 200


def test_unknown_entity_is_404(db, client):
    assert client.get(reverse("entities:detail", kwargs={"slug": "nobody"})).status_code == 404


def test_link_entities_escapes_and_links_confirmed_mentions(small_kb):
    baidu, ernie = small_kb["baidu"], small_kb["ernie"]
    text = "<b>百度</b>发布文心一言&更多"

    def mention(entity, start, end, **kwargs):
        values = {"status": "confirmed", "origin": "kb", "confidence": 1.0, **kwargs}
        return Mention(entity=entity, block_start=start, block_end=end,
                       surface=text[start:end], **values)

    html = link_entities(text, [
        mention(baidu, 3, 5),
        mention(ernie, 11, 15, status="suggested", confidence=0.3),  # a low guess: plain
    ])
    assert html == (
        f'&lt;b&gt;<a class="entity entity-organisation" href="{baidu.get_absolute_url()}" '
        f'title="百度">百度</a>&lt;/b&gt;发布文心一言&amp;更多'
    )
    stale = mention(baidu, 0, 2)
    stale.surface = "百度"  # offsets that no longer fit the text are left alone
    assert link_entities(text, [stale]) == "&lt;b&gt;百度&lt;/b&gt;发布文心一言&amp;更多"


def test_link_entities_needs_no_queries(small_kb, processed, django_assert_num_queries):
    article = story(processed, "百度发布文心一言,腾讯AI实验室回应。\n百度又发布了新版。\n", "链接")
    by_block = article.mentions.linkable().by_block()
    blocks = list(article.blocks.story())
    with django_assert_num_queries(0):
        rendered = [link_entities(b.text, by_block.get(b.index, [])) for b in blocks]
    assert rendered[0].count("<a ") == 3 and rendered[1].count("<a ") == 1
    assert Entity.objects.get(key="baidu").get_absolute_url() in rendered[1]
