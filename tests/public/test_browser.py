"""Public pages in headless Chromium: the seed story, an entity page, a filtered list, search."""

import subprocess
import tempfile
from urllib.parse import quote

import pytest
from django.core.cache import cache

from articles import processing
from articles.imports import import_article
from articles.workflow import publish
from entities.models import Entity, Mention
from search.indexing import index_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_STORY = ["THORChain节点运营商", "Qitchain官方公布项目白皮书", "Riot Blockchain",
             "链上ChainUP市场合伙人", "0xScope", "郑重声明", "媒体专栏", "金色早8点"]


def chromium(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=3000",
             *args],
            capture_output=True, text=True, timeout=90,
        )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def dump_dom(url: str) -> str:
    return chromium("--dump-dom", url)


@pytest.fixture
def seed_story(seed_bytes, eager):
    cache.clear()
    article = import_article(seed_bytes, title="AI大模型应激反应", source="虎嗅",
                             section="人工智能", source_url="https://www.huxiu.com/article/1.html")
    processing.process_article(article.pk, force=True)
    publish(article)
    index_article(article.pk)
    tencent, _ = Entity.objects.get_or_create(
        key="tencent-test", defaults={"name": "腾讯测试", "kind": Entity.Kind.ORGANISATION})
    Mention.objects.create(article=article, entity=tencent, block_index=0, start=0, end=2,
                           surface="腾讯", kind=tencent.kind, origin=Mention.Origin.EDITOR,
                           status=Mention.Status.CONFIRMED)
    yield article, tencent
    cache.clear()


def assert_clean(dom: str) -> None:
    for junk in NOT_STORY:
        assert junk not in dom, junk


def test_seed_article_page(live_server, seed_story):
    article, _ = seed_story
    dom = dump_dom(live_server.url + article.get_absolute_url())
    assert "经历了半年的AI洗礼" in dom and "华为没有时间作诗" in dom
    assert "<figcaption>" in dom and "烯牛数据" in dom
    assert "application/ld+json" in dom and 'property="og:title"' in dom
    assert "腾讯测试" in dom  # "in this story"
    assert_clean(dom)


def test_entity_page(live_server, seed_story):
    article, tencent = seed_story
    dom = dump_dom(live_server.url + tencent.get_absolute_url())
    assert "腾讯测试" in dom and article.title in dom
    assert_clean(dom)


def test_filtered_listing(live_server, seed_story):
    article, tencent = seed_story
    query = f"entity={quote(tencent.slug)}&language=zh&section={quote('人工智能')}"
    url = f"{live_server.url}/articles/?{query}"
    dom = dump_dom(url)
    assert article.title in dom
    assert_clean(dom)
    none = dump_dom(f"{live_server.url}/articles/?language=en")
    assert article.title not in none


@pytest.mark.parametrize("query", ["大模型", "腾讯 混元", "A100", "RISC-V"])
def test_search(live_server, seed_story, query):
    article, _ = seed_story
    dom = dump_dom(f"{live_server.url}/search/?q={quote(query)}")
    assert article.title in dom and "<mark>" in dom
    assert_clean(dom)


def test_phone_and_desktop_screenshots(live_server, seed_story, tmp_path):
    """Renders at phone and desktop width; the images are kept for a human to look at."""
    article, _ = seed_story
    for name, size in (("phone", "390,1600"), ("desktop", "1280,1400")):
        path = tmp_path / f"{name}.png"
        chromium(f"--window-size={size}", "--hide-scrollbars", f"--screenshot={path}",
                 live_server.url + article.get_absolute_url())
        assert path.stat().st_size > 10_000


def test_seed_article_page_shows_the_story_text_and_captions(live_server, seed_bytes):
    article = import_article(seed_bytes, title="AI大模型应激反应", source="虎嗅")
    processing.process_article(article.pk)
    publish(article)
    dom = dump_dom(live_server.url + article.get_absolute_url())
    assert "AI大模型应激反应" in dom
    assert "经历了半年的AI洗礼" in dom
    assert "华为没有时间作诗" in dom
    for junk in NOT_STORY:
        assert junk not in dom, junk
    assert "<figcaption>" in dom and "烯牛数据" in dom


def test_home_page_lists_the_story(live_server):
    article = import_article("第一段:国产芯片正在追赶。\n第二段:生态是关键。\n", title="浏览器首页")
    processing.process_article(article.pk)
    publish(article)
    dom = dump_dom(live_server.url + "/")
    assert "浏览器首页" in dom
