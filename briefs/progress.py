"""Per-article progress on standard error (rich), for the CLI."""

from __future__ import annotations

import time

from rich.console import Console


class ProgressPrinter:
    """Prints one line as each article starts, finishes or fails, with elapsed time."""

    def __init__(self) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.started = time.perf_counter()
        self.status = None

    def __enter__(self) -> ProgressPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.stop()

    def __call__(self, event: str, source: str, detail: str) -> None:
        clock = f"[{time.perf_counter() - self.started:6.1f}s]"
        if self.status is not None:
            self.status.stop()
            self.status = None
        if event == "start":
            self.status = self.console.status(f"{clock} extracting {source} …")
            self.status.start()
        elif event == "done":
            self.console.print(f"{clock} [green]done[/]   {source}: {detail}")
        elif event == "saved":
            self.console.print(f"{clock} [green]saved[/]  {source}: {detail}")
        else:
            self.console.print(f"{clock} failed {source}: {detail}", markup=False,
                               style="red")
