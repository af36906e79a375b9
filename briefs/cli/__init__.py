"""The `briefs` command: a thin Typer layer over the library API.

Exit codes: 0 brief written from every article; 3 brief written but some articles
could not be used (listed in the brief); 1 nothing usable / setup error; 2 bad usage;
130 interrupted (finished articles are kept for the next run).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cache import cache_app
from .evaluate import EVAL_HELP, eval_command
from .options import (
    EXIT_INTERRUPTED,
    EXIT_PARTIAL,
    EXIT_USAGE,
    BackendName,
    BackendOpt,
    BaseUrlOpt,
    DeadlineOpt,
    Format,
    ModelOpt,
    QuietOpt,
    RecordOpt,
    RetriesOpt,
    StoreOpt,
    TimeoutOpt,
    VerboseOpt,
    backend_options,
    unwrapped,
)
from .output import configure_logging, emit, fail, say

app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: reads cleanly at 80 columns, flags shown as flags
    help="Turn news articles about one event into a grounded, reconciled one-page brief.",
)

__all__ = ["EXIT_INTERRUPTED", "EXIT_PARTIAL", "EXIT_USAGE", "BackendName", "Format", "app"]


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


FORMAT_BY_SUFFIX = {".md": Format.md, ".json": Format.json, ".html": Format.html,
                    ".htm": Format.html}


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(  # unreadable inputs are reported per input
        metavar="INPUTS", show_default=False,
        help="Article files (.txt, .md, .html), folders of them, http(s) URLs of pages, "
        "or - for one article on standard input.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", show_default=False,
        help="Write the brief here (default, or -: standard output).")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", show_default=False,
        help="md, json, or html (a review page: click a citation to see its evidence). "
        "Default: from the -o suffix, else md.")] = None,
    backend: BackendOpt = BackendName.embedded,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    store: StoreOpt = None,
    record: RecordOpt = False,
    retries: RetriesOpt = None,
    timeout: TimeoutOpt = None,
    deadline: DeadlineOpt = None,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="Redo every article and refetch every URL; by default articles "
        "finished by an earlier run (same backend, model, prompt and text) are reused.")
    ] = False,
    concurrency: Annotated[int | None, typer.Option(
        min=1, metavar="N", show_default=False, help="Articles extracted at once "
        "(default: 1 for embedded and replay, 8 for openai).")] = None,
    usage: Annotated[bool, typer.Option(
        "--usage", help="Print calls, retries and tokens per article and in total.")] = False,
    max_tokens_total: Annotated[int | None, typer.Option(
        min=1, metavar="N", show_default=False, help="Token budget for the run: once "
        "spent, no new article is started (the brief names those not started).")] = None,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Build a reconciled brief from several articles about one event.

    Exit codes: 0 every article used; 3 brief written but some articles could not be used (the brief names them and why); 1 no brief (nothing usable, or a setup error); 2 a bad option.
    """  # noqa: E501 - one line: the help formatter keeps every newline
    from ..backends import BackendError, RetryPolicy
    from ..files import sweep_temp_files, write_atomic
    from ..pipeline import build_brief
    from ..read import IngestError
    from ..read.fetch import is_url
    from ..read.inputs import STDIN
    from ..render import render
    from ..text.tokens import printable
    from .progress import ProgressPrinter

    if verbose and quiet:
        raise fail("-v and -q ask for opposite things; give one", EXIT_USAGE)
    configure_logging(verbose)
    if output is not None and str(output) == "-":
        output = None
    fmt = fmt or (FORMAT_BY_SUFFIX.get(output.suffix.lower(), Format.md) if output
                  else Format.md)
    try:
        policy = RetryPolicy.from_env(retries=retries, timeout=timeout, deadline=deadline)
    except ValueError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    _check_output(output, [Path(i) for i in inputs if not is_url(i) and i != STDIN])
    try:
        with ProgressPrinter(quiet=quiet) as progress:
            result = build_brief(inputs, backend.value, progress=progress, resume=not fresh,
                                 policy=policy, concurrency=concurrency,
                                 max_tokens_total=max_tokens_total,
                                 **backend_options(model, base_url, store, record))
        if not result.extractions:
            for failure in result.brief.failures:
                say(printable(f"  {failure.source}: {failure.reason}"))
            raise fail("no article could be used; no brief written")
        text = render(result.brief, fmt.value)
        if output:
            try:
                sweep_temp_files(output.parent, output.name)  # a killed run's, if any
                write_atomic(output, text)
            except OSError as exc:
                raise fail(f"{output}: could not write the brief ({exc.strerror or exc}); "
                            "nothing was changed there") from exc
            if not quiet:
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
        if not quiet:
            say(f"partial: {len(result.brief.failures)} source(s) not used (listed in the "
                "brief)", typer.colors.YELLOW)
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def extract(
    article: Annotated[str, typer.Argument(
        metavar="ARTICLE", show_default=False,
        help="One article: a file, an http(s) URL, or - for standard input.")],
    backend: BackendOpt = BackendName.embedded,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    store: StoreOpt = None,
    record: RecordOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Print one article's grounded extraction as JSON."""
    from ..backends import BackendCallError, BackendError
    from ..pipeline import extract_article
    from ..read import IngestError

    configure_logging(verbose)
    try:
        result = extract_article(article, backend.value,
                                 **backend_options(model, base_url, store, record))
    except (BackendError, IngestError, BackendCallError) as exc:
        raise fail(str(exc)) from exc
    emit(result.model_dump_json(indent=2) + "\n")


@app.command()
def schema(
    out_dir: Annotated[Path, typer.Option(
        "--out", help="Folder for the JSON Schema files.")] = Path("schemas"),
) -> None:
    """(Re)write JSON Schemas of the data models, for other tools."""
    from ..model.schemas import write_schemas

    for path in write_schemas(out_dir):
        typer.echo(f"wrote {path}")


app.command("eval", help=unwrapped(EVAL_HELP))(eval_command)
app.add_typer(cache_app, name="cache")

if __name__ == "__main__":  # pragma: no cover
    app()
