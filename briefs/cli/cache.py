"""`briefs cache`: show or clear what briefs keeps on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .output import emit, say

cache_app = typer.Typer(help="Show or clear what briefs keeps on disk.",
                        no_args_is_help=True)


def _cached() -> dict[str, Path]:
    import os

    from ..backends.embedded import MODEL_FILE
    from ..checkpoint import default_root
    from ..files import cache_dir

    return {"extractions": default_root(),
            "pages": cache_dir() / "pages",
            "model": Path(os.environ.get("BRIEFS_MODEL_PATH",
                                         cache_dir() / "models" / MODEL_FILE))}


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


@cache_app.command("path")
def cache_path() -> None:
    """Print where extractions, fetched pages and the model file are kept, and their
    sizes."""
    for what, path in _cached().items():
        emit(f"{what:12} {path}  ({_size(path) / 1e6:,.1f} MB)\n")


@cache_app.command("clear")
def cache_clear(
    model: Annotated[bool, typer.Option(
        "--model", help="Also delete the embedded model file (rebuilt from the installed "
        "packages on the next run).")] = False,
) -> None:
    """Delete saved extractions and fetched pages (the next run extracts every article
    and fetches every URL again)."""
    import shutil

    cached = _cached()
    for what in ("extractions", "pages"):
        shutil.rmtree(cached[what], ignore_errors=True)
        say(f"cleared {cached[what]}")
    if model:
        cached["model"].unlink(missing_ok=True)
        say(f"deleted {cached['model']}")
