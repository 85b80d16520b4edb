"""A small threaded HTTP server on 127.0.0.1 serving a table of canned responses.

The demo feed, the tests and the benchmark serve the feeds and pages they write
themselves through it: a random free port, one thread per connection, every
request recorded so a test can check what a client sent.
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | str | Callable[[], bytes | str] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    gzip: bool = False
    delay: float = 0.0  # seconds before the body, to act out a slow server
    etag: str = ""  # when set, If-None-Match with it gets 304
    # No Content-Length: the body streams until the connection closes, so only a
    # client that counts what it reads can stop a huge one.
    unsized: bool = False


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that hung up (a size cap, a timeout): expected here
        super().handle_error(request, client_address)


class LoopbackServer:
    def __init__(self, routes: dict[str, Route] | None = None, port: int = 0) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append(Seen(self.path, {k.lower(): v for k, v in
                                                        self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    return self._send(404, b"not found", {"Content-Type": "text/plain"})
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return self._send(304, b"", {"ETag": route.etag})
                body = route.body() if callable(route.body) else route.body
                if isinstance(body, str):
                    body = body.encode("utf-8")
                headers = {"Content-Type": route.content_type, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.gzip:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                if route.delay:
                    time.sleep(route.delay)
                if route.unsized:
                    return self._stream(route.status, body, headers)
                self._send(route.status, body, headers)

            def _stream(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.close_connection = True
                try:
                    self.send_response(status)
                    for name, value in {**headers, "Connection": "close"}.items():
                        self.send_header(name, value)
                    self.end_headers()
                    for start in range(0, len(body), 65536):
                        self.wfile.write(body[start:start + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (a size cap): fine

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = _Server(("127.0.0.1", port), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
