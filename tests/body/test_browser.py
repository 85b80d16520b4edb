"""Done-when for issue #18, in headless Chromium (over the DevTools pipe): import the
seed through the admin's import form, fix a word in its third paragraph, move a
paragraph with the keyboard, upload an image into a figure with caption, credit and
alt text, preview, publish; the public page shows the edit and the image with srcset,
the revision diff shows exactly that edit, and the raw import is byte for byte what
was imported.

Screenshots: /tmp/newsroom-editor.png (the editor, edits made, before saving) and
/tmp/newsroom-public.png (the published page).
"""

import base64
import hashlib
import json
import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Revision
from body.document import plain_text
from body.models import StoryBlock
from images.library import add_image
from images.models import Image
from tests.browser import Browser, session_of
from tests.conftest import SEED_NAME, shared_dir

from .conftest import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("plain_static")]

WORD, FIX = "推高", "升温"


class Tab:
    """One page driven over the DevTools protocol: navigate, run script, type keys,
    choose files, take screenshots."""

    def __init__(self, browser: Browser):
        self.browser = browser
        self.target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget",
                                    {"targetId": self.target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "DOM"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def call(self, method, params=None):
        return self.browser.call(method, params, session=self.session)

    def wait_load(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.browser.events:
                if (event.get("method") == "Page.loadEventFired"
                        and event.get("sessionId") == self.session):
                    self.browser.events.remove(event)
                    self.browser.pump(0.3)
                    return
            self.browser.pump(0.2)
        raise TimeoutError("page did not load")

    def go(self, url):
        self.browser.events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_load()

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(json.dumps(result["exceptionDetails"])[:1000])
        return result["result"].get("value")

    def submit(self, expression):
        """Run script that submits a form, and wait for the next page."""
        self.browser.events.clear()
        self.js(expression)
        self.wait_load()

    def key(self, key, code, key_code, modifiers=0):
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {
                "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code,
                "modifiers": modifiers,
            })

    def set_files(self, selector, paths):
        root = self.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.call("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        self.call("DOM.setFileInputFiles", {"nodeId": node, "files": paths})

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport":
                                                    False})["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def messages(self):
        return [json.dumps(e.get("params"))[:600] for e in self.browser.events
                if e.get("sessionId") == self.session and e.get("method") in (
                    "Log.entryAdded", "Runtime.exceptionThrown", "Runtime.consoleAPICalled")]

    def csp_violations(self):
        return [e["params"]["entry"]["text"] for e in self.browser.events
                if e.get("sessionId") == self.session and e.get("method") == "Log.entryAdded"
                and "Content Security Policy" in e["params"]["entry"].get("text", "")]

    def html(self):
        return self.js("document.documentElement.outerHTML")


@pytest.fixture
def desk_session(seed_bytes, eager, django_user_model):
    """A logged-in editor's session (tasks run in-process, on commit)."""
    editor = django_user_model.objects.create_superuser("desk", password="a-long-pass-123")
    return session_of(editor)


def import_seed(browser, url) -> Article:
    """Import the seed file through the admin's import form, as an editor would."""
    tab = Tab(browser)
    tab.go(url + reverse("admin:articles_article_import"))
    tab.set_files('input[name="file"]', [str(shared_dir() / "data" / "seed" / SEED_NAME)])
    tab.js("""(() => {
        document.querySelector('[name=title]').value = 'AI大模型应激反应';
        document.querySelector('[name=new_source]').value = '虎嗅';
    })()""")
    tab.submit("document.querySelector('input[name=file]').form.submit()")
    assert "Imported" in tab.html() or "已导入" in tab.html(), tab.html()[:3000]
    return Article.objects.get(title="AI大模型应激反应")


def paragraphs(article):
    return list(StoryBlock.objects.filter(article=article, kind="paragraph")
                .order_by("position"))


def test_an_editor_fixes_moves_illustrates_previews_and_publishes(
        live_server, desk_session, seed_bytes, tmp_path):
    session = desk_session
    with Browser() as browser:
        browser.set_cookie("sessionid", session, live_server.url)
        article = import_seed(browser, live_server.url)
    raw_sha = hashlib.sha256(article.raw_body.encode()).hexdigest()
    third = paragraphs(article)[2]
    assert WORD in plain_text(third.text), "the seed's third paragraph changed"
    figure = StoryBlock.objects.filter(article=article, kind="figure").order_by("position")[0]
    base_version = article.version
    moved = paragraphs(article)[-1]
    photo = tmp_path / "waic.png"
    photo.write_bytes(png_bytes((1600, 900), (180, 40, 40)))

    with Browser() as browser:
        browser.set_cookie("sessionid", session, live_server.url)
        tab = Tab(browser)
        tab.go(live_server.url + reverse("admin:body_storybody_edit", args=[article.pk]))
        assert tab.js("document.documentElement.classList.contains('nr-js')"), (
            tab.messages(), re.findall(r"<script[^>]*>", tab.html()))
        assert not tab.csp_violations()

        # Fix a word in the third paragraph, in its editable area, as typing would.
        fixed = tab.js(f"""(() => {{
            const block = [...document.querySelectorAll('.nr-block')]
                .find(b => b.querySelector('input[name$="-id"]').value === '{third.pk}');
            const area = block.querySelector('.nr-editable');
            const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
            let node; while ((node = walker.nextNode()) && !node.data.includes('{WORD}')) {{}}
            const at = node.data.indexOf('{WORD}');
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + {len(WORD)});
            area.focus();
            const selection = getSelection();
            selection.removeAllRanges(); selection.addRange(range);
            document.execCommand('insertText', false, '{FIX}');
            return block.querySelector('textarea').value;
        }})()""")
        assert FIX in fixed and WORD not in fixed

        # Move the last paragraph up one place with the keyboard (Alt+ArrowUp).
        tab.js(f"""[...document.querySelectorAll('.nr-block')]
            .find(b => b.querySelector('input[name$="-id"]').value === '{moved.pk}')
            .querySelector('.nr-editable').focus()""")
        tab.key("ArrowUp", "ArrowUp", 38, modifiers=1)  # 1 = Alt

        # Upload an image into the figure, with caption, credit and alt text.
        prefix = tab.js(f"""[...document.querySelectorAll('.nr-block')]
            .find(b => b.querySelector('input[name$="-id"]').value === '{figure.pk}')
            .querySelector('input[name$="-id"]').name.replace('-id', '')""")
        tab.set_files(f'input[name="{prefix}-upload"]', [str(photo)])
        tab.js(f"""(() => {{
            const set = (name, value) => {{
                document.querySelector('[name="{prefix}-' + name + '"]').value = value; }};
            set('caption', '2023WAIC现场'); set('credit', '本报记者摄');
            set('alt', '世界人工智能大会展台前的人群'); set('licence', 'own');
        }})()""")
        tab.js(f"""document.querySelector('[name="{prefix}-upload"]')
            .scrollIntoView({{block: 'center'}})""")
        tab.screenshot("/tmp/newsroom-editor.png")
        tab.submit("document.querySelector('#nr-body-form [name=_save]').click()")
        assert "Story saved" in tab.html(), tab.html()[:3000]

        # Preview through a signed link, as someone without an account would open it.
        tab.submit("""document.querySelector(
            '#nr-body-form button[formaction$="/preview/"]').click()""")
        link = tab.js("document.getElementById('nr-preview-link').href")
        assert "/preview/" in link
        anonymous = Tab(browser)
        browser.call("Storage.clearCookies")
        anonymous.go(link)
        preview = anonymous.html()
        assert FIX in preview and "<picture>" in preview
        browser.set_cookie("sessionid", session, live_server.url)

        # Publish from the article page.
        tab.go(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
        tab.submit("document.querySelector('button[name=to][value=published]').click()")
        article.refresh_from_db()
        assert article.status == "published", tab.html()[:2000]

        # The public page, as a reader gets it.
        browser.call("Storage.clearCookies")
        public = Tab(browser)
        public.go(live_server.url + article.get_absolute_url())
        public.js("document.querySelector('figure img').scrollIntoView({block: 'center'})")
        public.browser.pump(1.0)  # the lazy image loads once in view
        public.screenshot("/tmp/newsroom-public.png")
        assert not public.csp_violations()
        page = public.html()
        loaded = public.js("(() => { const i = document.querySelector('figure img');"
                           " return [i.complete, i.naturalWidth, i.currentSrc]; })()")

    assert FIX in page and "生成式AI的浪潮在持续" + FIX in page
    img = re.search(r"<img [^>]*>", page[page.index('class="body"'):]).group(0)
    assert 'srcset="' in img and "640w" in img and 'loading="lazy"' in img
    assert 'alt="世界人工智能大会展台前的人群"' in img and 'width="1600"' in img
    assert re.search(r'<source type="image/webp" srcset="[^"]*1280w', page)
    assert "本报记者摄" in page
    assert loaded[0] and loaded[1] > 0, loaded  # the image really loaded (CSP, MEDIA)
    # The move: the last paragraph now stands before the one that preceded it.
    order = [b.key for b in paragraphs(article)]
    assert order[-2] == moved.key

    # The revision diff shows exactly those edits: the word, the move, the figure.
    client = Client()
    client.cookies["sessionid"] = session
    html = client.get(reverse("admin:articles_article_revision",
                              args=[article.pk, base_version])).content.decode()
    changes = dict(re.findall(r'data-key="(\d+)" data-status="(\w+)"', html))
    assert changes.get(str(third.key)) == "changed"
    assert changes.get(str(figure.key)) == "changed"
    assert len(changes) == 3, changes
    moved_keys = [k for k, status in changes.items() if status == "moved"]
    assert len(moved_keys) == 1
    assert f"<del>{WORD}</del><ins>{FIX}</ins>" in html
    revision = Revision.objects.get(article=article, number=base_version)
    assert revision.data["body"][[b["key"] for b in revision.data["body"]].index(third.key)][
        "text"] == third.text

    # The raw import is exactly what was imported.
    article = Article.objects.get(pk=article.pk)
    assert article.raw_body.encode("utf-8") == seed_bytes
    assert hashlib.sha256(article.raw_body.encode()).hexdigest() == raw_sha
    assert Image.objects.get().renditions.filter(format="WEBP").count() == 5  # to 1600w



# Latin words an editor may see in the Chinese admin: names, keys, formats and the
# markup the help text shows as text.
NOT_ENGLISH = {"Newsroom", "API", "JavaScript", "href", "Ctrl", "Alt", "Enter", "Backspace",
               "PNG", "SHA"}


def english_words(text: str) -> set[str]:
    text = re.sub(r"\b[0-9a-f]{64}\b", "", text)  # a SHA-256
    return set(re.findall(r"[A-Za-z]{3,}", text)) - NOT_ENGLISH


def test_the_editor_and_the_media_library_speak_chinese(live_server, story, django_user_model):
    """Editors work in Simplified Chinese: the editor page, the buttons its script makes
    (translated by the admin's JavaScript catalogue) and the media library show no
    English."""
    editor = django_user_model.objects.create_superuser("zh", password="a-long-pass-123")
    add_image(png_bytes(), "chip.png", user=editor, title="芯片", alt="一块芯片")
    with Browser() as browser:
        browser.set_cookie("sessionid", session_of(editor), live_server.url)
        browser.set_cookie("django_language", "zh-hans", live_server.url)
        tab = Tab(browser)
        tab.go(live_server.url + reverse("admin:body_storybody_edit", args=[story.pk]))
        assert tab.js("document.documentElement.classList.contains('nr-js')"), tab.messages()
        assert not tab.csp_violations()
        editor_page = tab.js("document.body.innerText + ' ' + document.querySelector("
                             "'#nr-body-form [name=_save]').value")
        titles = tab.js("[...document.querySelectorAll('#nr-body-form button[title], .nr-add')]"
                        ".map(b => b.title + ' ' + b.textContent).join(' | ')")
        tab.go(live_server.url + reverse("admin:images_image_changelist"))
        library = tab.js("document.body.innerText")
        tab.go(live_server.url + reverse("admin:images_image_change",
                                         args=[Image.objects.get().pk]))
        image_page = tab.js("document.body.innerText")

    for text in ("文章信息与发布", "审阅判定", "保存正文", "生成预览链接", "列表（每行一项）",
                 "文字仅支持粗体（<b>）、斜体（<i>）和链接（<a href>）。"):
        assert text in editor_page, text
    for text in ("粗体（Ctrl+B）", "链接（Ctrl+K） 链接", "上移（Alt+↑）",
                 "在末尾添加文本块 + 添加文本块"):
        assert text in titles, (text, titles)
    assert not english_words(editor_page + titles), english_words(editor_page + titles)
    for text in ("媒体库", "替代文本", "授权方式", "使用次数", "上传时间", "以 格式"):
        assert text in library, text
    assert not english_words(library), english_words(library)
    for text in ("图片文件", "用于在媒体库中查找。", "默认图片说明", "焦点 x", "上传者"):
        assert text in image_page, text
    assert not english_words(image_page), english_words(image_page)


def test_two_editors_at_once_each_keep_their_work_and_every_block_a_place(
        live_server, story, django_user_model):
    """Two sessions on one story. B adds a paragraph after the first (Alt+Enter) and
    saves; A, whose page was open before, moves the last paragraph up and saves: the
    conflict page keeps A's text, A saves again. B's paragraph is kept right after the
    block it followed, A's move stands, and no two blocks share a place (B's block kept
    its old number and shared one with A's)."""
    url = live_server.url + reverse("admin:body_storybody_edit", args=[story.pk])
    first, heading, last = (body_of_story(story)[n] for n in (0, 1, -1))
    sessions = [session_of(django_user_model.objects.create_superuser(
        name, password="a-long-pass-123")) for name in ("amy", "bob")]
    with Browser() as browser_a, Browser() as browser_b:
        browser_a.set_cookie("sessionid", sessions[0], live_server.url)
        browser_b.set_cookie("sessionid", sessions[1], live_server.url)
        amy, bob = Tab(browser_a), Tab(browser_b)
        amy.go(url)
        bob.go(url)
        bob.js(f"""[...document.querySelectorAll('.nr-block')]
            .find(b => b.querySelector('input[name$="-id"]').value === '{first.pk}')
            .querySelector('.nr-editable').focus()""")
        bob.key("Enter", "Enter", 13, modifiers=1)  # Alt+Enter: a paragraph below
        # The new paragraph's text has the focus (the kind <select> had it: what was
        # typed next went nowhere).
        assert bob.js("document.activeElement.classList.contains('nr-editable')")
        bob.js("document.execCommand('insertText', false, '乙补充的一段')")
        bob.submit("document.querySelector('#nr-body-form [name=_save]').click()")
        assert "Story saved" in bob.html() or "已保存" in bob.html(), bob.html()[:2000]

        amy.js(f"""[...document.querySelectorAll('.nr-block')]
            .find(b => b.querySelector('input[name$="-id"]').value === '{last.pk}')
            .querySelector('.nr-editable').focus()""")
        amy.key("ArrowUp", "ArrowUp", 38, modifiers=1)  # Alt+ArrowUp
        assert amy.js("document.activeElement.classList.contains('nr-editable')")
        amy.js(f"""[...document.querySelectorAll('.nr-block')]
            .find(b => b.querySelector('input[name$="-id"]').value === '{heading.pk}')
            .querySelector('.nr-editable').focus()""")
        amy.key("Backspace", "Backspace", 8, modifiers=1)  # Alt+Backspace: delete it
        amy.submit("document.querySelector('#nr-body-form [name=_save]').click()")
        assert amy.js("document.querySelector('.errornote, .messagelist .error') !== null")
        # The page sent back shows A's work as A left it: the move, the deletion.
        shown = amy.js("""[...document.querySelectorAll('.nr-block:not(.nr-deleted)')]
            .map(b => b.querySelector('input[name$="-id"]').value)""")
        assert shown[-2:] == [str(last.pk), str(body_of_story(story)[-2].pk)], shown
        assert str(heading.pk) not in shown
        amy.submit("document.querySelector('#nr-body-form [name=_save]').click()")
        assert "Story saved" in amy.html() or "已保存" in amy.html(), amy.html()[:2000]

    blocks = body_of_story(story)
    assert [b.position for b in blocks] == list(range(len(blocks)))
    texts = [plain_text(b.text) for b in blocks]
    assert texts[1] == "乙补充的一段", texts
    assert blocks[-2].pk == last.pk  # A's move stands
    assert heading.pk not in [b.pk for b in blocks]  # and A's deletion


def body_of_story(article):
    return list(StoryBlock.objects.filter(article=article).order_by("position", "pk"))
