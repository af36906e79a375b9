"""The library API: ingest → read → extract → ground → reconcile → render, one call each way.

One article's failure never stops the others: it is reported in `Brief.failures`
and the brief is built from what succeeded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .backends import Backend, BackendCallError, open_backend
from .checkpoint import Checkpoints
from .extract import extract_document
from .extract.tasks import PROMPT_VERSION
from .files import cache_dir
from .model import ArticleExtraction, Brief, Failure, Provenance, Source
from .read import IngestError
from .read.ingest import fingerprint
from .read.inputs import article_inputs
from .reconcile import reconcile

# Called as progress(event, source_id, detail); event is "total" (detail: how many inputs
# will be reported, once, first), "start", "done", "saved" (taken from an earlier run's
# checkpoint, or a copy used once), "warning" (done, but e.g. not cached) or "failed".
Progress = Callable[[str, str, str], None]


@dataclass
class BuildResult:
    brief: Brief
    extractions: list[ArticleExtraction] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.brief.failures)


def recordings_beside(inputs: Sequence[str | Path]) -> Path | None:
    """The recordings a replay of `inputs` finds by default: a `recordings/` folder in
    the first input folder, or beside the first input file (as `samples/recordings/`
    is beside the samples), wherever the command runs from; None when there is none."""
    for given in map(Path, inputs):
        folder = given if given.is_dir() else given.parent
        if (folder / "recordings").is_dir():
            return folder / "recordings"
    return None


def _backend(backend: str | Backend, options: dict[str, Any]) -> tuple[Backend, bool]:
    """The backend to use, and whether this call opened it (and so must close it)."""
    if isinstance(backend, str):
        return open_backend(backend, **options), True
    return backend, False


def extract_article(
    article: str | Path | Source, backend: str | Backend = "embedded", **options: Any
) -> ArticleExtraction:
    """Extract one article (a path or an ingested `Source`) into grounded models, within
    the backend policy's per-article deadline."""
    source = article if isinstance(article, Source) else _load_one(article)
    chosen, owned = _backend(backend, options)
    try:
        return extract_document(source, chosen)
    finally:
        if owned:
            chosen.close()


def _load_one(article: str | Path) -> Source:
    """One article named by a path, a URL or '-' (standard input)."""
    loaders, problems = article_inputs([article], pages=cache_dir() / "pages")
    if problems:
        raise problems[0]
    if len(loaders) != 1:
        raise IngestError(f"{article}: give one article, not a folder")
    return loaders[0].load()


def _reason(exc: Exception, backend: Backend) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return backend.redact(text)[:300]


def _ingest(inputs: Sequence[str | Path], notify: Progress, refetch: bool
            ) -> tuple[list[Source], list[Failure], list[Failure]]:
    """Load every article; unusable inputs become failures, repeated texts are skipped."""
    failures: list[Failure] = []
    skipped: list[Failure] = []
    sources: list[Source] = []
    seen: dict[str, str] = {}
    articles, problems = article_inputs(inputs, pages=cache_dir() / "pages", refetch=refetch)
    notify("total", "", str(len(articles) + len(problems)))
    for problem in problems:
        name, _, reason = str(problem).partition(": ")
        failures.append(Failure(source=name, reason=reason))
        notify("failed", name, reason)
    for article in articles:
        try:
            source = article.load()
        except IngestError as exc:
            reason = str(exc).removeprefix(f"{article.origin}: ").removeprefix(f"{article.id}: ")
            failures.append(Failure(source=article.id, reason=reason))
            notify("failed", article.id, reason)
            continue
        keys = {fingerprint(source.text), source.copy_key}  # same words, or the same file
        copy_of = next((seen[k] for k in keys if k in seen), None)  # re-wrapped or re-spaced
        if copy_of:  # nothing lost: the text is used once
            skipped.append(Failure(source=source.id, reason=f"same text as {copy_of}"))
            notify("saved", source.id, f"same text as {copy_of}; used once")
            continue
        seen |= dict.fromkeys(keys, source.id)
        sources.append(source)
    return sources, failures, skipped


def build_brief(
    inputs: Sequence[str | Path] | str | Path,
    backend: str | Backend = "embedded",
    *,
    progress: Progress | None = None,
    resume: bool = True,
    checkpoint_dir: Path | None = None,
    concurrency: int | None = None,
    max_tokens_total: int | None = None,
    **options: Any,
) -> BuildResult:
    """Build a reconciled brief from article files and folders.

    `options` go to `open_backend` (model, base_url, api_key, store, record, policy).
    Up to `concurrency` articles are extracted at once (default: the backend's own).
    Finished articles are checkpointed; with `resume` a rerun reuses them. Once
    `max_tokens_total` tokens are spent, no new article is started. Inputs that cannot
    be read, articles that fail and articles not started are listed in `Brief.failures`;
    repeated texts in `Brief.skipped`.
    """
    notify = progress or (lambda *_: None)
    if isinstance(inputs, str | Path):  # one file or folder, not its characters
        inputs = [inputs]
    if backend == "replay" and not options.get("store"):
        options["store"] = recordings_beside(inputs)
    sources, failures, skipped = _ingest(inputs, notify, refetch=not resume)
    outcomes: list[ArticleExtraction | Failure] = []
    made_by = (getattr(backend, "name", str(backend)), getattr(backend, "model", ""))
    with ExitStack() as stack:
        if sources:
            chosen, owned = _backend(backend, options)
            asked = backend if isinstance(backend, str) else chosen.name
            made_by = (asked if asked == chosen.name else f"{asked} of {chosen.name}",
                       chosen.model)  # e.g. 'replay of embedded'
            if owned:
                stack.callback(chosen.close)
            saved = Checkpoints(checkpoint_dir, chosen.name, chosen.model,
                                getattr(chosen, "endpoint", "")) if chosen.checkpointed else None
            work = partial(_one_article, backend=chosen, saved=saved, resume=resume,
                           budget=max_tokens_total, notify=notify)
            workers = max(1, concurrency or chosen.default_concurrency)
            pool = ThreadPoolExecutor(max_workers=workers)
            try:
                outcomes = list(pool.map(work, sources))
            except KeyboardInterrupt:  # queued articles never start; running ones finish
                pool.shutdown(wait=True, cancel_futures=True)  # and are checkpointed
                raise
            pool.shutdown()
    extractions = [o for o in outcomes if isinstance(o, ArticleExtraction)]
    failures += [o for o in outcomes if isinstance(o, Failure)]

    brief = reconcile(extractions, failures)
    brief.skipped = skipped
    brief.provenance = provenance(*made_by)
    return BuildResult(brief=brief, extractions=extractions)


def provenance(backend: str, model: str) -> Provenance:
    """What made a brief built now: backend, model, prompt and briefs versions, the
    sentence aligner, time."""
    from datetime import UTC, datetime

    from . import __version__
    from .text.meaning import encoder

    return Provenance(backend=backend, model=model, prompt_version=PROMPT_VERSION,
                      briefs_version=__version__,
                      aligner=encoder().name if encoder() else "words only",
                      created=datetime.now(UTC).isoformat(timespec="seconds"))


def _one_article(source: Source, *, backend: Backend, saved: Checkpoints | None,
                 resume: bool, budget: int | None, notify: Progress
                 ) -> ArticleExtraction | Failure:
    """Extract one article (in a worker thread); any failure is returned, not raised."""
    if resume and saved and (earlier := saved.load(source)):
        notify("saved", source.id, "extracted by an earlier run; not redone")
        return earlier
    if budget is not None and (spent := backend.meter.total().tokens) >= budget:
        reason = f"not started: the token budget ({budget:,}) was spent ({spent:,} used)"
        notify("failed", source.id, reason)
        return Failure(source=source.id, reason=reason)
    notify("start", source.id, "")
    try:
        extraction = extract_document(source, backend)
    except (BackendCallError, OSError) as exc:  # this article's fault or the endpoint's
        reason = _reason(exc, backend)
        notify("failed", source.id, reason)
        return Failure(source=source.id, reason=reason)
    for rejection in extraction.rejected:  # an endpoint may have echoed the key into one
        rejection.reason = backend.redact(rejection.reason)
        rejection.item = backend.redact(rejection.item)
    if saved and (problem := saved.save(extraction)):
        notify("warning", source.id, problem)
    u = extraction.usage
    notify("done", source.id, f"{u.calls} call(s), {u.prompt_tokens}+{u.completion_tokens} "
           f"tokens, {u.retries} retries, {u.seconds:.1f}s")
    return extraction
