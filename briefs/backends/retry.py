"""How hard to try one call: retries of transient faults with backoff, per-answer
timeouts, and the per-article deadline every wait stays within.

Retried: connection errors and timeouts, 429 and 5xx answers, and 200 answers whose body
is unreadable or has no choices. Waits grow exponentially with full jitter, honour
`Retry-After`, and never run past the article's deadline.
"""

from __future__ import annotations

import logging
import math
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TypeVar

from .errors import BackendCallError

T = TypeVar("T")
log = logging.getLogger(__name__)
TRANSIENT_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        raise ValueError(f"${name}={os.environ[name]!r} is not a number") from None


def _env_int(name: str, default: int) -> int:
    value = _env_float(name, default)
    if value != int(value):
        raise ValueError(f"${name}={os.environ[name]!r} is not a whole number")
    return int(value)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one request; the deadline bounds one whole article."""

    attempts: int = 4  # tries per request, the first included
    timeout: float = 120.0  # seconds per request
    deadline: float = 600.0  # seconds per article, retries and re-asks included
    base_delay: float = 1.0
    max_delay: float = 30.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"retries must be 0 or more, not {self.attempts - 1}")
        for name in ("timeout", "deadline"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a number of seconds above 0, not {value}")

    @classmethod
    def from_env(cls, **overrides: float | int | None) -> RetryPolicy:
        """Defaults ← BRIEFS_RETRIES / BRIEFS_TIMEOUT / BRIEFS_DEADLINE ← explicit values.
        A value that is not a number, or out of range, raises ValueError naming it."""
        values = {
            "attempts": _env_int("BRIEFS_RETRIES", cls.attempts - 1) + 1,
            "timeout": _env_float("BRIEFS_TIMEOUT", cls.timeout),
            "deadline": _env_float("BRIEFS_DEADLINE", cls.deadline),
        }
        if overrides.get("retries") is not None:
            values["attempts"] = int(overrides["retries"]) + 1
        for key in ("timeout", "deadline"):
            if overrides.get(key) is not None:
                values[key] = float(overrides[key])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


class Transient(Exception):
    """A fault worth another try; `wait` is what the server asked for (Retry-After)."""

    def __init__(self, problem: str, wait: float | None = None) -> None:
        super().__init__(problem)
        self.wait = wait


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def with_retries(attempt: Callable[[float], T], policy: RetryPolicy, deadline: float | None,
                 on_retry: Callable[[], None] = lambda: None) -> T:
    """Call `attempt(timeout)` until it returns, retrying `Transient` faults within the
    policy and before `deadline` (a `time.monotonic()` instant; None for no deadline).
    Raises BackendCallError saying how it failed, and how often."""
    end = math.inf if deadline is None else deadline
    problem, tries = "", 0
    for tries in range(1, policy.attempts + 1):
        left = end - time.monotonic()
        if left <= 0:
            problem = problem or "the article's deadline passed"
            break
        try:
            return attempt(min(policy.timeout, left))
        except Transient as fault:
            problem, wait = str(fault), fault.wait
        if tries == policy.attempts:
            break
        backoff = random.uniform(0, min(policy.max_delay, policy.base_delay * 2 ** (tries - 1)))
        wait = backoff if wait is None else wait
        if wait >= end - time.monotonic():
            problem += "; the next retry would pass the article's deadline"
            break
        log.info("attempt %d failed (%s); retrying in %.1fs", tries, problem, wait)
        on_retry()
        time.sleep(wait)
    raise BackendCallError(f"{problem} (after {tries} attempt(s))")
