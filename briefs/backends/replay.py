"""The replay backend: answers from recordings, keyed by backend, model, prompt version,
answer schema and article; never calls a model, and needs no HTTP stack."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import BackendOptions, Call
from .records import RecordStore
from .retry import RetryPolicy
from .usage import UsageMeter


@dataclass
class ReplayBackend:
    store: RecordStore
    name: str = "embedded"  # the backend whose recordings are replayed
    model: str = ""
    meter: UsageMeter = field(default_factory=UsageMeter)
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    default_concurrency: int = 1  # CPU-bound
    checkpointed: bool = False  # replaying is as fast as reading a checkpoint

    def complete(self, call: Call) -> dict[str, Any]:
        body = self.store.answer(call.key, call.messages)
        self.meter.add(call.key.source, body, 0.0)
        return body

    def redact(self, text: str) -> str:
        return text

    def close(self) -> None:
        pass


def open_replay(options: BackendOptions) -> ReplayBackend:
    from .embedded import MODEL_NAME

    return ReplayBackend(RecordStore(options.records), name=options.replay_of,
                         model=options.model or MODEL_NAME, policy=options.policy)
