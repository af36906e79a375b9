"""The library API: ingest → extract → ground → reconcile → render, one call each way.

One article's failure never stops the others: it is reported in `Brief.failures`
and the brief is built from what succeeded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .backends import Backend, BackendError, ReplayMiss, article_deadline, open_backend
from .checkpoint import Checkpoints
from .extract import ExtractionError, extract_document
from .ingest import IngestError, find_articles, load_article
from .models import ArticleExtraction, Brief, Failure, Source
from .reconcile import reconcile
from .render import bottom_line

# Called as progress(event, source_id, detail); event is "start", "done", "saved" (taken
# from an earlier run's checkpoint) or "failed".
Progress = Callable[[str, str, str], None]


@dataclass
class BuildResult:
    brief: Brief
    extractions: list[ArticleExtraction] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.brief.failures)


def _backend(backend: str | Backend, options: dict) -> tuple[Backend, bool]:
    if isinstance(backend, Backend):
        return backend, False
    return open_backend(backend, **options), True


def extract_article(
    article: str | Path | Source, backend: str | Backend = "embedded", **options: object
) -> ArticleExtraction:
    """Extract one article (a path or an ingested `Source`) into grounded models."""
    source = article if isinstance(article, Source) else load_article(Path(article))
    chosen, owned = _backend(backend, options)
    try:
        return extract_document(source, chosen)
    finally:
        if owned:
            chosen.close()


def _failure_reason(exc: Exception, secret: str | None = None) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return redact(text, secret)[:300]


def redact(text: str, secret: str | None) -> str:
    """Never let an API key reach a message, log or file (an endpoint may echo it)."""
    if secret and len(secret) >= 8 and secret != "not-needed":
        text = text.replace(secret, "***")
    return text


def _extract_within_deadline(source: Source, backend: Backend) -> ArticleExtraction:
    token = article_deadline.set(time.monotonic() + backend.policy.deadline)
    try:
        return extract_document(source, backend)
    finally:
        article_deadline.reset(token)


def _is_article_failure(exc: Exception) -> bool:
    """Errors that sink one article, not the run: bad answers and endpoint faults."""
    if isinstance(exc, ExtractionError | ReplayMiss | OSError):
        return True
    return type(exc).__module__.split(".")[0] in {"openai", "instructor", "httpx2"}


def build_brief(
    inputs: Sequence[str | Path],
    backend: str | Backend = "embedded",
    *,
    progress: Progress | None = None,
    resume: bool = True,
    checkpoint_dir: Path | None = None,
    **options: object,
) -> BuildResult:
    """Build a reconciled brief from article files and folders.

    `options` go to `open_backend` (model, base_url, api_key, store, record, policy).
    Finished articles are checkpointed; with `resume` a rerun reuses them.
    Inputs that cannot be read, and articles that fail, are listed in `Brief.failures`;
    duplicate texts in `Brief.skipped`.
    """
    notify = progress or (lambda *_: None)
    failures: list[Failure] = []
    sources: list[Source] = []
    seen: dict[str, str] = {}
    paths, problems = find_articles([Path(p) for p in inputs])
    for problem in problems:
        name, _, reason = str(problem).partition(": ")
        failures.append(Failure(source=name, reason=reason))
        notify("failed", name, reason)
    skipped: list[Failure] = []
    for path in paths:
        try:
            source = load_article(path)
        except IngestError as exc:
            reason = str(exc).removeprefix(f"{path}: ").removeprefix(f"{path.name}: ")
            failures.append(Failure(source=path.name, reason=reason))
            notify("failed", path.name, reason)
            continue
        if source.sha256 in seen:  # nothing lost: the text is used once
            skipped.append(Failure(source=source.id, reason=f"same text as {seen[source.sha256]}"))
            notify("saved", source.id, f"same text as {seen[source.sha256]}; used once")
            continue
        seen[source.sha256] = source.id
        sources.append(source)

    extractions: list[ArticleExtraction] = []
    with ExitStack() as stack:
        chosen: Backend | None = None
        saved: Checkpoints | None = None
        for source in sources:
            notify("start", source.id, "")
            try:
                if chosen is None:
                    chosen, owned = _backend(backend, options)
                    if owned:
                        stack.callback(chosen.close)
                    if chosen.kind != "replay":
                        saved = Checkpoints(checkpoint_dir, chosen.name, chosen.model)
                if resume and saved and (earlier := saved.load(source)):
                    extractions.append(earlier)
                    notify("saved", source.id, "extracted by an earlier run; not redone")
                    continue
                extraction = _extract_within_deadline(source, chosen)
            except BackendError:
                raise
            except Exception as exc:  # this article's fault or the endpoint's: keep going
                if not _is_article_failure(exc):
                    raise
                reason = _failure_reason(exc, chosen.api_key if chosen else None)
                failures.append(Failure(source=source.id, reason=reason))
                notify("failed", source.id, reason)
                continue
            if saved:
                saved.save(extraction)
            extractions.append(extraction)
            u = extraction.usage
            notify("done", source.id, f"{u.calls} call(s), {u.prompt_tokens}+"
                   f"{u.completion_tokens} tokens, {u.retries} retries, {u.seconds:.1f}s")

    brief = reconcile(extractions, failures)
    brief.skipped = skipped
    if chosen is not None:  # an endpoint may have echoed the key into a rejection
        for rejections in brief.rejected.values():
            for r in rejections:
                r.reason = redact(r.reason, chosen.api_key)
                r.item = redact(r.item, chosen.api_key)
    brief.bottom_line = bottom_line(brief)
    return BuildResult(brief=brief, extractions=extractions)
