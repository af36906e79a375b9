"""What the CLI writes besides progress: the result on standard output, and errors and
notes on standard error."""

from __future__ import annotations

import os
import sys

import typer


def say(message: str, color: str | None = None) -> None:
    """A line on standard error, coloured unless $NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or color is None:
        typer.echo(message, err=True)
    else:
        typer.secho(message, err=True, fg=color)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Say an error (control characters made inert) and give the exit to raise."""
    from ..text.tokens import printable

    say(f"error: {printable(message)}", typer.colors.RED)
    return typer.Exit(code)


def emit(text: str) -> None:
    """Write to standard output; a closed or broken one is an error, not a traceback."""
    try:
        if sys.stdout is None:
            raise OSError("standard output is closed")
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        raise fail(f"cannot write to standard output ({exc}); use -o FILE") from None
