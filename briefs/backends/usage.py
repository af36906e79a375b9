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
        """Count one answered call (`body`, an OpenAI chat-completion body; `{}` for none).
        Token counts the endpoint reports are trusted only as whole numbers >= 0."""
        usage = body.get("usage") if isinstance(body, dict) else None
        usage = usage if isinstance(usage, dict) else {}
        with self._lock:
            self.by_source.setdefault(source, Usage()).add(Usage(
                calls=1 if body else 0,
                retries=retries,
                prompt_tokens=token_count(usage.get("prompt_tokens")),
                completion_tokens=token_count(usage.get("completion_tokens")),
                seconds=seconds,
            ))


def token_count(value: object) -> int:
    """A reported token count, or 0 when it is not a whole number >= 0 (a negative count
    must not let a run slip under its token budget; a string or list is no count)."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and value >= 0 else 0
