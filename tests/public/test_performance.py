"""Public-site performance contracts: constant query counts, one cache read per hit,
bounded counts. (The numbers themselves: benchmarks/bench_public.py.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from datatables.models import DataTable
from entities.models import Entity, Mention
from public import caching, stories, views
from tests.public.conftest import make_published

pytestmark = pytest.mark.django_db

COLUMNS = [{"name": "公司", "type": "text"}, {"name": "融资额", "type": "money"}]
ROWS = [["甲", "1亿美元"], ["乙", "2亿美元"]]


def mention(article, entity, block_index=0):
    return Mention.objects.create(
        article=article, entity=entity, block_index=block_index, start=0, end=2,
        surface=entity.name[:2], kind=entity.kind, origin=Mention.Origin.KB,
        status=Mention.Status.CONFIRMED,
    )


def entities(n, prefix="实体"):
    return [Entity.objects.create(key=f"{prefix}-{k}", name=f"{prefix}{k}", kind="organisation")
            for k in range(n)]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def story(paragraphs: int) -> str:
    return "".join(f"第{n}段:国产芯片与英伟达的竞争仍在继续,生态需要时间。\n"
                   for n in range(paragraphs))


def test_article_page_queries_constant_in_blocks_entities_and_tables(client):
    small = make_published(story(2), "短文", index=False)
    big = make_published(story(120), "长文", index=False)
    mention(small, entities(1, "小")[0])
    for k, entity in enumerate(entities(25, "大")):
        mention(big, entity, block_index=k)
    for article, count in ((small, 1), (big, 6)):
        for k in range(count):
            DataTable.objects.create(title=f"表{k}", columns=COLUMNS, rows=ROWS,
                                     article=article, position=k, status="confirmed")
    # related stories exist for both (they share entities with each other's kin)
    for other in (make_published(story(1), "旁证一", index=False),
                  make_published(story(1), "旁证二", index=False)):
        for entity in Entity.objects.all():
            mention(other, entity)
    caching.bump()
    # Rendered live (the stored parts not built yet), then read as stored.
    small_count = queries(client, small.get_absolute_url())
    big_count = queries(client, big.get_absolute_url())
    assert small_count == big_count
    assert big_count <= 7
    for article in Article.objects.all():
        stories.build(article.pk)
    caching.bump()
    assert queries(client, small.get_absolute_url()) == queries(client, big.get_absolute_url()) == 1


@pytest.mark.parametrize("url", ["/articles/", "/articles/?entity=e-0&entity=e-1&kind=organisation",
                                 "/search/?q=芯片", "/"])
def test_list_pages_queries_constant_in_stories_and_entities(client, url):
    es = entities(3, "e")
    for e in es:
        e.slug = e.key
        e.save()
    first = make_published(story(1), "一", language="zh")
    for e in es:
        mention(first, e)
    few = queries(client, url)
    more_entities = entities(30, "多")
    for n in range(25):
        article = make_published(story(3), f"芯片{n}")
        for e in [*es, *more_entities[n:n + 5]]:
            mention(article, e)
    caching.bump()
    many = queries(client, url)
    assert many == few
    assert many <= 8


def test_entity_page_queries_constant(client):
    es = entities(3, "co")
    target = es[0]
    first = make_published(story(1), "一")
    mention(first, target)
    url = target.get_absolute_url()
    few = queries(client, url)
    others = entities(20, "旁")
    for n in range(25):
        article = make_published(story(1), f"文{n}", index=False)
        for e in [target, *others[n % 20:n % 20 + 3]]:
            mention(article, e)
    caching.bump()
    assert queries(client, url) == few <= 10


def test_cached_hit_is_one_cache_read(client, monkeypatch):
    article = make_published(story(3), "缓存")
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    calls, other = [], []
    real_page_get, real_get = caching.page_get, caching.cache.get

    def counting_page_get(key):
        calls.append(key)
        return real_page_get(key)

    def counting_get(key, *args, **kwargs):
        other.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(caching, "page_get", counting_page_get)
    monkeypatch.setattr(caching.cache, "get", counting_get)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert len(calls) == 1 and calls[0].startswith("page:")
    assert [k for k in other if not k.startswith("page:")] == []  # no version read
    assert len(captured) == 0
    assert response.has_header("ETag") and response.has_header("Last-Modified")


def test_a_bump_elsewhere_is_seen_within_the_local_version_time(client, monkeypatch):
    article = make_published(story(2), "版本")
    url = article.get_absolute_url()
    client.get(url)
    # another process bumps: only the shared cache changes
    caching.cache.set(caching.VERSION_KEY, "other-process", None)
    assert client.get(url)["X-Page-Cache"] == "hit"  # within LOCAL_VERSION_SECONDS
    caching.local.version = (caching.local.version[0], 0.0)  # time passes
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_listing_count_is_bounded(client, monkeypatch):
    monkeypatch.setattr(views, "COUNT_CAP", 30)
    for n in range(31):
        make_published(story(1), f"计数{n}", index=False)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("articles:list")).content.decode()
    assert "More than 30 stories" in html
    assert "page=2" in html
    last = client.get(reverse("articles:list") + "?page=99").content.decode()
    assert "计数" in last  # clamped to the last offered page


def test_related_prefers_most_shared_entities(client):
    a, b, c = entities(3, "rel")
    main = make_published(story(2), "主文", index=False)
    two = make_published(story(1), "共享两个", index=False)
    one = make_published(story(1), "共享一个", index=False)
    for e in (a, b, c):
        mention(main, e)
    mention(two, a)
    mention(two, b)
    mention(one, c)
    caching.bump()
    assert stories.related_ids(main.pk, [a.pk, b.pk, c.pk]) == [two.pk, one.pk]
