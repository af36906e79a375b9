"""A web server on 127.0.0.1 serving article pages, and pages that fail in every way a
fetch can: 404, redirects (chains, loops, to other schemes), a slow body, an oversize
body with and without Content-Length, a wrong content type."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler

from faultserver import QuietServer

# path → (status, headers, body); a body of None is served by a special route below
Route = tuple[int, dict[str, str], bytes | None]


class PageServer:
    def __init__(self, pages: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(pages or {})
        self.requests: list[tuple[str, dict[str, str]]] = []  # path, headers
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    return self._send(404, {"Content-Type": "text/html"}, b"<p>not here</p>")
                status, headers, body = route
                if self.path.startswith("/drip"):  # 1 byte every 0.3 s, for ever
                    return self._drip(headers)
                if self.path.startswith("/huge"):  # chunked: no length declared
                    return self._chunked(headers, 3_000_000)
                return self._send(status, headers, body or b"")

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _drip(self, headers: dict[str, str]) -> None:
                self.send_response(200)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(100000):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.3)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _chunked(self, headers: dict[str, str], size: int) -> None:
                self.send_response(200)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"word " * 20000
                try:
                    for _ in range(size // len(chunk) + 1):
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def redirect(to: str) -> Route:
    return 302, {"Location": to}, b""


def page(body: bytes, content_type: str = "text/html; charset=utf-8") -> Route:
    return 200, {"Content-Type": content_type}, body
