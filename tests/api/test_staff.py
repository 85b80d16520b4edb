"""The desk's API: the admin's permissions per role and object, the admin's write paths,
optimistic locking, token scopes."""

import json

import pytest
from django.contrib.admin.models import LogEntry

from api.models import ApiToken
from articles.models import Article, Block, BlockOverride, Revision
from desk.models import AuditEntry
from entities.models import Mention
from tests.api.conftest import ROLES, make_story

pytestmark = pytest.mark.django_db


def send(client, method, path, body=None, **headers):
    call = getattr(client, method)
    if body is None:
        return call(path, **headers)
    return call(path, json.dumps(body), content_type="application/json", **headers)


def request_for(name, desk):
    """(method, path, body) of each endpoint, made against the desk fixture."""
    article, table = desk["article"], desk["table"]
    block = article.blocks.order_by("index").first()
    mention = article.mentions.filter(entity__isnull=False).first()
    base = f"/api/v1/staff/articles/{article.pk}"
    return {
        "import": ("post", "/api/v1/staff/articles/", {"title": "新稿", "text": "第一段。\n"}),
        "article": ("get", f"{base}/", None),
        "verdicts": ("get", f"{base}/verdicts/", None),
        "override": ("post", f"{base}/verdicts/", {"blocks": [block.pk], "verdict": "drop"}),
        "mentions": ("get", f"{base}/mentions/", None),
        "decide": ("post", f"{base}/mentions/", {"mentions": [mention.pk],
                                                  "decision": "confirm"}),
        "table": ("get", f"/api/v1/staff/tables/{table.pk}/", None),
        "edit_table": ("patch", f"/api/v1/staff/tables/{table.pk}/", {"caption": "新标题"}),
        "confirm_table": ("patch", f"/api/v1/staff/tables/{table.pk}/", {"confirm": True}),
        "submit": ("post", f"{base}/transition/", {"to": "review"}),
        "publish": ("post", f"{base}/transition/", {"to": "published"}),
    }[name]


# What each role may do: exactly what the admin lets it (desk/roles.py). The article is
# the editor's draft, so a reporter may read it but not submit it (not theirs).
OK = {"import": 201}
MATRIX = {
    "import": {"reporter", "editor", "admin"},
    "article": {"reporter", "editor", "admin"},
    "verdicts": {"reporter", "editor", "admin"},
    "override": {"editor", "admin"},
    "mentions": {"reporter", "editor", "admin"},
    "decide": {"editor", "admin"},
    "table": {"editor", "admin"},
    "edit_table": {"editor", "admin"},
    "confirm_table": {"editor", "admin"},
    "submit": {"editor", "admin"},
    "publish": {"editor", "admin"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(MATRIX))
def test_permission_matrix(desk, api, role, endpoint):
    method, path, body = request_for(endpoint, desk)
    response = send(api(role), method, path, body)
    if role == "anonymous":
        expected = 401
    elif role in MATRIX[endpoint]:
        expected = OK.get(endpoint, 200)
    else:
        expected = 403
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == expected
    if expected == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Cache-Control"] == "private, no-store"


def test_reporter_may_submit_their_own_draft_only(kb, users, api):
    mine = make_story("我的", published=False, user=users["reporter"])
    reporter = api("reporter")
    ok = send(reporter, "post", f"/api/v1/staff/articles/{mine.pk}/transition/", {"to": "review"})
    assert ok.status_code == 200 and ok.json()["status"] == "review"
    again = send(reporter, "post", f"/api/v1/staff/articles/{mine.pk}/transition/",
                 {"to": "published"})
    assert again.status_code == 403


@pytest.mark.parametrize("endpoint", ["import", "override", "decide", "edit_table", "submit"])
def test_a_read_token_cannot_write(desk, api, endpoint):
    method, path, body = request_for(endpoint, desk)
    assert send(api("admin", scope="read"), method, path, body).status_code == 403
    read_method, read_path, _body = request_for("article", desk)
    assert send(api("admin", scope="read"), read_method, read_path).status_code == 200


def test_revoked_unknown_and_inactive_tokens_are_refused(desk, users, client):
    token, secret = ApiToken.issue(users["editor"], name="t", scope="write")
    path = f"/api/v1/staff/articles/{desk['article'].pk}/"
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    token.revoke()
    refused = client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 401 and refused["Content-Type"] == "application/problem+json"
    assert client.get(path, HTTP_AUTHORIZATION="Bearer nr_nonsense-token").status_code == 401
    _token, other = ApiToken.issue(users["editor"], name="u")
    users["editor"].is_staff = False
    users["editor"].save()
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 403


def test_import_goes_through_the_admins_path(users, api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        response = api("reporter").post("/api/v1/staff/articles/", {
            "title": "文件导入", "file": _upload("第一段:芯片。\n第二段:生态。\n"),
            "source": "测试源", "section": "科技",
        })
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert response["Location"].endswith(f"/api/v1/staff/articles/{article.pk}/")
    assert article.raw_body == "第一段:芯片。\n第二段:生态。\n" and article.status == "draft"
    assert article.created_by == users["reporter"] and article.source.name == "测试源"
    assert Revision.objects.filter(article=article, number=1).exists()
    assert AuditEntry.objects.filter(article=article, action="import").exists()
    assert LogEntry.objects.filter(object_id=str(article.pk)).exists()
    assert queued, "processing is enqueued on commit"


def _upload(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("story.txt", text.encode(), content_type="text/plain")


def test_refused_imports_are_problems_and_write_nothing(api):
    editor = api("editor")
    before = Article.objects.count()
    for body in ({"title": "空", "text": "   "}, {"title": "两个", "text": "a", "file": "x"},
                 {"text": "没有标题"}):
        response = send(editor, "post", "/api/v1/staff/articles/", body)
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"]
    binary = editor.post("/api/v1/staff/articles/", {
        "title": "二进制", "file": _upload_bytes(b"\x00\x01\x02\x03" * 200)})
    assert binary.status_code == 400
    assert Article.objects.count() == before


def _upload_bytes(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("story.txt", data, content_type="text/plain")


def test_verdicts_and_override_as_in_the_admin(desk, api, users):
    article = desk["article"]
    editor = api("editor")
    verdicts = send(editor, "get", f"/api/v1/staff/articles/{article.pk}/verdicts/").json()
    assert verdicts["version"] == article.version
    assert verdicts["document"]["kind"] == "article"
    first = verdicts["blocks"][0]
    assert {"kind", "machine_kind", "score", "reasons", "overridden"} <= set(first)
    response = send(editor, "post", f"/api/v1/staff/articles/{article.pk}/verdicts/",
                    {"blocks": [first["id"]], "verdict": "drop"},
                    HTTP_IF_MATCH=f'"{article.version}"')
    assert response.status_code == 200, response.content
    block = Block.objects.get(pk=first["id"])
    assert block.kind == "foreign" and block.overridden
    assert BlockOverride.objects.filter(article=article, start=block.start).exists()
    assert AuditEntry.objects.filter(article=article, action="override",
                                     user=users["editor"]).exists()
    unknown = send(editor, "post", f"/api/v1/staff/articles/{article.pk}/verdicts/",
                   {"blocks": [987654], "verdict": "drop"})
    assert unknown.status_code == 400
    bad = send(editor, "post", f"/api/v1/staff/articles/{article.pk}/verdicts/",
               {"blocks": [first["id"]], "verdict": "nonsense"})
    assert bad.status_code == 400 and "verdict" in bad.json()["errors"]


def test_an_if_match_int_cannot_read_is_a_400_not_a_500(desk, api):
    """A client's header byte 0xB2 reaches Django as "²" (Latin-1): str.isdigit() said
    yes and int() raised."""
    article = desk["article"]
    response = send(api("editor"), "post", f"/api/v1/staff/articles/{article.pk}/verdicts/",
                    {"blocks": [article.blocks.first().pk], "verdict": "drop"},
                    HTTP_IF_MATCH='"\xb2"')
    assert response.status_code == 400 and "If-Match" in response.content.decode()


def test_document_verdict_shows_the_editors_call_beside_the_checkers(desk, api):
    article = desk["article"]
    Article.objects.filter(pk=article.pk).update(
        document_kind="listing", machine_document_kind="article", document_score=0.9
    )
    verdicts = send(api("editor"), "get", f"/api/v1/staff/articles/{article.pk}/verdicts/").json()
    assert verdicts["document"] == {"kind": "listing", "machine_kind": "article",
                                    "score": 0.9, "reasons": [], "reason_codes": []}


def test_stale_version_is_a_conflict(desk, api):
    article = desk["article"]
    Article.objects.filter(pk=article.pk).update(version=article.version + 1)
    editor = api("editor")
    block = article.blocks.first()
    for method, path, body, headers in [
        ("post", f"/api/v1/staff/articles/{article.pk}/verdicts/",
         {"blocks": [block.pk], "verdict": "drop"}, {"HTTP_IF_MATCH": f'"{article.version}"'}),
        ("post", f"/api/v1/staff/articles/{article.pk}/transition/",
         {"to": "review", "version": article.version}, {}),
        ("post", f"/api/v1/staff/articles/{article.pk}/mentions/",
         {"mentions": [article.mentions.first().pk], "decision": "reject",
          "version": article.version}, {}),
    ]:
        response = send(editor, method, path, body, **headers)
        assert response.status_code == 409, (path, response.content)
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "conflict"
    block.refresh_from_db()
    assert not block.overridden
    article.refresh_from_db()
    assert article.status == "draft"


def test_transition_from_a_state_that_forbids_it_is_a_conflict(desk, api):
    article = desk["article"]
    response = send(api("editor"), "post", f"/api/v1/staff/articles/{article.pk}/transition/",
                    {"to": "archived"})
    assert response.status_code == 409
    scheduled = send(api("editor"), "post", f"/api/v1/staff/articles/{article.pk}/transition/",
                     {"to": "scheduled"})
    assert scheduled.status_code == 400 and "when" in scheduled.json()["errors"]


def test_publish_through_the_workflow(desk, api, client, users):
    article = desk["article"]
    response = send(api("editor"), "post", f"/api/v1/staff/articles/{article.pk}/transition/",
                    {"to": "published", "note": "API"})
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert article.transitions.filter(to_status="published", user=users["editor"]).exists()
    assert AuditEntry.objects.filter(article=article, action="publish").exists()
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 200


def test_confirm_and_reject_entities_as_in_the_admin(desk, api, users):
    article = desk["article"]
    editor = api("editor")
    listed = send(editor, "get", f"/api/v1/staff/articles/{article.pk}/mentions/").json()
    suggested = [m for m in listed if m["status"] == "suggested" and m["entity"]]
    assert len(suggested) >= 2
    confirm, reject = suggested[0]["id"], suggested[1]["id"]
    done = send(editor, "post", f"/api/v1/staff/articles/{article.pk}/mentions/",
                {"mentions": [confirm], "decision": "confirm"}).json()
    assert done["decided"] == 1
    send(editor, "post", f"/api/v1/staff/articles/{article.pk}/mentions/",
         {"mentions": [reject], "decision": "reject"})
    assert Mention.objects.get(pk=confirm).status == "confirmed"
    assert Mention.objects.get(pk=confirm).decided_by == users["editor"]
    assert Mention.objects.get(pk=reject).status == "rejected"
    assert AuditEntry.objects.filter(article=article, action="entity_confirm",
                                     details__mentions=[confirm]).exists()
    assert AuditEntry.objects.filter(article=article, action="entity_reject").exists()


def test_read_and_update_a_table_as_in_the_grid_admin(desk, api, users):
    table = desk["table"]
    editor = api("editor")
    read = send(editor, "get", f"/api/v1/staff/tables/{table.pk}/").json()
    assert read["columns"][1] == {"name": "融资额", "type": "money"}
    update = {"rows": [["腾讯", "250亿美元"], ["百度", "30亿元"]], "version": read["version"]}
    response = send(editor, "patch", f"/api/v1/staff/tables/{table.pk}/", update)
    assert response.status_code == 200, response.content
    table.refresh_from_db()
    assert table.rows[1] == ["百度", "30亿元"] and table.edited_by == users["editor"]
    assert table.status == "draft"
    stale = send(editor, "patch", f"/api/v1/staff/tables/{table.pk}/",
                 {"caption": "x", "version": read["version"]})
    assert stale.status_code == 409
    ragged = send(editor, "patch", f"/api/v1/staff/tables/{table.pk}/", {"rows": [["只有一格"]]})
    assert ragged.status_code == 400 and "第 1 行有 1 个单元格" in ragged.json()["detail"]
    # the refusal speaks the client's language, as DRF's own messages do
    english = send(editor, "patch", f"/api/v1/staff/tables/{table.pk}/",
                   {"rows": [["只有一格"]]}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] == "Row 1 has 1 cells but the table has 2 columns."
    confirmed = send(editor, "patch", f"/api/v1/staff/tables/{table.pk}/", {"confirm": True})
    assert confirmed.json()["status"] == "confirmed"
    assert AuditEntry.objects.filter(action="table_confirm", details__table_id=table.pk).exists()


def test_staff_can_see_drafts_the_public_api_cannot(desk, api, client):
    article = desk["article"]
    assert send(api("editor"), "get", f"/api/v1/staff/articles/{article.pk}/").status_code == 200
    assert send(api("editor"), "get", f"/api/v1/articles/{article.pk}/").status_code == 404
