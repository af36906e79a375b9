"""The `briefs` command: a thin Typer layer over the library API.

Exit codes: 0 brief written from every article; 3 brief written but some articles
could not be used (listed in the brief); 1 nothing usable / setup error; 2 bad usage;
130 interrupted (finished articles are kept for the next run).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..backends import REGISTRY
from .cache import cache_app
from .output import emit, fail, say

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles about one event into a grounded, reconciled one-page brief.",
)

EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130


BackendName = StrEnum("BackendName", {name: name for name in REGISTRY})  # type: ignore[misc]


class Format(StrEnum):
    md = "md"
    json = "json"


BackendOpt = Annotated[BackendName, typer.Option(
    "--backend", "-b",
    help="embedded: local model, no key or network. openai: any OpenAI-compatible "
    "endpoint. replay: recorded responses (see --store).")]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", "-m",
    help="Model name for the openai backend (default $BRIEFS_MODEL or gpt-4o-mini).")]
def _valid_url(url: str | None) -> str | None:
    from ..backends import BackendError
    from ..backends.live import check_url

    try:
        return check_url(url) if url else url
    except BackendError as exc:
        raise typer.BadParameter(str(exc).removeprefix("--base-url ")) from None


BaseUrlOpt = Annotated[str | None, typer.Option(
    help="Endpoint for the openai backend, e.g. http://127.0.0.1:11434/v1 "
    "(default $OPENAI_BASE_URL). The key is read from $OPENAI_API_KEY.",
    callback=_valid_url)]
StoreOpt = Annotated[Path | None, typer.Option(
    help="Recordings folder for --record and --backend replay (default: a recordings/ "
    "folder in or beside the inputs, else samples/recordings).")]
RecordOpt = Annotated[bool, typer.Option(
    "--record", help="Save every model exchange to --store for later replay.")]


def _show_version(shown: bool) -> None:
    if shown:
        from .. import __version__

        typer.echo(f"briefs {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    _version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True,
        help="Print the version and exit.")] = False,
) -> None:
    """Turn news articles about one event into a grounded, reconciled one-page brief."""
    # Failed model answers are reported in the brief and its JSON; instructor's own log
    # lines about them would only repeat that on the terminal.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


def _check_output(output: Path | None, inputs: list[Path]) -> None:
    """Refuse, before any extraction, an -o the brief cannot or must not be written to:
    an input article, an article-named file inside an input folder (the next run would
    read the brief as a source), a folder, or a place with no writable folder."""
    import os

    from ..read.ingest import ARTICLE_SUFFIXES

    if output is None:
        return
    target = Path(os.path.realpath(output))  # never raises, even on a symlink loop
    if target.is_dir():
        raise fail(f"-o {output} is a folder; give a file name", EXIT_USAGE)
    for given in inputs:
        source = Path(os.path.realpath(given))
        inside = source.is_dir() and source in target.parents \
            and target.suffix.lower() in ARTICLE_SUFFIXES
        if source == target or (inside and target.exists()):
            raise fail(f"-o {output} is one of the input articles; it would be overwritten",
                        EXIT_USAGE)
        if inside:
            raise fail(f"-o {output} is inside the input folder {given}: the next run would "
                        "read the brief as an article; write it elsewhere", EXIT_USAGE)
    if not target.parent.is_dir():
        raise fail(f"-o {output}: the folder {output.parent} does not exist", EXIT_USAGE)
    if not os.access(target.parent, os.W_OK):
        raise fail(f"-o {output}: the folder {output.parent} is not writable", EXIT_USAGE)


def _options(model, base_url, store, record) -> dict:
    return {"model": model, "base_url": base_url, "store": store, "record": record}


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(  # unreadable inputs are reported per file
        help="Article files (.txt, .md, .html) or folders of them.", show_default=False,
        readable=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the brief here; - or none for standard output.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="md or json.")] = Format.md,
    backend: BackendOpt = BackendName.embedded,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    store: StoreOpt = None,
    record: RecordOpt = False,
    retries: Annotated[int | None, typer.Option(
        help="Retries of a failed request (429, 5xx, timeout, dropped connection), with "
        "backoff and jitter, honouring Retry-After (default: $BRIEFS_RETRIES or 3).",
        show_default=False)] = None,
    timeout: Annotated[float | None, typer.Option(
        help="Seconds to wait for one answer (default: $BRIEFS_TIMEOUT or 120).",
        show_default=False)] = None,
    deadline: Annotated[float | None, typer.Option(
        help="Seconds one article may take, retries included; then it is marked failed "
        "and the run goes on (default: $BRIEFS_DEADLINE or 600).", show_default=False)] = None,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="Redo every article; by default articles finished by an earlier "
        "run (same backend, model, prompt and text) are reused.")] = False,
    concurrency: Annotated[int | None, typer.Option(
        min=1, help="Articles extracted at once (default: 1 for embedded and replay, 8 for "
        "openai).", show_default=False)] = None,
    usage: Annotated[bool, typer.Option(
        "--usage", help="Print calls, retries and tokens per article and in total.")] = False,
    max_tokens_total: Annotated[int | None, typer.Option(
        min=1, help="Token budget for the run: once spent, no new article is started (the "
        "brief names those not started).", show_default=False)] = None,
) -> None:
    """Build a reconciled brief from several articles about one event.

    Exit codes: 0 every article used; 3 brief written but some articles could not be used (the brief names them and why); 1 no brief (nothing usable, or a setup error); 2 a bad option.
    """  # noqa: E501 - one line: the help formatter keeps every newline
    from ..backends import BackendError, RetryPolicy
    from ..files import write_atomic
    from ..pipeline import build_brief
    from ..read import IngestError
    from ..render import render_json, render_markdown
    from ..text.tokens import printable
    from .progress import ProgressPrinter

    if output is not None and str(output) == "-":
        output = None
    try:
        policy = RetryPolicy.from_env(retries=retries, timeout=timeout, deadline=deadline)
    except ValueError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    _check_output(output, inputs)
    try:
        with ProgressPrinter() as progress:
            result = build_brief(inputs, backend.value, progress=progress, resume=not fresh,
                                 policy=policy, concurrency=concurrency,
                                 max_tokens_total=max_tokens_total,
                                 **_options(model, base_url, store, record))
        if not result.extractions:
            for failure in result.brief.failures:
                say(printable(f"  {failure.source}: {failure.reason}"))
            raise fail("no article could be used; no brief written")
        text = (render_json(result.brief) if fmt is Format.json
                else render_markdown(result.brief))
        if output:
            try:
                write_atomic(output, text)
            except OSError as exc:
                raise fail(f"{output}: could not write the brief ({exc.strerror or exc}); "
                            "nothing was changed there") from exc
            say(f"wrote {printable(str(output))}", typer.colors.GREEN)
        else:
            emit(text)
    except (BackendError, IngestError) as exc:
        raise fail(str(exc)) from exc
    except KeyboardInterrupt:
        raise fail("interrupted; finished articles are saved and the next run reuses them "
                    "(--fresh to redo them)", EXIT_INTERRUPTED) from None
    if usage:
        from .progress import usage_table

        typer.echo(usage_table(result.brief.usage), err=True)
    if result.partial:
        say(f"partial: {len(result.brief.failures)} source(s) not used (listed in the brief)",
             typer.colors.YELLOW)
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def extract(
    article: Annotated[Path, typer.Argument(help="One article file.", show_default=False,
                                            readable=False)],
    backend: BackendOpt = BackendName.embedded,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    store: StoreOpt = None,
    record: RecordOpt = False,
) -> None:
    """Print one article's grounded extraction as JSON."""
    from ..backends import BackendCallError, BackendError
    from ..pipeline import extract_article
    from ..read import IngestError

    try:
        result = extract_article(article, backend.value,
                                 **_options(model, base_url, store, record))
    except (BackendError, IngestError, BackendCallError) as exc:
        raise fail(str(exc)) from exc
    emit(result.model_dump_json(indent=2) + "\n")


def unwrapped(text: str) -> str:
    """Help text with each paragraph and list item on one line: the help formatter
    wraps to the terminal and keeps every newline, so a newline inside a sentence
    would break it mid-line."""
    blocks = []
    for block in text.strip().split("\n\n"):
        items: list[str] = []
        for line in block.splitlines():
            if not items or line.startswith(("- ", "\b")):
                items.append(line.strip())
            else:
                items[-1] += " " + line.strip()
        blocks.append("\n".join(items))
    return "\n\n".join(blocks)


EVAL_HELP = """Score briefs against gold annotations.

TARGET is a gold file (GOLD.json, with ARTICLES the folder of its articles), or a
cluster folder (gold.json and articles/), or a folder of clusters: each cluster is
scored apart and all are pooled (counts summed); --only picks clusters by name.

Prints precision, recall and F1 for delegates, quotes (with speaker accuracy),
policy measures and conflicts, then conflict recall per gold kind and precision
per predicted kind; --json prints the same as JSON. Every article is extracted
afresh (a measurement of this code, never of an earlier run). --from-gold
reconciles the gold's own delegates and quotes instead: what is lost with it is
lost in reconciliation, what is lost only without it, in extraction. Rules:

\b
- Delegates: same person (full name, surname, or spelling variant)
  and the same side (a gold side's bracketed qualifier also counts).
- Quotes: words overlap (token-set ratio >= 90, or one contains the
  other); speaker accuracy counts matched quotes whose speaker is the
  gold speaker (an unnamed gold speaker is matched by none).
- Measures: same actor (a gold 'X and Y' accepts either) and two
  content words shared by the gold measure and the predicted
  measure's sentence.
- Conflicts: a gold conflict is found when the brief has a conflict
  of a compatible kind over every article the gold conflict names.
  Compatible: delegation ~ post_holder or person_post; other ~ by its
  subkind (timing ~ date); duration ~ date, timing or number; any
  other kind ~ the kind of that name
  (quote_attribution, quote_wording, number, date, scope,
  internal_inconsistency). A predicted conflict is correct when a
  compatible gold conflict names all of its sources.
"""


@app.command("eval", help=unwrapped(EVAL_HELP))
def eval_command(
    target: Annotated[Path, typer.Argument(
        help="Gold JSON file, or a cluster folder, or a folder of clusters.",
        show_default=False)],
    articles: Annotated[Path | None, typer.Argument(
        help="Folder of the gold file's articles (not with a cluster folder).",
        show_default=False)] = None,
    backend: BackendOpt = BackendName.embedded,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    store: Annotated[Path | None, typer.Option(
        help="Recordings for --record and --backend replay; for clusters, one subfolder "
        "per cluster name.")] = None,
    record: RecordOpt = False,
    only: Annotated[str | None, typer.Option(
        help="Comma-separated cluster names to score (e.g. one half of a dev corpus).",
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    from_gold: Annotated[bool, typer.Option(
        "--from-gold", help="Reconcile the gold's own delegates and quotes instead of a "
        "model's (no model is run): what reconciliation finds when extraction is perfect.",
    )] = False,
) -> None:
    import json

    from ..backends import BackendError
    from ..eval import evaluate, format_table
    from ..eval.clusters import find_clusters, is_cluster, score_clusters
    from ..eval.gold import gold_extractions, load_gold
    from ..pipeline import build_brief
    from ..reconcile import reconcile
    from .progress import ProgressPrinter

    clustered = target.is_dir()

    def build(folder: Path, name: str):
        if from_gold:
            gold = folder.parent / "gold.json" if clustered else target
            extractions = gold_extractions(gold, folder)
            return reconcile(extractions), extractions
        where = store / name if clustered and store else store
        with ProgressPrinter() as progress:
            result = build_brief([folder], backend.value, progress=progress, resume=False,
                                 **_options(model, base_url, where, record))
        return result.brief, result.extractions

    try:
        if clustered:
            if articles is not None:
                raise fail("give ARTICLES only with a gold file, not a cluster folder", 2)
            if not is_cluster(target) and not any(d.is_dir() and is_cluster(d)
                                                  for d in target.iterdir()):
                raise fail(f"{target}: no gold.json and articles/ here or in its subfolders")
            names = [n.strip() for n in only.split(",")] if only else None
            clusters = find_clusters(target, names)
            for cluster in clusters:  # every gold file checked before any extraction
                load_gold(cluster.gold)
            scores = score_clusters(clusters, build)
        elif not target.is_file():
            raise fail(f"{target}: no such gold file or cluster folder")
        elif articles is None or not articles.is_dir():
            raise fail(f"{articles}: no such articles folder")
        else:
            load_gold(target)  # before any extraction
            brief, extractions = build(articles, articles.name)
            scores = evaluate(target, brief, extractions)
    except (BackendError, ValueError) as exc:
        raise fail(str(exc)) from exc
    if as_json:
        emit(json.dumps(scores, indent=2) + "\n")
    elif clustered:
        for name, table in [*scores["clusters"].items(), ("POOLED", scores["pooled"])]:
            emit(f"== {name}\n{format_table(table)}\n\n")
    else:
        emit(format_table(scores) + "\n")


app.add_typer(cache_app, name="cache")


@app.command()
def schema(
    out_dir: Annotated[Path, typer.Option(
        "--out", help="Folder for the JSON Schema files.")] = Path("schemas"),
) -> None:
    """(Re)write JSON Schemas of the data models, for other tools."""
    from ..model.schemas import write_schemas

    for path in write_schemas(out_dir):
        typer.echo(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    app()
