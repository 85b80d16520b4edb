"""Hostile imported markup renders inert everywhere, checked in headless Chromium.

Every payload tries to run code that sets ``document.title`` to PWNED, adds an
element with id ``pwned`` or sets ``window.__pwned``. The pages are loaded in a
real browser (logged in for the admin and the preview), given time for timers,
onload handlers and meta refreshes, and must show none of it.
"""

import base64

import pytest
from django.urls import reverse

from articles import processing
from articles.imports import import_article
from articles.workflow import publish
from tests.browser import Browser, dump_dom, session_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Built by concatenation, so the escaped payload text never contains the markers itself.
SET = "document.title='PW'+'NED'"
ADD = ("var d=document.createElement('div');d.id='pw'+'ned';"
       "(document.body||document.documentElement).appendChild(d)")
DATA_HTML = base64.b64encode(f"<script>parent.{SET};window.__pwned=true</script>".encode()).decode()
SVG_DATA = ("data:image/svg+xml;utf8,"
            "<svg xmlns='http://www.w3.org/2000/svg' onload=\"top.__pwned=true\"/>")

PAYLOADS = [
    f"<script>{SET}</script>",
    f"<script src=\"data:text/javascript,{ADD}\"></script>",
    f"<img src=x onerror=\"{ADD}\">",
    f"<svg onload=\"{SET}\"><script>{ADD}</script></svg>",
    f"<a href=\"javascript:{SET}\" id=\"clickme\">点我</a>",
    f"<iframe src=\"javascript:parent.{SET}\"></iframe>",
    f"<iframe srcdoc=\"<script>parent.{SET}</script>\"></iframe>",
    f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{SET}\">",
    "<base href=\"https://evil.example/\">",
    f"<object data=\"data:text/html;base64,{DATA_HTML}\"></object>",
    f"<embed src=\"data:text/html;base64,{DATA_HTML}\">",
    f"<img src=\"{SVG_DATA}\">",
    f"<div style=\"background:url('javascript:{SET}')\">样式</div>",
    f"<style>@import 'javascript:{SET}'; body{{behavior:url(x.htc)}}</style>",
    f"<math><mtext><table><mglyph><style><img src=x onerror=\"{ADD}\"></style></mglyph></table>",
    f"<details open ontoggle=\"{ADD}\">细节</details>",
    f"<body onload=\"{SET}\">",
    f"\"><script>{SET}</script>",
    f"</textarea></pre><script>{ADD}</script>",
    f"<form action=\"javascript:{SET}\"><button>提交</button></form>",
]

STORY = [
    "国产芯片正在追赶国际先进水平,软件生态建设仍然是关键所在。",
    "多家厂商表示,今年的研发投入将继续增加,重点放在编译器和工具链上。",
    "业内人士认为,开源社区的参与度决定了生态能否真正建立起来。",
]


def hostile_html() -> str:
    parts = ["<html><head><title>t</title>", PAYLOADS[7], PAYLOADS[8], "</head><body>"]
    for i, payload in enumerate(PAYLOADS):
        parts.append(f"<p>{STORY[i % 3]}{payload}第{i}段结束。</p>")
    parts.append(f"<p onclick=\"{SET}\" onmouseover=\"{ADD}\">{STORY[0]}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def hostile_text() -> str:
    lines = []
    for i, payload in enumerate(PAYLOADS):
        lines.append(f"{STORY[i % 3]}{payload}")
        lines.append(payload)
    return "\n".join(lines) + "\n"


def assert_inert(page, what: str) -> None:
    assert page.title != "PWNED", f"{what}: a script set the title"
    assert not page.pwned, f"{what}: a script added #pwned or set window.__pwned"
    assert "evil.example" not in page.url and page.url.startswith("http"), page.url
    # No live element that runs or loads code made it through: only our own static scripts.
    assert not page.handlers, (what, page.handlers)
    assert not page.foreign_scripts, (what, page.foreign_scripts)
    assert not page.active_elements, (what, page.active_elements)


@pytest.fixture
def hostile_articles(django_user_model, plain_static):
    html = import_article(hostile_html(), title=f"恶意HTML<script>{SET}</script>", fmt="html",
                          source=f"来源<img src=x onerror=\"{ADD}\">",
                          byline=f"<svg onload=\"{SET}\">")
    text = import_article(hostile_text(), title=f"恶意文本\"><img src=x onerror=\"{ADD}\">",
                          fmt="text")
    for article in (html, text):
        processing.process_article(article.pk)
    publish(html)  # public page; the text one stays a draft: staff preview
    user = django_user_model.objects.create_superuser("hostile-admin", password="x-long-pass-1")
    return html, text, session_of(user)


def test_hostile_markup_is_inert_on_every_page(live_server, hostile_articles):
    html, text, session = hostile_articles
    # The plain way first: --dump-dom after a virtual-time budget.
    dom = dump_dom(live_server.url + html.get_absolute_url())
    assert "国产芯片正在追赶" in dom
    assert "PWNED" not in dom
    assert 'id="pwned"' not in dom
    pages = {
        "public article": html.get_absolute_url(),
        "home": "/",
        "search": "/search/?q=" + "国产芯片",
        "staff preview": text.get_absolute_url(),
        "admin change": reverse("admin:articles_article_change", args=[html.pk]),
        "admin change (text)": reverse("admin:articles_article_change", args=[text.pk]),
        "admin review": reverse("admin:articles_article_review", args=[html.pk]),
        "admin review (text)": reverse("admin:articles_article_review", args=[text.pk]),
        "admin compare": reverse("admin:articles_article_compare", args=[html.pk]),
        "admin compare (text)": reverse("admin:articles_article_compare", args=[text.pk]),
        "admin list": reverse("admin:articles_article_changelist"),
        "admin blocks": reverse("admin:articles_block_changelist") + "?q=script",
    }
    with Browser() as browser:
        browser.set_cookie("sessionid", session, live_server.url)
        seen = {}
        for what, path in pages.items():
            page = browser.visit(live_server.url + path)
            assert_inert(page, what)
            seen[what] = page
    # The pages really rendered the hostile article (so the check was not vacuous).
    assert "恶意HTML" in seen["public article"].html
    assert "恶意文本" in seen["staff preview"].html
    assert "onerror" in seen["admin review (text)"].html  # shown as text, escaped
    # The admin's own JavaScript still runs under the Content-Security-Policy.
    assert seen["admin change"].admin_js, seen["admin change"].messages
    for what in ("admin change", "admin review", "admin compare", "admin list"):
        assert not seen[what].csp_violations(), (what, seen[what].messages)
