from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import processing
from articles.imports import import_article
from articles.models import Article
from datatables.drafts import refresh_article_tables
from datatables.models import DataTable

COLUMNS = [{"name": "公司", "type": "text"}, {"name": "融资额", "type": "money"},
           {"name": "占比", "type": "percent"}]
ROWS = [["百度", "250亿美元", "18%"], ["腾讯", "2.5万元", "36.25%"], ["阿里巴巴", "", "5.50%"]]


def publish_now(article: Article) -> Article:
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(minutes=1)
    )
    article.refresh_from_db()
    return article


@pytest.fixture
def seed_article(seed_bytes):
    article = import_article(seed_bytes, title="AI大模型应激反应", source="虎嗅")
    processing.process_article(article.pk)
    return article


@pytest.fixture
def seed_tables(seed_article):
    refresh_article_tables(seed_article.pk)
    return list(DataTable.objects.filter(article=seed_article).order_by("position"))


@pytest.fixture
def make_table():
    def make(**fields):
        values = {"title": "融资表", "caption": "三家公司", "source_note": "企查查",
                  "columns": COLUMNS, "rows": ROWS, "origin": DataTable.Origin.MANUAL}
        values.update(fields)
        return DataTable.objects.create(**values)

    return make


@pytest.fixture
def staff_client(django_user_model):
    """Staff with access to the admin but no permission on data tables."""
    user = django_user_model.objects.create_user("staff", password="a-long-test-pass-1",
                                                 is_staff=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def changer_client(django_user_model):
    """Staff who may view and change tables but not confirm them."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("changer", password="a-long-test-pass-1",
                                                 is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label="datatables",
        codename__in=["view_datatable", "change_datatable"],
    ))
    client = Client()
    client.force_login(user)
    return client
