"""Issue #17 defects that were PostgreSQL's or Redis's own: run on the full stack.

The Redis outage test serves the site with gunicorn against the test database and a
Redis address nobody listens on, and walks the whole request path: public pages,
an import, an edit and a publish. gunicorn's worker timeout is short (15 s): a
request blocked on Redis for longer is killed, and the test fails on it.
"""

import http.client
import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlencode

import lxml.html
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from articles import processing
from articles.imports import ImportRefused, import_article
from articles.models import Article
from articles.workflow import transition
from tests.fullstack.conftest import ROOT, database_url, wait_for
from tests.fullstack.test_faults import free_port

pytestmark = [pytest.mark.fullstack, pytest.mark.django_db(transaction=True)]
TEXT = "第一段:国产芯片正在追赶。\n第二段:软件生态是关键。\n"


# --- 6. A NUL byte never reaches PostgreSQL's text columns ------------------------------

def test_a_nul_after_8_kb_imports_through_the_admin_on_postgresql(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = ("正文第一段。" * 1000 + "\n").encode() + b"tail\x00end\n"
    response = admin_client.post(reverse("admin:articles_article_import"), {
        "title": "带NUL", "language": "zh",
        "file": SimpleUploadedFile("story.txt", data, content_type="text/plain"),
    })
    assert response.status_code == 302, response.content.decode()[-2000:]
    article = Article.objects.get(title="带NUL")
    assert bytes(article.raw_original) == data and "tail\u2400end" in article.raw_body
    processing.process_article(article.pk)
    article.refresh_from_db()
    assert article.processing_state == Article.Processing.DONE


# --- 9. A NUL in an address is a client error, not a DataError ----------------------------

def test_nul_in_addresses_is_never_a_500_on_postgresql():
    client = Client(raise_request_exception=False)
    for url in ("/articles/a%00b/", "/entities/%00/", "/sections/%00/", "/feeds/sections/%00/rss/",
                "/feeds/sections/%00/atom/", "/feeds/entities/%00/rss/",
                "/feeds/entities/%00/atom/", "/articles/?section=%00", "/articles/?source=%00",
                "/articles/?entity=%00", "/search/?q=%00", "/tables/1/table.%00"):
        assert client.get(url).status_code in (400, 404), url


# --- 11. The command's input is validated before PostgreSQL sees it -----------------------

def test_an_over_long_title_is_refused_not_a_database_error():
    with translation.override("en"), pytest.raises(ImportRefused, match="300"):
        import_article(TEXT, title="长" * 10_000)
    assert not Article.objects.exists()


# --- 2. Redis unreachable: the whole request path ----------------------------------------

class Http:
    """Just enough of a browser: cookies, CSRF token, no redirect following."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port, self.cookies, self.took = port, dict(cookies or {}), []

    def request(self, method: str, path: str, data: dict | None = None):
        headers = {"Host": "localhost", "Accept-Language": "en",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        began = time.monotonic()
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        self.took.append((method, path, round(time.monotonic() - began, 2)))
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _sep, rest = value.split(";", 1)[0].partition("=")
                self.cookies[key.strip()] = rest
        return response.status, response.getheader("Location"), content

    def get(self, path: str):
        return self.request("GET", path)

    def form(self, path: str, form_id: str | None = None) -> dict:
        status, _location, html = self.get(path)
        assert status == 200, (path, status, html[-2000:])
        doc = lxml.html.fromstring(html)
        form = doc.get_element_by_id(form_id) if form_id else doc.forms[-1]
        return dict(form.form_values())


@pytest.fixture
def site_without_redis():
    """gunicorn on the test database; REDIS_URL points at a port nobody listens on."""
    dead = f"redis://127.0.0.1:{free_port()}/0"
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": dead,
           "CELERY_BROKER_URL": dead, "CELERY_RESULT_BACKEND": dead,
           "CELERY_TASK_ALWAYS_EAGER": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--timeout", "15"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )

    def up() -> bool:
        try:
            return Http(port).get("/healthz")[0] == 200
        except OSError:
            return False

    try:
        assert wait_for(up, timeout=60), "gunicorn did not start"
        yield port, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_redis_unreachable_pages_served_saves_fast_and_told_truthfully(
        site_without_redis, django_user_model):
    port, server = site_without_redis
    story = import_article(TEXT, title="故障时的公开文章")
    processing.process_article(story.pk)
    transition(story, Article.Status.PUBLISHED, None)
    editor = django_user_model.objects.create_superuser("outage-editor", password="x-long-pass-1")
    client = Client()
    client.force_login(editor)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    reader = Http(port)
    for path in ("/", "/articles/", "/search/?q=%E8%8A%AF%E7%89%87", story.get_absolute_url(),
                 "/feeds/rss/", "/sitemap.xml"):
        status, _location, html = reader.get(path)
        assert status == 200, (path, html[-2000:])

    desk = Http(port, {settings.SESSION_COOKIE_NAME: session})
    # Import: saved, redirected to a change page that works, and told what happened.
    data = desk.form(reverse("admin:articles_article_import"))
    data.update(title="Redis故障时导入", language="zh", text=TEXT)
    status, location, html = desk.request("POST", reverse("admin:articles_article_import"), data)
    assert status == 302, html[-3000:]
    article = Article.objects.get(title="Redis故障时导入")
    assert article.processing_state == Article.Processing.PENDING  # for the beat sweep
    status, _location, html = desk.get(location)
    assert status == 200 and "The task queue is unreachable" in html
    # An edit save and a publish: committed, fast, and reported as saved.
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = desk.form(change, "article_form")
    data["dek"] = "Redis 不在也能保存"
    status, location, html = desk.request("POST", change, data)
    assert status == 302, html[-3000:]
    assert "The task queue is unreachable" in desk.get(location)[2]
    data = desk.form(change, "article_form")
    status, location, _html = desk.request(
        "POST", reverse("admin:articles_article_transition", args=[article.pk]),
        {"csrfmiddlewaretoken": data["csrfmiddlewaretoken"], "to": "published"})
    assert status == 302
    article.refresh_from_db()
    assert article.dek == "Redis 不在也能保存" and article.status == Article.Status.PUBLISHED
    assert server.poll() is None  # no worker was killed for hanging
    print("request times with Redis unreachable (s):", reader.took + desk.took)
