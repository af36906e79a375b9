"""Usage metering: calls, retries, tokens and seconds per article (safe across threads)."""

from __future__ import annotations

import threading
from typing import Any

from ..model import Usage


class UsageMeter:
    def __init__(self) -> None:
        self.by_source: dict[str, Usage] = {}
        self._lock = threading.Lock()

    def total(self) -> Usage:
        with self._lock:
            total = Usage()
            for usage in self.by_source.values():
                total.add(usage)
            return total

    def add(self, source: str, body: dict[str, Any], seconds: float, retries: int = 0) -> None:
        """Count one answered call (`body`, an OpenAI chat-completion body; `{}` for none)."""
        usage = body.get("usage") or {}
        with self._lock:
            self.by_source.setdefault(source, Usage()).add(Usage(
                calls=1 if body else 0,
                retries=retries,
                prompt_tokens=usage.get("prompt_tokens") or 0,
                completion_tokens=usage.get("completion_tokens") or 0,
                seconds=seconds,
            ))
