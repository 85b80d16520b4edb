"""The read API: published content only, the public listing's filters, caching headers."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.workflow import transition
from public.caching import PAGE_SECONDS
from search.indexing import index_article

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_list_is_published_newest_first_with_absolute_urls(stories, client):
    response = client.get("/api/v1/articles/")
    assert ids(response) == [stories["third"].pk, stories["second"].pk, stories["first"].pk]
    row = response.json()["results"][2]
    assert row["url"] == "http://testserver" + stories["first"].get_absolute_url()
    assert row["api_url"] == f"http://testserver/api/v1/articles/{stories['first'].pk}/"
    assert row["section"]["slug"] == stories["section"].slug


def test_cursor_pagination_walks_every_article_once(stories, client):
    first = client.get("/api/v1/articles/?page_size=2").json()
    assert len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert [r["id"] for r in first["results"] + second["results"]] == [
        stories["third"].pk, stories["second"].pk, stories["first"].pk]
    assert second["next"] is None


def test_detail_has_structured_story_html_tables_and_entities(stories, kb, client):
    article = stories["first"]
    body = client.get(f"/api/v1/articles/{article.pk}/").json()
    story = body["story"]
    kinds = [b["type"] for b in story["blocks"]]
    assert kinds == ["paragraph", "paragraph", "table", "paragraph"]
    lead = story["blocks"][0]
    linked = {lead["text"][m["start"]:m["end"]]: m["entity"] for m in lead["mentions"]}
    assert linked == {"腾讯": kb["tencent"].pk, "百度": kb["baidu"].pk}
    assert story["blocks"][2]["table"] == stories["table"].pk
    table = story["tables"][0]
    assert [c["type"] for c in table["columns"]] == ["text", "money"]
    assert table["rows"][0][1]["text"] == "250亿美元"
    assert table["rows"][0][1]["value"]["number"] == "25000000000"
    assert table["rows"][0][0]["link"] == "http://testserver/entities/tencent/"
    entities = {e["name"]: e for e in story["entities"]}
    assert entities["腾讯"]["kind"] == "organisation"
    assert entities["腾讯"]["url"] == "http://testserver/entities/tencent/"
    assert entities["腾讯"]["api_url"] == f"http://testserver/api/v1/entities/{kb['tencent'].pk}/"
    html = story["html"]
    assert '<a class="entity entity-organisation" href="http://testserver/entities/tencent/"' \
        in html
    assert "<table" in html and "<input" not in html and "<script" not in html


def test_story_html_is_escaped_and_sanitised(kb, client, rf):
    from api.story import absolute_html
    from tests.api.conftest import make_story

    article = make_story("转义", "研究显示 3 < 5 & 7 > 2 的结论在报告里成立。\n")
    html = client.get(f"/api/v1/articles/{article.pk}/").json()["story"]["html"]
    assert "3 &lt; 5 &amp; 7 &gt; 2" in html
    cleaned = absolute_html('<p onclick="x()">a<script>alert(1)</script><a href="/e/1/">b</a>'
                            '<a href="javascript:alert(1)">c</a><input value=1></p>',
                            rf.get("/"))
    assert "script" not in cleaned and "onclick" not in cleaned and "<input" not in cleaned
    assert 'href="http://testserver/e/1/"' in cleaned and "javascript" not in cleaned


def test_sections_entities_and_entity_articles(stories, kb, client):
    sections = client.get("/api/v1/sections/").json()["results"]
    assert [s["slug"] for s in sections] == [stories["section"].slug]
    listed = client.get(sections[0]["articles_url"])
    assert ids(listed) == [stories["third"].pk, stories["first"].pk]
    products = client.get("/api/v1/entities/?kind=product").json()["results"]
    assert [e["name"] for e in products] == ["文心一言"]
    baidu = client.get(f"/api/v1/entities/{kb['baidu'].pk}/").json()
    assert baidu["kind"] == "organisation" and baidu["url"].endswith("/entities/baidu/")
    assert ids(client.get(baidu["articles_url"])) == [stories["second"].pk, stories["first"].pk]
    assert client.get("/api/v1/entities/?kind=nonsense").status_code == 400


PARITY_QUERIES = [
    {},
    {"section": "科技"},
    {"entity": "baidu"},
    {"entity": ["baidu", "tencent"]},
    {"kind": "product"},
    {"language": "en"},
    {"date_after": (timezone.localdate() - timedelta(days=2)).isoformat()},
]


@pytest.mark.parametrize("query", PARITY_QUERIES, ids=lambda q: repr(q))
def test_filters_give_the_public_listings_articles(stories, client, query):
    """The same query string on the public listing and the API: the same articles."""
    page = client.get(reverse("articles:list"), query)
    assert page.status_code == 200
    public_ids = [a.pk for a in page.context["articles"]]
    assert public_ids, "a query that lists nothing proves nothing"
    assert ids(client.get("/api/v1/articles/", query)) == public_ids


def test_invalid_filter_is_a_problem(stories, client):
    response = client.get("/api/v1/articles/", {"section": "no-such-section"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "section" in response.json()["errors"]


def test_drafts_never_leak(stories, kb, client, django_capture_on_commit_callbacks):
    draft = stories["draft"]
    index_article(draft.pk)
    for article in (stories["first"], stories["second"]):
        index_article(article.pk)
    assert draft.pk not in ids(client.get("/api/v1/articles/"))
    assert draft.pk not in ids(client.get("/api/v1/articles/", {"entity": "baidu"}))
    response = client.get(f"/api/v1/articles/{draft.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert draft.pk not in ids(client.get(f"/api/v1/entities/{kb['baidu'].pk}/articles/"))
    found = client.get("/api/v1/search/", {"q": "百度"}).json()
    assert found["results"] and draft.pk not in [h["article"]["id"] for h in found["results"]]
    assert client.get("/api/v1/search/", {"q": "草稿秘密"}).json()["results"] == []
    # Withdrawn after being read: gone from the API as from the site.
    first = stories["first"]
    assert client.get(f"/api/v1/articles/{first.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        transition(first, "archived", None)
    assert client.get(f"/api/v1/articles/{first.pk}/").status_code == 404
    assert first.pk not in ids(client.get("/api/v1/articles/"))
    # Scheduled for later: not yet.
    later = stories["second"]
    with django_capture_on_commit_callbacks(execute=True):
        transition(later, "archived", None)
        transition(later, "draft", None)
        transition(later, "scheduled", None, when=timezone.now() + timedelta(hours=1))
    assert client.get(f"/api/v1/articles/{later.pk}/").status_code == 404


def test_etag_and_conditional_get(stories, client):
    url = f"/api/v1/articles/{stories['first'].pk}/"
    response = client.get(url)
    assert response["Cache-Control"] == f"public, max-age={PAGE_SECONDS}"
    etag = response["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    listing = client.get("/api/v1/articles/")
    assert client.get("/api/v1/articles/",
                      HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


def test_unknown_address_is_a_problem(client):
    for path in ("/api/v1/nothing/", "/api/v2/articles/", "/api/v1/articles/999999/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["status"] == 404 and body["title"] == "Not Found" and body["detail"]
    refused = client.post("/api/v1/articles/", {})
    assert refused.status_code == 405 and refused["Content-Type"] == "application/problem+json"


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.com"])
def test_cors_from_settings(stories, client):
    allowed = client.get("/api/v1/articles/", HTTP_ORIGIN="https://app.example.com")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    other = client.get("/api/v1/articles/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options("/api/v1/staff/articles/", HTTP_ORIGIN="https://app.example.com",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization,if-match")
    assert preflight.status_code == 200
    assert "if-match" in preflight["Access-Control-Allow-Headers"]
    site = client.get("/", HTTP_ORIGIN="https://app.example.com")
    assert "Access-Control-Allow-Origin" not in site  # the site itself is never shared
