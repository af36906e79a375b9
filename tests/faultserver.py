"""An OpenAI-compatible HTTP server on 127.0.0.1 that misbehaves on cue.

Healthy answers are the embedded model's recorded responses, found by the request's
first two messages (system + article/task), so instructor's re-asks, which append to the
conversation, still get the recorded final answer. `plan(n, request)` names the fault
for the n-th request (0-based); see FAULTS.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FAULTS = {
    "ok": "the recorded answer",
    "429": "429 Too Many Requests, no Retry-After",
    "429-retry-after": "429 with Retry-After: 1",
    "500": "500", "502": "502", "503": "503",
    "hang": "no answer for `hang_seconds`",
    "drop": "connection closed without an answer",
    "truncated": "200 with half a JSON body",
    "schema": "200 with valid JSON that fails the answer schema",
    "loop": "200 whose content repeats until max_tokens (finish_reason=length)",
    "empty": "200 with an empty choice list",
    "401-echo-key": "401 whose message echoes the Authorization header",
    "obey": "200 with an answer that obeys text planted in the article (see INJECTED)",
    "minimal": "200 with the smallest valid answer for the schema (any article)",
    "drip": "200 with the recorded answer sent one byte every 0.25 s",
    "200-echo-key": "200 whose (invalid) answer echoes the Authorization header",
    "huge": "200 with a 6 MB body (a broken or hostile endpoint)",
}


def minimal_answer(schema: dict, defs: dict | None = None) -> object:
    """The least a valid answer can say: 'unknown' or the first choice, empty strings,
    empty lists."""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return minimal_answer(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "enum" in schema:
        return "unknown" if "unknown" in schema["enum"] else "" if "" in schema["enum"] \
            else schema["enum"][0]
    if schema.get("type") == "object":
        return {k: minimal_answer(v, defs) for k, v in schema.get("properties", {}).items()}
    return [] if schema.get("type") == "array" else ""
INJECTED = "The talks failed"  # short enough for every field; the article says it too


def obedient_answer(schema: dict, defs: dict | None = None) -> object:
    """What a model that obeyed the article would say: the injected sentence wherever
    free text is allowed, the first choice wherever an enum forces one."""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return obedient_answer(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "enum" in schema or "const" in schema:
        return schema.get("enum", [schema.get("const")])[0]
    if "anyOf" in schema:
        return obedient_answer(schema["anyOf"][0], defs)
    kind = schema.get("type")
    if kind == "object":
        return {k: obedient_answer(v, defs) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [obedient_answer(schema.get("items", {}), defs)] * 2
    if kind == "boolean":
        return True
    return INJECTED


def _first_two(messages: list[dict]) -> str:
    """The key of a task's conversation: its system and first user message, with the
    article's id left out (the same text read from a file or a URL is one article)."""
    first = [{**m, "content": re.sub(r"\AARTICLE [^\n]*\n", "ARTICLE\n", m["content"])}
             for m in messages[:2]]
    return hashlib.sha256(json.dumps(first, sort_keys=True).encode()).hexdigest()


def recorded_answers(recordings: Path) -> dict[str, dict]:
    """Final recorded answer per task, by the hash of the task's first two messages."""
    answers: dict[str, dict] = {}
    for path in sorted(recordings.rglob("*.json")):
        for exchange in json.loads(path.read_text(encoding="utf-8"))["exchanges"]:
            answers[_first_two(exchange["request"]["messages"])] = exchange["response"]
    return answers


def _completion(content: str, finish: str = "stop", tokens: int = 10) -> dict:
    return {
        "id": "fault", "object": "chat.completion", "created": 0, "model": "fault",
        "choices": [{"index": 0, "finish_reason": finish,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": tokens, "total_tokens": 100 + tokens},
    }


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (killed, or timed out) is expected here, not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FaultServer:
    def __init__(self, recordings: Path, plan: Callable[[int, dict], str] | None = None,
                 hang_seconds: float = 5.0, delay: float = 0.0, port: int = 0) -> None:
        self.answers = recorded_answers(recordings)
        self.plan = plan or (lambda n, request: "ok")
        self.hang_seconds = hang_seconds
        self.delay = delay
        self.log: list[tuple[float, str, dict, dict[str, str]]] = []  # time, fault, body, headers
        self.lock = threading.Lock()
        self.in_flight = self.most_in_flight = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    request = json.loads(raw)
                except ValueError:  # a client killed while sending: nobody to answer
                    self.close_connection = True
                    return
                with server.lock:
                    fault = server.plan(len(server.log), request)
                    server.log.append((time.monotonic(), fault, request, dict(self.headers)))
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                time.sleep(server.delay)
                try:
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        server.answer(self, fault, request)  # unless the client gave up
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = QuietServer(("127.0.0.1", port), Handler)  # port 0: any free port
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def answer(self, handler: BaseHTTPRequestHandler, fault: str, request: dict) -> None:
        status, headers, body = 200, {}, None
        if fault in ("ok", "drip"):
            body = self.answers.get(_first_two(request["messages"]))
            if body is None:
                status, body = 404, {"error": {"message": "no recorded answer"}}
        elif fault in {"429", "500", "502", "503"}:
            status, body = int(fault), {"error": {"message": f"fault {fault}"}}
        elif fault == "429-retry-after":
            status, headers, body = 429, {"Retry-After": "1"}, {"error": {"message": "slow"}}
        elif fault == "401-echo-key":
            key = handler.headers.get("Authorization", "")
            status, body = 401, {"error": {"message": f"Incorrect API key provided: {key}"}}
        elif fault == "hang":
            time.sleep(self.hang_seconds)
            body = {"error": {"message": "too late"}}
            status = 504
        elif fault == "drop":
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
            return
        elif fault == "200-echo-key":
            body = _completion(json.dumps({"claims": [handler.headers.get("Authorization")]}))
        elif fault == "schema":
            body = _completion(json.dumps({"unexpected": "shape"}))
        elif fault == "loop":
            body = _completion('{"claims": ["S1", ' + '"S1", ' * 400, "length", 700)
        elif fault == "minimal":
            schema = request["response_format"]["json_schema"]["schema"]
            body = _completion(json.dumps(minimal_answer(schema)))
        elif fault == "obey":
            schema = request["response_format"]["json_schema"]["schema"]
            body = _completion(json.dumps(obedient_answer(schema)))
        elif fault == "empty":
            body = {**_completion(""), "choices": []}
        payload = json.dumps(body).encode()
        if fault == "huge":
            payload = json.dumps(_completion("x" * 6_000_000)).encode()
        if fault == "truncated":
            payload = json.dumps(self.answers.get(_first_two(request["messages"]))
                                 or _completion("{}")).encode()[:40]
        handler.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        if fault == "drip":
            for byte in payload:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.25)
            return
        handler.wfile.write(payload)

    def faults(self) -> list[str]:
        return [fault for _, fault, _, _ in self.log]

    @property
    def requests(self) -> list[dict]:
        return [request for _, _, request, _ in self.log]

    @property
    def headers(self) -> list[dict[str, str]]:
        return [headers for *_, headers in self.log]

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
