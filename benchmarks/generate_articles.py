"""Fill PostgreSQL with N realistic published articles, fast (bulk inserts).

    DATABASE_URL=postgres://... python benchmarks/generate_articles.py --count 200000

Each article gets story blocks (paragraphs mixing Chinese and English tech
vocabulary), a few injected "foreign" blocks that must stay unsearchable,
3-6 mentions of knowledge-base entities and its search document (tsvector
from search.tokenizer), all with bulk_create in batches.
"""

import argparse
import hashlib
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Block, Section, Source  # noqa: E402
from entities.models import Entity, Mention  # noqa: E402
from search import tokenizer  # noqa: E402
from search.indexing import BODY_OFFSET  # noqa: E402
from search.models import SearchDocument  # noqa: E402

ENTITIES = [
    ("腾讯", "Tencent", "organisation"), ("阿里巴巴", "Alibaba", "organisation"),
    ("百度", "Baidu", "organisation"), ("华为", "Huawei", "organisation"),
    ("英伟达", "Nvidia", "organisation"), ("字节跳动", "ByteDance", "organisation"),
    ("商汤", "SenseTime", "organisation"), ("智谱AI", "Zhipu AI", "organisation"),
    ("寒武纪", "Cambricon", "organisation"), ("OpenAI", "OpenAI", "organisation"),
    ("混元", "Hunyuan", "product"), ("文心一言", "ERNIE Bot", "product"),
    ("通义千问", "Qwen", "product"), ("A100", "A100", "product"), ("H800", "H800", "product"),
    ("昇腾910", "Ascend 910", "product"), ("RISC-V", "RISC-V", "product"),
    ("李彦宏", "Robin Li", "person"), ("马化腾", "Pony Ma", "person"),
    ("黄仁勋", "Jensen Huang", "person"), ("上海", "Shanghai", "place"),
    ("深圳", "Shenzhen", "place"), ("北京", "Beijing", "place"),
    ("世界人工智能大会", "WAIC", "event"),
]
PHRASES = [
    "大模型的训练成本居高不下", "算力成为各家公司竞争的焦点", "开源社区推动了生态的发展",
    "芯片供应链面临新的不确定性", "推理成本正在快速下降", "行业应用仍处在早期阶段",
    "数据质量决定了模型的上限", "投资人对AIGC赛道保持谨慎乐观", "监管框架逐步完善",
    "云厂商纷纷推出模型服务平台", "端侧部署成为新的方向", "多模态能力受到广泛关注",
]
ENGLISH = ["GPU clusters", "open-source models", "inference costs", "edge devices",
           "training data", "cloud platforms", "benchmarks", "token prices"]
FOREIGN = ["BTC短线跌破2万美元,24小时跌幅5% [2021/9/9 23:12:07]",
           "某交易所宣布上线新币种,矿池算力创新高 [2022/3/1 08:00:00]"]
SECTIONS = ["人工智能", "芯片", "云计算", "创业投资", "手机", "政策"]
SOURCES = ["虎嗅", "36氪", "钛媒体", "机器之心", "量子位", "The Register", "TechCrunch", "雷锋网"]


def paragraph(rng: random.Random, names: list[str]) -> str:
    parts = [rng.choice(PHRASES) for _ in range(rng.randint(2, 4))]
    parts.insert(rng.randrange(len(parts) + 1), f"{rng.choice(names)}表示")
    if rng.random() < 0.5:
        parts.append(f"业内关注{rng.choice(ENGLISH)}")
    return ",".join(parts) + "。"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("generate_articles.py fills PostgreSQL: set DATABASE_URL")
    rng = random.Random(args.seed)
    began = time.perf_counter()
    sections = [Section.objects.get_or_create(name=n, defaults={"slug": n})[0] for n in SECTIONS]
    sources = [Source.objects.get_or_create(name=n)[0] for n in SOURCES]
    entities = []
    for name, english, kind in ENTITIES:
        entity, _ = Entity.objects.get_or_create(
            key=f"gen-{english.lower().replace(' ', '-')}",
            defaults={"name": name, "name_en": english, "kind": kind})
        entities.append(entity)
    run = f"{int(time.time())}"
    now = timezone.now()
    done = 0
    while done < args.count:
        n = min(args.batch, args.count - done)
        with transaction.atomic():
            articles, texts = [], []
            for i in range(done, done + n):
                mentioned = rng.sample(entities, rng.randint(3, 6))
                names = [e.name for e in mentioned]
                paragraphs = [paragraph(rng, names) for _ in range(rng.randint(5, 12))]
                blocks = list(paragraphs)
                blocks.insert(rng.randrange(1, len(blocks)), rng.choice(FOREIGN))
                raw = "\n".join(blocks)
                verb = rng.choice(["发布新一代", "押注", "回应", "调整"])
                title = f"{names[0]}{verb}{names[1]}战略 #{i}"
                articles.append(Article(
                    title=title, slug=f"gen-{run}-{i}", dek=paragraphs[0][:60],
                    byline="记者" + rng.choice("甲乙丙丁"), source=rng.choice(sources),
                    section=rng.choice(sections), language="zh", status="published",
                    published_at=now - timedelta(minutes=rng.randint(1, 3 * 365 * 24 * 60)),
                    raw_body=raw, raw_sha256=hashlib.sha256(raw.encode()).hexdigest(),
                    processing_state="done", checker_version="generated",
                ))
                texts.append((blocks, paragraphs, mentioned))
            Article.objects.bulk_create(articles)
            block_rows, mention_rows, documents = [], [], []
            for article, (blocks, paragraphs, mentioned) in zip(articles, texts, strict=True):
                offset = 0
                for index, text in enumerate(blocks):
                    kind = "foreign" if text in FOREIGN else "paragraph"
                    block_rows.append(Block(
                        article=article, index=index, start=offset, end=offset + len(text),
                        text=text, kind=kind, machine_kind=kind, score=0.0 if kind ==
                        "paragraph" else 0.9, checker_version="generated"))
                    offset += len(text) + 1
                for entity in mentioned:
                    mention_rows.append(Mention(
                        article=article, entity=entity, block_index=0, start=0, end=1,
                        surface=entity.name, kind=entity.kind, origin="kb",
                        status=rng.choice(["confirmed", "confirmed", "suggested"])))
                body = "\n".join(paragraphs)
                documents.append(SearchDocument(
                    article=article, title=article.title, body=body,
                    tokens=tokenizer.token_string(body),
                    title_tokens=tokenizer.token_string(article.title),
                    vector=" ".join((tokenizer.tsvector_literal(article.title, weight="A"),
                                     tokenizer.tsvector_literal(body, offset=BODY_OFFSET))),
                ))
            Block.objects.bulk_create(block_rows, batch_size=5000)
            Mention.objects.bulk_create(mention_rows, batch_size=5000)
            SearchDocument.objects.bulk_create(documents, batch_size=2000)
        done += n
        rate = done / (time.perf_counter() - began)
        print(f"{done}/{args.count} articles ({rate:.0f}/s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"done in {time.perf_counter() - began:.1f}s")


if __name__ == "__main__":
    main()
