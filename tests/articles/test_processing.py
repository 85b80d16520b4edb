"""Processing is idempotent, recorded, and enqueued only after commit."""

import pytest

import cleaning
from articles import processing
from articles.imports import import_article
from articles.models import Article, ProcessingRun
from articles.tasks import process_article_task, sweep_unprocessed_task

pytestmark = pytest.mark.django_db

TEXT = "第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n第三段:客户需要耐心。\n"


def test_task_body_is_idempotent():
    article = import_article(TEXT, title="幂等")
    first = processing.process_article(article.pk)
    blocks = list(article.blocks.values_list("index", "start", "end", "kind"))
    second = processing.process_article(article.pk)
    assert first.state == ProcessingRun.State.SUCCEEDED
    assert second.state == ProcessingRun.State.SKIPPED
    assert list(article.blocks.values_list("index", "start", "end", "kind")) == blocks
    forced = processing.process_article(article.pk, force=True)
    assert forced.state == ProcessingRun.State.SUCCEEDED
    assert list(article.blocks.values_list("index", "start", "end", "kind")) == blocks


def test_task_for_a_deleted_article_returns_quietly(eager):
    assert process_article_task.apply(args=[987654]).get() == "gone"


def test_failure_is_recorded_and_article_kept(monkeypatch):
    article = import_article(TEXT, title="失败")

    def boom(*args, **kwargs):
        raise RuntimeError("checker exploded")

    monkeypatch.setattr(cleaning, "check", boom)
    with pytest.raises(RuntimeError):
        processing.process_article(article.pk)
    article.refresh_from_db()
    assert article.processing_state == Article.Processing.FAILED
    run = article.runs.get()
    assert run.state == ProcessingRun.State.FAILED and "checker exploded" in run.error
    assert article.raw_body == TEXT


def test_sweep_requeues_stale_processing_only(monkeypatch):
    stuck = import_article(TEXT, title="卡住")
    fresh = import_article(TEXT, title="刚导入")
    done = import_article(TEXT, title="完成")
    processing.process_article(done.pk)
    Article.objects.filter(pk__in=[stuck.pk, done.pk]).update(updated_at="2000-01-01T00:00:00Z")
    sent = []
    monkeypatch.setattr(process_article_task, "delay", lambda pk, **kw: sent.append(pk))
    assert sweep_unprocessed_task() == 1
    assert sent == [stuck.pk]
    assert fresh.pk not in sent


def test_nightly_recheck_of_outdated_articles_is_a_tracked_job(eager,
                                                               django_capture_on_commit_callbacks):
    from desk.models import BulkJob
    from desk.tasks import recheck_outdated_task

    done = import_article(TEXT, title="旧版本")
    processing.process_article(done.pk)
    Article.objects.filter(pk=done.pk).update(checker_version="0-old")
    with django_capture_on_commit_callbacks(execute=True):
        assert recheck_outdated_task() == 1
    job = BulkJob.objects.get()
    assert job.state == "done" and job.done == 1 and job.percent == 100
    done.refresh_from_db()
    assert done.checker_version == cleaning.CHECKER_VERSION


def test_migration_refingerprints_stored_blocks_and_overrides():
    from importlib import import_module

    from django.apps import apps

    from articles.models import Block, BlockOverride

    article = import_article(TEXT, title="指纹")
    processing.process_article(article.pk)
    block = article.blocks.first()
    override = BlockOverride.objects.create(
        article=article,
        start=block.start,
        end=block.end,
        text=block.text,
        fingerprint=7,
        band0=0,
        band1=0,
        band2=0,
        band3=7,
        machine_kind="paragraph",
        kind="chrome",
    )
    article.blocks.update(fingerprint=0, band0=0, band1=0, band2=0, band3=0)
    import_module("articles.migrations.0006_refingerprint_blocks").refingerprint(apps, None)
    for row in [*Block.objects.filter(article=article), BlockOverride.objects.get(pk=override.pk)]:
        fp = cleaning.fingerprint(row.text)
        assert fp != 0
        assert (row.fingerprint, row.band0, row.band1, row.band2, row.band3) == (
            fp,
            *cleaning.bands(fp),
        )
