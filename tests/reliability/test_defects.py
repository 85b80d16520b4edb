"""Regression tests for the adversarial run's defects (issue #17), one section each.

Full-stack ones (PostgreSQL's or Redis's own behaviour) are in
``test_defects_fullstack.py``; pages in headless Chromium in ``test_defects_browser.py``.
"""

from datetime import timedelta

import lxml.html
import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import processing
from articles.imports import import_article
from articles.models import Article, Revision
from articles.workflow import transition
from desk.models import BulkJob

pytestmark = pytest.mark.django_db
TEXT = "第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n"


@pytest.fixture
def users(django_user_model):
    def make(name, role):
        user = django_user_model.objects.create_user(name, password="pw-Long-enough-1",
                                                     is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return {"reporter": make("rita", "reporter"), "editor": make("eddie", "editor"),
            "other_editor": make("bea", "editor")}


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def form_data(response) -> dict:
    doc = lxml.html.fromstring(response.content.decode())
    form = doc.get_element_by_id("article_form")
    return {k: v for k, v in form.form_values() if k != "csrfmiddlewaretoken"}


# --- 1. A publish or a schedule is never lost to a stale form save -------------------

@pytest.mark.parametrize("to", [Article.Status.PUBLISHED, Article.Status.SCHEDULED])
def test_stale_form_save_keeps_the_publish_and_names_it(users, to):
    article = import_article(TEXT, title="原标题", user=users["editor"])
    change = reverse("admin:articles_article_change", args=[article.pk])
    a, b = client_for(users["editor"]), client_for(users["other_editor"])
    stale = form_data(a.get(change))
    assert "published_at" not in stale and "status" not in stale  # the form owns neither
    when = timezone.now() + timedelta(days=1)
    response = b.post(reverse("admin:articles_article_transition", args=[article.pk]),
                      {"to": to, "when": when.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    stale["title"] = "编辑甲的新标题"
    response = a.post(change, stale)
    assert response.status_code == 200  # refused, shown on the form
    html = response.content.decode()
    assert "Someone else saved this article" in html
    # The state change is named as what it was, and who made it.
    assert "bea changed" in html and "status" in html and "publish time" in html
    assert "eddie changed" not in html
    article.refresh_from_db()
    assert article.status == to and article.published_at is not None
    assert article.title == "原标题"


def test_every_state_change_is_a_new_version_with_a_revision(users):
    article = import_article(TEXT, title="版本")
    transition(article, Article.Status.REVIEW, users["editor"])
    transition(article, Article.Status.PUBLISHED, users["editor"])
    article.refresh_from_db()
    assert article.version == 3
    latest = article.revisions.order_by("-number").first()
    assert latest.number == 3 and latest.data["status"] == "published"


def test_a_fresh_form_save_never_writes_the_workflow_fields(users):
    """Even a form opened after the publish saves only what it owns."""
    article = import_article(TEXT, title="发布后编辑", user=users["editor"])
    transition(article, Article.Status.PUBLISHED, users["editor"])
    article.refresh_from_db()
    published_at = article.published_at
    client = client_for(users["editor"])
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(change))
    data.update(title="发布后改标题", published_at="", status="draft")
    assert client.post(change, data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status, article.published_at) == (
        "发布后改标题", "published", published_at)


def test_restoring_a_revision_never_changes_the_state(users):
    article = import_article(TEXT, title="恢复")
    # An old revision (before workflow fields left the form) recorded an empty publish time.
    Revision.objects.filter(article=article, number=1).update(
        data={**article.editable_snapshot(), "published_at": None})
    transition(article, Article.Status.PUBLISHED, users["editor"])
    client = client_for(users["editor"])
    client.post(reverse("admin:articles_article_revision", args=[article.pk, 1]))
    article.refresh_from_db()
    assert article.status == "published" and article.published_at is not None


# --- "also editing" names people who saved, never people who only opened the page ----

def test_also_editing_names_only_people_who_saved(users):
    article = import_article(TEXT, title="在场", user=users["editor"])
    change = reverse("admin:articles_article_change", args=[article.pk])
    a, b = client_for(users["editor"]), client_for(users["other_editor"])
    data = form_data(a.get(change))
    assert "Also editing" not in b.get(change).content.decode()  # eddie only opened it
    data["dek"] = "改了导语"
    assert a.post(change, data).status_code == 302
    assert "Also editing this article right now: eddie" in b.get(change).content.decode()


# --- 2 (embedded part). An unreachable cache is a miss, never a 500 -----------------

@pytest.fixture
def unreachable_cache(settings):
    from articles.caching import forget_local
    from newsroom.cache import outage
    from tests.reliability.test_faults import free_port

    settings.CACHES = {"default": {
        "BACKEND": "newsroom.cache.NewsroomRedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }}
    outage.reset()
    forget_local()
    yield
    outage.reset()
    forget_local()


def test_public_pages_and_the_change_form_are_served_with_the_cache_down(
        users, unreachable_cache, caplog):
    article = import_article(TEXT, title="缓存故障")
    processing.process_article(article.pk)
    transition(article, Article.Status.PUBLISHED, users["editor"])
    anonymous = Client()
    for url in ("/", "/articles/", "/search/?q=芯片", article.get_absolute_url(),
                "/feeds/rss/"):
        assert anonymous.get(url).status_code == 200, url
    change = reverse("admin:articles_article_change", args=[article.pk])
    editor = client_for(users["editor"])
    data = form_data(editor.get(change))
    data["dek"] = "缓存坏了也能保存"
    assert editor.post(change, data).status_code == 302
    outages = [r for r in caplog.records if "cache unreachable" in r.getMessage()]
    assert len(outages) == 1  # logged once, not once per call


@pytest.mark.django_db(transaction=True)  # on_commit runs as in production
def test_a_save_whose_tasks_cannot_be_queued_says_so(users, monkeypatch):
    from articles.tasks import process_article_task

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(process_article_task, "delay", broker_down)
    client = client_for(users["editor"])
    response = client.post(reverse("admin:articles_article_import"), {
        "title": "队列故障", "language": "zh", "text": TEXT,
    }, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your change is saved. The task queue is unreachable" in html
    article = Article.objects.get(title="队列故障")
    assert article.processing_state == Article.Processing.PENDING  # the sweep's to pick up


# --- 3. Lists never load or group by the raw import ---------------------------------

def test_no_admin_list_selects_or_groups_by_the_raw_import(admin_client):
    from entities.models import Entity, Mention

    marker = "原始正文" * 10
    article = import_article(marker + "\n" + TEXT, title="大文章")
    processing.process_article(article.pk)
    entity = Entity.objects.create(name="芯片公司", kind=Entity.Kind.ORGANISATION)
    Mention.objects.create(article=article, entity=entity, surface="芯片公司", start=0, end=4,
                           block_index=0, block_start=0, kind=entity.kind, origin="kb")
    from desk.audit import record

    record(None, "import", article)
    checked = 0
    for model, model_admin in site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200, url
        for query in queries.captured_queries:
            sql = query["sql"]
            assert "raw_body" not in sql and "raw_original" not in sql, (url, sql)
        checked += 1
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(reverse("admin:index")).status_code == 200
    assert not [q for q in queries.captured_queries if "raw_body" in q["sql"]]
    assert checked > 10


# --- 5. Actions check their own permission and every row -----------------------------

@pytest.mark.parametrize("action", ["reprocess", "recheck_as_job", "extract_entities_as_job"])
def test_reporters_cannot_run_pipeline_actions(users, action, django_capture_on_commit_callbacks):
    mine = import_article(TEXT, title="我的", user=users["reporter"])
    theirs = import_article(TEXT, title="别人的", user=users["editor"])
    reporter = client_for(users["reporter"])
    url = reverse("admin:articles_article_changelist")
    for payload in ({"_selected_action": [mine.pk, theirs.pk]},
                    {"_selected_action": [mine.pk], "select_across": "1"}):
        with django_capture_on_commit_callbacks() as callbacks:
            reporter.post(url, {"action": action, **payload})
        assert not callbacks
    assert not BulkJob.objects.exists()


def test_editors_actions_skip_rows_they_may_not_change(users, monkeypatch):
    """Per row: an editor without delete/publish rights still may re-process any article,
    but a user whose change permission is per object gets only their rows."""
    from articles.admin import ArticleAdmin

    theirs = import_article(TEXT, title="别人的", user=users["reporter"])
    monkeypatch.setattr(ArticleAdmin, "has_change_permission",
                        lambda self, request, obj=None: obj is None or obj.pk != theirs.pk)
    mine = import_article(TEXT, title="我的", user=users["editor"])
    editor = client_for(users["editor"])
    editor.post(reverse("admin:articles_article_changelist"), {
        "action": "recheck_as_job", "_selected_action": [mine.pk], "select_across": "1"})
    job = BulkJob.objects.get()
    assert job.ids == [mine.pk]
