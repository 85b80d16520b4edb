"""Importing Wikidata: command, admin upload, re-imports, and linking what was imported."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

import extraction
from entities import knowledge
from entities.models import Alias, Entity

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wikidata"


@pytest.fixture
def google(db):
    entity = Entity.objects.create(key="google", name="谷歌", name_en="Google",
                                   kind="organisation", wikidata="Q95",
                                   description="An editor's description.")
    Alias.objects.create(entity=entity, name="谷歌公司")
    return entity


def test_import_creates_entities_with_their_ids_and_kinds(google):
    report = knowledge.import_wikidata((FIXTURES / "dump.ndjson").read_bytes())
    # Google's fields are all set already: only its aliases grow
    assert (report.created, report.updated, report.unchanged) == (4, 0, 1)
    assert report.warnings == ["skipped Q990000004 (Some abstract idea): instance-of Q999999 "
                               "has no kind"]
    company = Entity.objects.get(wikidata="Q990000001")
    assert (company.key, company.kind, company.name, company.name_en) == (
        "wd-q990000001", "organisation", "澄湖微电子", "Chenghu Microelectronics")
    assert set(company.aliases.values_list("name", flat=True)) == {"澄湖微", "澄湖微電子"}
    assert Entity.objects.get(wikidata="Q990000003").kind == "product"
    assert Entity.objects.get(wikidata="Q990000002").kind == "person"
    # the existing entity is found by its id: nothing of the editor's is overwritten,
    # the missing aliases are added
    google.refresh_from_db()
    assert (google.name, google.description) == ("谷歌", "An editor's description.")
    assert {"Google LLC", "谷歌有限责任公司", "谷歌公司"} <= set(
        google.aliases.values_list("name", flat=True))
    assert Entity.objects.filter(wikidata="Q95").count() == 1


def test_reimport_updates_without_duplicating_or_overwriting_editors(google):
    knowledge.import_wikidata((FIXTURES / "dump.ndjson").read_bytes())
    company = Entity.objects.get(wikidata="Q990000001")
    company.name = "澄湖微电子（编辑改名）"
    company.description = ""
    company.save()
    total = Entity.objects.count()
    again = knowledge.import_wikidata((FIXTURES / "dump.ndjson").read_bytes())
    assert again.created == 0 and Entity.objects.count() == total
    company.refresh_from_db()
    assert company.name == "澄湖微电子（编辑改名）"  # the editor's name stays
    assert company.description == "测试用的芯片设计公司"  # an empty field is filled again
    report = knowledge.import_wikidata((FIXTURES / "wbgetentities.json").read_bytes())
    assert report.created == 1  # the conference; the company is updated, not duplicated
    company.refresh_from_db()
    assert company.name == "澄湖微电子（编辑改名）"
    assert company.description == "测试用的芯片设计公司"  # set, so not replaced
    assert "澄湖半导体" in set(company.aliases.values_list("name", flat=True))
    assert Entity.objects.filter(wikidata="Q990000001").count() == 1


def test_an_entity_without_an_id_is_found_by_name_and_gets_the_id(db):
    bank = Entity.objects.create(key="linyuan", name="临渊银行", kind="organisation")
    report = knowledge.import_wikidata((FIXTURES / "sparql.json").read_bytes())
    bank.refresh_from_db()
    assert bank.wikidata == "Q990000007" and bank.name_en == "Linyuan Bank"
    assert Entity.objects.filter(name="临渊银行").count() == 1
    assert report.created == 1  # only the work
    assert Entity.objects.get(wikidata="Q990000009").kind == "work"


def test_names_of_imported_entities_are_linked_not_suggested(google):
    text = "林若溪在澄湖开发者大会上说，澄湖微的星河芯片由谷歌代工？澄湖星河X1将在澄湖科技園量产。"
    before = knowledge.toolkit()
    found = extraction.extract([(0, text)], before.matcher, before.discoverer)
    assert not any(m.known and m.surface == "林若溪" for m in found)
    knowledge.import_wikidata((FIXTURES / "dump.ndjson").read_bytes())
    knowledge.import_wikidata((FIXTURES / "wbgetentities.json").read_bytes())
    kit = knowledge.toolkit()
    found = extraction.extract([(0, text)], kit.matcher, kit.discoverer)
    linked = {m.surface: m.entity_key for m in found if m.known}
    assert linked == {"林若溪": "wd-q990000002", "澄湖开发者大会": "wd-q990000006",
                      "澄湖微": "wd-q990000001", "谷歌": "google",
                      "澄湖星河X1": "wd-q990000003", "澄湖科技園": "wd-q990000005"}
    suggested = [m.surface for m in found if not m.known]
    assert not set(suggested) & set(linked)


def test_the_command_imports_and_rejects_bad_files(db, tmp_path, capsys):
    call_command("import_wikidata", str(FIXTURES / "sparql.json"))
    assert "2 created" in capsys.readouterr().out
    assert Entity.objects.filter(wikidata="Q990000007").exists()
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_wikidata", str(tmp_path / "missing.json"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"foo": 1}', encoding="utf-8")
    with pytest.raises(CommandError, match="not a Wikidata dump"):
        call_command("import_wikidata", str(bad))


def upload(name="dump.ndjson"):
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(),
                              content_type="application/json")


def test_admin_upload_needs_permissions_and_a_csrf_token(db, django_user_model, admin_client):
    url = reverse("admin:entities_entity_import_wikidata")
    staff = django_user_model.objects.create_user("staff", password="x-long-pass-1",
                                                  is_staff=True)
    client = Client()
    client.force_login(staff)
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": upload()}).status_code == 403
    assert not Entity.objects.filter(wikidata="Q990000001").exists()

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(django_user_model.objects.get(username="admin"))
    assert csrf_client.post(url, {"file": upload()}).status_code == 403

    page = admin_client.get(url)
    assert page.status_code == 200 and b"csrfmiddlewaretoken" in page.content
    response = admin_client.post(url, {"file": upload()})
    assert response.status_code == 302
    assert Entity.objects.filter(wikidata="Q990000001").exists()


def test_admin_upload_refuses_bad_and_oversized_files(db, admin_client, monkeypatch):
    url = reverse("admin:entities_entity_import_wikidata")
    bad = SimpleUploadedFile("bad.json", b'{"foo": 1}', content_type="application/json")
    response = admin_client.post(url, {"file": bad})
    assert response.status_code == 200
    refusal = "这不是 Wikidata 转储文件、wbgetentities 响应或 SPARQL 结果。"
    assert refusal in response.content.decode()
    monkeypatch.setattr("entities.admin.WIKIDATA_MAX_UPLOAD", 100)
    response = admin_client.post(url, {"file": upload()})
    assert response.status_code == 200 and "上限为" in response.content.decode()
    assert Entity.objects.count() == 0


def test_admin_upload_refusal_is_in_the_editors_language(db, admin_client):
    """extraction.wikidata (no Django) refuses with a msgid and its parameters: Chinese in
    the Chinese admin, English in the English one, the line number filled in either way."""
    url = reverse("admin:entities_entity_import_wikidata")

    def post(**extra):
        bad = SimpleUploadedFile("bad.ndjson", b'{"id": "Q1"}\n{oops\n',
                                 content_type="application/json")
        return admin_client.post(url, {"file": bad}, **extra).content.decode()

    assert "第 2 行不是 JSON：" in post()
    assert "Line 2 is not JSON: " in post(HTTP_ACCEPT_LANGUAGE="en")
    assert Entity.objects.count() == 0
    done = admin_client.post(url, {"file": upload()}, follow=True).content.decode()
    assert "已从 Wikidata 导入 dump.ndjson：新建 5 个，更新 0 个，未变 0 个；1 条警告。" in done
    assert "已跳过 Q990000004（Some abstract idea）：实例类型 Q999999 不对应任何类型" in done
