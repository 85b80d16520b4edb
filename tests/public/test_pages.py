"""The reader-facing pages: content, filters, feeds, SEO tags, caching, languages."""

import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from entities.models import Entity, Mention
from public.caching import VERSION_KEY
from tests.public.conftest import make_published

pytestmark = pytest.mark.django_db

STORY = "国产芯片公司发布新一代加速卡,性能接近英伟达A100。\n工程师们正在打磨软件栈,生态需要时间。\n"


def mention(article, entity, status=Mention.Status.CONFIRMED):
    return Mention.objects.create(
        article=article, entity=entity, block_index=0, start=0, end=2, surface=entity.name,
        kind=entity.kind, origin=Mention.Origin.KB, status=status,
    )


@pytest.fixture
def world():
    nvidia = Entity.objects.create(key="nvidia", name="英伟达", name_en="Nvidia",
                                   kind=Entity.Kind.ORGANISATION)
    huawei = Entity.objects.create(key="huawei", name="华为", name_en="Huawei",
                                   kind=Entity.Kind.ORGANISATION)
    a100 = Entity.objects.create(key="a100", name="A100", kind=Entity.Kind.PRODUCT)
    chips = make_published(STORY, "芯片追赶", source="虎嗅", section="芯片", language="zh")
    both = make_published(STORY, "昇腾对标", source="36氪", section="芯片", language="zh")
    english = make_published("Nvidia ships more A100 cards to cloud providers.\n",
                             "A100 supply", source="The Register", section="Cloud",
                             language="en")
    mention(chips, nvidia)
    mention(both, nvidia)
    mention(both, huawei)
    mention(english, a100, Mention.Status.SUGGESTED)
    mention(english, huawei, Mention.Status.REJECTED)
    return {"nvidia": nvidia, "huawei": huawei, "a100": a100,
            "chips": chips, "both": both, "english": english}


def titles(response):
    return set(re.findall(r'<a href="/articles/[^"]+/"[^>]*>([^<]+)</a>',
                          response.content.decode()))


def test_home_has_lead_with_dek_and_sections(client):
    first = make_published(STORY, "旧闻")
    lead = make_published(STORY, "头条")
    Article.objects.filter(pk=lead.pk).update(dek="导语一句话")
    Article.objects.filter(pk=first.pk).update(published_at=timezone.now() - timedelta(hours=1))
    cache.clear()
    html = client.get("/").content.decode()
    assert html.index("头条") < html.index("旧闻")
    assert "导语一句话" in html


def test_frame_links_every_reader_page(client, world):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    nav = html[html.index("<nav"):html.index("</nav>")]
    for name in ("articles:home", "articles:list", "entities:list", "articles:about"):
        assert f'href="{reverse(name)}"' in nav, name
    assert client.get(reverse("entities:list")).status_code == 200


def test_section_page_lists_its_stories_only(client, world):
    response = client.get(reverse("articles:section", args=["芯片"]))
    assert titles(response) == {"芯片追赶", "昇腾对标"}
    assert client.get(reverse("articles:section", args=["nope"])).status_code == 404


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"芯片追赶", "昇腾对标", "A100 supply"}),
    ("?entity=nvidia", {"芯片追赶", "昇腾对标"}),
    ("?entity=nvidia&entity=huawei", {"昇腾对标"}),
    ("?entity=huawei", {"昇腾对标"}),  # the rejected mention does not count
    ("?entity=a100", {"A100 supply"}),  # a suggested one does
    ("?kind=product", {"A100 supply"}),
    ("?section=cloud", {"A100 supply"}),
    ("?source=虎嗅&language=zh", {"芯片追赶"}),
    ("?language=en", {"A100 supply"}),
    ("?entity=nvidia&section=芯片&language=zh&source=36氪", {"昇腾对标"}),
])
def test_listing_filters_combine(client, world, query, expected):
    response = client.get(reverse("articles:list") + query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_listing_date_range(client, world):
    Article.objects.filter(pk=world["chips"].pk).update(
        published_at=timezone.now() - timedelta(days=30))
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert titles(client.get(reverse("articles:list") + f"?date_after={day}")) == {
        "昇腾对标", "A100 supply"}
    assert titles(client.get(reverse("articles:list") + f"?date_before={day}")) == {"芯片追赶"}


def test_listing_keeps_filters_in_pagination_links(client, world):
    for n in range(21):
        make_published(STORY, f"英文{n}", language="en", index=False)
    html = client.get(reverse("articles:list") + "?language=en").content.decode()
    assert "?language=en&amp;page=2" in html


def test_article_page_shows_story_meta_entities_and_related(client, world):
    article = world["chips"]
    Article.objects.filter(pk=article.pk).update(
        byline="记者甲", source_url="https://example.com/story?a=1&b=2")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "记者甲" in html and "虎嗅" in html
    assert 'href="https://example.com/story?a=1&amp;b=2"' in html
    assert "<time datetime=" in html
    assert "英伟达" in html  # entity link
    related = html[html.index('id="related-title"'):]
    assert "昇腾对标" in related and "A100 supply" not in related


def test_article_page_seo_tags_and_json_ld(client):
    article = make_published(STORY, "标题</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/' in html
    assert 'property="og:type" content="article"' in html
    assert 'name="twitter:card"' in html
    assert "<script>alert(1)</script>" not in html
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle" and data["headline"].startswith("标题</script>")


def test_article_page_query_count_does_not_grow(client, django_assert_max_num_queries, world):
    long_story = "".join(f"第{n}段:国产芯片与英伟达的竞争仍在继续,生态需要时间。\n"
                         for n in range(200))
    article = make_published(long_story, "长文", index=False)
    for entity in (world["nvidia"], world["huawei"], world["a100"]):
        mention(article, entity)
    with django_assert_max_num_queries(7):  # rendered live: its stored parts not built yet
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/?entity=nvidia&kind=organisation",
                                 "/search/?q=芯片", "/sections/芯片/", "/about/"])
def test_list_pages_use_few_queries(client, world, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_pages_are_cached_and_invalidated_by_changes(client, world):
    url = world["chips"].get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    world["chips"].title = "芯片追赶(更新)"
    world["chips"].save()
    again = client.get(url)
    assert again["X-Page-Cache"] == "miss" and "芯片追赶(更新)" in again.content.decode()
    before = cache.get(VERSION_KEY)
    Entity.objects.filter(pk=world["nvidia"].pk).first().save()
    assert cache.get(VERSION_KEY) != before


def test_entity_pages_are_cached_and_invalidated_by_relations(client, world):
    from entities.models import Relation

    url = reverse("entities:detail", kwargs={"slug": world["nvidia"].slug})
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    Relation.objects.create(
        subject=world["huawei"], predicate=Relation.Predicate.values[0], object=world["nvidia"]
    )
    again = client.get(url)
    assert again["X-Page-Cache"] == "miss" and world["huawei"].name in again.content.decode()
    assert client.get(reverse("entities:list"))["X-Page-Cache"] == "miss"


def test_editors_bypass_the_cache_and_see_previews(editor_client, client):
    article = make_published(STORY, "已发布")
    client.get(article.get_absolute_url())
    response = editor_client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response


def test_article_page_supports_conditional_get(client):
    article = make_published(STORY, "条件请求")
    response = client.get(article.get_absolute_url())
    assert response.has_header("ETag") and response.has_header("Last-Modified")
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get(article.get_absolute_url(),
                       HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_feeds(client, world):
    rss = client.get(reverse("articles:feed-rss"))
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "芯片追赶" in rss.content.decode()
    atom = client.get(reverse("articles:feed-atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    section = client.get(reverse("articles:section-rss", args=["cloud"])).content.decode()
    assert "A100 supply" in section and "芯片追赶" not in section
    entity = client.get(reverse("articles:entity-atom", args=[world["nvidia"].slug]))
    body = entity.content.decode()
    assert "芯片追赶" in body and "A100 supply" not in body
    assert client.get(reverse("articles:entity-rss", args=["nope"])).status_code == 404


def test_sitemap_and_robots(client, world):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles.xml" in index
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert world["chips"].get_absolute_url().replace("芯", "%E8%8A%AF")[:10] in articles
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_about_page_has_real_content(client):
    html = client.get(reverse("articles:about")).content.decode()
    assert "lorem" not in html.lower()
    assert "inject" in html.lower() or "注入" in html or "夹带" in html


def test_404_is_friendly(client):
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'action="/search/"' in html


def test_language_switch_and_translated_interface(client):
    response = client.get(reverse("articles:language"), {"language": "en", "next": "/about/"})
    assert response.status_code == 302 and response["Location"] == "/about/"
    english = client.get("/about/").content.decode()
    assert "About Newsroom" in english and 'lang="en"' in english
    client.get(reverse("articles:language"), {"language": "zh-hans", "next": "/"})
    chinese = client.get("/about/").content.decode()
    assert "关于" in chinese and 'lang="zh-hans"' in chinese


def test_language_switch_refuses_foreign_redirects(client):
    response = client.get(reverse("articles:language"),
                          {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_admin_is_translated(editor_client):
    editor_client.cookies["django_language"] = "zh-hans"
    html = editor_client.get("/admin/").content.decode()
    assert "跳到主要内容" in html  # Django ships the admin in Simplified Chinese


def test_sign_in_security_admin_is_translated_too(admin_client):
    """django-axes has no Chinese catalogue of its own; ours carries its strings."""
    admin_client.cookies["django_language"] = "zh-hans"
    html = admin_client.get("/admin/").content.decode()
    assert "登录安全" in html and "访问尝试" in html
    assert "Axes" not in html and "Access attempts" not in html


def test_public_pages_load_nothing_from_other_servers(client, world):
    html = client.get(world["chips"].get_absolute_url()).content.decode()
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html.replace(
        'rel="canonical" href="http://testserver', "").replace(
        'rel="alternate"', ""))


def test_favicon_is_linked_and_served(client, world):
    """The public frame links the site's icon; /favicon.ico, which browsers ask for on
    pages that link none (the admin's), redirects to it permanently instead of a 404."""
    from xml.etree import ElementTree

    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    icon = static("articles/favicon.svg")
    home = client.get(reverse("articles:home")).content.decode()
    assert f'<link rel="icon" type="image/svg+xml" href="{icon}">' in home
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon
    assert client.post("/favicon.ico").status_code == 405
    svg = ElementTree.parse(finders.find("articles/favicon.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
