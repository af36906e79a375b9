"""Finished per-article extractions, saved as each completes (atomic write: temp file +
rename), so a rerun after a crash or Ctrl-C redoes only what is missing.

Keyed by backend, model (and the endpoint serving it), prompt version, the code that
makes an extraction (a hash of every source file of the stages up to grounding: a fixed
validator or cue must not be hidden behind an old checkpoint, wherever the code moves
within them) and the article's cleaned-text hash: change any of these and the article
is extracted again.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .backends.records import model_folder
from .extract import PROMPT_VERSION
from .files import cache_dir, sweep_temp_files, write_atomic
from .model import ArticleExtraction, Source

PACKAGE = Path(__file__).parent
# The stages whose code shapes an extraction: everything up to grounding.
EXTRACTION_STAGES = ("model", "text", "read", "extract", "ground.py")


def extraction_files() -> list[Path]:
    """Every source file of the extraction stages, in a stable order."""
    found: list[Path] = []
    for stage in EXTRACTION_STAGES:
        path = PACKAGE / stage
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


@cache
def code_version() -> str:
    """A short hash of the extraction stages' source files (names and contents)."""
    digest = hashlib.sha256()
    for path in extraction_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def default_root() -> Path:
    """$BRIEFS_EXTRACTIONS, else <cache>/extractions."""
    explicit = os.environ.get("BRIEFS_EXTRACTIONS")
    return Path(explicit) if explicit else cache_dir() / "extractions"


class Checkpoints:
    def __init__(self, root: Path | None, backend: str, model: str, endpoint: str = "") -> None:
        """`endpoint`: where the model is served (a base URL); one model name on two
        servers may be two models, so their checkpoints are kept apart."""
        self.root = root or default_root()
        served = model_folder(model) + (
            "@" + hashlib.sha256(endpoint.encode()).hexdigest()[:8] if endpoint else "")
        self.folder = self.root / backend / served / PROMPT_VERSION / code_version()
        sweep_temp_files(self.folder)  # left by a run killed mid-write

    def _path(self, source: Source) -> Path:
        """By text and ArticleId: the prompt names the article, and every span its id."""
        named = hashlib.sha256(source.id.encode()).hexdigest()[:8]
        return self.folder / f"{source.sha256[:16]}-{named}.json"

    def load(self, source: Source) -> ArticleExtraction | None:
        """The saved extraction of this exact article, or None (unreadable ones too)."""
        try:
            saved = ArticleExtraction.model_validate_json(
                self._path(source).read_text(encoding="utf-8"))
        except (OSError, ValidationError):  # missing, unreadable or not an extraction
            return None
        if saved.source.sha256 != source.sha256:
            return None
        return saved.model_copy(update={"source": source})  # this run's id and path

    def save(self, extraction: ArticleExtraction) -> str | None:
        """Save an extraction; a failed write (read-only or full disk, the cache path
        under a file) only means it is not cached: the reason is returned, not raised."""
        try:
            write_atomic(self._path(extraction.source), extraction.model_dump_json())
        except OSError as exc:
            return f"not cached ({exc.strerror or type(exc).__name__}: {self.root})"
        return None
