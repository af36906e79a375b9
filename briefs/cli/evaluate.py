"""`briefs eval`: score briefs against gold annotations."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    BackendName,
    BackendOpt,
    BaseUrlOpt,
    ModelOpt,
    RecordOpt,
    backend_options,
)
from .output import emit, fail


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"

EVAL_HELP = """Score briefs against gold annotations.

TARGET is a gold file (GOLD.json, with ARTICLES the folder of its articles), or a
cluster folder (gold.json and articles/), or a folder of clusters: each cluster is
scored apart and all are pooled (counts summed); --only picks clusters by name.

Prints precision, recall and F1 for delegates, quotes (with speaker accuracy),
policy measures, conflicts, agreements, single-source claims and the lead, then
conflict recall per gold kind and precision per predicted kind; --format json
prints the same as JSON. Every article is extracted afresh (a measurement of this
code, never of an earlier run). --from-gold reconciles the gold's own delegates and
quotes instead: what is lost with it is lost in reconciliation, what is lost only
without it, in extraction. Rules:

\b
- Delegates: same person (full name, surname, or spelling variant)
  and the same side (a gold side's bracketed qualifier also counts).
- Quotes: words overlap (token-set ratio >= 90, or one contains the
  other); speaker accuracy counts matched quotes whose speaker is the
  gold speaker (an unnamed gold speaker is matched by none).
- Measures: same actor (a gold 'X and Y' accepts either; 'NATO'
  matches 'NATO allies') and two content words shared by the gold
  measure and the predicted measure's sentence.
- Conflicts: a gold conflict is found when the brief has a conflict
  of a compatible kind over every article the gold conflict names.
  Compatible: delegation ~ post_holder or person_post; other ~ by its
  subkind (timing ~ date); duration ~ date, timing or number; any
  other kind ~ the kind of that name
  (quote_attribution, quote_wording, number, date, scope,
  internal_inconsistency). A predicted conflict is correct when a
  compatible gold conflict names all of its sources.
- Agreements: a gold agreement (without the list of outlets closing
  it) is found when a brief sentence backed by two sources or more
  carries half its content words (three at least). Single-source
  claims: right when they carry a gold single-source claim of their
  article, wrong when a gold agreement.
- Lead: the title and lead name the gold event's place (the words
  after its first 'in') and date (day and month, or its weekday).
"""


def eval_command(
    target: Annotated[Path, typer.Argument(
        metavar="TARGET",
        help="Gold JSON file, or a cluster folder, or a folder of clusters.",
        show_default=False)],
    articles: Annotated[Path | None, typer.Argument(
        metavar="ARTICLES",
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
    fmt: Annotated[ScoreFormat, typer.Option(
        "--format", "-f", help="table, or json for machines.")] = ScoreFormat.table,
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
                                 **backend_options(model, base_url, where, record))
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
    if fmt is ScoreFormat.json:
        emit(json.dumps(scores, indent=2) + "\n")
    elif clustered:
        for name, table in [*scores["clusters"].items(), ("POOLED", scores["pooled"])]:
            emit(f"== {name}\n{format_table(table)}\n\n")
    else:
        emit(format_table(scores) + "\n")
