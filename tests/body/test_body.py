"""The story body: made from verdicts, edited in the admin, previewed, kept in
revisions, and shown on the public page."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article, Block, Revision
from articles.workflow import TransitionError, publish
from body import build
from body.document import plain_text
from body.models import StoryBlock, StoryBody
from body.preview import make_link
from datatables.models import DataTable
from entities.models import Entity, Mention
from entities.pipeline import extract_article
from images.models import Image
from public import stories

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


def body_of(article):
    return list(StoryBlock.objects.filter(article=article).order_by("position"))


def formset_data(article, edits=None, *, order=None, delete=(), new=None, version=None):
    """The editor's form as a browser without JavaScript posts it."""
    blocks = body_of(article)
    data = {"form-TOTAL_FORMS": str(len(blocks) + (1 if new else 0)),
            "form-INITIAL_FORMS": str(len(blocks)), "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "2000",
            "base_version": str(article.version if version is None else version),
            "message": "edit"}
    order = order or [b.key for b in blocks]
    for n, b in enumerate(blocks):
        values = {"id": b.pk, "kind": b.kind, "text": b.text, "caption": b.caption,
                  "credit": b.credit, "alt": b.alt, "image": b.image_id or "",
                  "table": b.table_id or "", "embed_url": b.embed_url, "licence": "",
                  "ORDER": order.index(b.key) + 1 if b.key in order else ""}
        values.update((edits or {}).get(b.key, {}))
        if b.key in delete:
            values["DELETE"] = "on"
        data.update({f"form-{n}-{k}": v for k, v in values.items()})
    if new:
        data.update({f"form-{len(blocks)}-{k}": v for k, v in new.items()})
    return data


# --- Made from the verdicts -------------------------------------------------------------

def test_the_body_is_made_from_story_blocks_with_captions_and_tables_in_place(story):
    blocks = body_of(story)
    assert [b.kind for b in blocks] == ["paragraph", "heading", "figure", "table",
                                        "paragraph", "paragraph"]
    assert blocks[2].caption == "发布会现场"
    assert blocks[3].source_index == 3 and blocks[3].caption == "融资情况"
    assert blocks[3].credit == "企查查"
    assert [b.key for b in blocks] == [0, 1, 2, 3, 10, 11]


def test_a_rebuilt_table_is_linked_where_its_cells_were(story):
    table = DataTable.objects.create(article=story, position=3, status="confirmed",
                                     columns=[{"name": "公司"}, {"name": "融资"}],
                                     rows=[["华为", "1亿美元"]])
    assert StoryBlock.objects.get(article=story, kind="table").table == table


def test_a_remade_body_keeps_a_table_link_only_where_the_table_still_stands(story):
    """Blocks are remade in place now: one that stops being a table drops its link."""
    table = DataTable.objects.create(article=story, position=3, status="confirmed",
                                     columns=[{"name": "公司"}, {"name": "融资"}],
                                     rows=[["华为", "1亿美元"]])
    Block.objects.filter(article=story, index=11).update(kind="foreign")
    assert build.sync_from_verdicts(story.pk) == "built"
    assert StoryBlock.objects.get(article=story, key=3).table == table
    Block.objects.filter(article=story, index__in=range(3, 9)).update(kind="paragraph",
                                                                        meta={})
    assert build.sync_from_verdicts(story.pk) == "built"
    block = StoryBlock.objects.get(article=story, key=3)
    assert block.kind == "paragraph" and block.table is None


def test_an_unedited_body_follows_new_verdicts(story):
    Block.objects.filter(article=story, index=11).update(kind="foreign")
    assert build.sync_from_verdicts(story.pk) == "built"
    assert 11 not in [b.key for b in body_of(story)]


def test_a_checker_run_never_overwrites_an_edited_body_only_warns(story, editor_client):
    data = formset_data(story, {0: {"text": "英伟达今天发布了<b>新一代</b>芯片。"}})
    assert editor_client.post(edit_url(story), data).status_code == 302
    raw_before = Article.objects.get(pk=story.pk).raw_body
    Block.objects.filter(article=story, index=11).update(kind="foreign")
    Block.objects.filter(article=story, index=9).update(kind="paragraph", meta={})
    assert build.sync_from_verdicts(story.pk) == "warned"
    assert body_of(story)[0].text == "英伟达今天发布了<b>新一代</b>芯片。"
    warnings = StoryBody.objects.get(article=story).warnings
    assert {
        k: v for k, v in warnings[-1].items() if k != "text"
    } == {"code": "source_dropped", "index": 11}
    assert any(w["code"] == "new_story_text" and w["index"] == 9 for w in warnings)
    assert Article.objects.get(pk=story.pk).raw_body == raw_before


# --- Editing ------------------------------------------------------------------------------

def edit_url(article):
    return reverse("admin:body_storybody_edit", args=[article.pk])


def test_the_editor_page_works_as_a_plain_form(story, editor_client):
    html = editor_client.get(edit_url(story)).content.decode()
    assert 'name="form-0-text"' in html and 'name="form-0-ORDER"' in html
    assert 'name="form-0-DELETE"' in html and 'enctype="multipart/form-data"' in html
    assert re.search(r"body/editor\.(\w+\.)?js", html) and 'id="nr-empty-block"' in html
    assert "原始导入稿及判定" in html  # editors read the admin in Chinese


def test_edit_move_delete_add_in_one_save(story, editor_client):
    keys = [b.key for b in body_of(story)]
    order = [keys[1], keys[0], *keys[2:]]
    data = formset_data(
        story, {0: {"text": '改过的<b>第一段</b><script>x</script><a href="javascript:x">链</a>'}},
        order=order, delete=[11],
        new={"kind": "quote", "text": "一句引语", "ORDER": "99", "caption": "", "credit": "",
             "alt": "", "image": "", "table": "", "embed_url": "", "licence": ""},
    )
    response = editor_client.post(edit_url(story), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    blocks = body_of(story)
    assert [b.key for b in blocks] == [1, 0, 2, 3, 10, 12]
    assert blocks[1].text == '改过的<b>第一段</b><a rel="nofollow noopener noreferrer">链</a>'
    assert blocks[-1].kind == "quote"
    story.refresh_from_db()
    assert story.version == 2
    body = StoryBody.objects.get(article=story)
    assert body.edited and body.next_key == 13


def test_a_stale_save_is_refused_with_409_and_keeps_the_editors_text(story, editor_client):
    first = formset_data(story, {0: {"text": "甲编辑的修改"}})
    second = formset_data(story, {10: {"text": "乙编辑的修改"}})
    assert editor_client.post(edit_url(story), first).status_code == 302
    response = editor_client.post(edit_url(story), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "乙编辑的修改" in html  # nothing of theirs is lost: it is in the form
    assert "甲编辑的修改" in html  # and they see the other editor's change
    assert body_of(story)[0].text == "甲编辑的修改"
    assert "乙编辑的修改" not in [b.text for b in body_of(story)]
    # Saving again after seeing the conflict is a decision: it goes through.
    again = re.search(r'name="base_version" value="(\d+)"', html).group(1)
    second["base_version"] = again
    assert editor_client.post(edit_url(story), second).status_code == 302
    texts = [b.text for b in body_of(story)]
    assert "乙编辑的修改" in texts
    assert Revision.objects.filter(article=story, data__body__0__text="甲编辑的修改").exists()


def test_a_stale_save_naming_a_block_deleted_since_is_a_409_not_a_bare_400(story,
                                                                          editor_client):
    """The other editor deleted a block this form still holds: the save was a 400 with
    no message at all (the error sat on the hidden id), and saving again failed too."""
    first = formset_data(story, delete=[0])
    second = formset_data(story, {10: {"text": "乙编辑的修改"}})
    assert editor_client.post(edit_url(story), first).status_code == 302
    response = editor_client.post(edit_url(story), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "乙编辑的修改" in html
    again = {**second, "base_version": re.search(r'name="base_version" value="(\d+)"',
                                                 html).group(1)}
    again["form-0-id"] = re.search(r'name="form-0-id" value="(\d*)"|name="form-0-id" id',
                                   html).group(1) or ""
    saved = editor_client.post(edit_url(story), again)
    assert saved.status_code == 302, [e for e in saved.context["formset"].errors if e]
    assert "乙编辑的修改" in [b.text for b in body_of(story)]


def test_a_version_no_article_can_have_is_a_bad_form_not_a_server_error(story, editor_client):
    """Thirty digits for base_version: a 'conflict' whose revision query the database
    refused (SQLite OverflowError), a 500."""
    data = formset_data(story, version="9" * 30)
    editor_client.raise_request_exception = False
    assert editor_client.post(edit_url(story), data).status_code == 400
    assert Article.objects.get(pk=story.pk).version == story.version


def test_a_save_over_a_body_rebuilt_from_new_verdicts_is_a_conflict_that_keeps_the_text(
        story, editor_client):
    """An unedited body remade from new verdicts (an override elsewhere) replaced every
    block under new ids without a new version: a form opened before failed with a 400.
    It is now a new version, so the editor gets the conflict, with their text kept, and
    saving again keeps it; the blocks the verdicts kept keep their ids."""
    data = formset_data(story, {10: {"text": "我的修改"}})
    ids = {b.key: b.pk for b in body_of(story)}
    Block.objects.filter(article=story, index=11).update(kind="foreign")
    assert build.sync_from_verdicts(story.pk) == "built"
    assert {b.key: b.pk for b in body_of(story)} == {k: v for k, v in ids.items() if k != 11}
    assert Article.objects.get(pk=story.pk).version == story.version + 1
    response = editor_client.post(edit_url(story), data, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 409 and "我的修改" in html
    assert "Someone saved this story while you were editing it" in html
    assert [c.status for c in response.context["conflict"]["changes"]] == ["removed"]
    again = {k: v for k, v in data.items() if not k.startswith("form-")}
    again.update({k: v for k, v in response.context["formset"].data.items()
                  if k.startswith("form-")})
    again["base_version"] = str(story.version + 1)
    saved = editor_client.post(edit_url(story), again)
    assert saved.status_code == 302, [e for e in saved.context["formset"].errors if e]
    assert "我的修改" in [b.text for b in body_of(story)]


def test_a_rebuild_from_unchanged_verdicts_keeps_the_version_and_the_blocks(story):
    ids = [b.pk for b in body_of(story)]
    assert build.sync_from_verdicts(story.pk) == "built"
    assert [b.pk for b in body_of(story)] == ids
    assert Article.objects.get(pk=story.pk).version == story.version


def test_an_article_field_save_and_a_body_save_share_one_lock(story, editor_client):
    stale = formset_data(story, {0: {"text": "新文字"}})
    Article.objects.filter(pk=story.pk).update(version=story.version + 1)
    assert editor_client.post(edit_url(story), stale).status_code == 409


def test_uploading_an_image_into_a_figure(story, editor_client, media, eager,
                                          django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png")
    data = formset_data(story, {2: {"alt": "发布会舞台", "credit": "记者摄", "licence": "own"}})
    data["form-2-upload"] = upload
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(edit_url(story), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    figure = StoryBlock.objects.get(article=story, key=2)
    image = figure.image
    assert (image.width, image.height, image.format) == (800, 400, "PNG")
    assert image.alt == "发布会舞台" and image.licence == "own"
    assert image.renditions.filter(format="WEBP").count() == 3  # 320, 640, 800
    assert (media / image.file.name).is_file()


def test_uploading_into_the_library_needs_the_librarys_permission(story, client,
                                                                   django_user_model):
    """The story editor's upload adds to the shared media library: the article's
    change permission alone does not allow it; the library's add permission does."""
    writer = django_user_model.objects.create_user("w", password="x-long-pass-123",
                                                   is_staff=True)
    writer.user_permissions.add(*Permission.objects.filter(
        codename__in=["change_article", "view_article", "review_article"]))
    client.force_login(writer)
    assert b'type="file"' not in client.get(edit_url(story)).content
    data = formset_data(story, {0: {"text": "文字照存"}})
    data["form-2-upload"] = SimpleUploadedFile("x.png", png_bytes(), "image/png")
    assert client.post(edit_url(story), data).status_code == 302
    assert body_of(story)[0].text == "文字照存" and not Image.objects.exists()

    writer.user_permissions.add(Permission.objects.get(codename="add_image"))
    writer = django_user_model.objects.get(pk=writer.pk)  # permissions are cached
    client.force_login(writer)
    assert b'type="file"' in client.get(edit_url(story)).content
    data = formset_data(Article.objects.get(pk=story.pk))
    data["form-2-upload"] = SimpleUploadedFile("x.png", png_bytes(), "image/png")
    assert client.post(edit_url(story), data).status_code == 302
    assert StoryBlock.objects.get(article=story, key=2).image is not None


def test_a_bad_upload_is_refused_and_nothing_is_saved(story, editor_client):
    data = formset_data(story, {0: {"text": "不该保存"}})
    data["form-2-upload"] = SimpleUploadedFile("x.png", b"not an image", "image/png")
    response = editor_client.post(edit_url(story), data)
    assert response.status_code == 400
    assert "不是可接受格式的图片" in response.content.decode()
    assert body_of(story)[0].text != "不该保存" and not Image.objects.exists()


def test_reporters_cannot_edit_someone_elses_story(story, client, django_user_model):
    from django.contrib.auth.models import Permission

    reporter = django_user_model.objects.create_user("r", password="x-long-pass-123",
                                                     is_staff=True)
    reporter.user_permissions.add(*Permission.objects.filter(
        codename__in=["change_article", "view_article"]))
    client.force_login(reporter)
    assert client.post(edit_url(story), formset_data(story)).status_code == 403


def test_an_embed_must_be_an_allowed_provider(story, editor_client):
    data = formset_data(story, new={"kind": "embed", "embed_url": "https://evil.example/x",
                                    "ORDER": "1", "text": ""})
    response = editor_client.post(edit_url(story), data)
    assert response.status_code == 400 and "只能来自允许的平台" in response.content.decode()


def test_a_story_written_from_scratch_starts_empty(editor_client):
    response = editor_client.post(reverse("admin:body_storybody_new"),
                                  {"title": "从零写起", "language": "zh"})
    article = Article.objects.get(title="从零写起")
    assert response.status_code == 302 and not body_of(article)
    assert StoryBody.objects.get(article=article).edited
    data = formset_data(article, new={"kind": "paragraph", "text": "第一句话。", "ORDER": "1"})
    assert editor_client.post(edit_url(article), data).status_code == 302
    assert [b.text for b in body_of(article)] == ["第一句话。"]



def test_writing_a_new_story_needs_the_add_permission(client, django_user_model):
    """It creates an article: may change articles is not may add one."""
    from django.contrib.auth.models import Permission

    changer = django_user_model.objects.create_user("c", password="x-long-pass-123",
                                                    is_staff=True)
    changer.user_permissions.add(*Permission.objects.filter(
        codename__in=["change_article", "view_article"]))
    client.force_login(changer)
    url = reverse("admin:body_storybody_new")
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "不该创建", "language": "zh"}).status_code == 403
    assert not Article.objects.filter(title="不该创建").exists()


# --- Publishing, preview, public page ----------------------------------------------------

def put_image(story, **fields):
    from images.library import add_image, make_renditions

    image = add_image(png_bytes(), "a.png", **fields)
    make_renditions(image.pk)
    StoryBlock.objects.filter(article=story, key=2).update(image=image)
    return image


def test_publishing_needs_alt_text_on_every_image(story):
    image = put_image(story)
    with pytest.raises(TransitionError, match="替代文本"):
        publish(story)
    Image.objects.filter(pk=image.pk).update(alt="舞台")
    publish(story)


def test_the_public_page_shows_the_body_with_srcset(story, client):
    put_image(story, alt="舞台", credit="记者摄")
    StoryBlock.objects.filter(article=story, key=0).update(text="<b>英伟达</b>改过的第一段")
    publish(story)
    cache.clear()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<b>英伟达</b>改过的第一段" in html
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'loading="lazy"' in img and 'width="800"' in img and 'height="400"' in img
    assert 'alt="舞台"' in img and "640w" in img and 'sizes="' in img
    assert re.search(r'<source type="image/webp" srcset="[^"]+320w', html)
    assert "记者摄" in html and "发布会现场" in html
    card = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert "-card-" in card and 'content="summary_large_image"' in html


def test_entity_links_follow_edits_and_editor_decisions_are_kept(story, settings):
    huawei = Entity.objects.create(key="huawei", slug="huawei", name="华为", kind="organisation")
    extract_article(story.pk, force=True)
    mention = Mention.objects.get(article=story, entity=huawei, block_index=11)
    mention.status = Mention.Status.CONFIRMED
    mention.save()
    StoryBlock.objects.filter(article=story, key=11).update(text="据悉,华为的昇腾在部署。")
    StoryBlock.objects.filter(article=story, key=10).update(text="华为以外,还有别家。")
    assert extract_article(story.pk) == "done"
    kept = Mention.objects.get(pk=mention.pk)
    assert kept.status == "confirmed" and kept.block_index == 11
    text = plain_text(StoryBlock.objects.get(article=story, key=11).text)
    assert text[kept.block_start:kept.block_end] == "华为"
    assert Mention.objects.filter(article=story, entity=huawei, block_index=10).exists()
    html = stories.live(story.pk, "zh-hans", with_related=False).html
    assert html.count('href="/entities/huawei/"') >= 2


def test_a_preview_link_opens_the_draft_without_a_login(story, client, editor):
    url = make_link(story, editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    assert "英伟达今天发布了新一代芯片" in html and '<meta name="robots" content="noindex">' in html
    assert client.get(story.get_absolute_url()).status_code == 404  # still not public
    assert client.get(url[:-3] + "xyz/").status_code == 404


def test_a_preview_link_expires(story, client, editor, settings):
    url = make_link(story, editor)
    settings.NEWSROOM_PREVIEW_MAX_AGE = -1
    assert client.get(url).status_code == 404


def test_an_editor_revokes_a_preview_link_from_the_story_editor(story, client, editor,
                                                                 editor_client,
                                                                 django_user_model):
    """The grant row was there "so an editor can see and revoke what is out there", but
    nothing showed or revoked it: a link sent to the wrong person opened the draft for
    48 hours. The editor lists the live links, and revoking one closes it."""
    url = make_link(story, editor)
    html = editor_client.get(edit_url(story), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Preview links that open this draft" in html
    revoke = re.search(r'action="([^"]+/revoke/)"', html).group(1)
    # Someone who may only view the article may not revoke it.
    viewer = django_user_model.objects.create_user("vera", password="x-long-pass-1",
                                                   is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    other = Client()
    other.force_login(viewer)
    assert other.post(revoke).status_code == 403
    assert client.get(url).status_code == 200
    assert editor_client.post(revoke).status_code == 302
    assert client.get(url).status_code == 404
    html = editor_client.get(edit_url(story), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Preview links that open this draft" not in html


def test_previews_stay_out_of_robots_feeds_and_sitemaps(story, client, editor):
    make_link(story, editor)
    assert "Disallow: /preview/" in client.get("/robots.txt").content.decode()
    for url in ("/feeds/rss/", "/sitemap.xml", "/articles/"):
        assert "英伟达新品" not in client.get(url).content.decode()


# --- Revisions ------------------------------------------------------------------------------

def test_revisions_diff_and_restore_the_body(story, editor_client):
    data = formset_data(story, {10: {"text": "分析人士认为,国产芯片仍需时间赶超,生态建设是关键。"}})
    assert editor_client.post(edit_url(story), data).status_code == 302
    story.refresh_from_db()
    first = Revision.objects.filter(article=story).order_by("number").first()
    html = editor_client.get(reverse("admin:articles_article_revision",
                                     args=[story.pk, first.number])).content.decode()
    changed = re.findall(r'data-key="(\d+)" data-status="(\w+)"', html)
    assert changed == [("10", "changed")]
    assert "<del>追</del>" in html and "<ins>超</ins>" in html
    before = body_of(story)
    response = editor_client.post(reverse("admin:articles_article_revision",
                                          args=[story.pk, first.number]))
    assert response.status_code == 302
    after = body_of(story)
    assert [b.text for b in after] != [b.text for b in before]
    assert "仍需时间追赶" in after[4].text


def test_stored_text_is_sanitised_again_when_rendered(story):
    StoryBlock.objects.filter(article=story, key=0).update(
        text='<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:x">点</a>'
             '<b onclick="x()">粗</b>')
    html = stories.live(story.pk, "zh-hans", with_related=False).html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "onclick" not in html and "<b>粗</b>" in html


def test_the_migration_gives_checked_articles_a_body(story):
    from importlib import import_module

    from django.apps import apps

    StoryBody.objects.filter(article=story).delete()
    StoryBlock.objects.filter(article=story).delete()
    migration = import_module("body.migrations.0002_bodies_for_checked_articles")
    migration.make_bodies(apps, None)
    assert [b.kind for b in body_of(story)] == ["paragraph", "heading", "figure", "table",
                                                "paragraph", "paragraph"]
    assert not StoryBody.objects.get(article=story).edited


def test_the_entity_review_page_shows_the_edited_text(story, editor_client):
    StoryBlock.objects.filter(article=story, key=10).update(text="编辑改写后的华为段落。")
    StoryBody.objects.filter(article=story).update(edited=True)
    html = editor_client.get(reverse("admin:entities_mention_review", args=[story.pk]))
    assert "编辑改写后的华为段落" in html.content.decode()


def test_the_articles_list_has_a_button_to_write_a_new_story(editor_client, client,
                                                             django_user_model):
    """The page existed, but no link in the admin led to it."""
    from django.contrib.auth.models import Permission

    new = reverse("admin:body_storybody_new")
    listing = reverse("admin:articles_article_changelist")
    assert f'href="{new}"' in editor_client.get(listing).content.decode()
    viewer = django_user_model.objects.create_user("v", password="x-long-pass-123",
                                                   is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    assert f'href="{new}"' not in client.get(listing).content.decode()


def test_blocks_another_editor_added_get_their_place_when_this_editor_saves_again(
        story, editor_client):
    """Editor A's form never held the block editor B added: saving A's again after the
    conflict renumbered A's blocks 0..n and left B's with its old number, two blocks on
    one place (and readers got them in an arbitrary order). B's block is kept, after
    the block it followed, and every position is unique."""
    mine = formset_data(story, {10: {"text": "甲的修改"}})
    keys = [b.key for b in body_of(story)]
    theirs = formset_data(story, new={
        "kind": "paragraph", "text": "乙加的段落", "ORDER": "2", "caption": "", "credit": "",
        "alt": "", "image": "", "table": "", "embed_url": "", "licence": ""})
    for n in range(1, len(keys)):  # B puts the new block second
        theirs[f"form-{n}-ORDER"] = str(n + 2)
    assert editor_client.post(edit_url(story), theirs).status_code == 302
    assert [b.text for b in body_of(story)][1] == "乙加的段落"
    # A moves the last block first, saves, gets the conflict, saves again.
    for n in range(len(keys)):
        mine[f"form-{n}-ORDER"] = str(1 if n == len(keys) - 1 else n + 2)
    response = editor_client.post(edit_url(story), mine)
    assert response.status_code == 409
    mine["base_version"] = re.search(r'name="base_version" value="(\d+)"',
                                     response.content.decode()).group(1)
    assert editor_client.post(edit_url(story), mine).status_code == 302
    blocks = body_of(story)
    positions = [b.position for b in blocks]
    assert positions == list(range(len(blocks))), positions
    assert [b.key for b in blocks] == [keys[-1], keys[0], 12, *keys[1:-1]]
    assert "乙加的段落" in [b.text for b in blocks] and "甲的修改" in [b.text for b in blocks]


def test_the_editors_warnings_mark_bidi_controls(story, editor_client):
    """A warning quotes raw story text; a U+202E in it reversed the rest of the line."""
    StoryBody.objects.filter(article=story).update(
        warnings=[{"code": "new_story_text", "index": 3, "text": "价格\u202e元05"}])
    html = editor_client.get(edit_url(story)).content.decode()
    assert "价格⟨U+202E⟩元05" in re.sub(r"<[^>]+>", "", html)
    assert "\u202e" not in html
