"""A published story whose slug changes keeps its old address as a permanent redirect."""

import pytest
from django.urls import reverse

from articles.imports import import_article
from articles.models import Article, FormerSlug
from tests.public.conftest import make_published

pytestmark = pytest.mark.django_db

STORY = (
    "芯片厂商今天公布了新一代加速卡的量产时间表,首批产品将在明年交付。\n"
    "公司表示,新产品在能效上比上一代提升三成,软件栈也同步更新。\n"
)


def detail(slug: str) -> str:
    return reverse("articles:detail", kwargs={"slug": slug})


def test_the_old_address_of_a_published_story_redirects_to_the_new(client):
    article = make_published(STORY, "量产时间表", index=False)
    old = article.slug
    assert client.get(detail(old)).status_code == 200  # and kept in the page cache
    article = Article.objects.get(pk=article.pk)  # as the admin's change form loads it
    article.slug = "加速卡量产"
    article.save()

    response = client.get(detail(old))
    assert response.status_code == 301 and response["Location"] == detail("加速卡量产")
    assert client.get(detail("加速卡量产")).status_code == 200

    # Taken back: the first address is the story's own again, the second now redirects.
    article.slug = old
    article.save()
    assert client.get(detail(old)).status_code == 200
    assert client.get(detail("加速卡量产"))["Location"] == detail(old)
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["加速卡量产"]


def test_a_draft_that_never_had_a_publish_time_leaves_no_old_address(client):
    article = Article.objects.get(pk=import_article(STORY, title="草稿").pk)
    old = article.slug
    article.slug = "草稿二"
    article.save()
    assert not FormerSlug.objects.exists()
    assert client.get(detail(old)).status_code == 404


def test_an_unpublished_story_is_not_reached_through_its_old_address(client):
    article = make_published(STORY, "撤下的稿子", index=False)
    old = article.slug
    article = Article.objects.get(pk=article.pk)
    article.slug = "撤下的稿子二"
    article.save()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.get(detail(old)).status_code == 404


def test_the_change_page_lists_the_former_addresses(editor_client):
    article = make_published(STORY, "量产时间表", index=False)
    article = Article.objects.get(pk=article.pk)
    article.slug = "加速卡-量产"
    article.save()
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "<code>量产时间表</code>" in page.content.decode()


def test_a_new_story_does_not_take_a_former_address(client):
    article = make_published(STORY, "量产时间表", index=False)
    article = Article.objects.get(pk=article.pk)
    article.slug = "加速卡-量产"
    article.save()
    newcomer = import_article(STORY, title="量产时间表")
    assert newcomer.slug == "量产时间表-2"
    assert client.get(detail("量产时间表"))["Location"] == detail("加速卡-量产")
