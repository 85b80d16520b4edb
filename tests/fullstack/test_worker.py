"""End to end on the real stack: a real `celery worker` process picks up an import."""

import pytest
from django.conf import settings
from django.db import connection

from articles.imports import import_article
from articles.models import Article
from public.models import StoryRender
from tests.fullstack.conftest import stop, wait_for

pytestmark = [pytest.mark.fullstack, pytest.mark.django_db(transaction=True)]


def test_worker_processes_an_imported_article(worker):
    assert connection.vendor == "postgresql"
    text = "第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n"
    article = import_article(text, title="真实worker", source="测试源")
    assert Article.objects.get(pk=article.pk).processing_state == Article.Processing.PENDING

    def processed():
        return Article.objects.get(pk=article.pk).processing_state == Article.Processing.DONE

    if not wait_for(processed):
        pytest.fail("worker did not process the article:\n" + stop(worker)[-5000:])
    article.refresh_from_db()
    run = article.runs.get()
    assert run.task_id  # it came through the broker, not in-process
    assert run.state == "succeeded"
    assert article.blocks.count() >= 2

    def page_stored():
        return StoryRender.objects.filter(article=article).count() == len(settings.LANGUAGES)

    # blocks_checked -> render_stories_task through the broker: the page is stored.
    if not wait_for(page_stored):
        pytest.fail("worker did not store the article's page:\n" + stop(worker)[-5000:])
