"""The public table in headless Chromium: sorting, filtering and a phone-width layout.

Chromium is driven over its DevTools pipe (``--remote-debugging-pipe``: JSON messages
on fds 3 and 4, NUL-terminated), so no extra Python package is needed.
"""

import base64
import contextlib
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from datatables.models import DataTable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("plain_static")]

SCREENSHOTS = Path(tempfile.gettempdir()) / "newsroom-datatables"


class Chromium:
    def __init__(self):
        self.profile = tempfile.TemporaryDirectory()
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        command = (
            "exec chromium --headless --no-sandbox --disable-gpu "
            "--disable-background-networking --disable-component-update --disable-sync "
            f"--no-first-run --user-data-dir={self.profile.name} --remote-debugging-pipe "
            f"about:blank 3<&{to_chrome_r} 4>&{from_chrome_w}"
        )
        self.process = subprocess.Popen(["bash", "-c", command],
                                        pass_fds=(to_chrome_r, from_chrome_w),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_chrome, 65536)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply["result"]
        raise TimeoutError(method)

    def page(self, method, **params):
        return self.call(method, session=self.session, **params)

    def js(self, expression):
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, url, *, width=1200, height=900, mobile=False):
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        self.page("Page.navigate", url=url)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.js("document.readyState === 'complete' && location.href !== 'about:blank'"):
                return
            time.sleep(0.1)
        raise TimeoutError(url)

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(self.page("Page.captureScreenshot", format="png")["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def close(self):
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.to_chrome)
        os.close(self.from_chrome)
        self.profile.cleanup()


@pytest.fixture
def chromium():
    browser = Chromium()
    yield browser
    browser.close()


@pytest.fixture
def wide_table():
    columns = [{"name": "公司", "type": "text"}, {"name": "融资额", "type": "money"},
               {"name": "占比", "type": "percent"}, {"name": "成立时间", "type": "year"},
               *({"name": f"很长的说明文字列{n}", "type": "text"} for n in range(5))]
    amounts = ["250亿美元", "2.5万美元", "3亿美元", "", "5000万美元", "1亿美元", "12亿美元",
               "8000美元", "7亿美元", "2亿美元", "9亿美元", "4亿美元"]
    rows = [[f"公司{chr(0x41 + n)}", amount, f"{n * 3.5}%", str(2000 + n),
             *(f"这是一段相当长的说明文字第{n}行第{k}列" for k in range(5))]
            for n, amount in enumerate(amounts)]
    return DataTable.objects.create(title="融资", caption="各公司融资情况", source_note="测试",
                                    columns=columns, rows=rows, status="confirmed")


FIRST_COLUMN = "[...document.querySelectorAll('table.dt-table tbody tr')].filter(r => !r.hidden)" \
               ".map(r => r.cells[0].textContent.trim())"


def test_sorting_and_filtering(live_server, chromium, wide_table):
    chromium.open(f"{live_server.url}{wide_table.get_absolute_url()}?dtsort=-2")
    assert chromium.js("document.querySelectorAll('th .dt-sort').length") == 9
    # sorted on load by money, descending, by value in base units; the blank last
    order = chromium.js(FIRST_COLUMN)
    assert order[:3] == ["公司A", "公司G", "公司K"] and order[-1] == "公司D"
    assert chromium.js("document.querySelectorAll('th')[1].getAttribute('aria-sort')") == \
        "descending"
    chromium.js("document.querySelectorAll('th .dt-sort')[1].click()")  # now ascending
    assert chromium.js(FIRST_COLUMN)[:2] == ["公司H", "公司B"]
    chromium.js("document.querySelectorAll('th .dt-sort')[0].click()")  # by name
    assert chromium.js(FIRST_COLUMN)[:3] == ["公司A", "公司B", "公司C"]
    # the filter box appears for a long table and hides non-matching rows
    assert chromium.js("!document.querySelector('.dt-filter').hidden")
    chromium.js("const i = document.querySelector('.dt-filter input'); i.value = '公司K';"
                "i.dispatchEvent(new Event('input'))")
    assert chromium.js(FIRST_COLUMN) == ["公司K"]


def test_phone_width_scrolls_in_its_box_not_the_page(live_server, chromium, wide_table):
    chromium.open(f"{live_server.url}{wide_table.get_absolute_url()}", width=390, height=844,
                  mobile=True)
    assert chromium.js("document.documentElement.scrollWidth") <= 390
    box = chromium.js("(() => { const b = document.querySelector('.dt-scroll');"
                      " return [b.scrollWidth, b.clientWidth]; })()")
    assert box[0] > box[1] and box[1] <= 390  # the table scrolls inside its own box
    assert chromium.js("getComputedStyle(document.querySelector('tbody th')).position") == \
        "sticky"
    chromium.js("document.querySelector('.dt-scroll').scrollLeft = 300")
    left = chromium.js("document.querySelector('tbody th').getBoundingClientRect().left")
    assert 0 <= left < 40  # the first column stays in view while the rest scrolls
    assert chromium.js("getComputedStyle(document.querySelectorAll('tbody td')[0])"
                       ".textAlign") == "right"
    png = chromium.screenshot(SCREENSHOTS / "phone.png")
    assert png.startswith(b"\x89PNG")


def test_admin_grid_buttons_add_move_and_remove(live_server, chromium, editor, client):
    table = DataTable.objects.create(
        title="编辑", columns=[{"name": "公司", "type": "text"}, {"name": "数", "type": "integer"},
                             {"name": "备注", "type": "text"}],
        rows=[["甲", "1", "x"], ["乙", "2", "y"], ["丙", "3", "z"]],
    )
    client.force_login(editor)
    chromium.page("Network.enable")
    chromium.page("Network.setCookie", name="sessionid", value=client.cookies["sessionid"].value,
                  url=live_server.url)
    chromium.open(f"{live_server.url}/admin/datatables/datatable/{table.pk}/change/")
    assert chromium.js("document.querySelectorAll('.dt-grid-tools').length") == 6
    assert chromium.js("[...document.querySelectorAll('.dt-grid-nojs')].every(e => e.hidden)")
    chromium.screenshot(SCREENSHOTS / "admin-grid.png")
    chromium.js("""(() => {
        const act = (el, name) => el.querySelector(`[data-act="${name}"]`).click();
        const rows = () => [...document.querySelectorAll('.dt-grid-table tbody tr')];
        act(rows()[2], 'row-up');                               // 丙 above 乙
        act(document.querySelector('th[data-col="2"]'), 'col-del');  // drop 备注
        act(document.querySelector('th[data-col="1"]'), 'col-left'); // 数 first
        document.querySelector('[data-act="row-add"]').click();
        const added = rows()[3].querySelectorAll('td input');
        added[0].value = '4'; added[1].value = '丁';  // 数 is first now
        document.querySelector('[data-act="col-add"]').click();
        document.querySelector('input[name="grid-col-3-name"]').value = '新列';
        document.querySelector('input[name="grid-0-0"]').value = '甲公司';
        document.querySelector('input[name="_save"]').click();
    })()""")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        table.refresh_from_db()
        if table.edited_at:
            break
        time.sleep(0.2)
    assert table.columns == [{"name": "数", "type": "integer"}, {"name": "公司", "type": "text"},
                             {"name": "新列", "type": "text"}]
    assert table.rows == [["1", "甲公司", ""], ["3", "丙", ""], ["2", "乙", ""], ["4", "丁", ""]]


def test_seed_tables_on_the_article_page_at_phone_width(live_server, chromium, seed_tables):
    from tests.datatables.conftest import publish_now

    for table in seed_tables:
        table.status = DataTable.Status.CONFIRMED
        table.save()
    article = publish_now(seed_tables[0].article)
    chromium.open(f"{live_server.url}{article.get_absolute_url()}?dtsort=1", width=390,
                  height=844, mobile=True)
    captions = chromium.js("[...document.querySelectorAll('table.dt-table caption')]"
                           ".map(c => c.textContent)")
    assert len(captions) == 2
    assert "国内AI大模型相关公司部分统计" in captions[0] and "企查查" in captions[1]
    assert chromium.js("document.querySelectorAll('table.dt-table .dt-sort').length") == 10
    assert chromium.js("document.documentElement.scrollWidth") <= 390
    chromium.js("document.querySelectorAll('table.dt-table')[1].scrollIntoView()")
    chromium.screenshot(SCREENSHOTS / "seed-article-phone.png")
