"""Roles, states, scheduled publishing, revisions, concurrent edits, dashboard and audit."""

from datetime import timedelta

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from articles import processing
from articles.imports import import_article
from articles.models import Article, Transition
from articles.workflow import TransitionError, publish_due, transition
from desk.models import AuditEntry

pytestmark = pytest.mark.django_db
TEXT = "第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n"


@pytest.fixture
def users(django_user_model):
    def make(name, role):
        user = django_user_model.objects.create_user(name, password="pw-Long-enough-1",
                                                     is_staff=True)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return {
        "reporter": make("rita", "reporter"),
        "other_reporter": make("rob", "reporter"),
        "editor": make("eddie", "editor"),
        "nobody": make("nora", None),
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(response) -> dict:
    """Every field of the admin change form as the browser would submit it."""
    doc = lxml.html.fromstring(response.content.decode())
    form = doc.get_element_by_id("article_form")
    return {k: v for k, v in form.form_values() if k != "csrfmiddlewaretoken"}


def test_roles_are_created_by_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {"reporter", "editor", "admin"}
    editor = Group.objects.get(name="editor")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"publish_article", "review_article", "change_block"} <= codenames
    reporter = set(Group.objects.get(name="reporter").permissions.values_list("codename",
                                                                               flat=True))
    assert "publish_article" not in reporter and "change_block" not in reporter
    # Pictures for their own stories, through the story editor's upload.
    assert {"add_image", "view_image"} <= reporter and "change_image" not in reporter


def test_permission_matrix(users):
    mine = import_article(TEXT, title="我的稿子", user=users["reporter"])
    theirs = import_article(TEXT, title="别人的稿子", user=users["other_reporter"])
    processing.process_article(mine.pk)
    change = lambda a: reverse("admin:articles_article_change", args=[a.pk])  # noqa: E731
    review = reverse("admin:articles_article_review", args=[mine.pk])
    reporter, editor, nobody = (client_for(users[k]) for k in ("reporter", "editor", "nobody"))

    assert reporter.get(reverse("admin:articles_article_import")).status_code == 200
    assert nobody.get(reverse("admin:articles_article_import")).status_code == 403
    assert nobody.get(change(mine)).status_code in (302, 403)
    # Reporters edit their own drafts, only view others'.
    assert reporter.get(change(mine)).status_code == 200
    assert 'name="title"' in reporter.get(change(mine)).content.decode()
    assert 'name="title"' not in reporter.get(change(theirs)).content.decode()
    # Only editors override verdicts.
    block = mine.blocks.first()
    assert reporter.post(review, {"one": f"{block.pk}:drop"}).status_code == 403
    assert editor.post(review, {"one": f"{block.pk}:drop"}).status_code == 302
    # Reporters submit; editors publish.
    with pytest.raises(PermissionDenied):
        transition(mine, Article.Status.PUBLISHED, users["reporter"])
    with pytest.raises(PermissionDenied):
        transition(theirs, Article.Status.REVIEW, users["reporter"])
    transition(mine, Article.Status.REVIEW, users["reporter"])
    transition(mine, Article.Status.PUBLISHED, users["editor"])
    # A published article is no longer the reporter's to edit.
    assert 'name="title"' not in reporter.get(change(mine)).content.decode()


def test_transitions_are_checked_and_recorded(users):
    article = import_article(TEXT, title="状态")
    with pytest.raises(TransitionError):
        transition(article, Article.Status.ARCHIVED, users["editor"])
    transition(article, Article.Status.REVIEW, users["editor"])
    transition(article, Article.Status.PUBLISHED, users["editor"])
    transition(article, Article.Status.ARCHIVED, users["editor"])
    steps = list(Transition.objects.filter(article=article).order_by("at", "pk")
                 .values_list("from_status", "to_status", "user__username"))
    assert steps == [("draft", "review", "eddie"), ("review", "published", "eddie"),
                     ("published", "archived", "eddie")]
    assert AuditEntry.objects.filter(action="publish", article=article).count() == 1


def test_transition_view_schedules_from_the_change_form(users):
    article = import_article(TEXT, title="定时")
    editor = client_for(users["editor"])
    page = editor.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'value="scheduled"' in page.content.decode()
    response = editor.post(reverse("admin:articles_article_transition", args=[article.pk]),
                           {"to": "scheduled", "when": "2030-01-02T08:30"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "scheduled" and article.published_at.year == 2030


@pytest.mark.parametrize("data", [
    {"to": "bogus"},  # S("bogus").label raised ValueError
    {"to": "scheduled", "when": "2030-02-30T08:30"},  # well formed, no such day
    {"to": "scheduled", "when": "0001-01-01T00:00"},  # before year 1 in UTC
], ids=["no-such-state", "no-such-day", "out-of-range"])
def test_a_tampered_or_impossible_transition_is_a_message_not_a_500(users, data):
    article = import_article(TEXT, title="定时")
    editor = client_for(users["editor"])
    editor.raise_request_exception = False
    response = editor.post(reverse("admin:articles_article_transition", args=[article.pk]),
                           data, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    article.refresh_from_db()
    assert article.status == "draft" and article.published_at is None


def test_scheduling_for_a_time_already_past_is_refused(users):
    """A mistyped year (2020 for 2030) said "scheduled", and the next beat published the
    story at once, dated years back (so below every story on the front page)."""
    article = import_article(TEXT, title="定时")
    editor = client_for(users["editor"])
    response = editor.post(reverse("admin:articles_article_transition", args=[article.pk]),
                           {"to": "scheduled", "when": "2020-01-02T08:30"}, follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")
    assert [str(m) for m in response.context["messages"]] == [
        "That publish time has passed: choose a later one, or publish now."]
    article.refresh_from_db()
    assert article.status == "draft" and article.published_at is None
    with pytest.raises(TransitionError):
        transition(article, Article.Status.SCHEDULED, None,
                   when=timezone.now() - timedelta(minutes=1))


def test_a_bulk_change_says_which_stories_were_not_yours_to_change(users):
    """A reporter submitting their draft and a colleague's was told "1 not allowed in
    their current state": both were drafts; the other was simply not theirs."""
    mine = import_article(TEXT, title="我的稿", user=users["reporter"])
    theirs = import_article(TEXT, title="别人的稿", user=users["other_reporter"])
    reporter = client_for(users["reporter"])
    response = reporter.post(reverse("admin:articles_article_changelist"), {
        "action": "submit_for_review", "_selected_action": [mine.pk, theirs.pk]},
        follow=True, HTTP_ACCEPT_LANGUAGE="en")
    said = [str(m) for m in response.context["messages"]]
    assert "1 article left out: you may not change it." in said, said
    assert "1 changed, 0 not allowed in their current state." in said, said
    assert Article.objects.get(pk=mine.pk).status == "review"
    assert Article.objects.get(pk=theirs.pk).status == "draft"


def test_publish_now_on_a_scheduled_story_publishes_it_now(users, client):
    """"Publish now" on a story scheduled for tomorrow kept tomorrow's time: the admin
    said published, and readers got a 404 until then."""
    article = import_article(TEXT, title="提前发布")
    transition(article, Article.Status.SCHEDULED, None,
               when=timezone.now() + timedelta(days=1))
    editor = client_for(users["editor"])
    editor.post(reverse("admin:articles_article_transition", args=[article.pk]),
                {"to": "published"})
    article.refresh_from_db()
    assert article.status == "published" and article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_now_ignores_a_time_typed_for_the_schedule(users):
    """The "Schedule for" field sits beside "Publish now" in one form: with a time
    typed in, "Publish now" published the story dated then (hidden until a future
    time, or backdated under older stories)."""
    article = import_article(TEXT, title="立即发布")
    editor = client_for(users["editor"])
    editor.post(reverse("admin:articles_article_transition", args=[article.pk]),
                {"to": "published", "when": "2030-01-02T08:30"})
    article.refresh_from_db()
    assert article.status == "published" and article.published_at <= timezone.now()


def test_scheduled_articles_are_published_once():
    article = import_article(TEXT, title="定时发布")
    transition(article, Article.Status.SCHEDULED, None, when=timezone.now() + timedelta(hours=1))
    assert publish_due() == []
    later = timezone.now() + timedelta(hours=2)
    assert publish_due(later) == [article.pk]
    assert publish_due(later) == []
    article.refresh_from_db()
    assert article.status == "published"
    assert Transition.objects.filter(article=article, to_status="published").count() == 1


def test_a_stale_state_loses_the_race():
    article = import_article(TEXT, title="竞争")
    copy = Article.objects.get(pk=article.pk)
    transition(article, Article.Status.PUBLISHED, None)
    with translation.override("en"), pytest.raises(TransitionError, match="first"):
        transition(copy, Article.Status.PUBLISHED, None)


def test_revisions_diff_and_restore(users):
    article = import_article(TEXT, title="第一版标题")
    editor = client_for(users["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(editor.get(url))
    data.update(title="第二版标题", revision_message="改标题")
    assert editor.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == "第二版标题" and article.version == 2
    revision = article.revisions.get(number=2)
    assert revision.message == "改标题" and revision.author == users["editor"]
    # Revision 1 did not exist (imports via the API); save one through the admin again.
    first = article.revisions.order_by("number").first()
    diff = editor.get(reverse("admin:articles_article_revision",
                              args=[article.pk, first.number])).content.decode()
    assert "第二版标题" in diff
    data = form_data(editor.get(url))
    data.update(title="第三版标题")
    editor.post(url, data)
    response = editor.post(reverse("admin:articles_article_revision", args=[article.pk, 2]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "第二版标题" and article.version == 4
    assert article.raw_body == TEXT
    assert AuditEntry.objects.filter(action="restore").exists()


def test_concurrent_edit_is_refused_with_what_changed(users, django_user_model):
    article = import_article(TEXT, title="原标题")
    other = django_user_model.objects.create_superuser("alice", password="pw-Long-enough-2")
    first, second = client_for(users["editor"]), client_for(other)
    url = reverse("admin:articles_article_change", args=[article.pk])
    first_form = form_data(first.get(url))
    second_page = second.get(url)
    assert "eddie" not in second_page.content.decode()  # eddie only opened it
    second_form = form_data(second_page)
    first_form.update(title="编辑甲的标题")
    assert first.post(url, first_form).status_code == 302
    assert "eddie" in second.get(url).content.decode()  # eddie saved: now named
    second_form.update(dek="编辑乙的导语")
    response = second.post(url, second_form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this article" in html and "title" in html
    article.refresh_from_db()
    assert article.title == "编辑甲的标题" and article.dek == ""


def test_dashboard_shows_the_desk(users, monkeypatch):
    import cleaning

    waiting = import_article(TEXT, title="等待审核")
    transition(waiting, Article.Status.REVIEW, None)
    broken = import_article(TEXT, title="处理失败")
    monkeypatch.setattr(cleaning, "check", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        processing.process_article(broken.pk)
    soon = import_article(TEXT, title="即将发布")
    transition(soon, Article.Status.SCHEDULED, None, when=timezone.now() + timedelta(hours=3))
    html = client_for(users["editor"]).get(reverse("admin:index")).content.decode()
    for text in ("等待审核", "处理失败", "ZeroDivisionError", "即将发布", 'value="reprocess"'):
        assert text in html, text


def test_quality_page_counts_overrides(users):
    from articles.review import override_blocks

    article = import_article("正文一段,讲芯片。\n免责声明:本文仅代表作者观点,不构成投资建议。\n",
                             title="质量", source="脏来源")
    processing.process_article(article.pk)
    flagged = article.blocks.exclude(kind="paragraph").first()
    override_blocks(article, [flagged], "keep", users["editor"])
    html = client_for(users["editor"]).get(reverse("admin:desk_quality")).content.decode()
    assert "脏来源" in html
    assert client_for(users["reporter"]).get(reverse("admin:desk_quality")).status_code == 403


def test_bulk_jobs_from_the_article_list_show_progress(users, eager,
                                                       django_capture_on_commit_callbacks):
    from desk.models import BulkJob

    articles = [import_article(TEXT, title=f"批量{i}") for i in range(3)]
    editor = client_for(users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("admin:articles_article_changelist"), {
            "action": "extract_entities_as_job",
            "_selected_action": [str(a.pk) for a in articles],
        })
    assert response.status_code == 302
    job = BulkJob.objects.get(name="extract_entities")
    assert (job.state, job.done, job.total, job.percent) == ("done", 3, 3, 100)
    page = editor.get(reverse("admin:desk_bulkjob_changelist")).content.decode()
    assert "<progress" in page and "extract_entities" in page
