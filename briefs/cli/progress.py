"""Per-article progress and the usage table on standard error (rich), for the CLI."""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.markup import escape

from ..model import Usage
from ..text.tokens import printable


class _Running:
    """The spinner's text, redrawn with a live clock: 'extracting a.txt and 1 more'."""

    def __init__(self, printer: ProgressPrinter) -> None:
        self.printer = printer

    def __rich__(self) -> str:
        running = self.printer.running
        more = f" and {len(running) - 1} more" if len(running) > 1 else ""
        first = running[0] if running else ""
        return f"{self.printer.clock()} extracting {first}{more} …"


class ProgressPrinter:
    """One line as each article finishes or fails, with elapsed time and an M/N count,
    and a spinner with a live clock naming the articles in progress (several at once
    with --concurrency)."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        # soft_wrap: a line piped into a log is never cut at 80 columns
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.started = time.perf_counter()
        self.running: list[str] = []
        self.lock = threading.Lock()
        self.total = 0
        self.finished = 0
        self.status = self.console.status(_Running(self))

    def __enter__(self) -> ProgressPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.status.stop()

    def __call__(self, event: str, source: str, detail: str) -> None:
        if self.quiet:
            return
        with self.lock:
            self._show(event, source, detail)

    def clock(self) -> str:
        count = f" {self.finished}/{self.total}" if self.total else ""
        return f"[{time.perf_counter() - self.started:6.1f}s{count}]"

    def _show(self, event: str, source: str, detail: str) -> None:
        if event == "total":
            self.total = int(detail)
            return
        source, detail = escape(printable(source)), escape(printable(detail))
        if event == "start":
            self.running.append(source)
        else:
            self.finished += 1
            if source in self.running:
                self.running.remove(source)
        if self.running:
            self.status.start()
        else:
            self.status.stop()
        if event == "start":
            return
        clock = escape(self.clock())
        if event == "done":
            self.console.print(f"{clock} [green]done[/]   {source}: {detail}")
        elif event == "saved":
            self.console.print(f"{clock} [green]saved[/]  {source}: {detail}")
        elif event == "warning":
            self.console.print(f"{clock} [yellow]warning[/] {source}: {detail}")
        else:
            self.console.print(f"{clock} [red]failed {source}: {detail}[/]")


def usage_table(usage: dict[str, Usage]) -> str:
    """Calls, retries and tokens per article, and the total (for --usage)."""
    total = Usage()
    lines = [f"{'article':32} {'calls':>5} {'retries':>7} {'prompt':>8} {'output':>7} "
             f"{'seconds':>8}"]
    for source, u in usage.items():
        total.add(u)
        lines.append(f"{source[:32]:32} {u.calls:>5} {u.retries:>7} {u.prompt_tokens:>8} "
                     f"{u.completion_tokens:>7} {u.seconds:>8.1f}")
    lines.append(f"{'total':32} {total.calls:>5} {total.retries:>7} {total.prompt_tokens:>8} "
                 f"{total.completion_tokens:>7} {total.seconds:>8.1f}")
    return "\n".join(lines)
