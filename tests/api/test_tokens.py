"""API tokens: stored hashed, shown once, revocable; throttled per token and per client."""

import hashlib

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_only_the_digest_is_stored(users):
    token, secret = ApiToken.issue(users["editor"], name="app", scope="write")
    assert secret.startswith("nr_") and len(secret) > 40
    raw = secret.removeprefix("nr_")
    token.refresh_from_db()
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:8] and raw not in str(token.__dict__)
    assert ApiToken.objects.find(secret) == token
    assert ApiToken.objects.find(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    token.revoke()
    assert ApiToken.objects.find(secret) is None


def test_last_used_is_recorded(users, client):
    token, secret = ApiToken.issue(users["editor"], name="app")
    client.get("/api/v1/sections/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_management_command_prints_a_working_token(users, capsys, client):
    call_command("create_api_token", "editor-user", "--scope", "write")
    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.find(secret)
    assert token.user == users["editor"] and token.scope == "write"
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody-at-all")


def test_admin_creates_a_token_shown_once_and_revokes_it(users, django_user_model):
    boss = users["admin"]
    client = Client()
    client.force_login(boss)
    page = client.post("/admin/api/apitoken/add/", {"name": "newsletter",
                                                    "user": users["editor"].pk,
                                                    "scope": "read"})
    assert page.status_code == 200
    token = ApiToken.objects.get(name="newsletter")
    secret = page.context["secret"]
    assert secret in page.content.decode() and ApiToken.objects.find(secret) == token
    change = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert secret not in change and token.prefix in change
    client.post("/admin/api/apitoken/", {"action": "revoke_selected",
                                         "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_only_roles_with_the_permission_manage_tokens(users, role):
    client = Client()
    client.force_login(users[role])
    assert client.get("/admin/api/apitoken/add/").status_code == 403
    assert "api.add_apitoken" in {f"api.{p.codename}" for p in
                                  Group.objects.get(name="admin").permissions.all()}


@override_settings(NEWSROOM_API_RATES={"anon": "3/minute", "token": "5/minute"})
def test_throttled_per_anonymous_client_and_per_token(users):
    anonymous = Client(REMOTE_ADDR="10.0.0.1")
    codes = [anonymous.get("/api/v1/sections/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = anonymous.get("/api/v1/sections/")
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0 and refused.json()["status"] == 429
    # Another client, and a token, each have their own allowance.
    assert Client(REMOTE_ADDR="10.0.0.2").get("/api/v1/sections/").status_code == 200
    _token, secret = ApiToken.issue(users["editor"], name="app")
    with_token = Client(REMOTE_ADDR="10.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
    codes = [with_token.get("/api/v1/sections/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    _other, second = ApiToken.issue(users["editor"], name="other")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {second}").get(
        "/api/v1/sections/").status_code == 200
