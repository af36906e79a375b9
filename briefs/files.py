"""Where briefs keeps things on disk, and how it writes them (never half a file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """$BRIEFS_CACHE, else $XDG_CACHE_HOME/briefs, else ~/.cache/briefs."""
    if explicit := os.environ.get("BRIEFS_CACHE"):
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefs"


def write_atomic(path: Path, text: str) -> None:
    """Write through a temp file beside `path` and rename, so a crash or a full disk
    never leaves half a file, nor clobbers the old one; the temp file is removed when
    the write fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide recordings from other users
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
