"""Retries of transient endpoint faults, under the openai client.

Retried: connection errors and timeouts, 429 and 5xx answers, and 200 answers whose body
is unreadable or has no choices. Waits grow exponentially with full jitter, honour
`Retry-After`, and never run past the article's deadline (set per article by the
pipeline through `article_deadline`). Configured by flags or environment variables.
"""

from __future__ import annotations

import json
import random
import time
from email.utils import parsedate_to_datetime

import httpx2

from .policy import RetryPolicy, remaining

TRANSIENT_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


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

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        problem = ""
        for attempt in range(self.policy.attempts):
            left = remaining()
            if left <= 0:
                problem = problem or "the article's deadline passed"
                break
            timeout = min(self.policy.timeout, left)
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
            if wait >= remaining():
                problem += "; the next retry would pass the article's deadline"
                break
            request.extensions["briefs_retries"] = attempt + 1  # read by ExchangeTransport
            time.sleep(wait)
        raise EndpointError(f"{problem} (after {attempt + 1} attempt(s))")

    def close(self) -> None:
        self.inner.close()


class EndpointError(httpx2.TransportError):
    """The endpoint kept failing; the message says how, and how often."""
