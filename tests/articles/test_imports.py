"""An import creates exactly one article with its raw body intact, or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from articles import models
from articles.imports import ImportRefused, import_article
from articles.models import Article, ProcessingRun, Source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are translated (issue #17); these tests read the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield

STORY = "第一段正文,讲述芯片。\n第二段正文,继续讲述。\n"


def test_import_keeps_raw_body_exactly_and_enqueues_on_commit(django_capture_on_commit_callbacks):
    raw = "  开头有空格\r\n中间\t制表符\n\n\n结尾没有换行"
    with django_capture_on_commit_callbacks() as callbacks:
        article = import_article(raw, title="原样保存", source="虎嗅")
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.raw_body == raw
    assert article.raw_format == "text"
    assert article.source.name == "虎嗅"
    assert article.processing_state == Article.Processing.PENDING


def test_import_runs_processing_and_records_the_run(django_capture_on_commit_callbacks, eager):
    with django_capture_on_commit_callbacks(execute=True):
        article = import_article(STORY, title="处理")
    article.refresh_from_db()
    assert article.processing_state == Article.Processing.DONE
    run = article.runs.get()
    assert run.state == ProcessingRun.State.SUCCEEDED and run.duration_ms is not None
    for block in article.blocks.all():
        assert article.raw_body[block.start:block.end] == block.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ""),
        (b"\x00\x01\x02\x03binary\x00\x00" * 50, ""),
    ],
)
def test_bad_files_create_nothing(data, message):
    with pytest.raises(ImportRefused) as caught:
        import_article(data, title="坏文件", filename="bad.txt")
    assert message in str(caught.value).lower()
    assert not Article.objects.exists()


def test_oversized_file_is_refused(settings):
    settings.NEWSROOM_MAX_IMPORT_BYTES = 1000
    with pytest.raises(ImportRefused, match="limit is"):
        import_article("长" * 1000, title="太长")
    assert not Article.objects.exists()


def test_legacy_encoding_is_decoded_and_original_bytes_kept():
    raw = "国产芯片的软件生态仍需打磨。\n".encode("gb18030")
    article = import_article(raw, title="GBK", filename="gbk.txt")
    assert article.raw_body == "国产芯片的软件生态仍需打磨。\n"
    assert bytes(article.raw_original) == raw


def test_wrong_extension_is_refused():
    with pytest.raises(ImportRefused, match="only plain text and HTML"):
        import_article(b"abc", title="x", filename="x.pdf")


def test_html_is_detected():
    article = import_article(b"<!doctype html><html><body><p>Hello there.</p></body></html>",
                             title="HTML", filename="page.txt")
    assert article.raw_format == "html"


def test_raw_body_can_never_change():
    article = import_article(STORY, title="不可改")
    article.raw_body = "改过了"
    with translation.override("en"), pytest.raises(Exception, match="never be changed"):
        article.save()
    article.refresh_from_db()
    assert article.raw_body == STORY


def test_chinese_titles_get_readable_unique_slugs():
    first = import_article(STORY, title="大模型 应激反应")
    second = import_article(STORY, title="大模型 应激反应")
    assert first.slug == "大模型-应激反应"
    assert second.slug == "大模型-应激反应-2"


def test_a_slug_a_concurrent_import_took_moves_on(monkeypatch):
    """Two imports of one headline at once both compute the free slug; the one that
    commits second took a 500 (unique constraint) and lost the import."""
    import_article(STORY, title="同一标题")
    real = models.unique_slug
    stale = iter(["同一标题"])  # what a save that read before the first committed computes
    monkeypatch.setattr(models, "unique_slug", lambda *a, **k: next(stale, None) or real(*a, **k))
    second = import_article(STORY, title="同一标题")
    assert second.slug == "同一标题-2" and second.raw_body == STORY
    assert Article.objects.count() == 2


def test_an_integrity_error_not_of_the_slug_is_raised():
    Source.objects.create(name="同名来源")
    with pytest.raises(IntegrityError):
        Source.objects.create(name="同名来源")


def test_admin_import_form_with_file(editor_client, django_capture_on_commit_callbacks, eager):
    upload = SimpleUploadedFile("story.txt", STORY.encode("utf-8"), "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_article_import"),
            {"title": "上传", "new_source": "演示源", "language": "zh", "file": upload},
        )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.raw_body == STORY and article.source.name == "演示源"
    assert article.processing_state == Article.Processing.DONE
    assert article.created_by.username == "editor"


def test_admin_import_form_shows_clear_errors(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_import"),
        {"title": "空", "language": "zh",
         "file": SimpleUploadedFile("empty.txt", b"", "text/plain")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "empty" in response.content.decode().lower()


def test_an_empty_upload_is_not_told_to_paste_or_upload(editor_client):
    """The editor did upload a file: "paste a text or upload a file" beside "the
    submitted file is empty" sends her looking for what she missed."""
    response = editor_client.post(
        reverse("admin:articles_article_import"),
        {"title": "空", "language": "zh",
         "file": SimpleUploadedFile("empty.txt", b"", "text/plain")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = response.content.decode()
    assert "The submitted file is empty." in text
    assert "one of the two" not in text
    response = editor_client.post(reverse("admin:articles_article_import"),
                                  {"title": "空", "language": "zh"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Paste a text or upload a file (one of the two)." in response.content.decode()


def test_admin_add_goes_to_import(editor_client):
    response = editor_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_import")


def test_import_needs_add_permission(client, django_user_model):
    staff = django_user_model.objects.create_user("reader", password="pw-123456789", is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("admin:articles_article_import"))
    assert response.status_code == 403


def test_import_command(tmp_path, django_capture_on_commit_callbacks, eager):
    path = tmp_path / "a.txt"
    path.write_text(STORY, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_article", str(path), "--title", "命令导入", "--source", "虎嗅")
    assert Article.objects.get().title == "命令导入"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        call_command("import_article", str(empty), "--title", "空")
    assert Article.objects.count() == 1
