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
from django.utils import timezone, translation

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
    from public.cache import outage
    from public.caching import forget_local
    from tests.fullstack.test_faults import free_port

    settings.CACHES = {"default": {
        "BACKEND": "public.cache.NewsroomRedisCache",
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


# --- 4. Control characters never reach a feed -----------------------------------------

def published(title="控制字符", **fields) -> Article:
    article = import_article(TEXT, title=title, **fields)
    processing.process_article(article.pk)
    transition(article, Article.Status.PUBLISHED, None)
    return article


def test_control_characters_are_refused_by_the_form_and_the_import(users):
    from articles.imports import ImportRefused

    with translation.override("en"), pytest.raises(ImportRefused, match="control character"):
        import_article(TEXT, title="标题\x0b竖排")
    with translation.override("en"), pytest.raises(ImportRefused, match="control character"):
        import_article(TEXT, title="标题", byline="作\x1f者")
    article = import_article(TEXT, title="正常标题", user=users["editor"])
    client = client_for(users["editor"])
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(change))
    data["title"] = "坏\x0b标题"
    response = client.post(change, data)
    assert response.status_code == 200 and "control character (U+000B)" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "正常标题"


def test_feeds_survive_a_control_character_that_got_in_another_way():
    import lxml.etree

    from articles.models import Section
    from entities.models import Entity, Mention

    section = Section.objects.create(name="芯片")
    article = published(section=section)
    entity = Entity.objects.create(name="坏\x0b实体", kind=Entity.Kind.ORGANISATION)
    Mention.objects.create(article=article, entity=entity, surface="芯片", start=0, end=2,
                           block_index=0, block_start=0, kind=entity.kind, origin="kb",
                           status="confirmed")
    # A row written around validation (a bulk update, an old row, another tool).
    Article.objects.filter(pk=article.pk).update(title="标题\x0b竖排", dek="导语\x08退格")
    client = Client()
    for url in ("/feeds/rss/", "/feeds/atom/", f"/feeds/sections/{section.slug}/rss/",
                f"/feeds/sections/{section.slug}/atom/", f"/feeds/entities/{entity.slug}/rss/",
                f"/feeds/entities/{entity.slug}/atom/"):
        response = client.get(url)
        assert response.status_code == 200, url
        lxml.etree.fromstring(response.content)  # well-formed XML
    assert "标题竖排" in client.get("/feeds/rss/").content.decode()


def test_save_strips_control_characters_that_skipped_validation():
    article = import_article(TEXT, title="干净")
    article.title, article.dek = "标\x0b题", "第一行\n第二\x0c行"
    article.save()
    article.refresh_from_db()
    assert article.title == "标 题" and article.dek == "第一行\n第二 行"


# --- 6. NUL bytes: judged over the whole input, stored in a way PostgreSQL accepts ------

def test_a_nul_after_8_kb_in_a_text_is_kept_byte_for_byte():
    data = ("正文第一段。" * 1000 + "\n").encode() + b"tail\x00end\n"
    assert len(data) > 8192
    article = import_article(data, title="带NUL")
    article.refresh_from_db()
    assert "\x00" not in article.raw_body and "tail\u2400end" in article.raw_body
    assert bytes(article.raw_original) == data  # the exact bytes survive
    processing.process_article(article.pk)
    article.refresh_from_db()
    assert article.processing_state == Article.Processing.DONE


def test_binary_after_8_kb_of_text_is_refused():
    import random

    from articles.imports import ImportRefused

    noise = random.Random(7).randbytes(200_000)
    with translation.override("en"), pytest.raises(ImportRefused, match="binary"):
        import_article(("文本" * 3000).encode() + noise, title="伪装")


def test_utf16_without_a_bom_is_an_unknown_encoding_not_binary():
    from articles.imports import ImportRefused

    data = ("Plain English text in UTF-16 that lost its byte-order mark.\n" * 20).encode(
        "utf-16-le")
    with translation.override("en"), pytest.raises(ImportRefused, match="encoding is unknown"):
        import_article(data, title="UTF-16")


def test_import_refusals_are_in_the_editors_language(users):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(users["editor"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    for data, expected in (
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "二进制"),
        ("English text without BOM.\n".encode("utf-16-le") * 40, "编码未知"),
    ):
        response = client.post(reverse("admin:articles_article_import"), {
            "title": "拒绝", "language": "zh",
            "file": SimpleUploadedFile("story.txt", data, content_type="text/plain"),
        })
        html = response.content.decode()
        assert response.status_code == 200 and expected in html, html[-3000:]
    response = client.post(reverse("admin:articles_article_import"), {
        "title": "拒绝", "language": "zh",
        "file": SimpleUploadedFile("story.pdf", b"%PDF-1.4", content_type="application/pdf"),
    })
    assert "不是 .txt 或 .html 文件" in response.content.decode()


# --- 7. A verdict changes only through the override path --------------------------------

def test_block_admin_cannot_change_a_verdict(admin_client):
    article = import_article(TEXT, title="块")
    processing.process_article(article.pk)
    block = article.blocks.first()
    url = reverse("admin:articles_block_change", args=[block.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="kind"' not in page and "review" in page
    admin_client.post(url, {"kind": "foreign"})
    block.refresh_from_db()
    assert block.kind != "foreign" and not block.overridden


# --- 8. An XLSX that declares a huge sheet costs what its cells cost ---------------------

def padded_xlsx(dimension: str, extra_rows: str = "") -> bytes:
    import io
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/'
                       'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="S" '
                           'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                                      f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      '</Relationships>',
        "xl/worksheets/sheet1.xml":
            f'<worksheet xmlns="{main}"><dimension ref="{dimension}"/><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" '
            't="inlineStr"><is><t>value</t></is></c></row><row r="2"><c r="A2" t="inlineStr">'
            f'<is><t>x</t></is></c><c r="B2"><v>1</v></c></row>{extra_rows}</sheetData>'
            '</worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def test_a_declared_huge_sheet_is_read_by_its_cells():
    from cleaning.spreadsheets import read_xlsx

    data = padded_xlsx("A1:XFD1048576")
    assert len(data) < 5000
    sheet = read_xlsx(data)
    assert sheet.header == ("name", "value") and sheet.rows == (("x", "1"),)


def test_an_xlsx_over_its_cell_budget_is_refused():
    from cleaning.spreadsheets import SheetError, read_xlsx

    many = "".join(f'<row r="{r}"><c r="B{r}"><v>1</v></c></row>' for r in range(3, 400))
    with pytest.raises(SheetError, match="cells"):
        read_xlsx(padded_xlsx("A1:B2", many), max_cells=1000)
    assert len(read_xlsx(padded_xlsx("A1:B2", many)).rows) == 398


# --- 9. A NUL in an address is never a database query -----------------------------------

def test_nul_in_addresses_is_a_client_error():
    client = Client()
    for url in ("/articles/a%00b/", "/entities/%00/", "/sections/%00/", "/feeds/sections/%00/rss/",
                "/feeds/entities/%00/atom/", "/articles/?section=%00", "/search/?q=%00",
                "/articles/?entity=%00", "/tables/1/table.%00"):
        assert client.get(url).status_code in (400, 404), url


# --- 10. Deep nesting never loses text silently ------------------------------------------

@pytest.mark.parametrize("depth", [2100, 10_000])
def test_deeply_nested_html_keeps_its_text_and_warns(depth):
    import cleaning

    html = ("<html><body>" + "<div>" * depth + "<p>深层段落内容在这里。</p>" + "</div>" * depth
            + "<p>后面的段落也要保留。</p></body></html>")
    result = cleaning.check(html, "html")
    texts = [b.text for b in result.blocks]
    assert "深层段落内容在这里。" in texts and "后面的段落也要保留。" in texts
    assert any(w.startswith("deep_nesting:") for w in result.warnings)


# --- 11. One validation path; only http(s) links ------------------------------------------

def test_the_command_validates_like_the_form(tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="300"):
        call_command("import_article", str(path), "--title", "长" * 10_000)
    with pytest.raises(CommandError, match=r"https?://"):
        call_command("import_article", str(path), "--title", "链接", "--url",
                     "javascript:alert(1)")
    with pytest.raises(CommandError, match="200"):
        call_command("import_article", str(path), "--title", "来源", "--source", "源" * 500)
    assert not Article.objects.exists()


def test_a_stored_javascript_url_is_never_a_link():
    article = published(source="某来源", source_url="https://example.com/a")
    Article.objects.filter(pk=article.pk).update(source_url="javascript:alert(1)")
    from public import stories

    stories.build(article.pk, force=True)
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "javascript:" not in html.replace('"isBasedOn"', "")
    assert "某来源" in html


# --- 12. Review pages are windows onto a long import --------------------------------------

def test_review_pages_show_a_window_of_blocks(admin_client):
    from articles.review import BLOCKS_PER_PAGE

    lines = "\n".join(f"第{i}段:这是一段足够长的正文,讲芯片和软件生态。" for i in range(600))
    article = import_article(lines, title="长文")
    processing.process_article(article.pk)
    total = article.blocks.count()
    assert total > BLOCKS_PER_PAGE
    for name in ("admin:articles_article_review", "admin:articles_article_compare",
                 "admin:entities_mention_review"):
        url = reverse(name, args=[article.pk])
        first = admin_client.get(url).content.decode()
        assert "第0段" in first and "第599段" not in first, name
        last = admin_client.get(url + "?page=9999").content.decode()  # past the end: the last
        assert "第599段" in last and "第0段:" not in last, name


def test_the_deep_nesting_warning_is_translated():
    from articles.reasons import translate_warning
    from cleaning.reasons import reason, stored

    warning = stored(reason("deep_nesting", n=18006, depth=1000))
    with translation.override("zh-hans"):
        shown = translate_warning(warning)
    assert "18006" in shown and "flattened" not in shown
