"""The demo outlets: stories of our own writing, served as feeds and pages on loopback.

Two outlets: "Demo Wire" publishes the stories with its own pages and RSS feed;
"Demo Aggregator" republishes the first one under its own address, headline and
chrome, in a JSON Feed. Polled together, the wire's stories arrive in the review
queue and the aggregator's copy is linked to the wire's article, not imported.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from ingest.loopback import LoopbackServer, Route


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    author: str
    paragraphs: tuple[str, ...]


STORIES = (
    Story("edge-chips", "端侧芯片开始进入中端手机", "林晓", (
        "今年下半年发布的几款中端手机,第一次把能够本地运行小型语言模型的芯片带到了三千元价位。"
        "厂商在发布会上反复强调,离线翻译和相册搜索不再需要把照片上传到云端。",
        "这类芯片的共同点是专门划出一块神经网络处理单元,并且把内存带宽放在比峰值算力更优先的位置。"
        "一位参与设计的工程师解释说,模型推理时真正的瓶颈往往是数据搬运,而不是乘加运算本身。",
        "不过,端侧模型的能力仍然有限。测试显示,参数量在三十亿左右的模型可以流畅完成摘要和改写,"
        "但遇到需要长篇推理的问题时,回答质量明显不如云端的大模型。",
        "应用开发者的态度也在分化。有的团队已经把隐私敏感的功能全部迁到本地,"
        "也有团队认为电池续航和发热问题没有解决之前,端侧推理只适合作为云端服务的补充。",
    )),
    Story("open-toolchain", "开源编译器工具链迎来国产处理器支持", "周明远", (
        "一个主流开源编译器项目在最新版本中合并了对两款国产服务器处理器的后端支持,"
        "这意味着开发者不必再维护各自的分支,就能为这些处理器生成经过优化的代码。",
        "合并过程持续了将近一年。社区维护者要求提交者补齐指令调度模型和完整的回归测试,"
        "在代码评审中累计提出了数百条修改意见,其中不少涉及向量扩展的寄存器分配。",
        "对于下游的发行版来说,这一变化的影响更为直接。过去为了适配新处理器,"
        "打包者往往要在上游版本之外额外打十几个补丁,升级编译器时还经常遇到补丁冲突。",
        "业内人士提醒,进入上游只是第一步。后续能否持续跟进新的指令集特性,"
        "取决于处理器厂商是否愿意长期投入工程师参与社区维护,而不是一次性地提交代码。",
    )),
    Story("datacenter-cooling", "液冷改造让老数据中心多装一倍服务器", "陈思", (
        "华东一座运行了八年的数据中心完成液冷改造后,单机柜功率从八千瓦提高到了二十千瓦以上,"
        "在不新建机房的情况下容纳了将近一倍的计算服务器。",
        "改造采用的是冷板式方案,冷却液只流经处理器和加速卡表面的金属冷板,"
        "其余部件仍然依靠风扇散热,因此不需要更换整套机柜,施工期间大部分业务可以照常运行。",
        "运营方给出的数据显示,改造后全年平均电能使用效率从一点五降到了一点二五左右,"
        "节省下来的电费预计四年内可以收回投资,但前提是机柜长期保持较高的负载。",
        "这种做法也有代价。液冷管路需要定期巡检和更换密封件,一旦发生泄漏,排查难度高于传统风冷,"
        "运维团队为此专门增加了漏液检测传感器和夜间值守人员。",
    )),
)
REPUBLISHED = STORIES[0]  # the aggregator's copy of the wire's first story


def page(title: str, paragraphs: tuple[str, ...], *, outlet: str, author: str = "",
         charset: str = "utf-8", extra: str = "") -> str:
    """An article page with an outlet's own chrome around the story."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    byline = f'<p class="byline">作者:{escape(author)}</p>' if author else ""
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{escape(title)}'
        f" - {escape(outlet)}</title></head><body>"
        f'<header class="site-header"><a href="/">{escape(outlet)}</a>'
        " 首页 科技 财经 关于我们</header>"
        f"<article><h1>{escape(title)}</h1>{byline}\n{body}\n{extra}</article>"
        f'<footer class="site-footer">© {escape(outlet)} 版权所有 联系我们</footer>'
        "</body></html>"
    )


def rss(items: list[dict], *, title: str = "Demo Wire", link: str = "") -> str:
    """RSS 2.0; each item: title, link, guid, author, published (datetime), content."""
    out = []
    for item in items:
        content = item.get("content")
        out.append(
            "<item>"
            f"<title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
            f"<guid isPermaLink=\"false\">{escape(item.get('guid', item['link']))}</guid>"
            + (f"<author>{escape(item['author'])}</author>" if item.get("author") else "")
            + (f"<pubDate>{format_datetime(item['published'])}</pubDate>"
               if item.get("published") else "")
            + (f"<description>{escape(content)}</description>" if content else "")
            + "</item>"
        )
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>{escape(link)}</link>"
            f"<description>{escape(title)}</description>{''.join(out)}</channel></rss>")


def json_feed(items: list[dict], *, title: str = "Demo Aggregator") -> str:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "items": [
            {"id": item.get("guid", item["link"]), "url": item["link"], "title": item["title"],
             **({"authors": [{"name": item["author"]}]} if item.get("author") else {}),
             **({"date_published": item["published"].isoformat()}
                if item.get("published") else {}),
             **({"content_html": item["content"]} if item.get("content") else {})}
            for item in items
        ],
    }, ensure_ascii=False)


class DemoOutlets:
    """Both outlets on one loopback server. Stories are released one by one, every
    ``drip`` seconds, so a poll after a while finds new items; the aggregator's copy
    comes after the wire's original."""

    def __init__(self, port: int = 0, drip: float = 20.0) -> None:
        self.started = time.monotonic()
        self.drip = drip
        self.server = LoopbackServer(port=port)
        self.base = self.server.base
        published = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
        self.times = [published + timedelta(minutes=20 * i) for i in range(len(STORIES))]
        for story in STORIES:
            self.server.routes[f"/wire/{story.slug}.html"] = Route(page(
                story.title, story.paragraphs, outlet="Demo Wire", author=story.author))
        self.server.routes[f"/aggregator/{REPUBLISHED.slug}-copy.html"] = Route(page(
            "转载:" + REPUBLISHED.title, REPUBLISHED.paragraphs, outlet="Demo Aggregator",
            extra="<p>免责声明:本文转载自其他媒体,仅供参考。</p>"))
        self.server.routes["/wire/rss.xml"] = Route(self.wire_feed,
                                                    content_type="application/rss+xml")
        self.server.routes["/aggregator/feed.json"] = Route(
            self.aggregator_feed, content_type="application/feed+json")
        self.server.routes["/robots.txt"] = Route(
            b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")

    @property
    def wire_url(self) -> str:
        return self.base + "/wire/rss.xml"

    @property
    def aggregator_url(self) -> str:
        return self.base + "/aggregator/feed.json"

    def released(self) -> int:
        if self.drip <= 0:
            return len(STORIES)
        return min(len(STORIES), 1 + int((time.monotonic() - self.started) / self.drip))

    def wire_feed(self) -> bytes:
        items = [{"title": s.title, "link": f"{self.base}/wire/{s.slug}.html",
                  "author": s.author, "published": t}
                 for s, t in zip(STORIES[:self.released()], self.times, strict=False)]
        return rss(items[::-1], link=self.base + "/wire/").encode()

    def aggregator_feed(self) -> bytes:
        items = []
        if self.released() >= 2:  # after the wire's original is out
            items.append({"title": "转载:" + REPUBLISHED.title,
                          "link": f"{self.base}/aggregator/{REPUBLISHED.slug}-copy.html",
                          "published": self.times[0] + timedelta(hours=1)})
        return json_feed(items).encode()

    def start(self) -> DemoOutlets:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()
