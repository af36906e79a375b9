"""What the CLI writes besides progress: the result on standard output, and errors and
notes on standard error."""

from __future__ import annotations

import logging
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


class _PrintableFormatter(logging.Formatter):
    """Log lines with control characters made inert, as every other line the CLI writes."""

    def format(self, record: logging.LogRecord) -> str:
        from ..text.tokens import printable

        return printable(super().format(record))


_HANDLER_NAME = "briefs-cli"


def configure_logging(verbose: int) -> None:
    """-v: briefs' own log (retries, re-asks, timings) on standard error; -vv: the
    libraries' too (instructor, the HTTP client). Without -v, only warnings."""
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(_PrintableFormatter("%(asctime)s %(name)s: %(message)s", "%H:%M:%S"))
    for name in ("briefs", ""):  # a second call (tests, library use) replaces the first
        logger = logging.getLogger(name)
        logger.handlers = [h for h in logger.handlers if h.get_name() != _HANDLER_NAME]
    level = logging.DEBUG if verbose >= 2 else logging.INFO if verbose else logging.WARNING
    logging.getLogger("briefs").setLevel(level)
    target = logging.getLogger("" if verbose >= 2 else "briefs")
    target.addHandler(handler)
    target.setLevel(level)
    # Failed model answers are reported in the brief and its JSON; instructor's own log
    # lines about them would only repeat that, unless -vv asks for everything.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose >= 2 else
                                             logging.CRITICAL)
