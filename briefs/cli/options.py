"""Options the `briefs` commands share, declared once: each with its environment
variable (shown by `--help`, and checked like the option: a bad value exits 2)."""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..backends import REGISTRY

EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130

BackendName = StrEnum("BackendName", {name: name for name in REGISTRY})  # type: ignore[misc]


class Format(StrEnum):
    md = "md"
    json = "json"
    html = "html"


def _valid_url(url: str | None) -> str | None:
    from ..backends import BackendError
    from ..backends.live import check_url

    try:
        return check_url(url) if url else url
    except BackendError as exc:
        raise typer.BadParameter(str(exc).removeprefix("--base-url ")) from None


def _seconds(value: float | None) -> float | None:
    if value is not None and not (math.isfinite(value) and value > 0):
        raise typer.BadParameter(f"{value} is not a number of seconds above 0")
    return value


BackendOpt = Annotated[BackendName, typer.Option(
    "--backend", "-b", envvar="BRIEFS_BACKEND", show_envvar=True,
    help="embedded: local model, no key or network. openai: any OpenAI-compatible "
    "endpoint. replay: recorded responses (see --store).")]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", "-m", metavar="NAME", envvar="BRIEFS_MODEL", show_envvar=True,
    help="Model name for the openai backend (default gpt-4o-mini).")]
BaseUrlOpt = Annotated[str | None, typer.Option(
    metavar="URL", envvar="OPENAI_BASE_URL", show_envvar=True, callback=_valid_url,
    help="Endpoint for the openai backend, e.g. http://127.0.0.1:11434/v1. The key is "
    "read from $OPENAI_API_KEY, never from the command line.")]
StoreOpt = Annotated[Path | None, typer.Option(
    metavar="DIR", help="Recordings folder for --record and --backend replay (default: a "
    "recordings/ folder in or beside the inputs).")]
RecordOpt = Annotated[bool, typer.Option(
    "--record", help="Save every model exchange to --store for later replay.")]
RetriesOpt = Annotated[int | None, typer.Option(
    min=0, metavar="N", envvar="BRIEFS_RETRIES", show_envvar=True, show_default=False,
    help="Retries of a failed request (429, 5xx, timeout, dropped connection), with "
    "backoff and jitter, honouring Retry-After (default 3).")]
TimeoutOpt = Annotated[float | None, typer.Option(
    callback=_seconds, metavar="SECONDS", envvar="BRIEFS_TIMEOUT", show_envvar=True,
    show_default=False, help="Seconds to wait for one answer (default 120).")]
DeadlineOpt = Annotated[float | None, typer.Option(
    callback=_seconds, metavar="SECONDS", envvar="BRIEFS_DEADLINE", show_envvar=True,
    show_default=False, help="Seconds one article may take, retries included; then it is "
    "marked failed and the run goes on (default 600).")]
VerboseOpt = Annotated[int, typer.Option(
    "--verbose", "-v", count=True, show_default=False, help="Log retries, re-asks and "
    "timings on standard error; -vv also the libraries' own logs.")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="No progress and no notes: errors only.")]


def backend_options(model: str | None, base_url: str | None, store: Path | None,
                    record: bool) -> dict:
    """The options every command hands to `open_backend`."""
    return {"model": model, "base_url": base_url, "store": store, "record": record}


def unwrapped(text: str) -> str:
    """Help text with each paragraph on one line: the help formatter wraps paragraphs to
    the terminal but keeps their newlines, so a newline inside a sentence would break it
    mid-line. A block marked with a \\b line is kept as written (click does not rewrap it)."""
    blocks = []
    for block in text.strip().split("\n\n"):
        if block.startswith("\b"):
            blocks.append(block)
        else:
            blocks.append(" ".join(line.strip() for line in block.splitlines()))
    return "\n\n".join(blocks)
