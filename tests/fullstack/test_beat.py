"""Scheduled publishing with real `celery beat` and `celery worker` processes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.imports import import_article
from articles.models import Article, Transition
from articles.workflow import transition
from desk.models import AuditEntry
from tests.fullstack.conftest import stop, wait_for, worker_args

pytestmark = [pytest.mark.fullstack, pytest.mark.django_db(transaction=True)]
TEXT = "第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n"


def scheduled(title: str, seconds: float) -> Article:
    article = import_article(TEXT, title=title)
    return transition(article, Article.Status.SCHEDULED, None,
                      when=timezone.now() + timedelta(seconds=seconds))


def beat(celery_procs, tmp_path, name: str):
    return celery_procs(["beat", "--loglevel=INFO", f"--schedule={tmp_path / name}"],
                        NEWSROOM_PUBLISH_INTERVAL="1")


def is_published(article: Article) -> bool:
    return Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_beat_publishes_a_scheduled_article(celery_procs, tmp_path):
    article = scheduled("定时发布真实beat", seconds=3)
    worker = celery_procs(worker_args("beat-worker"))
    beat(celery_procs, tmp_path, "one")
    if not wait_for(lambda: is_published(article), timeout=60):
        pytest.fail("not published:\n" + stop(worker)[-4000:])
    article.refresh_from_db()
    assert article.published_at <= timezone.now()


def test_two_beats_publish_once(celery_procs, tmp_path):
    article = scheduled("两个beat只发布一次", seconds=3)
    celery_procs(worker_args("race-worker", concurrency=2))
    beat(celery_procs, tmp_path, "a")
    beat(celery_procs, tmp_path, "b")
    assert wait_for(lambda: is_published(article), timeout=60)
    # Let both beats fire several more times after the publication.
    wait_for(lambda: False, timeout=4)
    assert Transition.objects.filter(article=article, to_status="published").count() == 1
    assert AuditEntry.objects.filter(article=article, action="publish").count() == 1
