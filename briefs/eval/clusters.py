"""Scoring a folder of clusters: each a folder with `gold.json` and `articles/`, scored
apart and pooled (counts summed, so pooled figures are not averages of ratios)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import ArticleExtraction, Brief
from .score import Score, as_dicts, score_all

# Builds one cluster's brief: (articles folder, cluster name) → brief and extractions.
Builder = Callable[[Path, str], tuple[Brief, list[ArticleExtraction]]]


@dataclass(frozen=True)
class Cluster:
    name: str
    gold: Path
    articles: Path


def is_cluster(folder: Path) -> bool:
    return (folder / "gold.json").is_file() and (folder / "articles").is_dir()


def find_clusters(path: Path, only: list[str] | None = None) -> list[Cluster]:
    """The cluster at `path`, or the clusters in its subfolders (by name), optionally
    only those named in `only`."""
    folders = [path] if is_cluster(path) else sorted(
        d for d in path.iterdir() if d.is_dir() and is_cluster(d))
    clusters = [Cluster(d.name, d / "gold.json", d / "articles") for d in folders]
    if only:
        unknown = set(only) - {c.name for c in clusters}
        if unknown:
            raise ValueError(f"no cluster named {', '.join(sorted(unknown))} in {path}")
        clusters = [c for c in clusters if c.name in only]
    return clusters


def score_clusters(clusters: list[Cluster], build: Builder) -> dict:
    """Per-cluster scores and the pooled scores, as plain dicts."""
    per: dict[str, dict[str, Score]] = {}
    for cluster in clusters:
        brief, extractions = build(cluster.articles, cluster.name)
        per[cluster.name] = score_all(cluster.gold, brief, extractions)
    pooled: dict[str, Score] = {}
    for scores in per.values():
        for family, score in scores.items():
            pooled.setdefault(family, Score()).add(score)
    return {"clusters": {name: as_dicts(s) for name, s in per.items()},
            "pooled": as_dicts(pooled)}
