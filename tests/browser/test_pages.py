"""The public pages in a real browser (headless Chromium)."""

import subprocess
import tempfile

import pytest

from articles import processing
from articles.imports import import_article
from articles.workflow import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Lines of the seed's injected items, chrome and disclaimer that must never reach a reader.
NOT_STORY = [
    "THORChain节点运营商",
    "Qitchain官方公布项目白皮书",
    "Riot Blockchain",
    "链上ChainUP市场合伙人",
    "0xScope",
    "郑重声明",
    "媒体专栏",
    "金色早8点",
]


def dump_dom(url: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=3000",
             "--dump-dom", url],
            capture_output=True, text=True, timeout=90,
        )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_seed_article_page_shows_the_story_only(live_server, seed_bytes):
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
