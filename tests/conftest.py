"""Shared fixtures: paths, per-test checkpoints, and a real OpenAI-compatible HTTP server
on 127.0.0.1 that answers with the embedded model's recorded responses (no patched
clients; see faultserver.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from faultserver import FaultServer

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
