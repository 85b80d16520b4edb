"""Hostile users: headers, request size, login lockout, passwords, cookies, uploads."""

import http.client
import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.test import Client
from django.urls import reverse

from articles.imports import ImportRefused, import_article, safe_filename
from articles.models import Article


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are translated (issue #17); these tests read the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-pass-1"  # the editor fixture's
STORY = "第一段:国产芯片正在追赶,生态建设仍是关键。\n第二段:软件工具链同样重要。\n"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    """Login tests hash a password per attempt; PBKDF2's cost is not what they check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- security headers ---------------------------------------------------------------


def assert_security_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'",
                      "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'",
                      "img-src 'self' data:", "style-src 'self' 'unsafe-inline'"):
        assert directive in csp, directive
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_security_headers_on_public_pages(client):
    for path in ("/", "/robots.txt", "/healthz", "/no-such-page/"):
        response = client.get(path, secure=True)
        assert response.status_code in (200, 404), path
        assert_security_headers(response)


@pytest.mark.django_db
def test_security_headers_on_admin(editor_client, client):
    assert_security_headers(client.get(reverse("admin:login"), secure=True))
    response = editor_client.get(reverse("admin:articles_article_changelist"), secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


# --- request size -------------------------------------------------------------------


@pytest.mark.django_db
def test_oversized_request_refused_before_reading(editor_client):
    gigabyte = 1024**3
    # The 413 is answered after LocaleMiddleware, so in the reader's language.
    response = editor_client.generic(
        "POST", reverse("admin:articles_article_import"), b"tiny body",
        content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(gigabyte),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "too large" in text and "1024.0 MB" in text and "Nothing was saved" in text
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_request_within_limit_passes(editor_client):
    response = editor_client.post(reverse("admin:articles_article_import"),
                                  {"title": "限额之内", "language": "zh", "text": STORY})
    assert response.status_code == 302
    assert Article.objects.filter(title="限额之内").exists()


def test_bad_content_length_refused(client):
    response = client.generic("POST", "/", b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400


def raw_request(url: str, head: str, body_chunks=()) -> tuple[int, bytes, float]:
    parts = urlparse(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    began = time.monotonic()
    connection.connect()
    connection.sock.sendall(head.encode())
    for chunk in body_chunks:
        try:
            connection.sock.sendall(chunk)
        except OSError:
            break  # the server may close early: that is the point
    response = http.client.HTTPResponse(connection.sock, method="POST")
    response.begin()
    body = response.read(4096)
    connection.close()
    return response.status, body, time.monotonic() - began


@pytest.mark.django_db(transaction=True)
def test_one_gigabyte_request_gets_413_from_headers_alone(live_server):
    host = urlparse(live_server.url).netloc
    head = (f"POST /admin/articles/article/import/ HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {1024**3}\r\n\r\n")
    status, body, seconds = raw_request(live_server.url, head)  # headers only, no body
    # Answered before LocaleMiddleware, in the default language: check the size it reports.
    assert status == 413 and b"1024.0 MB" in body
    assert seconds < 5
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_chunked_body_without_length_is_not_read(live_server):
    host = urlparse(live_server.url).netloc
    head = (f"POST /admin/articles/article/import/ HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (1024 * 1024, b"A" * 1024 * 1024)
    status, _body, seconds = raw_request(live_server.url, head, [chunk] * 3)
    # Django reads exactly Content-Length bytes (none here): the login/CSRF gate answers.
    assert status in (302, 400, 403, 413)
    assert seconds < 10
    assert not Article.objects.exists()


# --- login lockout (django-axes) ----------------------------------------------------


def login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(reverse("admin:login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_login_locked_after_five_failures(editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _ in range(4):
        response = login(client, "editor", "wrong-password")
        assert response.status_code == 200  # the login form again, with an error
    response = login(client, "editor", "wrong-password")
    assert response.status_code == 429
    # Locked: even the right password is refused now, without being checked.
    response = login(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Lockout is by username + IP: the same user from elsewhere can still log in...
    other = Client()
    assert login(other, "editor", PASSWORD, ip="10.0.0.2").status_code == 302
    # ...and another account from the locked IP is not affected.
    assert login(Client(), "nobody", "x", ip="10.0.0.1").status_code == 200


@pytest.mark.django_db
def test_successful_login_resets_the_count(editor):
    client = Client()
    for _ in range(4):
        login(client, "editor", "wrong-password")
    assert login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "editor", "wrong-password").status_code == 200


@pytest.mark.django_db
def test_force_login_still_works_for_tests(editor_client):
    assert editor_client.get(reverse("admin:index")).status_code == 200


# --- passwords ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["password", "12345678", "editor12", "short"])
def test_weak_password_refused_by_admin_form(editor, weak):
    form = AdminPasswordChangeForm(editor, {"password1": weak, "password2": weak,
                                            "usable_password": "true"})
    assert not form.is_valid()
    assert form.errors["password2"]


@pytest.mark.django_db
def test_weak_password_refused_through_admin_view(editor_client, editor):
    url = reverse("admin:auth_user_password_change", args=[editor.pk])
    response = editor_client.post(url, {"password1": "password", "password2": "password",
                                        "usable_password": "true"})
    assert response.status_code == 200  # the form again
    assert "password" in response.content.decode().lower()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    strong = "Kx9-vault-horse-staple-41"
    response = editor_client.post(url, {"password1": strong, "password2": strong,
                                        "usable_password": "true"})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(strong)


# --- production cookies -------------------------------------------------------------


def test_cookies_secure_and_headers_in_production(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "from django.test import RequestFactory; from django.http import HttpResponse; "
        "from newsroom.security import SecurityHeadersMiddleware as M; "
        "r = M(lambda q: HttpResponse('x'))(RequestFactory().get('/')); "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, 'axes' in s.INSTALLED_APPS, "
        "s.INSTALLED_APPS[-1], s.MIDDLEWARE[-1], s.AUTHENTICATION_BACKENDS[0], "
        "r['Content-Security-Policy']]))"
    )
    keep = {k: v for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
                         "SECURE_SSL_REDIRECT", "CELERY_BROKER_URL"}}
    keep.update(DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="0",
                SECRET_KEY="p" * 30 + "Q9-x" * 8, ALLOWED_HOSTS="news.example.com",
                NEWSROOM_DATA_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=keep,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    (session_secure, csrf_secure, httponly, hsts, has_axes, last_app, last_mw, first_backend,
     csp) = json.loads(out.stdout.strip().splitlines()[-1])
    assert session_secure and csrf_secure and httponly and hsts >= 31536000
    assert has_axes and last_app == "desk"
    assert last_mw == "axes.middleware.AxesMiddleware"
    assert first_backend == "axes.backends.AxesStandaloneBackend"
    assert "script-src 'self'" in csp


# --- uploads ------------------------------------------------------------------------


def multipart(fields: dict[str, str], filename: str, content: bytes,
              field: str = "file", content_type: str = "text/plain") -> tuple[bytes, str]:
    boundary = "----newsroomboundary7MA4YWxk"
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                  f"{value}\r\n".encode())
    out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; "
              f"filename=\"".encode() + filename.encode("utf-8") + b"\"\r\n"
              + f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def snapshot(*dirs: Path) -> set[str]:
    found = set()
    for directory in dirs:
        if directory.is_dir():
            for dirpath, _dirnames, filenames in os.walk(directory):
                if ".venv" in dirpath or "__pycache__" in dirpath or ".git" in dirpath:
                    continue
                found.update(os.path.join(dirpath, f) for f in filenames)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\x.html", "x.html"),
    ("/tmp/../../root/.ssh/story.txt", "story.txt"),
    ("sto\x00ry.txt", "story.txt"),
    ("%2e%2e%2fencoded.txt", "%2e%2e%2fencoded.txt"),
])
def test_path_traversal_file_names_are_neutralised(editor_client, tmp_path, name, expected):
    from desk.models import AuditEntry

    before = snapshot(ROOT, Path(settings.DATA_DIR))
    body, content_type = multipart({"title": "路径穿越", "language": "zh"}, name,
                                   STORY.encode() if not expected.endswith(".html")
                                   else f"<p>{STORY}</p>".encode())
    response = editor_client.generic("POST", reverse("admin:articles_article_import"), body,
                                     content_type=content_type)
    assert response.status_code == 302, response.content.decode()[-2000:]
    article = Article.objects.get(title="路径穿越")
    assert article.raw_format == ("html" if expected.endswith(".html") else "text")
    entry = AuditEntry.objects.filter(article=article, action="import").get()
    assert entry.details["filename"] == expected
    assert not Path("/etc/passwd.txt").exists() and not (ROOT.parent / "x.html").exists()
    new_files = snapshot(ROOT, Path(settings.DATA_DIR)) - before
    assert not [f for f in new_files if "passwd" in f or f.endswith(("x.html", "story.txt"))]


def test_safe_filename_refuses_control_characters_and_empty_names():
    assert safe_filename("../../etc/passwd.txt") == "passwd.txt"
    assert safe_filename("..\\..\\x.html") == "x.html"
    for bad in ("a\x00b.txt", "evil\r\n.txt", "..", "../", "dir/."):
        with pytest.raises(ImportRefused):
            safe_filename(bad)


@pytest.mark.django_db
def test_import_function_refuses_nul_in_file_name():
    with pytest.raises(ImportRefused, match="control characters"):
        import_article(STORY, title="x", filename="../a\x00.txt")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_binary_disguised_as_text_refused_before_parsing(editor_client):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    body, content_type = multipart({"title": "伪装的图片", "language": "zh"}, "story.txt", png)
    response = editor_client.generic("POST", reverse("admin:articles_article_import"), body,
                                     content_type=content_type)
    assert response.status_code == 200
    assert "binary" in response.content.decode().lower() or "二进制" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_wrong_type_refused(editor_client):
    body, content_type = multipart({"title": "可执行文件", "language": "zh"}, "story.exe",
                                   b"MZ\x90\x00" * 100)
    response = editor_client.generic("POST", reverse("admin:articles_article_import"), body,
                                     content_type=content_type)
    assert response.status_code == 200
    assert "story.exe" in response.content.decode()
    assert not Article.objects.exists()


def zip_bomb() -> bytes:
    """A small zip that looks like an XLSX and unpacks to ~60 MB of spaces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        payload = b"<worksheet><sheetData>" + b" " * (60 * 1024 * 1024) + b"</sheetData>"
        archive.writestr("xl/worksheets/sheet1.xml", payload)
    return buffer.getvalue()


@pytest.mark.django_db
def test_zip_bomb_xlsx_refused_by_datatables_upload(editor_client):
    from datatables.models import DataTable

    bomb = zip_bomb()
    assert len(bomb) < 200 * 1024
    body, content_type = multipart(
        {"title": "炸弹", "has_header": "on"}, "bomb.xlsx", bomb,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    began = time.monotonic()
    response = editor_client.generic("POST", reverse("admin:datatables_datatable_import"),
                                     body, content_type=content_type)
    assert time.monotonic() - began < 5
    assert response.status_code == 200
    text = response.content.decode()
    assert "压缩炸弹" in text or "解压后" in text, text[-3000:]  # the editor's language
    assert not DataTable.objects.exists()
