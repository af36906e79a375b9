"""Recordings of model exchanges (no HTTP machinery here).

A recording is one JSON file per (backend, model, prompt version, article), holding every
exchange in call order: a task's first ask, then instructor's re-asks. A live backend
saves them (`--record`); the replay backend reads them back in that order.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..files import write_atomic
from .errors import BackendCallError

RECORDING_NOTE = (
    "Recorded from a real model run by `briefs build --record`; responses are the model's "
    "own output, unedited."
)


class ReplayMiss(BackendCallError):
    """No recording matches a request; the message says why (the caller names the article)."""


@dataclass(frozen=True)
class RecordKey:
    backend: str
    model: str
    prompt_version: str
    schema_sha: str
    article_sha: str
    source: str

    def path(self, store: Path) -> Path:
        source = self.source.replace("/", "__")  # an ArticleId with folders: one file
        return (store / self.backend / model_folder(self.model) / self.prompt_version
                / f"{source}.json")


def model_folder(model: str) -> str:
    """The folder a model's recordings are kept in: its name, '/' and ':' made '_'."""
    return model.replace("/", "_").replace(":", "_")


def request_sha(request: dict) -> str:
    """Hash of what the model is asked (messages and schema), not of transport details."""
    asked = {k: request.get(k) for k in ("messages", "response_format", "tools")}
    return hashlib.sha256(json.dumps(asked, sort_keys=True).encode()).hexdigest()[:16]


class RecordStore:
    """Recordings on disk: one JSON file per (backend, model, prompt version, article)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def load(self, key: RecordKey) -> dict:
        """The recording of this key ({} when there is none); an unreadable one (empty,
        cut off, not UTF-8, not a recording) fails only its article."""
        path = key.path(self.root)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ReplayMiss(f"recording {path.name} is unreadable ({exc}); re-record it "
                             "with --record") from exc
        if not (isinstance(record, dict) and isinstance(record.get("exchanges"), list)
                and all(isinstance(e, dict) and isinstance(e.get("response"), dict)
                        and isinstance(e.get("request"), dict) for e in record["exchanges"])):
            raise ReplayMiss(f"recording {path.name} is not a recording of exchanges; "
                             "re-record it with --record")
        return record

    def answer(self, key: RecordKey, messages: list[dict]) -> dict:
        """The recorded response to this call of a task. A task's calls share its first
        two messages; each re-ask adds the model's last answer (and the validation errors),
        so the number of answers already in `messages` says which call this is."""
        found = self.answers(key, messages)
        asked = sum(m.get("role") == "assistant" for m in messages)
        if asked >= len(found):
            raise ReplayMiss(f"the recording has {len(found)} answer(s) to this task, and "
                             f"this is call {asked + 1}; re-record with --record")
        return found[asked]

    def answers(self, key: RecordKey, messages: list[dict]) -> list[dict]:
        """Recorded responses to a task, in call order: the first ask, then re-asks."""
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

    def save(self, key: RecordKey, request: dict, response: dict) -> None:
        req_sha = request_sha(request)
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
