"""Retries of transient endpoint faults, under the openai client.

Retried: connection errors and timeouts, 429 and 5xx answers, and 200 answers whose body
is unreadable or has no choices. Waits grow exponentially with full jitter, honour
`Retry-After`, and never run past the article's deadline (set per article by the
pipeline through `article_deadline`). Configured by flags or environment variables.
"""

from __future__ import annotations

import json
import os
import random
import time
from contextvars import ContextVar
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx2

TRANSIENT_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
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


def retry_after(response: httpx2.Response) -> float | None:
    """Seconds the server asked us to wait (delta-seconds or an HTTP date)."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _unusable(response: httpx2.Response) -> str | None:
    """Why a 200 answer cannot be used, or None."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return "the endpoint sent an unreadable (truncated?) JSON body"
    if isinstance(body, dict) and "choices" in body and not body["choices"]:
        return "the endpoint answered with no choices"
    return None


class RetryTransport(httpx2.BaseTransport):
    """Wraps a transport; retries what is worth retrying within the policy."""

    def __init__(self, inner: httpx2.BaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy
        self.retries = 0  # retries made, for the usage report

    def _remaining(self) -> float:
        deadline = article_deadline.get()
        return float("inf") if deadline is None else deadline - time.monotonic()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        problem = ""
        for attempt in range(self.policy.attempts):
            remaining = self._remaining()
            if remaining <= 0:
                problem = problem or "the article's deadline passed"
                break
            timeout = min(self.policy.timeout, remaining)
            request.extensions["timeout"] = {"connect": timeout, "read": timeout,
                                             "write": timeout, "pool": timeout}
            wait: float | None = None
            try:
                response = self.inner.handle_request(request)
                response.read()
            except httpx2.TimeoutException:
                problem = f"no answer within {timeout:.0f}s"
            except httpx2.TransportError as exc:
                problem = f"connection failed ({type(exc).__name__}: {exc})"
            else:
                if response.status_code == 200:
                    if (unusable := _unusable(response)) is None:
                        return response
                    problem = unusable
                elif response.status_code in TRANSIENT_STATUS:
                    problem = f"HTTP {response.status_code}"
                    wait = retry_after(response)
                else:
                    return response  # 4xx: the request itself is wrong; do not retry
            if attempt + 1 == self.policy.attempts:
                break
            backoff = random.uniform(0, min(self.policy.max_delay,
                                            self.policy.base_delay * 2**attempt))
            wait = backoff if wait is None else wait
            if wait >= self._remaining():
                problem += "; the next retry would pass the article's deadline"
                break
            self.retries += 1
            time.sleep(wait)
        raise EndpointError(f"{problem} (after {attempt + 1} attempt(s))")

    def close(self) -> None:
        self.inner.close()


class EndpointError(httpx2.TransportError):
    """The endpoint kept failing; the message says how, and how often."""
