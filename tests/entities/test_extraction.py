"""Extraction: offsets, the task body, enqueueing, and editors' decisions across re-runs."""

from types import SimpleNamespace

import pytest

from articles import processing
from articles.imports import import_article
from articles.models import Article
from entities import pipeline
from entities.models import Extraction, Mention
from entities.tasks import extract_mentions_task

SEED_FOREIGN = ["THORChain", "Qitchain", "Riot Blockchain", "ChainUP", "0xScope"]


# --- Pure: offsets ---------------------------------------------------------------------

def block(index, start, end, text, kind="paragraph"):
    return SimpleNamespace(index=index, start=start, end=end, text=text, kind=kind)


def test_text_offsets_are_the_block_offset_plus_the_offset_in_the_block():
    raw = "标题\n百度发布文心一言。\n"
    b = block(1, 3, 12, "百度发布文心一言。")
    assert pipeline.raw_span(b, raw, 4, 8) == (7, 11)
    assert raw[7:11] == "文心一言"
    assert pipeline.block_span(b, raw, 7, 11, "文心一言") == (4, 8)


def test_html_offsets_find_the_same_occurrence_in_the_markup():
    raw = "<p>百度和<b>百度</b>的&amp;文心一言</p>"
    b = block(0, 0, len(raw), "百度和百度的&文心一言")
    start, end = pipeline.raw_span(b, raw, 3, 5)  # the second 百度
    assert (start, end) == (raw.index("<b>") + 3, raw.index("</b>"))
    assert pipeline.block_span(b, raw, start, end, "百度") == (3, 5)
    # A name split by markup falls back to the block's span, never a wrong place.
    split = "<p>文心<i>一言</i></p>"
    assert pipeline.raw_span(block(0, 0, len(split), "文心一言"), split, 0, 4) == (0, len(split))


# --- The task body ---------------------------------------------------------------------

pytestmark = pytest.mark.django_db

TEXT = (
    "腾讯AI实验室和百度都在做大模型。\n"
    "文心一言的更新很快。\n"
)


def test_task_stores_story_mentions_with_offsets_into_the_raw_body(small_kb, processed):
    article = processed(TEXT)
    assert pipeline.extract_article(article.pk) == "done"
    mentions = list(article.mentions.select_related("entity"))
    for mention in mentions:
        assert article.raw_body[mention.start:mention.end] == mention.surface
        text = article.blocks.get(index=mention.block_index).text
        assert text[mention.block_start:mention.block_end] == mention.surface
    assert [(m.surface, m.entity.key) for m in mentions if not m.reason] == [
        ("腾讯AI实验室", "tencent-ai-lab"), ("百度", "baidu"), ("文心一言", "ernie-bot"),
    ]
    assert all(m.origin == "kb" and m.status == "suggested" for m in mentions)


def test_task_reads_story_blocks_only(small_kb, processed):
    article = processed("百度发布了新的大模型。\n腾讯也在做。\n")
    article.blocks.filter(index=1).update(kind="foreign")
    pipeline.extract_article(article.pk)
    assert list(article.mentions.values_list("surface", flat=True)) == ["百度"]


def test_maker_is_suggested_when_only_the_product_is_named(small_kb, processed):
    article = processed("文心一言的更新很快,用户越来越多。\n")
    pipeline.extract_article(article.pk)
    maker = article.mentions.get(entity__key="baidu")
    assert maker.origin == "kb" and maker.confidence < 0.5 and maker.status == "suggested"
    assert "文心一言" in maker.reason and "百度" in maker.reason
    assert not maker.is_linkable


def test_task_is_idempotent_and_quiet_for_a_missing_article(small_kb, processed):
    article = processed(TEXT)
    assert pipeline.extract_article(article.pk) == "done"
    rows = list(article.mentions.values_list("surface", "start", "end", "entity_id"))
    assert pipeline.extract_article(article.pk) == "skipped"
    assert pipeline.extract_article(article.pk, force=True) == "done"
    assert list(article.mentions.values_list("surface", "start", "end", "entity_id")) == rows
    assert Extraction.objects.get(article=article).suggested == len(rows)
    assert pipeline.extract_article(987654) == "gone"


def test_task_runs_through_celery(eager, small_kb, processed):
    article = processed(TEXT)
    assert extract_mentions_task.apply(args=[article.pk]).get() == "done"
    assert extract_mentions_task.apply(args=[987654]).get() == "gone"


def test_editor_decisions_survive_a_rerun(small_kb, processed, editor):
    article = processed(TEXT)
    pipeline.extract_article(article.pk)
    article.mentions.filter(surface="百度").decide(Mention.Status.REJECTED, editor)
    article.mentions.filter(surface="文心一言").decide(Mention.Status.CONFIRMED, editor)
    parent_guess = article.mentions.get(entity__key="tencent", reason__contains="腾讯")
    article.mentions.filter(entity__key="tencent-ai-lab").decide(Mention.Status.CONFIRMED,
                                                                 editor)
    Mention.objects.filter(pk=parent_guess.pk).decide(Mention.Status.REJECTED, editor)
    processing.process_article(article.pk, force=True)  # blocks rewritten
    pipeline.extract_article(article.pk, force=True)
    statuses = sorted(article.mentions.values_list("entity__key", "surface", "status"))
    assert statuses == [
        ("baidu", "百度", "rejected"),
        ("ernie-bot", "文心一言", "confirmed"),
        ("tencent", "腾讯AI实验室", "rejected"),
        ("tencent-ai-lab", "腾讯AI实验室", "confirmed"),
    ]
    # Nothing is suggested again: not the rejected 百度, nor 文心一言's maker (百度 again),
    # nor the rejected parent guess.
    assert not article.mentions.filter(status="suggested").exists()


def test_checked_blocks_reach_extraction_through_the_body_on_commit(
    small_kb, django_capture_on_commit_callbacks, monkeypatch
):
    """blocks_checked enqueues the body's sync; the body, once made, enqueues extraction.
    The sync runs here in-process whatever the Celery mode, so the chain is the same on
    the embedded default and on the full stack."""
    from body.tasks import sync_body_task

    sent = []
    monkeypatch.setattr(sync_body_task, "delay", lambda *a, **kw: sync_body_task.apply(a))
    monkeypatch.setattr(extract_mentions_task, "delay", lambda *a, **kw: sent.append(a))
    article = import_article(TEXT, title="入队")
    with django_capture_on_commit_callbacks(execute=True):
        processing.process_article(article.pk)
    assert sent == [(article.pk,)]


# --- The seed article ------------------------------------------------------------------

@pytest.fixture
def seed_article(seed_bytes, starter_kb):
    article = import_article(seed_bytes, title="AI大模型“应激反应”", filename="seed.txt")
    processing.process_article(article.pk)
    assert pipeline.extract_article(article.pk) == "done"
    return Article.objects.get(pk=article.pk)


def test_seed_story_mentions_are_found_and_linked(seed_article):
    import extraction
    from entities.knowledge import toolkit

    story = list(seed_article.blocks.story().order_by("index"))
    expected = {
        (m.block, m.start, m.end, m.entity_key)
        for m in extraction.extract([(b.index, b.text) for b in story], toolkit().matcher)
    }
    stored = set(
        seed_article.mentions.filter(entity__isnull=False, reason="")
        .values_list("block_index", "block_start", "block_end", "entity__key")
    )
    assert expected and expected <= stored
    linked = dict(seed_article.mentions.filter(reason="").values_list("surface", "entity__key"))
    assert linked["騰讯AI实验室"] == "tencent-ai-lab"
    assert linked["智谱Al"] == "zhipu-ai"
    assert linked["面壁科技"] == linked["面壁智能"] == "modelbest"
    for mention in seed_article.mentions.all():
        assert seed_article.raw_body[mention.start:mention.end] == mention.surface


def test_seed_foreign_items_are_not_tagged(seed_article):
    surfaces = list(seed_article.mentions.values_list("surface", flat=True))
    keys = set(seed_article.mentions.values_list("entity__key", flat=True))
    for name in SEED_FOREIGN:
        assert not any(name.lower() in s.lower() for s in surfaces), name
    assert not keys & {"thorchain", "qitchain", "riot-blockchain", "chainup", "0xscope"}
    foreign = set(seed_article.blocks.exclude(kind__in=pipeline.STORY_KINDS)
                  .values_list("index", flat=True))
    assert not seed_article.mentions.filter(block_index__in=foreign).exists()


def test_extract_mentions_command_queues_articles(small_kb, processed, monkeypatch):
    from django.core.management import call_command

    article = processed(TEXT)
    sent = []
    monkeypatch.setattr(extract_mentions_task, "delay", lambda *a, **kw: sent.append((a, kw)))
    call_command("extract_mentions", "--all", "--force")
    assert sent == [((article.pk,), {"force": True})]


def test_new_products_and_names_are_ranked_and_the_maker_relation_suggested(small_kb,
                                                                            processed):
    article = processed("百度昨天发布了 Zorvex 5000 芯片,经理柯小亮在现场。\n"
                        "柯小亮说,Zorvex 5000 明年量产。\n")
    pipeline.extract_article(article.pk)
    new = {m.surface: m for m in article.mentions.filter(entity__isnull=True)}
    assert new["Zorvex 5000"].kind == "product" and new["柯小亮"].kind == "person"
    assert all(m.salience > 0 for m in new.values())
    maker = article.mentions.get(entity__key="baidu", reason__startswith="new product")
    assert "Zorvex 5000" in maker.reason and not maker.is_linkable
    linked = article.mentions.get(entity__key="baidu", reason="")
    assert linked.is_linkable  # an unambiguous KB match links without asking


def test_a_new_unit_of_a_known_group_gets_the_parent_relation_suggested(small_kb, processed):
    article = processed("百度金融昨天发布了新的理财产品。\n百度金融还表示明年扩大规模。\n")
    pipeline.extract_article(article.pk)
    assert article.mentions.filter(entity__isnull=True, surface="百度金融").exists()
    parent = article.mentions.get(entity__key="baidu", reason__startswith="new name")
    assert "百度金融 belongs to 百度" in parent.reason and not parent.is_linkable
