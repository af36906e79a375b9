"""The replay backend: answers from recordings, keyed by backend, model, prompt version,
answer schema and article; never calls a model, and needs no HTTP stack."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import BackendOptions, Call
from .records import RecordStore, model_folder
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
    """Replay the recordings in the store: those of `replay_of` (the embedded model) and
    `model` when they are there, else of the one backend and model the store holds, so
    recordings made with `--backend openai --model M --record` replay as they are."""
    from .embedded import MODEL_NAME

    name, model = options.replay_of, options.model or MODEL_NAME
    root = options.records
    if not (root / name / model_folder(model)).is_dir():
        found = sorted((b.name, m.name) for b in _dirs(root) for m in _dirs(b)
                       if not options.model or m.name == model_folder(options.model))
        if len(found) == 1:
            name = found[0][0]
            model = options.model or _recorded_model(root / found[0][0] / found[0][1], model)
    return ReplayBackend(RecordStore(root), name=name, model=model, policy=options.policy)


def _dirs(path: Path) -> list[Path]:
    return [p for p in path.iterdir() if p.is_dir()] if path.is_dir() else []


def _recorded_model(folder: Path, default: str) -> str:
    """The model name a recording in `folder` was made with (its folder name is the
    name with '/' and ':' replaced)."""
    import json

    for path in folder.rglob("*.json"):
        try:
            return json.loads(path.read_text(encoding="utf-8"))["model"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return default
