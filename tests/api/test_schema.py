"""The OpenAPI document: valid, and what the endpoints really send matches it."""

import json

import pytest
import yaml
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from tests.api.test_staff import request_for, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    validate(document)
    paths = set(document["paths"])
    assert {"/api/v1/articles/", "/api/v1/articles/{id}/", "/api/v1/sections/",
            "/api/v1/entities/", "/api/v1/entities/{id}/articles/", "/api/v1/search/",
            "/api/v1/staff/articles/", "/api/v1/staff/articles/{id}/verdicts/",
            "/api/v1/staff/articles/{id}/mentions/", "/api/v1/staff/articles/{id}/transition/",
            "/api/v1/staff/tables/{id}/"} <= paths
    assert document["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def matches(schema: dict, path: str, method: str, status: int, body) -> None:
    """``body`` validates against the documented response of ``method path``."""
    operation = schema["paths"][path][method]
    content = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    validator = OAS31Validator({**content, "components": schema["components"]})
    errors = sorted(validator.iter_errors(body), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_read_responses_match_the_schema(schema, stories, kb, client):
    from search.indexing import index_article

    index_article(stories["second"].pk)
    article, baidu = stories["first"], kb["baidu"]
    for path, template in [
        ("/api/v1/articles/", "/api/v1/articles/"),
        (f"/api/v1/articles/{article.pk}/", "/api/v1/articles/{id}/"),
        ("/api/v1/sections/", "/api/v1/sections/"),
        (f"/api/v1/sections/{stories['section'].pk}/", "/api/v1/sections/{id}/"),
        ("/api/v1/entities/", "/api/v1/entities/"),
        (f"/api/v1/entities/{baidu.pk}/", "/api/v1/entities/{id}/"),
        (f"/api/v1/entities/{baidu.pk}/articles/", "/api/v1/entities/{id}/articles/"),
        ("/api/v1/search/?q=百度", "/api/v1/search/"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        matches(schema, template, "get", 200, response.json())


def test_staff_responses_match_the_schema(schema, desk, api):
    editor = api("editor")
    templates = {
        "import": ("/api/v1/staff/articles/", 201),
        "article": ("/api/v1/staff/articles/{id}/", 200),
        "verdicts": ("/api/v1/staff/articles/{id}/verdicts/", 200),
        "override": ("/api/v1/staff/articles/{id}/verdicts/", 200),
        "mentions": ("/api/v1/staff/articles/{id}/mentions/", 200),
        "decide": ("/api/v1/staff/articles/{id}/mentions/", 200),
        "table": ("/api/v1/staff/tables/{id}/", 200),
        "edit_table": ("/api/v1/staff/tables/{id}/", 200),
        "publish": ("/api/v1/staff/articles/{id}/transition/", 200),
    }
    for name, (template, status) in templates.items():
        method, path, body = request_for(name, desk)
        response = send(editor, method, path, body)
        assert response.status_code == status, (name, response.content)
        matches(schema, template, method, status, response.json())


def test_schema_generates_without_warnings(tmp_path):
    """drf-spectacular's own validation, failing on any warning (as CI runs it)."""
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text().startswith("openapi: 3.1.0")


def test_problem_responses_match_the_schema(schema, desk, api, client):
    def problem(response, template, method):
        operation = schema["paths"][template][method]
        documented = operation["responses"][str(response.status_code)]["content"]
        assert response["Content-Type"] in documented
        body = response.json()
        validator = OAS31Validator({**documented[response["Content-Type"]]["schema"],
                                    "components": schema["components"]})
        assert not list(validator.iter_errors(body)), body

    article = desk["article"]
    problem(client.get(f"/api/v1/articles/{article.pk}/"), "/api/v1/articles/{id}/", "get")
    problem(client.get("/api/v1/articles/?section=none"), "/api/v1/articles/", "get")
    staff = f"/api/v1/staff/articles/{article.pk}/transition/"
    template = "/api/v1/staff/articles/{id}/transition/"
    problem(send(client, "post", staff, {"to": "review"}), template, "post")
    problem(send(api("reporter"), "post", staff, {"to": "published"}), template, "post")
    problem(send(api("editor"), "post", staff, {"to": "review", "version": 99}), template, "post")
    problem(send(api("editor"), "post", staff, {"to": "nowhere"}), template, "post")
