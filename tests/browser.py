"""A tiny Chrome DevTools Protocol client over ``--remote-debugging-pipe``.

Enough to log a headless Chromium in (set the session cookie), load a page, let
its scripts and timers run, and read back the DOM, the title and every console
or CSP message: what a hostile-markup test needs to prove that nothing ran.
No websocket library is needed: Chromium reads NUL-separated JSON on fd 3 and
writes on fd 4.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage"]


@dataclass
class Page:
    url: str
    title: str
    html: str
    pwned: bool
    messages: list[str] = field(default_factory=list)
    admin_js: bool = False
    # Live elements that could run or load code: on* attributes, scripts that are
    # not our own files (or JSON-LD data), frames/objects/base/meta refresh.
    handlers: list[str] = field(default_factory=list)
    foreign_scripts: list[str] = field(default_factory=list)
    active_elements: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m]


class Browser:
    def __init__(self) -> None:
        self.profile = tempfile.TemporaryDirectory()
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Move the child's ends above the standard fds so dup2 onto 3 and 4 cannot clash.
        child_in = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def wire() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile.name}",
             "--remote-debugging-pipe", "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4, child_in, child_out),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(child_in)
        os.close(child_out)
        self.next_id = 0
        self.buffer = b""
        self.events: list[dict] = []

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing anyway
            self.call("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_chrome)
        os.close(self.from_chrome)
        self.profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- protocol ---------------------------------------------------------------

    def _read_message(self, deadline: float) -> dict | None:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.from_chrome], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the debugging pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        self.next_id += 1
        message: dict = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply is None:
                raise TimeoutError(f"no answer to {method}")
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (message := self._read_message(deadline)) is not None:
            self.events.append(message)

    # --- pages ------------------------------------------------------------------

    def set_cookie(self, name: str, value: str, url: str) -> None:
        self.call("Storage.setCookies", {"cookies": [{"name": name, "value": value, "url": url}]})

    def visit(self, url: str, settle: float = 0.8) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
            e.get("method") == "Page.loadEventFired" and e.get("sessionId") == session
            for e in self.events
        ):
            self.pump(0.2)
        self.pump(settle)  # timers, onload handlers, meta refresh
        probe = (
            "JSON.stringify({title: document.title, url: location.href,"
            " pwned: !!document.getElementById('pwned') || window.__pwned === true,"
            " adminJs: typeof window.django !== 'undefined' && !!window.django.jQuery,"
            " handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes]"
            "   .some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)))"
            "   .map(e => e.outerHTML.slice(0, 200)),"
            " scripts: [...document.scripts].filter(s => s.type !== 'application/ld+json'"
            "   && !(s.src && s.src.startsWith(location.origin + '/')))"
            "   .map(s => s.outerHTML.slice(0, 200)),"
            " active: [...document.querySelectorAll("
            "   'iframe,object,embed,base,meta[http-equiv=refresh],frame,applet')]"
            "   .map(e => e.outerHTML.slice(0, 200)),"
            " html: document.documentElement.outerHTML})"
        )
        result = self.call("Runtime.evaluate", {"expression": probe, "returnByValue": True},
                           session=session)
        data = json.loads(result["result"]["value"])
        messages = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            params = event.get("params", {})
            if event.get("method") == "Log.entryAdded":
                messages.append(params["entry"].get("text", ""))
            elif event.get("method") == "Runtime.consoleAPICalled":
                messages.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))
            elif event.get("method") == "Runtime.exceptionThrown":
                details = json.dumps(params.get("exceptionDetails", {}))
                messages.append("exception: " + details[:500])
        self.call("Target.closeTarget", {"targetId": target})
        return Page(url=data["url"], title=data["title"], html=data["html"],
                    pwned=data["pwned"], messages=messages, admin_js=data["adminJs"],
                    handlers=data["handlers"], foreign_scripts=data["scripts"],
                    active_elements=data["active"])


def dump_dom(url: str, budget_ms: int = 2000) -> str:
    """The plain ``--dump-dom`` way, for pages that need no login."""
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}",
             f"--virtual-time-budget={budget_ms}", "--dump-dom", url],
            capture_output=True, text=True, timeout=90,
        )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def session_of(user) -> str:
    """A session key of ``user`` logged in, for a browser's ``sessionid`` cookie."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
