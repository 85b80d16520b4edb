from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from articles import processing
from articles.imports import import_article
from articles.models import Block, Section
from articles.workflow import publish
from datatables.models import DataTable
from entities import pipeline
from entities.models import Entity, Mention

ROLES = ("anonymous", "reporter", "editor", "admin")
TEXT = ("腾讯和百度都发布了大模型。\n"
        "第二段:生态是关键。\n"
        "公司\n融资额\n腾讯\n250亿美元\n"
        "第三段:百度的文心一言发布。\n")


@pytest.fixture
def kb(db):
    tencent = Entity.objects.create(key="tencent", name="腾讯", name_en="Tencent",
                                    kind="organisation")
    baidu = Entity.objects.create(key="baidu", name="百度", name_en="Baidu", kind="organisation")
    ernie = Entity.objects.create(key="ernie-bot", name="文心一言", kind="product")
    return {"tencent": tencent, "baidu": baidu, "ernie": ernie}


def make_story(title, text=TEXT, *, days_ago=1, published=True, section=None, user=None,
               confirm=True, language="zh"):
    article = import_article(text, title=title, section=section, user=user, language=language)
    processing.process_article(article.pk)
    pipeline.extract_article(article.pk)
    if confirm:
        article.mentions.filter(entity__isnull=False).update(status=Mention.Status.CONFIRMED)
    if published:
        article = publish(article, when=timezone.now() - timedelta(days=days_ago))
    article.refresh_from_db()
    return article


def add_table(article) -> DataTable:
    """Mark the cell lines of TEXT as a run of table cells and confirm its table."""
    cells = list(article.blocks.filter(text__in=["公司", "融资额", "腾讯", "250亿美元"])
                 .order_by("index"))
    Block.objects.filter(pk__in=[b.pk for b in cells]).update(kind="table_cells",
                                                               meta={"table": 1})
    return DataTable.objects.create(
        article=article, position=cells[0].index, title="融资", caption="融资表",
        columns=[{"name": "公司", "type": "text"}, {"name": "融资额", "type": "money"}],
        rows=[["腾讯", "250亿美元"]], status=DataTable.Status.CONFIRMED,
        origin=DataTable.Origin.RECONSTRUCTED,
    )


@pytest.fixture
def stories(kb):
    tech = Section.objects.create(name="科技")
    first = make_story("第一篇", days_ago=3, section=tech)
    second = make_story("第二篇", "百度发布文心一言。\n第二段:模型很大。\n", days_ago=2)
    third = make_story("第三篇", "第一段:腾讯的新模型。\n", days_ago=1, section=tech,
                       language="en")
    table = add_table(first)
    draft = make_story("草稿秘密", "腾讯和百度的草稿秘密。\n", published=False)
    return {"first": first, "second": second, "third": third, "draft": draft, "table": table,
            "section": tech}


@pytest.fixture
def users(django_user_model):
    def make(name, role):
        # No password: tokens authenticate, and hashing one costs more than the test.
        user = django_user_model.objects.create_user(name, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return {role: make(f"{role}-user", role) for role in ROLES[1:]}


@pytest.fixture
def api(users):
    """``api(role, scope="write")``: a test client sending that role's token."""

    def make(role: str, scope: str = "write") -> Client:
        if role == "anonymous":
            return Client()
        _token, secret = ApiToken.issue(users[role], name=f"{role} {scope}", scope=scope)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


@pytest.fixture
def desk(kb, users):
    """A draft by the editor, checked, with entity suggestions and a draft table."""
    article = make_story("编辑的稿子", published=False, confirm=False, user=users["editor"])
    table = add_table(article)
    DataTable.objects.filter(pk=table.pk).update(status=DataTable.Status.DRAFT)
    table.refresh_from_db()
    return {"article": article, "table": table}
