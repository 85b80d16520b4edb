"""The editors' side: permissions, review page, decisions, merge, import/export, duplicates."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from entities import pipeline
from entities.models import Entity, Mention

pytestmark = pytest.mark.django_db

TEXT = "腾讯AI实验室和百度都在做大模型。\n文心一言的更新很快,柯亮对此很乐观。\n"


@pytest.fixture
def article(small_kb, processed):
    article = processed(TEXT)
    pipeline.extract_article(article.pk)
    return article


def staff_client(django_user_model, *perms):
    user = django_user_model.objects.create_user("staff", password="x-long-pass-1",
                                                 is_staff=True)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(user)
    return client


def review_url(article):
    return reverse("admin:entities_mention_review", args=[article.pk])


def test_staff_without_permissions_gets_403(article, django_user_model):
    client = staff_client(django_user_model)
    mention = article.mentions.first()
    assert client.get(review_url(article)).status_code == 403
    assert client.post(review_url(article), {"action": "confirm",
                                             "mention": [mention.pk]}).status_code == 403
    assert client.get(reverse("admin:entities_entity_merge") + "?ids=1,2").status_code == 403
    assert client.get(reverse("admin:entities_entity_duplicates")).status_code == 403
    assert client.get(reverse("admin:entities_entity_import")).status_code == 403
    assert client.get(reverse("admin:entities_entity_export")).status_code == 403
    assert Mention.objects.get(pk=mention.pk).status == "suggested"


def test_the_review_page_needs_the_articles_view_permission_too(article, django_user_model):
    """The page prints the story's text: a mention permission alone read any article,
    drafts included, that the article admin would refuse to show."""
    client = staff_client(django_user_model, "view_mention", "change_mention")
    assert client.get(review_url(article)).status_code == 403
    assert client.post(review_url(article), {"action": "rerun"}).status_code == 403


def test_view_permission_sees_the_review_page_but_cannot_decide(article, django_user_model):
    client = staff_client(django_user_model, "view_mention", "view_article")
    response = client.get(review_url(article))
    assert response.status_code == 200
    assert "Confirm selected" not in response.content.decode()
    mention = article.mentions.first()
    response = client.post(review_url(article), {"action": "reject", "mention": [mention.pk]})
    assert response.status_code == 403


def test_review_page_shows_suggestions_in_context(article, editor_client):
    html = editor_client.get(review_url(article)).content.decode()
    assert "文心一言" in html and 'data-block="1"' in html
    assert "nr-m-suggested" in html
    assert "is made by" not in html or "百度" in html


def test_the_context_column_marks_bidi_controls(small_kb, processed, editor_client):
    """A mention's context printed a U+202E as it is, reversing the rest of its cell."""
    article = processed("据报道\u202e百度\u202c今天发布了文心一言的新版本。\n")
    pipeline.extract_article(article.pk)
    html = editor_client.get(review_url(article)).content.decode()
    contexts = "".join(re.findall(r'<span class="nr-ctx">(.*?)</span>', html, re.S))
    assert "⟨U+202E⟩" in contexts or "⟨U+202C⟩" in contexts, contexts
    assert "\u202e" not in contexts and "\u202c" not in contexts


@pytest.mark.parametrize("data", [
    {"action": "confirm", "mention": ["9" * 30]},
    {"action": "promote", "mention": "9" * 30},
], ids=["confirm", "promote"])
def test_a_mention_id_no_row_can_have_is_no_server_error(article, editor_client, data):
    """Thirty digits passed isdecimal() and reached the database, which refused them."""
    editor_client.raise_request_exception = False
    response = editor_client.post(review_url(article), data, follow=True)
    assert response.status_code == 200
    assert not Mention.objects.filter(status="confirmed").exists()


def test_merging_with_an_id_no_row_can_have_is_no_server_error(small_kb, editor_client):
    editor_client.raise_request_exception = False
    response = editor_client.get(reverse("admin:entities_entity_merge")
                                 + f"?ids={'9' * 30},{small_kb['baidu'].pk}", follow=True)
    assert response.status_code == 200


def test_confirm_and_reject_in_bulk(article, editor_client, editor):
    baidu = article.mentions.get(surface="百度")
    ernie = article.mentions.get(surface="文心一言")
    response = editor_client.post(review_url(article), {"action": "confirm",
                                                        "mention": [baidu.pk, ernie.pk]})
    assert response.status_code == 302
    response = editor_client.post(review_url(article), {"action": "reject",
                                                        "mention": [article.mentions.get(
                                                            surface="腾讯AI实验室",
                                                            entity__key="tencent-ai-lab").pk]})
    statuses = dict(article.mentions.filter(reason="", entity__isnull=False)
                    .values_list("surface", "status"))
    assert statuses == {"百度": "confirmed", "文心一言": "confirmed", "腾讯AI实验室": "rejected"}
    assert Mention.objects.get(pk=baidu.pk).decided_by == editor


def test_changelist_actions_need_change_permission(article, django_user_model):
    viewer = staff_client(django_user_model, "view_mention")
    url = reverse("admin:entities_mention_changelist")
    ids = list(article.mentions.values_list("pk", flat=True))
    viewer.post(url, {"action": "confirm_selected", "_selected_action": ids})
    assert not article.mentions.filter(status="confirmed").exists()


def test_changelist_confirm_action(article, editor_client):
    url = reverse("admin:entities_mention_changelist")
    ids = list(article.mentions.filter(surface="百度").values_list("pk", flat=True))
    response = editor_client.post(url, {"action": "confirm_selected", "_selected_action": ids})
    assert response.status_code == 302
    assert article.mentions.get(surface="百度").status == "confirmed"


def test_add_entity_by_typing_the_surface_without_js(article, editor_client):
    response = editor_client.post(review_url(article), {
        "action": "add", "sel-surface": "柯亮", "sel-kind": "person", "sel-entity": "",
    })
    assert response.status_code == 302
    person = Entity.objects.get(name="柯亮")
    assert person.kind == "person" and person.key
    mention = article.mentions.get(entity=person)
    assert (mention.status, mention.origin) == ("confirmed", "editor")
    # A machine suggestion of the same name is replaced by the editor's mention.
    assert not article.mentions.filter(surface="柯亮", status="suggested").exists()
    assert article.raw_body[mention.start:mention.end] == "柯亮"


def test_add_alias_from_a_selection(article, editor_client):
    block = article.blocks.get(index=1)
    start = block.text.index("文心一言")
    response = editor_client.post(review_url(article), {
        "action": "add", "sel-surface": "文心", "sel-block": 1, "sel-start": start,
        "sel-end": start + 2, "sel-kind": "product", "sel-entity": "ernie-bot",
    })
    assert response.status_code == 302
    assert Entity.objects.get(key="ernie-bot").aliases.filter(name="文心").exists()
    mention = article.mentions.get(origin="editor")
    assert (mention.block_index, mention.block_start, mention.block_end) == (1, start, start + 2)


def test_add_refuses_a_name_not_in_the_story(article, editor_client):
    response = editor_client.post(review_url(article), {
        "action": "add", "sel-surface": "不存在的公司", "sel-kind": "organisation",
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "does not appear" in response.content.decode()
    assert not Entity.objects.filter(name="不存在的公司").exists()


def test_model_suggestion_becomes_an_entity_in_one_click(article, editor_client):
    block = article.blocks.get(index=1)
    start = block.text.index("柯亮")
    suggestion = Mention.objects.create(
        article=article, block_index=1, block_start=start, block_end=start + 2,
        start=block.start + start, end=block.start + start + 2, surface="柯亮", kind="person",
        origin="model", confidence=0.5,
    )
    response = editor_client.post(review_url(article), {"action": "promote",
                                                        "mention": suggestion.pk,
                                                        "kind": "person"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.entity.name == "柯亮" and suggestion.status == "confirmed"


def test_promoting_a_new_name_says_it_was_added_not_that_it_names_itself(article,
                                                                          editor_client):
    """It said "“柯亮” is now a name of “柯亮”" for an entity made from the name."""
    suggestion = Mention.objects.create(
        article=article, block_index=1, block_start=0, block_end=2, start=0, end=2,
        surface="柯亮", kind="person", origin="model", confidence=0.5,
    )
    response = editor_client.post(review_url(article), {"action": "promote",
                                                        "mention": suggestion.pk,
                                                        "kind": "person"},
                                  follow=True, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "Added “柯亮” to the knowledge base." in text
    assert "is now a name of" not in text


def test_promote_as_alias_of_an_existing_entity(article, editor_client):
    suggestion = Mention.objects.create(
        article=article, block_index=0, block_start=0, block_end=2, start=0, end=2,
        surface="腾讯", kind="organisation", origin="model", confidence=0.5,
    )
    editor_client.post(review_url(article), {"action": "promote", "mention": suggestion.pk,
                                              "alias_of": "百度"})
    suggestion.refresh_from_db()
    assert suggestion.entity.key == "baidu"
    assert Entity.objects.get(key="baidu").aliases.filter(name="腾讯").exists()


def test_merge_action_asks_for_confirmation(small_kb, editor_client):
    twin = Entity.objects.create(key="baidu-2", name="百度公司", kind="organisation")
    url = reverse("admin:entities_entity_changelist")
    response = editor_client.post(url, {"action": "merge_selected",
                                        "_selected_action": [small_kb["baidu"].pk, twin.pk]})
    assert response.status_code == 302
    page = editor_client.get(response.url)
    assert page.status_code == 200 and "百度公司" in page.content.decode()
    assert Entity.objects.filter(pk=twin.pk).exists()  # nothing merged yet
    done = editor_client.post(reverse("admin:entities_entity_merge"), {
        "ids": f"{small_kb['baidu'].pk},{twin.pk}", "keep": small_kb["baidu"].pk,
    })
    assert done.status_code == 302
    assert not Entity.objects.filter(pk=twin.pk).exists()
    assert small_kb["baidu"].aliases.filter(name="百度公司").exists()


def test_merging_a_parent_and_its_child_into_a_third(db, editor_client):
    """Merged in turn, each absorbed from the list read before the merge began: the
    child, still in memory with the parent just merged (and deleted) as its parent, gave
    that dead parent to the kept entity, and the commit failed on the foreign key."""
    keep = Entity.objects.create(key="keep", name="某集团", kind="organisation")
    parent = Entity.objects.create(key="parent", name="某集团公司", kind="organisation")
    child = Entity.objects.create(key="child", name="某集团有限公司", kind="organisation",
                                  parent=parent)
    editor_client.raise_request_exception = False
    done = editor_client.post(reverse("admin:entities_entity_merge"), {
        "ids": f"{keep.pk},{parent.pk},{child.pk}", "keep": keep.pk})
    assert done.status_code == 302
    keep.refresh_from_db()
    assert keep.parent_id is None
    assert list(Entity.objects.values_list("pk", flat=True)) == [keep.pk]
    assert set(keep.aliases.values_list("name", flat=True)) >= {"某集团公司", "某集团有限公司"}


def test_duplicates_page_offers_and_dismisses_pairs(small_kb, editor_client):
    a = Entity.objects.create(key="modelbest", name="面壁智能", kind="organisation")
    b = Entity.objects.create(key="modelbest-2", name="面壁科技", kind="organisation")
    url = reverse("admin:entities_entity_duplicates")
    html = editor_client.get(url).content.decode()
    assert "面壁智能" in html and "面壁科技" in html
    editor_client.post(url, {"first": a.pk, "second": b.pk})
    response = editor_client.get(url)
    assert all({first, second} != {a, b} for first, second, _ in response.context["pairs"])
    assert Entity.objects.filter(pk__in=[a.pk, b.pk]).count() == 2


def test_admin_export_and_import(small_kb, editor_client):
    response = editor_client.get(reverse("admin:entities_entity_export") + "?format=json")
    assert response["Content-Disposition"].startswith("attachment")
    records = json.loads(response.content)
    records[0]["description"] = "导入后的描述"
    upload = SimpleUploadedFile("kb.json", json.dumps(records).encode())
    response = editor_client.post(reverse("admin:entities_entity_import"), {"file": upload})
    assert response.status_code == 302
    assert Entity.objects.get(key=records[0]["key"]).description == "导入后的描述"
    csv_response = editor_client.get(reverse("admin:entities_entity_export") + "?format=csv")
    assert csv_response.content.decode().startswith("key,kind,name")


def test_entity_admin_pages_render(small_kb, editor_client):
    assert editor_client.get(reverse("admin:entities_entity_changelist") + "?q=腾讯").status_code \
        == 200
    assert editor_client.get(reverse("admin:entities_entity_change",
                                     args=[small_kb["lab"].pk])).status_code == 200
    assert editor_client.get(reverse("admin:entities_mention_changelist")).status_code == 200


def test_new_entity_in_the_admin_gets_a_key(db, editor_client):
    response = editor_client.post(reverse("admin:entities_entity_add"), {
        "name": "月之暗面", "kind": "organisation", "name_en": "Moonshot AI", "key": "",
        "slug": "", "description": "", "wikidata": "", "website": "",
        "aliases-TOTAL_FORMS": 1, "aliases-INITIAL_FORMS": 0, "aliases-0-name": "Kimi公司",
        "relations-TOTAL_FORMS": 0, "relations-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entity = Entity.objects.get(name="月之暗面")
    assert entity.key == "moonshot-ai" and entity.aliases.get().name == "Kimi公司"


def test_review_page_says_confirm_and_reject_in_the_editors_language(article, editor_client):
    """The count message named the status by its stored code ("1 条提及confirmed。")."""
    baidu = article.mentions.get(surface="百度")
    response = editor_client.post(review_url(article), {"action": "confirm",
                                                        "mention": [baidu.pk]},
                                  follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = response.content.decode()
    assert "已确认 1 条提及。" in text and "confirmed" not in text.split("messagelist")[1][:200]
    response = editor_client.post(review_url(article), {"action": "reject",
                                                        "mention": [baidu.pk]},
                                  follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Rejected 1 mention." in response.content.decode()


def test_review_page_ignores_mention_ids_that_are_not_numbers(article, editor_client):
    baidu = article.mentions.get(surface="百度")
    response = editor_client.post(review_url(article), {"action": "confirm",
                                                        "mention": ["abc", "²", baidu.pk]})
    assert response.status_code == 302
    assert Mention.objects.get(pk=baidu.pk).status == "confirmed"


def test_merge_page_ignores_ids_that_are_not_numbers(small_kb, editor_client):
    url = reverse("admin:entities_entity_merge")
    assert editor_client.get(url + "?ids=1,²").status_code == 302
    first, second = Entity.objects.order_by("pk")[:2]
    response = editor_client.post(url, {"ids": f"{first.pk},{second.pk}", "keep": "²"})
    assert response.status_code == 200
    assert Entity.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_mention_and_audit_lists_have_column_names_in_the_editors_language(article,
                                                                           editor_client):
    """Fields without a verbose name were headed "Surface", "Salience", "Object repr"."""
    editor_client.post(review_url(article), {"action": "confirm",
                                             "mention": [article.mentions.first().pk]})
    for name, labels in (("admin:entities_mention_changelist",
                          ("Surface", "Origin", "Confidence", "Salience", "Status", "Reason")),
                         ("admin:desk_auditentry_changelist",
                          ("At", "User", "Action", "Object repr"))):
        html = editor_client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        for label in labels:
            assert f">{label}<" not in html, (name, label)
