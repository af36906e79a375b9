"""Per-article progress and the usage table on standard error (rich), for the CLI."""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.markup import escape

from ..model import Usage
from ..text.tokens import printable


class ProgressPrinter:
    """One line as each article finishes or fails, with elapsed time, and a spinner that
    names the articles in progress (several at once with --concurrency)."""

    def __init__(self) -> None:
        # soft_wrap: a line piped into a log is never cut at 80 columns
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.started = time.perf_counter()
        self.running: list[str] = []
        self.lock = threading.Lock()
        self.status = self.console.status("")

    def __enter__(self) -> ProgressPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.status.stop()

    def __call__(self, event: str, source: str, detail: str) -> None:
        with self.lock:
            self._show(event, source, detail)

    def _show(self, event: str, source: str, detail: str) -> None:
        source, detail = escape(printable(source)), escape(printable(detail))
        clock = f"[{time.perf_counter() - self.started:6.1f}s]"
        if event == "start":
            self.running.append(source)
        elif source in self.running:
            self.running.remove(source)
        if self.running:
            more = f" and {len(self.running) - 1} more" if len(self.running) > 1 else ""
            self.status.update(f"{clock} extracting {self.running[0]}{more} …")
            self.status.start()
        else:
            self.status.stop()
        if event == "start":
            return
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
