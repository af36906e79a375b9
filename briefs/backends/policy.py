"""How hard to try: retries, timeouts and the per-article deadline (no HTTP imports)."""

from __future__ import annotations

import os
import time
from contextvars import ContextVar
from dataclasses import dataclass

article_deadline: ContextVar[float | None] = ContextVar("article_deadline", default=None)


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one request; the deadline bounds one whole article."""

    attempts: int = 4  # tries per request, the first included
    timeout: float = 120.0  # seconds per request
    deadline: float = 600.0  # seconds per article, retries and re-asks included
    base_delay: float = 1.0
    max_delay: float = 30.0

    @classmethod
    def from_env(cls, **overrides: float | int | None) -> RetryPolicy:
        """Defaults ← BRIEFS_RETRIES / BRIEFS_TIMEOUT / BRIEFS_DEADLINE ← explicit values."""
        values = {
            "attempts": int(_env_float("BRIEFS_RETRIES", cls.attempts - 1)) + 1,
            "timeout": _env_float("BRIEFS_TIMEOUT", cls.timeout),
            "deadline": _env_float("BRIEFS_DEADLINE", cls.deadline),
        }
        if overrides.get("retries") is not None:
            values["attempts"] = int(overrides["retries"]) + 1
        for key in ("timeout", "deadline"):
            if overrides.get(key) is not None:
                values[key] = float(overrides[key])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]




def remaining() -> float:
    """Seconds left before the current article's deadline (infinite when none is set)."""
    deadline = article_deadline.get()
    return float("inf") if deadline is None else deadline - time.monotonic()
