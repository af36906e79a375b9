"""Our own gold-annotated clusters (tests/clusters/*.gold.json): invented events written
for briefs, with conflicts of every kind planted, replayed from the embedded model's
recorded responses (recorded by `briefs build --record`, stamped in each file)."""

from __future__ import annotations

import json
from functools import cache

import pytest

from briefs import build_brief
from briefs.eval.score import evaluate
from briefs.ground import resolves
from briefs.read.ingest import load_article
from conftest import ROOT

CLUSTERS = ROOT / "tests" / "clusters"
NAMES = sorted(p.name.removesuffix(".gold.json") for p in CLUSTERS.glob("*.gold.json"))


@cache
def built(name: str):
    result = build_brief([CLUSTERS / name], backend="replay",
                         store=CLUSTERS / name / "recordings")
    assert not result.brief.failures, result.brief.failures
    return result


def test_there_are_three_clusters_each_with_stamped_recordings_per_article() -> None:
    assert NAMES == ["grid_summit", "pharma_pact", "steel_accord"]
    for name in NAMES:
        articles = sorted(p.name for p in (CLUSTERS / name).glob("*.txt"))
        recordings = sorted((CLUSTERS / name / "recordings").rglob("*.json"))
        assert [p.name.removesuffix(".json") for p in recordings] == articles
        for path in recordings:
            record = json.loads(path.read_text(encoding="utf-8"))
            assert record["model"] == "qwen2.5-coder-1.5b-instruct-q4_k_m"
            assert "real model run" in record["note"] and record["recorded"][:4] == "2026"


@pytest.mark.parametrize("name", NAMES)
def test_every_planted_conflict_kind_is_found(name: str) -> None:
    result = built(name)
    scores = evaluate(CLUSTERS / f"{name}.gold.json", result.brief, result.extractions)
    conflicts = scores["conflicts"]
    missed = {k: v for k, v in conflicts.items() if k.startswith("recall_") and v == 0}
    assert not missed, missed
    assert conflicts["recall"] >= 0.85 and conflicts["precision"] >= 0.8, conflicts


def test_together_the_clusters_cover_every_conflict_kind() -> None:
    kinds = {c.kind for name in NAMES for c in built(name).brief.conflicts}
    assert kinds == {"post_holder", "person_post", "quote_attribution", "quote_wording",
                     "number", "date", "duration", "scope", "internal_inconsistency"}
    subjects = " ".join(c.subject for name in NAMES for c in built(name).brief.conflicts)
    assert "former or sitting" in subjects  # the dead giveaway
    assert "weekday and date disagree" in subjects
    assert "how long the talks ran" in subjects


@pytest.mark.parametrize("name", NAMES)
def test_every_conflict_version_rests_on_exact_words_of_its_sources(name: str) -> None:
    texts = {p.name: load_article(p).text for p in (CLUSTERS / name).glob("*.txt")}
    for conflict in built(name).brief.conflicts:
        for version in conflict.versions:
            assert {e.source for e in version.evidence} == set(version.sources)
            for span in version.evidence:
                assert resolves(span, texts[span.source]), span


def test_a_quote_given_to_two_speakers_is_cited_apart_for_each() -> None:
    quotes = [q for q in built("steel_accord").brief.quotes if "bridge, not a wall" in q.text]
    by_speaker = {q.speaker: q.sources for q in quotes}
    assert by_speaker["Hiroshi Takeda"] == ["c_agency.txt"]
    assert "c_agency.txt" not in by_speaker["Ingrid Valtonen"]
