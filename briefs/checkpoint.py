"""Finished per-article extractions, saved as each completes (atomic write: temp file +
rename), so a rerun after a crash or Ctrl-C redoes only what is missing.

Keyed by backend, model, prompt version, the code that turns answers into an extraction
(a hash of its modules: a fixed validator or cue must not be hidden behind an old
checkpoint) and the article's cleaned-text hash: change any of these and the article is
extracted again.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .backends.embedded import cache_dir
from .backends.store import write_atomic
from .models import ArticleExtraction, Source
from .prompting import PROMPT_VERSION

# The modules whose code shapes an extraction, beside the prompts themselves.
EXTRACTION_MODULES = ("segment", "cues", "sides", "prompting", "extract", "ground", "models")


@cache
def code_version() -> str:
    """A short hash of the extraction modules' source."""
    digest = hashlib.sha256()
    for name in EXTRACTION_MODULES:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()[:12]


def default_root() -> Path:
    """$BRIEFS_EXTRACTIONS, else <cache>/extractions."""
    explicit = os.environ.get("BRIEFS_EXTRACTIONS")
    return Path(explicit) if explicit else cache_dir() / "extractions"


class Checkpoints:
    def __init__(self, root: Path | None, backend: str, model: str) -> None:
        self.root = root or default_root()
        self.folder = (self.root / backend / model.replace("/", "_") / PROMPT_VERSION
                       / code_version())

    def _path(self, source: Source) -> Path:
        return self.folder / f"{source.sha256[:16]}.json"

    def load(self, source: Source) -> ArticleExtraction | None:
        """The saved extraction of this exact article, or None (unreadable ones too)."""
        path = self._path(source)
        if not path.exists():
            return None
        try:
            saved = ArticleExtraction.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return None
        if saved.source.sha256 != source.sha256:
            return None
        # this run's file name and path, the saved segmentation
        return saved.model_copy(update={"source": source.model_copy(
            update={"sentences": saved.source.sentences})})

    def save(self, extraction: ArticleExtraction) -> None:
        write_atomic(self._path(extraction.source), extraction.model_dump_json())
