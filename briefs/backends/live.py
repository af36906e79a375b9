"""Live backends: any OpenAI-compatible endpoint, through the openai client.

The client's own retries are off: `retry.with_retries` retries transient faults under the
article's deadline. Every answered call is metered, and with `record` saved for replay.
The API key goes to the endpoint only; it is redacted from every message raised here.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import BackendOptions, Call
from .errors import BackendCallError, BackendError
from .records import RecordStore
from .retry import TRANSIENT_STATUS, RetryPolicy, Transient, retry_after, with_retries
from .usage import UsageMeter

NO_KEY = "not-needed"
MAX_ANSWER_BYTES = 4_000_000  # an answer is a few KB of JSON; more is a broken endpoint


def redact(text: str, secret: str | None) -> str:
    """Never let an API key reach a message, log or file (an endpoint may echo it)."""
    if secret and len(secret) >= 8 and secret != NO_KEY:
        text = text.replace(secret, "***")
    return text


@dataclass
class LiveBackend:
    """An OpenAI-compatible endpoint at `base_url`."""

    name: str
    model: str
    base_url: str
    api_key: str = NO_KEY
    store: RecordStore | None = None  # where exchanges are saved, when recording
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    meter: UsageMeter = field(default_factory=UsageMeter)
    default_concurrency: int = 8
    checkpointed: bool = True
    on_close: Callable[[], None] | None = None
    # Where the model is served, when that says which model answers (one name on two
    # servers may be two models): keys the checkpoints. Empty for the embedded model,
    # whose local server gets a new port every run but is always the same model file.
    endpoint: str = ""
    client: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        from openai import DefaultHttpx2Client, OpenAI  # made once, before threads share it

        self.client = OpenAI(
            base_url=self.base_url, api_key=self.api_key, max_retries=0,
            timeout=self.policy.timeout,
            http_client=DefaultHttpx2Client(transport=_whole_answer_transport()))

    def redact(self, text: str) -> str:
        return redact(text, self.api_key)

    def _redacted(self, data: dict[str, Any]) -> dict[str, Any]:
        return json.loads(self.redact(json.dumps(data)))

    def complete(self, call: Call) -> dict[str, Any]:
        request = call.request(self.model)
        started = time.perf_counter()
        retries = 0

        def count_retry() -> None:
            nonlocal retries
            retries += 1

        try:
            body = with_retries(lambda timeout: self._send(request, timeout), self.policy,
                                call.deadline, on_retry=count_retry)
        finally:
            if retries:
                self.meter.add(call.key.source, {}, 0.0, retries=retries)
        self.meter.add(call.key.source, body, time.perf_counter() - started)
        if self.store is not None:  # an endpoint may echo the key, into re-asks too
            self.store.save(call.key, self._redacted(request), self._redacted(body))
        return body

    def _send(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """One request: the answer body, or Transient / BackendCallError."""
        import openai

        try:
            raw = self.client.chat.completions.with_raw_response.create(
                **request, timeout=timeout)
        except openai.APITimeoutError:
            raise Transient(f"no answer within {timeout:.0f}s") from None
        except openai.APIConnectionError as exc:
            cause = exc.__cause__ or exc
            raise Transient(redact(f"connection failed ({type(cause).__name__}: {cause})",
                                   self.api_key)) from None
        except openai.APIStatusError as exc:
            detail = _error_message(exc.body) or str(exc)
            problem = redact(f"HTTP {exc.status_code}: {detail}"[:300], self.api_key)
            if exc.status_code in TRANSIENT_STATUS:
                raise Transient(f"HTTP {exc.status_code}",
                                retry_after(exc.response.headers.get("retry-after"))) from None
            raise BackendCallError(problem) from None
        try:
            body = json.loads(raw.http_response.content)
        except ValueError:
            raise Transient("the endpoint sent an unreadable (truncated?) JSON body") from None
        if not isinstance(body, dict) or not body.get("choices"):
            raise Transient("the endpoint answered with no choices")
        return body

    def close(self) -> None:
        if self.on_close:
            self.on_close()
            self.on_close = None


def _whole_answer_transport() -> Any:
    """An httpx transport that bounds the whole answer, not each read: httpx's timeouts
    restart with every byte, so a server dripping one byte at a time would hold a call
    (and its article's deadline) forever. The bound is the request's own read timeout
    (what `_send` passes: --timeout, shortened to the article's deadline), counted from
    when the request was sent; and an answer is read to MAX_ANSWER_BYTES at most. httpx2
    is the HTTP client the openai package uses."""
    import httpx2 as httpx

    class Bounded(httpx.SyncByteStream):
        def __init__(self, stream: Any, until: float) -> None:
            self.stream, self.until = stream, until

        def __iter__(self) -> Any:
            size = 0
            for chunk in self.stream:
                size += len(chunk)
                if time.monotonic() > self.until:
                    raise httpx.ReadTimeout("the answer took longer than the timeout")
                if size > MAX_ANSWER_BYTES:
                    raise httpx.ReadError(f"the answer is over {MAX_ANSWER_BYTES:,} bytes")
                yield chunk

        def close(self) -> None:
            self.stream.close()

    class WholeAnswerTimeout(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            limit = (request.extensions.get("timeout") or {}).get("read")
            started = time.monotonic()
            response = super().handle_request(request)
            if limit is not None:
                response.stream = Bounded(response.stream, started + limit)
            return response

    return WholeAnswerTimeout()


def check_url(url: str) -> str:
    """The endpoint URL, if it is http(s) with a host (and a valid port, if any); else
    BackendError."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:
        raise BackendError(f"--base-url {url!r} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BackendError(f"--base-url {url!r} is not an http(s) URL with a host")
    return url


def _error_message(body: object) -> str | None:
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"]
    return None


def open_openai(options: BackendOptions) -> LiveBackend:
    base_url = options.base_url or os.environ.get("OPENAI_BASE_URL")
    api_key = options.api_key or os.environ.get("OPENAI_API_KEY")
    if not api_key and not base_url:
        raise BackendError(
            "the openai backend needs OPENAI_API_KEY (for api.openai.com) or "
            "--base-url / OPENAI_BASE_URL (for a local server such as Ollama or vLLM)"
        )
    if base_url:
        check_url(base_url)
    return LiveBackend(
        name="openai", model=options.model or os.environ.get("BRIEFS_MODEL") or "gpt-4o-mini",
        base_url=base_url or "https://api.openai.com/v1", api_key=api_key or NO_KEY,
        endpoint=base_url or "https://api.openai.com/v1",
        store=RecordStore(options.records) if options.record else None, policy=options.policy,
    )
