"""Reconstruction drafts from an article's blocks: the task body, its idempotence and
what it never overwrites."""

import pytest

from articles import processing
from articles.imports import import_article
from articles.models import Block
from datatables.drafts import refresh_article_tables
from datatables.models import DataTable
from datatables.tasks import rebuild_tables_task

pytestmark = pytest.mark.django_db

HEADER_2 = ["大厂投资机构", "投资企业数", "平均持股比例", "最高持股比例", "100%持股企业数"]
SMALL = ("第一段正文,讲融资。\n公司\n成立时间\n融资轮次\n百度\n2000\n上市\n腾讯\n1998\n上市\n"
         "公司部分统计\n结尾一段正文。\n")


def test_seed_gives_two_drafts_with_captions(seed_tables):
    assert len(seed_tables) == 2
    first, second = seed_tables
    assert all(t.origin == "reconstructed" and t.status == "draft" for t in seed_tables)
    assert first.caption == "国内AI大模型相关公司部分统计"
    assert second.caption == "三家互联网大厂投资AI相关公司情况"
    assert second.source_note == "企查查"
    assert second.header == HEADER_2
    assert [row[0] for row in second.rows] == ["阿里巴巴", "百度风投", "腾讯投资"]
    types = [c["type"] for c in second.columns]
    assert types[2] == types[3] == "percent"
    assert "36.25%" in second.rows[0] and "17.54%" in second.rows[2]


def test_seed_first_table_has_named_headers_groups_and_a_row_per_company(seed_tables):
    first = seed_tables[0]
    header = first.header
    for name in ("公司类型", "成立时间", "大模型及相关产品", "融资轮次"):
        assert name in header
    assert len(header) == 5
    category = header.index("公司类型")
    company = next(i for i, c in enumerate(first.columns) if c["name"] not in {
        "公司类型", "成立时间", "大模型及相关产品", "融资轮次"})
    companies = [row[company] for row in first.rows]
    for name in ("百度", "字节跳动", "商汤科技", "科大讯飞", "百川智能"):
        assert companies.count(name) == 1, name
    # group labels are filled down their group, so each row stands on its own
    by_company = {row[company]: row for row in first.rows}
    assert by_company["商汤科技"][category] == "互联网公司"
    assert by_company["百川智能"][category] == "2023年成立都初创AI公司"
    year = header.index("成立时间")
    assert first.columns[year]["type"] == "year"
    assert by_company["商汤科技"][year] == "2014"
    assert by_company["商汤科技"][header.index("大模型及相关产品")] == "日日新"
    assert by_company["澜舟科技"][header.index("融资轮次")] == "Pre-A轮"
    assert 0 < first.confidence <= 1
    assert first.machine_notes  # the editor is told where it is unsure
    assert first.position == Block.objects.get(article=first.article, text="公司类型").index
    caption = Block.objects.get(article=first.article, index=first.caption_position)
    assert caption.kind == "caption" and caption.text == "国内AI大模型相关公司部分统计"


def test_rebuild_is_idempotent(seed_article, seed_tables):
    before = {t.pk: (t.rows, t.columns, t.updated_at) for t in seed_tables}
    outcome = refresh_article_tables(seed_article.pk)
    assert not outcome.created and not outcome.updated and not outcome.deleted
    after = {t.pk: (t.rows, t.columns, t.updated_at)
             for t in DataTable.objects.filter(article=seed_article)}
    assert after == before


def test_editor_tables_survive_reruns_and_are_flagged_when_the_cells_change(editor):
    article = import_article(SMALL, title="小表")
    processing.process_article(article.pk)
    refresh_article_tables(article.pk)
    table = DataTable.objects.get(article=article)
    assert table.header[:3] == ["公司", "成立时间", "融资轮次"]
    table.rows[0][0] = "百度公司"
    table.mark_edited(editor)
    table.save()

    refresh_article_tables(article.pk)  # same cells: kept, not flagged
    table.refresh_from_db()
    assert table.rows[0][0] == "百度公司" and not table.source_changed

    # The cells change under it (an editor re-typed a block): kept, but flagged.
    Block.objects.filter(article=article, text="2000").update(text="2001")
    outcome = refresh_article_tables(article.pk)
    table.refresh_from_db()
    assert outcome.flagged == [table.pk]
    assert table.rows[0][0] == "百度公司" and table.source_changed
    assert DataTable.objects.filter(article=article).count() == 1

    table.confirm(editor)
    table.save()
    refresh_article_tables(article.pk)  # the acknowledged change is not raised again
    table.refresh_from_db()
    assert table.status == "confirmed" and not table.source_changed


def test_untouched_drafts_follow_the_cells_and_vanish_with_them():
    article = import_article(SMALL, title="小表")
    processing.process_article(article.pk)
    refresh_article_tables(article.pk)
    Block.objects.filter(article=article, text="2000").update(text="2001")
    outcome = refresh_article_tables(article.pk)
    assert len(outcome.updated) == 1
    assert "2001" in DataTable.objects.get(article=article).rows[0]
    Block.objects.filter(article=article, kind="table_cells").update(kind="paragraph")
    outcome = refresh_article_tables(article.pk)
    assert outcome.deleted == 1 and not DataTable.objects.filter(article=article).exists()


def test_task_is_quiet_when_the_article_is_gone():
    assert rebuild_tables_task(987654) is None


def test_blocks_checked_enqueues_the_rebuild_on_commit(eager, django_capture_on_commit_callbacks):
    article = import_article(SMALL, title="小表")
    with django_capture_on_commit_callbacks(execute=True):
        processing.process_article(article.pk)
    assert DataTable.objects.filter(article=article, origin="reconstructed").count() == 1
