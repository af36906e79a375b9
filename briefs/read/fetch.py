"""Fetch: an article given as a URL → the page's bytes, cached by URL.

A page is fetched with a timeout on the whole answer, a size limit enforced while
reading, at most MAX_REDIRECTS redirects (http and https only), `text/html` or
`text/plain` only, and a user agent that says what is asking. A failure raises
`IngestError` naming the URL and the reason; the caller goes on with the other inputs.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .ingest import MAX_BYTES, IngestError

MAX_REDIRECTS = 5
FETCH_TIMEOUT = 30.0  # seconds for one page, every redirect and byte included
ACCEPTED_TYPES = {"text/html", "text/plain", "application/xhtml+xml"}


def is_url(value: object) -> bool:
    """Whether an input names a web page rather than a file."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def user_agent() -> str:
    from .. import __version__

    return f"briefs/{__version__} (policy-brief builder; fetches the pages it was given)"


@dataclass
class Page:
    """A fetched page: where it was asked for and where it ended, and its body."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes

    @property
    def html(self) -> bool:
        return self.content_type != "text/plain"

    @property
    def site(self) -> str:
        """The host the page came from, without 'www.': the outlet when the page names none."""
        return (urlsplit(self.final_url).hostname or "").removeprefix("www.")


def page_id(url: str) -> str:
    """An `ArticleId` for a URL: host and path, without the scheme, query or fragment."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').removeprefix('www.')}{parts.path.rstrip('/')}"[:120]


def fetch(url: str, *, cache: Path | None = None, refetch: bool = False,
          timeout: float = FETCH_TIMEOUT) -> Page:
    """The page at `url`, from `cache` when it was fetched before (unless `refetch`)."""
    stored = cache / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json" if cache else None
    if stored and not refetch and (page := _cached(stored, url)):
        return page
    page = _download(url, timeout)
    if stored:
        from ..files import write_atomic

        record = asdict(page) | {"body": base64.b64encode(page.body).decode(),
                                 "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        with contextlib.suppress(OSError):  # an unwritable cache costs a refetch, no more
            write_atomic(stored, json.dumps(record))
    return page


def _cached(stored: Path, url: str) -> Page | None:
    try:
        record = json.loads(stored.read_text(encoding="utf-8"))
        if record.get("url") != url:
            return None
        return Page(url=url, final_url=record["final_url"], content_type=record["content_type"],
                    charset=record.get("charset"), body=base64.b64decode(record["body"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: fetch again


def _download(url: str, timeout: float) -> Page:
    import httpx2 as httpx

    end = time.monotonic() + timeout
    current = url
    headers = {"User-Agent": user_agent(), "Accept": "text/html, text/plain;q=0.9"}
    try:
        with httpx.Client(follow_redirects=False, headers=headers, timeout=timeout) as client:
            for _ in range(MAX_REDIRECTS + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = _next_hop(url, current, response.headers.get("location"))
                        continue
                    return _read(url, current, response, end)
    except httpx.TimeoutException:
        raise IngestError(f"{url}: no answer within {timeout:.0f}s") from None
    except httpx.TransportError as exc:
        raise IngestError(f"{url}: could not be fetched ({type(exc).__name__}: {exc})") from None
    raise IngestError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _next_hop(url: str, current: str, location: str | None) -> str:
    if not location:
        raise IngestError(f"{url}: a redirect with no Location")
    target = urljoin(current, location)
    if urlsplit(target).scheme not in {"http", "https"}:
        raise IngestError(f"{url}: redirected to a non-web address ({target[:80]})")
    return target


def _read(url: str, final_url: str, response, end: float) -> Page:
    """The body of a final answer, refused early when its status, type or size is wrong."""
    if response.status_code >= 400:
        raise IngestError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
    media, _, params = response.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    if media not in ACCEPTED_TYPES:
        raise IngestError(f"{url}: content type {media or '(none)'} is not a web page or "
                          "text (text/html or text/plain)")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise IngestError(f"{url}: {int(declared):,} bytes is over the {MAX_BYTES:,}-byte limit")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_BYTES:
            raise IngestError(f"{url}: over the {MAX_BYTES:,}-byte limit")
        if time.monotonic() > end:
            raise IngestError(f"{url}: the page took longer than the fetch timeout to arrive")
    charset = next((value.strip().strip('"') for key, _, value in
                    (p.strip().partition("=") for p in params.split(";"))
                    if key.lower() == "charset" and value), None)
    return Page(url=url, final_url=final_url, content_type=media, charset=charset,
                body=bytes(body))
