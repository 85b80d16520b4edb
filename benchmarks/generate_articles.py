"""Fill a PostgreSQL benchmark database with N realistic articles, fast (COPY).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_public \\
        python benchmarks/generate_articles.py --count 200000 --recreate

``--recreate`` drops and re-creates the database named in ``DATABASE_URL`` and
migrates it (refused unless the name contains "bench", so a real database can
never be dropped by accident). Without it, rows are appended to what is there.

What it makes, shaped like a tech desk's archive rather than a toy:

* ``--entities`` (default 5,000) entities of every kind; the 24 well-known ones
  (腾讯, 英伟达, A100...) head the list. Articles pick entities by a
  Zipf-Mandelbrot law, so a few are in a tenth of all stories and most in a handful.
* 3-8 entities per article, each mentioned 1-2 times; mentions are mostly
  confirmed, some confident KB suggestions (linkable), some weak or rejected ones.
* 12 sections, 40 sources, 85% Chinese and 15% English stories, publish times
  spread over six years and rising with the id (imports arrive roughly in order),
  ~3% drafts, scheduled or archived stories.
* 5-10 story paragraphs plus one injected "foreign" block that must never be
  searchable, and the search document (tsvector from ``search.tokenizer``).

Rows are streamed with COPY; ``ANALYZE`` runs at the end. They bypass the pipeline,
so no article has its stored page parts (``public/stories.py``) yet: the page
renders them itself until ``manage.py render_stories`` stores them (about 30 ms an
article), and ``bench_public.py`` stores those of the page it measures.
"""

import argparse
import bisect
import hashlib
import itertools
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

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from search import tokenizer  # noqa: E402
from search.indexing import BODY_OFFSET  # noqa: E402

KNOWN = [
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
HAN_PARTS = list("星云智芯海天极光量子数创新微锐达腾盛华为博联科视讯元启航灵犀深度图灵矩阵")
LATIN_PARTS = ["Nova", "Quant", "Sky", "Deep", "Edge", "Vector", "Tensor", "Luma", "Orbit",
               "Pixel", "Core", "Flux", "Nimbus", "Atlas", "Helix", "Zen", "Cobalt", "Apex"]
SUFFIX = {"organisation": ["科技", "智能", "半导体", "云", " Labs", " AI"],
          "product": ["-X", " Pro", "芯片", "大模型", " 2", " Max"],
          "person": ["", ""], "place": ["市", "区", "新城"], "event": ["大会", "峰会", " Summit"],
          "work": ["白皮书", "报告"], "other": ["计划", "联盟"]}
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
KINDS = (["organisation"] * 45 + ["product"] * 25 + ["person"] * 15 + ["place"] * 7
         + ["event"] * 4 + ["work"] * 2 + ["other"] * 2)
PHRASES = [
    "大模型的训练成本居高不下", "算力成为各家公司竞争的焦点", "开源社区推动了生态的发展",
    "芯片供应链面临新的不确定性", "推理成本正在快速下降", "行业应用仍处在早期阶段",
    "数据质量决定了模型的上限", "投资人对AIGC赛道保持谨慎乐观", "监管框架逐步完善",
    "云厂商纷纷推出模型服务平台", "端侧部署成为新的方向", "多模态能力受到广泛关注",
    "自动驾驶的商业化进展缓慢", "手机厂商加快了自研芯片的步伐", "数据中心的电力消耗引发讨论",
    "光刻机出口管制持续收紧", "机器人公司获得新一轮融资", "智能汽车的价格战愈演愈烈",
    "存储芯片价格开始回升", "企业服务市场竞争激烈", "跨境电商面临合规挑战",
    "游戏版号审批节奏恢复正常", "短视频平台调整推荐算法", "卫星互联网进入建设高峰",
]
ENGLISH = [
    "The company said demand for GPU clusters kept rising this quarter.",
    "Analysts expect inference costs to fall further as open-source models improve.",
    "Edge devices are becoming a serious target for model deployment.",
    "Training data quality remains the main bottleneck, engineers said.",
    "Cloud platforms cut token prices again in a bid for developers.",
    "Regulators are drafting new rules for generative AI services.",
    "Chip export controls continue to reshape the supply chain.",
    "The startup raised a new round led by existing investors.",
]
FOREIGN = ["BTC短线跌破2万美元,24小时跌幅5% [2021/9/9 23:12:07]",
           "某交易所宣布上线新币种,矿池算力创新高 [2022/3/1 08:00:00]",
           "本文不构成任何投资建议,转载请注明出处", "关注我们的公众号,获取更多资讯"]
SECTIONS = ["人工智能", "芯片", "云计算", "创业投资", "手机", "政策", "汽车", "机器人",
            "游戏", "电商", "通信", "Cloud"]
SOURCES = ["虎嗅", "36氪", "钛媒体", "机器之心", "量子位", "The Register", "TechCrunch", "雷锋网",
           "界面新闻", "财新", "第一财经", "澎湃新闻", "IT之家", "爱范儿", "极客公园", "品玩",
           "少数派", "晚点LatePost", "新浪科技", "网易科技", "腾讯科技", "凤凰科技", "DoNews",
           "亿欧", "创业邦", "投资界", "新智元", "AI科技评论", "芯东西", "智东西", "车东西",
           "电子工程世界", "集微网", "Ars Technica", "The Verge", "Wired", "Reuters Tech",
           "Bloomberg Tech", "Nikkei Asia", "South China Morning Post"]
YEARS = 6


def make_entities(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    out = list(KNOWN[:n])
    seen = {name for name, _, _ in out}
    while len(out) < n:
        kind = rng.choice(KINDS)
        if kind == "person":
            name = rng.choice(SURNAMES) + "".join(rng.sample(HAN_PARTS, rng.randint(1, 2)))
            english = f"{rng.choice(LATIN_PARTS)} {rng.choice(LATIN_PARTS)}"
        elif rng.random() < 0.6:
            name = "".join(rng.sample(HAN_PARTS, rng.randint(2, 3))) + rng.choice(SUFFIX[kind])
            english = rng.choice(LATIN_PARTS) + rng.choice(LATIN_PARTS).lower()
        else:
            name = rng.choice(LATIN_PARTS) + rng.choice(LATIN_PARTS) + rng.choice(SUFFIX[kind])
            english = name
        if name in seen:
            continue
        seen.add(name)
        out.append((name, english, kind))
    return out


def zipf_cum_weights(n: int, s: float = 1.05, q: float = 3.0) -> list[float]:
    """Zipf-Mandelbrot: weight of rank k is 1/(k+q)^s."""
    return list(itertools.accumulate(1.0 / (k + q) ** s for k in range(1, n + 1)))


def recreate_database() -> None:
    name = settings.DATABASES["default"]["NAME"]
    if "bench" not in name:
        sys.exit(f"refusing to drop {name!r}: --recreate only drops a database named *bench*")
    connections.close_all()
    import psycopg

    params = settings.DATABASES["default"]
    with psycopg.connect(dbname="postgres", user=params["USER"], host=params["HOST"],
                         port=params["PORT"] or 5432, password=params["PASSWORD"] or None,
                         autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"database {name} re-created and migrated", flush=True)


def next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def reset_sequences(cursor) -> None:
    for table in ("articles_source", "articles_section", "articles_article", "articles_block",
                  "entities_entity", "entities_mention"):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
        )


BIG_TABLES = ("articles_article", "articles_block", "entities_mention", "search_searchdocument")


def drop_secondary_indexes(cursor) -> list[str]:
    """Drop the big tables' plain indexes (not keys or unique constraints) for the load;
    returns the statements that re-create them, as pg_restore does."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "WHERE i.tablename = ANY(%s) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [list(BIG_TABLES)],
    )
    rows = cursor.fetchall()
    for name, _definition in rows:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--entities", type=int, default=5_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--recreate", action="store_true",
                        help="drop, create and migrate the (bench) database first")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("generate_articles.py fills PostgreSQL: set DATABASE_URL")
    if args.recreate:
        recreate_database()
    rng = random.Random(args.seed)
    began = time.perf_counter()
    now = timezone.now()
    run = f"{int(time.time())}"
    raw = connection.cursor().connection  # the psycopg connection, for COPY
    with raw.cursor() as cur:
        # Sections, sources and entities (small): reuse what exists by name/key.
        sections = {}
        for name in SECTIONS:
            cur.execute("INSERT INTO articles_section (name, slug) VALUES (%s, %s) "
                        "ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
                        [name, name.lower()])
            sections[name] = cur.fetchone()[0]
        sources = []
        for i, name in enumerate(SOURCES):
            cur.execute("INSERT INTO articles_source (name, slug, homepage) VALUES (%s, %s, '') "
                        "ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
                        [name, f"src-{i}"])
            sources.append(cur.fetchone()[0])
        entity_rows = make_entities(rng, args.entities)
        cur.execute("SELECT key, id FROM entities_entity WHERE key LIKE 'gen-%%'")
        existing = dict(cur.fetchall())
        new_id = next_id(cur, "entities_entity")
        entities = []  # (id, name, kind), in popularity order
        with cur.copy("COPY entities_entity (id, key, name, name_en, slug, kind, description, "
                      "wikidata, website, created_at, updated_at) FROM STDIN") as copy:
            for i, (name, english, kind) in enumerate(entity_rows):
                key = f"gen-{i}"
                if key in existing:
                    entities.append((existing[key], name, kind))
                    continue
                copy.write_row((new_id, key, name, english, key, kind, "", None, "", now, now))
                entities.append((new_id, name, kind))
                new_id += 1
        dropped = drop_secondary_indexes(cur)
        raw.commit()
        cum = zipf_cum_weights(len(entities))
        total_weight = cum[-1]
        article_id = next_id(cur, "articles_article")
        block_id = next_id(cur, "articles_block")
        mention_id = next_id(cur, "entities_mention")
        section_ids = list(sections.values())
        start = now - timedelta(days=365 * YEARS)
        span = (now - start).total_seconds()
        done = 0
        counts = {"blocks": 0, "mentions": 0}
        while done < args.count:
            n = min(args.batch, args.count - done)
            articles, blocks, mentions, documents = [], [], [], []
            for i in range(done, done + n):
                picked: dict[int, tuple[int, str, str]] = {}
                want = rng.randint(3, 8)
                while len(picked) < want:
                    rank = bisect.bisect_left(cum, rng.random() * total_weight)
                    picked.setdefault(rank, entities[rank])
                mentioned = list(picked.values())
                english = rng.random() < 0.15
                names = [e[1] for e in mentioned]
                paragraphs = []
                for _ in range(rng.randint(5, 10)):
                    if english:
                        paragraphs.append(f"{rng.choice(names)}: " + " ".join(
                            rng.sample(ENGLISH, rng.randint(2, 3))))
                    else:
                        parts = [rng.choice(PHRASES) for _ in range(rng.randint(2, 4))]
                        parts.insert(rng.randrange(len(parts) + 1), f"{rng.choice(names)}表示")
                        paragraphs.append(",".join(parts) + "。")
                texts = list(paragraphs)
                foreign_at = rng.randrange(1, len(texts))
                texts.insert(foreign_at, rng.choice(FOREIGN))
                raw_body = "\n".join(texts)
                title = (f"{names[0]} {rng.choice(['launches', 'bets on', 'answers', 'rethinks'])}"
                         f" {names[1]} #{i}" if english else
                         f"{names[0]}{rng.choice(['发布新一代', '押注', '回应', '调整'])}"
                         f"{names[1]}战略 #{i}")
                # Publish times rise with the id (with jitter); a few are not public.
                at = start + timedelta(seconds=span * (i + rng.random()) / args.count)
                status = "published"
                roll = rng.random()
                if roll < 0.01:
                    status = "draft"
                elif roll < 0.02:
                    status, at = "scheduled", now + timedelta(days=rng.randint(1, 30))
                elif roll < 0.03:
                    status = "archived"
                aid = article_id
                article_id += 1
                articles.append((
                    aid, title, f"gen-{run}-{i}", paragraphs[0][:80],
                    "记者" + rng.choice("甲乙丙丁"),
                    "", "en" if english else "zh", status, at, raw_body, "text", "utf-8",
                    hashlib.sha256(raw_body.encode()).hexdigest(), 1, "done", at, "generated",
                    at, at, sections[rng.choice(SECTIONS)] if rng.random() < 0.95
                    else rng.choice(section_ids), rng.choice(sources), "[]",
                ))
                offset = 0
                for index, text in enumerate(texts):
                    kind = "foreign" if index == foreign_at else "paragraph"
                    blocks.append((block_id, aid, index, offset, offset + len(text), text, kind,
                                   kind, 0.9 if kind == "foreign" else 0.05, "[]", "{}",
                                   "generated", 0, 0, 0, 0, 0, False))
                    block_id += 1
                    offset += len(text) + 1
                for eid, name, kind in mentioned:
                    roll = rng.random()
                    status_, confidence = (
                        ("confirmed", 1.0) if roll < 0.7 else ("suggested", 0.95) if roll < 0.9
                        else ("suggested", 0.5) if roll < 0.96 else ("rejected", 0.95))
                    for _ in range(rng.randint(1, 2)):
                        index = rng.choice([k for k in range(len(texts)) if k != foreign_at])
                        mentions.append((mention_id, aid, eid, index, 0, len(name), 0, len(name),
                                         name, kind, "kb", confidence, status_, ""))
                        mention_id += 1
                body = "\n".join(paragraphs)
                documents.append((
                    aid, title, body, tokenizer.token_string(body),
                    tokenizer.token_string(title),
                    " ".join((tokenizer.tsvector_literal(title, weight="A"),
                              tokenizer.tsvector_literal(body, offset=BODY_OFFSET))),
                    now,
                ))
            with cur.copy(
                "COPY articles_article (id, title, slug, dek, byline, source_url, language, "
                "status, published_at, raw_body, raw_format, raw_encoding, raw_sha256, version, "
                "processing_state, processed_at, checker_version, created_at, updated_at, "
                "section_id, source_id, warnings) FROM STDIN"
            ) as copy:
                for row in articles:
                    copy.write_row(row)
            with cur.copy(
                'COPY articles_block (id, article_id, index, start, "end", text, kind, '
                "machine_kind, score, reasons, meta, checker_version, fingerprint, band0, band1, "
                "band2, band3, overridden) FROM STDIN"
            ) as copy:
                for row in blocks:
                    copy.write_row(row)
            with cur.copy(
                'COPY entities_mention (id, article_id, entity_id, block_index, start, "end", '
                "block_start, block_end, surface, kind, origin, confidence, status, reason) "
                "FROM STDIN"
            ) as copy:
                for row in mentions:
                    copy.write_row(row)
            with cur.copy(
                "COPY search_searchdocument (article_id, title, body, tokens, title_tokens, "
                "vector, updated_at) FROM STDIN"
            ) as copy:
                for row in documents:
                    copy.write_row(row)
            raw.commit()
            counts["blocks"] += len(blocks)
            counts["mentions"] += len(mentions)
            done += n
            rate = done / (time.perf_counter() - began)
            print(f"{done}/{args.count} articles ({rate:.0f}/s)", flush=True)
        reset_sequences(cur)
        raw.commit()
        index_began = time.perf_counter()
        for statement in dropped:
            cur.execute(statement)
        raw.commit()
        print(f"re-created {len(dropped)} indexes in {time.perf_counter() - index_began:.1f}s",
              flush=True)
    raw.autocommit = True
    with raw.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    print(f"generated {args.count} articles, {counts['blocks']} blocks, "
          f"{counts['mentions']} mentions, {len(entities)} entities, {len(SECTIONS)} sections, "
          f"{len(SOURCES)} sources in {time.perf_counter() - began:.1f}s", flush=True)


if __name__ == "__main__":
    main()
