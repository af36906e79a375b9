"""Where briefs keeps things on disk, and how it writes them (never half a file)."""

from __future__ import annotations

import contextlib
import os
import re
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
    the write fails. A process killed mid-write leaves its temp file, named with its pid
    (`.NAME.PID.tmp…`), for `sweep_temp_files` to remove."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide recordings from other users
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEMP = re.compile(r"^\..+\.(\d+)\.tmp")


def sweep_temp_files(folder: Path, name: str | None = None) -> int:
    """Remove the temp files `write_atomic` left when its process was killed mid-write
    (those whose process is gone): of the file `name` in `folder`, or of any file in
    `folder` and below. Returns how many went."""
    removed = 0
    pattern = f".{name}.*.tmp*" if name else ".*.tmp*"
    found = (folder.glob(pattern) if name else folder.rglob(pattern)) if folder.is_dir() else []
    for path in found:
        match = _TEMP.match(path.name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True
