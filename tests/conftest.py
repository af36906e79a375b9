"""Shared fixtures: paths, per-test checkpoints, and a real OpenAI-compatible HTTP server
on 127.0.0.1 that answers with the embedded model's recorded responses (no patched
clients; see faultserver.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from faultserver import FaultServer

from briefs.backends.replay import ReplayBackend

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RECORDINGS = SAMPLES / "recordings"


@pytest.fixture(autouse=True)
def _own_checkpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no finished-article checkpoints from earlier runs."""
    monkeypatch.setenv("BRIEFS_EXTRACTIONS", str(tmp_path / "checkpoints"))


@pytest.fixture
def recorded_server() -> Iterator[FaultServer]:
    """A real OpenAI-compatible server on 127.0.0.1 answering from the recordings."""
    with FaultServer(RECORDINGS) as server:
        yield server


class ScriptedBackend(ReplayBackend):
    """A backend whose answers a test enqueues per task ('speakers', 'people', 'measures',
    'claims'), registered by name like any other: validators, re-asks and salvage are
    exercised without HTTP. Every call it gets is kept in `calls`."""

    def __init__(self) -> None:
        super().__init__(store=None, name="scripted", model="script")  # type: ignore[arg-type]
        self.answers: dict[str, list[object]] = {}
        self.calls: list[tuple[str, list[dict]]] = []

    def enqueue(self, task: str, *answers: object) -> None:
        self.answers.setdefault(task, []).extend(answers)

    def complete(self, call) -> dict:
        task = call.response_format["json_schema"]["name"].lower()
        self.calls.append((task, call.messages))
        queue = self.answers.get(task) or [{}]
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        content = answer if isinstance(answer, str) else json.dumps(answer)
        body = {"id": "scripted", "object": "chat.completion", "created": 0,
                "model": self.model, "usage": {"prompt_tokens": 1, "completion_tokens": 1},
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}]}
        self.meter.add(call.key.source, body, 0.0)
        return body


@pytest.fixture
def scripted() -> Iterator[ScriptedBackend]:
    """A scripted backend, registered as 'scripted' for the test's duration."""
    from briefs.backends import REGISTRY, register

    backend = ScriptedBackend()
    register("scripted", lambda options: backend)
    yield backend
    REGISTRY.pop("scripted", None)
