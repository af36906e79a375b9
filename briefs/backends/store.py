"""Recordings of model exchanges, and usage metering (no HTTP machinery here).

A recording is one JSON file per (backend, model, prompt version, article), holding every
exchange in call order: a task's first ask, then instructor's re-asks. Replay reads the
answers back for each task in that order; recording is done by `ExchangeTransport`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..models import Usage

KEY_HEADER = "x-briefs-record-key"
RECORDING_NOTE = (
    "Recorded from a real model run by `briefs build --record`; responses are the model's "
    "own output, unedited."
)


class ReplayMiss(Exception):
    """No recording matches a request; the message says why (the caller names the article)."""


@dataclass(frozen=True)
class RecordKey:
    backend: str
    model: str
    prompt_version: str
    schema_sha: str
    article_sha: str
    source: str

    def header(self) -> str:
        return "|".join(
            [self.backend, self.model, self.prompt_version, self.schema_sha,
             self.article_sha, self.source]
        )

    @classmethod
    def parse(cls, header: str) -> RecordKey:
        return cls(*header.split("|", 5))

    def path(self, store: Path) -> Path:
        model = self.model.replace("/", "_").replace(":", "_")
        return store / self.backend / model / self.prompt_version / f"{self.source}.json"


def request_sha(body: bytes) -> str:
    """Hash of what the model is asked (messages and schema), not of transport details."""
    data = json.loads(body or b"{}")
    asked = {k: data.get(k) for k in ("messages", "response_format", "tools")}
    return hashlib.sha256(json.dumps(asked, sort_keys=True).encode()).hexdigest()[:16]


def write_atomic(path: Path, text: str) -> None:
    """Write through a temp file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide recordings from other users
    os.replace(tmp, path)


class RecordStore:
    """Recordings on disk: one JSON file per (backend, model, prompt version, article)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def load(self, key: RecordKey) -> dict:
        path = key.path(self.root)
        if not path.exists():
            return {}
        return json.loads(path.read_text(encoding="utf-8"))

    def answers(self, key: RecordKey, messages: list[dict]) -> list[dict]:
        """Recorded responses to a task, in call order: the first ask, then re-asks
        (which repeat the task's first two messages and add the model's answer and the
        validation errors)."""
        record = self.load(key)
        if not record:
            raise ReplayMiss(
                f"no recording for backend={key.backend} model={key.model} "
                f"prompt={key.prompt_version} in {self.root} (record one with --record)"
            )
        if record.get("article_sha256") != key.article_sha:
            raise ReplayMiss("the article changed since it was recorded")
        found = [e["response"] for e in record["exchanges"]
                 if e["schema_sha"] == key.schema_sha
                 and e["request"]["messages"][:2] == messages[:2]]
        if not found:
            raise ReplayMiss(
                "the recording does not match this request (prompt or schema changed without "
                "a new prompt version); re-record with --record"
            )
        return found

    def save(self, key: RecordKey, req_sha: str, request: dict, response: dict) -> None:
        record = self.load(key) or {
            "backend": key.backend,
            "model": key.model,
            "prompt_version": key.prompt_version,
            "source": key.source,
            "article_sha256": key.article_sha,
            "note": RECORDING_NOTE,
            "exchanges": [],
        }
        record["recorded"] = datetime.now(UTC).isoformat(timespec="seconds")
        record["exchanges"] = [
            e for e in record["exchanges"] if e["request_sha"] != req_sha
        ] + [{"schema_sha": key.schema_sha, "request_sha": req_sha,
              "request": {"messages": request.get("messages")}, "response": response}]
        write_atomic(key.path(self.root), json.dumps(record, indent=1, ensure_ascii=False))


class UsageMeter:
    """Calls, tokens and seconds per article, retries included (safe across threads)."""

    def __init__(self) -> None:
        self.by_source: dict[str, Usage] = {}
        self._lock = threading.Lock()

    def total(self) -> Usage:
        with self._lock:
            total = Usage()
            for usage in self.by_source.values():
                total.add(usage)
            return total

    def add(self, source: str, body: dict, seconds: float, retries: int = 0) -> None:
        usage = body.get("usage") or {}
        with self._lock:
            self.by_source.setdefault(source, Usage()).add(
            Usage(
                calls=1 if body else 0,
                retries=retries,
                prompt_tokens=usage.get("prompt_tokens") or 0,
                completion_tokens=usage.get("completion_tokens") or 0,
                seconds=seconds,
            )
        )


