"""The library API: ingest → extract → ground → reconcile → render, one call each way.

One article's failure never stops the others: it is reported in `Brief.failures`
and the brief is built from what succeeded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .backends import Backend, BackendError, ReplayMiss, open_backend
from .extract import ExtractionError, extract_document
from .ingest import IngestError, find_articles, load_article
from .models import ArticleExtraction, Brief, Failure, Source
from .reconcile import reconcile
from .render import bottom_line

# Called as progress(event, source_id, detail) with event in {"start", "done", "failed"}.
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


def _failure_reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:300]


def build_brief(
    inputs: Sequence[str | Path],
    backend: str | Backend = "embedded",
    *,
    progress: Progress | None = None,
    **options: object,
) -> BuildResult:
    """Build a reconciled brief from article files and folders.

    `options` go to `open_backend` (model, base_url, api_key, store, record, ...).
    Raises `IngestError` only when no input names any article at all.
    """
    notify = progress or (lambda *_: None)
    failures: list[Failure] = []
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for path in find_articles([Path(p) for p in inputs]):
        try:
            source = load_article(path)
        except IngestError as exc:
            failures.append(Failure(source=path.name, reason=_failure_reason(exc)))
            notify("failed", path.name, str(exc))
            continue
        if source.sha256 in seen:
            failures.append(Failure(source=source.id, reason=f"same text as {seen[source.sha256]}"))
            notify("failed", source.id, f"duplicate of {seen[source.sha256]}")
            continue
        seen[source.sha256] = source.id
        sources.append(source)

    extractions: list[ArticleExtraction] = []
    with ExitStack() as stack:
        chosen: Backend | None = None
        for source in sources:
            notify("start", source.id, "")
            try:
                if chosen is None:
                    chosen, owned = _backend(backend, options)
                    if owned:
                        stack.callback(chosen.close)
                extraction = extract_document(source, chosen)
            except BackendError:
                raise
            except (ExtractionError, ReplayMiss, OSError) as exc:
                failures.append(Failure(source=source.id, reason=_failure_reason(exc)))
                notify("failed", source.id, _failure_reason(exc))
                continue
            except Exception as exc:  # the endpoint's errors: report, keep going
                if type(exc).__module__.split(".")[0] not in {"openai", "instructor", "httpx2"}:
                    raise
                failures.append(Failure(source=source.id, reason=_failure_reason(exc)))
                notify("failed", source.id, _failure_reason(exc))
                continue
            extractions.append(extraction)
            u = extraction.usage
            notify("done", source.id, f"{u.calls} call(s), {u.prompt_tokens}+"
                   f"{u.completion_tokens} tokens, {u.seconds:.1f}s")

    brief = reconcile(extractions, failures)
    brief.bottom_line = bottom_line(brief)
    return BuildResult(brief=brief, extractions=extractions)
