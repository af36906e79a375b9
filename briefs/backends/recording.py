"""Recording and metering at the HTTP layer, under the openai client (live backends).

Every request the extraction step sends carries a key header naming the backend, model,
prompt version, answer-schema hash and article hash. The transport strips it, passes the
request on, meters the answer and, when recording, saves the exchange.
"""

from __future__ import annotations

import json
import time

import httpx2

from .store import KEY_HEADER, RecordKey, RecordStore, UsageMeter, request_sha


class ExchangeTransport(httpx2.BaseTransport):
    """Live transport under the openai client: meters, and optionally records."""

    def __init__(
        self,
        inner: httpx2.BaseTransport,
        store: RecordStore | None = None,
        record: bool = False,
        meter: UsageMeter | None = None,
    ) -> None:
        self.inner = inner
        self.store = store
        self.record = record
        self.meter = meter or UsageMeter()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        header = request.headers.get(KEY_HEADER)
        if header is not None:
            del request.headers[KEY_HEADER]
        key = RecordKey.parse(header) if header else None
        body = request.read()
        started = time.perf_counter()
        try:
            response = self.inner.handle_request(request)
        finally:  # RetryTransport notes this request's retries on the request itself
            if key and (retried := request.extensions.get("briefs_retries", 0)):
                self.meter.add(key.source, {}, 0.0, retries=retried)
        response.read()
        if response.status_code == 200 and key and self.record and self.store:
            self.store.save(key, request_sha(body), json.loads(body), response.json())
        if key and response.status_code == 200:
            self.meter.add(key.source, response.json(), time.perf_counter() - started)
        return response

    def close(self) -> None:
        self.inner.close()
