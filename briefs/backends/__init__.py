"""Backends behind one small interface, found by name in a registry.

A backend answers one chat-completion `Call` with an OpenAI-shaped answer body; the
extraction step drives it through instructor (validation and re-asks are instructor's,
whatever the backend). Three are built in, each in its own module:

- `embedded` (default): llama.cpp in this process, with the model shipped on PyPI;
- `openai`: any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server);
- `replay`: recorded answers; never calls a model.

A new backend is one module with a factory `open(options) -> Backend`, named in
`REGISTRY` (or added at run time with `register`). Modules are imported only when their
backend is opened, so the HTTP stack costs nothing to a replay.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import BackendCallError, BackendError
from .records import RecordKey, ReplayMiss
from .retry import RetryPolicy
from .usage import UsageMeter

DEFAULT_STORE = Path("samples") / "recordings"


@dataclass(frozen=True)
class Call:
    """One chat completion a task asks for."""

    messages: list[dict[str, Any]]
    response_format: dict[str, Any]  # the answer's JSON schema, as OpenAI's API takes it
    key: RecordKey  # which article, task schema, prompt and model it is for
    deadline: float | None = None  # time.monotonic() instant the article must end by
    options: dict[str, Any] = field(default_factory=dict)  # temperature, max_tokens

    def request(self, model: str) -> dict[str, Any]:
        """The body of an OpenAI chat-completions request for this call."""
        return {"model": model, "messages": self.messages,
                "response_format": self.response_format, **self.options}


class Backend(Protocol):
    """What extraction needs from any backend."""

    name: str  # where answers come from (for replay: the backend that was recorded)
    model: str
    meter: UsageMeter  # calls, retries and tokens per article
    policy: RetryPolicy  # retries, timeouts and the per-article deadline
    default_concurrency: int  # articles to extract at once unless told
    checkpointed: bool  # whether finished articles are worth saving for a rerun

    def complete(self, call: Call) -> dict[str, Any]:
        """An OpenAI chat-completion body answering `call`; raises BackendCallError."""
        ...

    def redact(self, text: str) -> str:
        """`text` with any secret this backend holds (an API key) taken out."""
        ...

    def close(self) -> None: ...


@dataclass
class BackendOptions:
    """Everything a factory may use; each backend reads what concerns it."""

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    store: Path | None = None
    record: bool = False
    replay_of: str = "embedded"
    policy: RetryPolicy = field(default_factory=RetryPolicy.from_env)

    @property
    def records(self) -> Path:
        return Path(self.store) if self.store else DEFAULT_STORE


Factory = Callable[[BackendOptions], Backend]
# name → factory, or "module:function" imported when the backend is opened
REGISTRY: dict[str, str | Factory] = {
    "embedded": "briefs.backends.embedded:open_embedded",
    "openai": "briefs.backends.live:open_openai",
    "replay": "briefs.backends.replay:open_replay",
}


def register(name: str, factory: Factory) -> None:
    """Make a backend available by name (a plugin, or a test's scripted backend)."""
    REGISTRY[name] = factory


def open_backend(kind: str = "embedded", **options: Any) -> Backend:
    """Set up a backend by name; raises BackendError with a fix when it cannot."""
    entry = REGISTRY.get(kind)
    if entry is None:
        raise BackendError(f"unknown backend {kind!r}; choose one of {', '.join(REGISTRY)}")
    if isinstance(entry, str):
        module, _, function = entry.partition(":")
        entry = getattr(importlib.import_module(module), function)
    given = {k: v for k, v in options.items() if v is not None}
    return entry(BackendOptions(**given))


__all__ = [
    "REGISTRY", "Backend", "BackendCallError", "BackendError", "BackendOptions", "Call",
    "RecordKey", "ReplayMiss", "RetryPolicy", "UsageMeter", "open_backend", "register",
]
