"""Backends behind one small interface.

- `embedded` (default): the in-process llama.cpp server with the model shipped on PyPI.
- `openai`: any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server).
- `replay`: answers from recordings; never calls a model, and needs no HTTP stack.

Live backends give extraction an instructor client over the openai client; any of them
can record its exchanges (`record=True`) for later replay. The HTTP machinery (httpx2,
openai, instructor) is imported only when a live backend is opened.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .policy import RetryPolicy, article_deadline
from .store import RecordStore, ReplayMiss, UsageMeter

DEFAULT_STORE = Path("samples") / "recordings"
BACKENDS = ("embedded", "openai", "replay")


class BackendError(Exception):
    """A backend cannot be set up; the message says what to change."""


@dataclass
class Backend:
    """What extraction needs from any backend."""

    kind: str
    name: str  # the backend the answers come from (for replay: the one recorded)
    model: str
    store: RecordStore
    meter: UsageMeter = field(default_factory=UsageMeter)
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    base_url: str = ""
    api_key: str = "not-needed"
    transport: Any = None  # an ExchangeTransport, for live backends
    _close: Callable[[], None] | None = field(default=None, repr=False)
    _client: Any = field(default=None, repr=False)
    _instructor: Any = field(default=None, repr=False)

    @property
    def replays(self) -> bool:
        return self.transport is None

    def client(self):
        """An `openai.OpenAI` client that talks through this backend's transport."""
        if self._client is None:
            import httpx2
            from openai import OpenAI

            http = httpx2.Client(transport=self.transport, timeout=self.policy.timeout)
            self._client = OpenAI(  # retries are RetryTransport's job, under the deadline
                base_url=self.base_url, api_key=self.api_key, http_client=http, max_retries=0,
            )
        return self._client

    def instructor(self):
        """The instructor client over `client()`, made once."""
        if self._instructor is None:
            import instructor

            self._instructor = instructor.from_openai(self.client(),
                                                      mode=instructor.Mode.JSON_SCHEMA)
        return self._instructor

    def close(self) -> None:
        if self._close:
            self._close()
            self._close = None

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _live(kind: str, name: str, model: str, records: RecordStore, record: bool,
          policy: RetryPolicy, **fields: Any) -> Backend:
    import httpx2

    from .recording import ExchangeTransport
    from .retry import RetryTransport

    meter = UsageMeter()
    wire = RetryTransport(httpx2.HTTPTransport(), policy)
    transport = ExchangeTransport(wire, records, record=record, meter=meter)
    return Backend(kind, name, model, records, meter=meter, policy=policy,
                   transport=transport, **fields)


def open_backend(
    kind: str = "embedded",
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    store: Path | None = None,
    record: bool = False,
    replay_of: str = "embedded",
    policy: RetryPolicy | None = None,
) -> Backend:
    """Set up a backend by name; raises BackendError with a fix when it cannot."""
    from .embedded import MODEL_NAME

    records = RecordStore(store or DEFAULT_STORE)
    policy = policy or RetryPolicy.from_env()
    if kind == "replay":
        return Backend(kind, replay_of, model or MODEL_NAME, records, policy=policy)
    if kind == "openai":
        base_url = base_url or os.environ.get("OPENAI_BASE_URL")
        api_key = api_key or os.environ.get("OPENAI_API_KEY")
        if not api_key and not base_url:
            raise BackendError(
                "the openai backend needs OPENAI_API_KEY (for api.openai.com) or "
                "--base-url / OPENAI_BASE_URL (for a local server such as Ollama or vLLM)"
            )
        model = model or os.environ.get("BRIEFS_MODEL") or "gpt-4o-mini"
        return _live(kind, kind, model, records, record, policy,
                     base_url=base_url or "https://api.openai.com/v1",
                     api_key=api_key or "not-needed")
    if kind == "embedded":
        from .embedded import EmbeddedServer, ModelFileError, ensure_model

        try:
            server = EmbeddedServer(ensure_model())
        except ModelFileError as exc:
            raise BackendError(str(exc)) from exc
        return _live(kind, kind, MODEL_NAME, records, record, policy,
                     base_url=server.base_url, _close=server.close)
    raise BackendError(f"unknown backend {kind!r}; choose one of {', '.join(BACKENDS)}")


__all__ = [
    "BACKENDS", "Backend", "BackendError", "ReplayMiss", "RetryPolicy", "article_deadline",
    "open_backend",
]
