"""What readers see: only confirmed tables of published articles, or standalone ones."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.imports import import_article
from datatables.models import DataTable
from datatables.rendering import tables_for_article

from .conftest import publish_now

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r"datatables/table\.(\w+\.)?js")


def page(client, table):
    return client.get(reverse("datatables:detail", args=[table.pk]))


def test_only_confirmed_tables_are_public(client, make_table):
    draft = make_table()
    assert page(client, draft).status_code == 404
    assert client.get(reverse("datatables:download", args=[draft.pk, "csv"])).status_code == 404
    confirmed = make_table(status="confirmed")
    assert page(client, confirmed).status_code == 200


def test_tables_of_unpublished_articles_stay_private(client, make_table):
    article = import_article("正文一段。\n", title="未发布")
    table = make_table(article=article, position=0, status="confirmed")
    assert page(client, table).status_code == 404
    assert client.get(reverse("datatables:download", args=[table.pk, "json"])).status_code == 404
    publish_now(article)
    response = page(client, table)
    assert response.status_code == 200
    assert article.get_absolute_url() in response.content.decode()


def test_table_markup(client, make_table):
    table = make_table(status="confirmed", rows=[[f"公司{n}", f"{n}亿美元", f"{n}%"]
                                                 for n in range(12)])
    html = page(client, table).content.decode()
    assert "<caption" in html and "三家公司" in html and "企查查" in html
    assert '<th scope="col" data-sort-type="text">公司</th>' in html
    assert '<th scope="col" data-sort-type="number" class="num">融资额</th>' in html
    assert '<th scope="row">公司3</th>' in html
    assert ('<td data-sort="300000000" class="num"><data value="300000000">3亿美元</data></td>'
            in html)
    assert SCRIPT.search(html) and re.search(r"datatables/table\.(\w+\.)?css", html)
    assert "data-dt-filter" in html  # long enough for a filter box
    assert reverse("datatables:download", args=[table.pk, "csv"]) in html


def test_hostile_cells_are_escaped(client, make_table):
    table = make_table(status="confirmed", caption="<script>alert(1)</script>",
                       rows=[["<img src=x onerror=alert(1)>", "1", "2%"]])
    html = page(client, table).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_entity_names_link_in_one_query(client, make_table):
    from entities.models import Alias, Entity

    baidu = Entity.objects.create(key="baidu", name="百度", kind="organisation")
    tencent = Entity.objects.create(key="tencent", name="腾讯控股", kind="organisation")
    Alias.objects.create(entity=tencent, name="腾讯")
    article = publish_now(import_article("正文一段。\n", title="有表"))
    make_table(article=article, position=0, status="confirmed")
    make_table(article=article, position=5, status="confirmed", caption="第二张")
    make_table(article=article, position=9, caption="草稿")
    with CaptureQueriesContext(connection) as queries:
        tables = tables_for_article(article)
    assert len(queries) == 2  # the tables, then every entity name at once
    assert sorted(tables) == [0, 5]
    html = Template("{% load datatables %}{% render_table table %}").render(
        Context({"table": tables[0]}))
    assert f'<a href="{baidu.get_absolute_url()}">百度</a>' in html
    assert f'<a href="{tencent.get_absolute_url()}">腾讯</a>' in html


def test_template_tags_for_the_article_page(make_table):
    article = publish_now(import_article("正文一段。\n", title="有表"))
    table = make_table(article=article, position=3, status="confirmed", run_number=2,
                       caption_position=6)

    class Item:
        kind, text = "table", "2"

    class Caption:
        kind, index = "figure", 6

    html = Template(
        "{% load datatables %}{% article_tables article as tables %}"
        "{% with table=tables|table_at:item %}{% if table %}{% render_table table %}"
        "{% endif %}{% endwith %}"
        "{% with table=tables|table_at:3 %}{% render_table table %}{% endwith %}"
        "{% if caption|is_table_caption:tables %}CAPTION-INSIDE{% endif %}"
        "{% if item|is_table_caption:tables %}WRONG{% endif %}"
    ).render(Context({"article": article, "item": Item(), "caption": Caption()}))
    assert "CAPTION-INSIDE" in html and "WRONG" not in html
    assert html.count('<table class="dt-table"') == 2
    assert len(SCRIPT.findall(html)) == 2  # no request in context: each links it
    assert f'id="table-{table.pk}"' in html


def test_assets_are_linked_once_per_request(rf, make_table):
    tables = [make_table(status="confirmed"), make_table(status="confirmed")]
    html = Template("{% load datatables %}{% for t in tables %}{% render_table t %}{% endfor %}"
                    ).render(Context({"tables": tables, "request": rf.get("/")}))
    assert len(SCRIPT.findall(html)) == 1


def test_queryset_public(make_table):
    article = import_article("正文一段。\n", title="未发布")
    make_table(article=article, status="confirmed")
    standalone = make_table(status="confirmed")
    make_table()
    assert list(DataTable.objects.public()) == [standalone]
