"""Shared fixtures: paths, and a real OpenAI-compatible HTTP server on 127.0.0.1 that
answers with the embedded model's recorded responses (no patched clients)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefs.backends.store import request_sha

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RECORDINGS = SAMPLES / "recordings"


def recorded_responses() -> dict[str, dict]:
    """Every recorded response body, by the hash of the request that produced it."""
    bodies = {}
    for path in RECORDINGS.rglob("*.json"):
        for exchange in json.loads(path.read_text(encoding="utf-8"))["exchanges"]:
            bodies[exchange["request_sha"]] = exchange["response"]
    return bodies


class RecordedServer:
    """Serves /v1/chat/completions from recordings; logs what it was asked."""

    def __init__(self) -> None:
        self.bodies = recorded_responses()
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                server.requests.append(json.loads(raw))
                server.headers.append(dict(self.headers))
                body = server.bodies.get(request_sha(raw))
                status = 200 if body else 404
                payload = json.dumps(body or {"error": {"message": "no recording"}}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> RecordedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(autouse=True)
def _own_checkpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no finished-article checkpoints from earlier runs."""
    monkeypatch.setenv("BRIEFS_EXTRACTIONS", str(tmp_path / "checkpoints"))


@pytest.fixture
def recorded_server() -> Iterator[RecordedServer]:
    with RecordedServer() as server:
        yield server
