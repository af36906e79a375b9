"""Regression on the five sample articles, replayed from the embedded model's recordings."""

from __future__ import annotations

import json
import os
import re
from functools import cache

import pytest
from typer.testing import CliRunner

from briefs import build_brief, render_json, render_markdown
from briefs.cli import app
from briefs.extract.tasks import tagged_article
from briefs.ground import locate_quote, resolves
from briefs.model import Brief
from briefs.read.ingest import load_article
from briefs.read.segment import segment
from conftest import RECORDINGS, ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden" / "samples_brief.md"
runner = CliRunner()


@cache
def replayed() -> Brief:
    result = build_brief([SAMPLES], backend="replay", store=RECORDINGS)
    assert not result.brief.failures, result.brief.failures
    return result.brief


def sources_text() -> dict[str, str]:
    return {p.name: load_article(p).text for p in SAMPLES.glob("*.txt")}


def unescape_md(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_recordings_are_stamped_as_real_model_output() -> None:
    files = list(RECORDINGS.rglob("*.json"))
    assert len(files) == 5
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["backend"] == "embedded"
        assert record["model"] == "qwen2.5-coder-1.5b-instruct-q4_k_m"
        assert record["prompt_version"] and record["recorded"][:4] == "2026"
        assert "real model run" in record["note"]


def test_delegations_name_the_real_teams() -> None:
    sides = {d.side: {m.name for m in d.members} for d in replayed().delegations}
    assert {"Scott Bessent", "Howard Lutnick", "Jamieson Greer"} <= sides["United States"]
    assert "He Lifeng" in sides["China"]
    assert "Kevin Hassett" not in sides["United States"], "an adviser quoted, not a delegate"


def _conflicts(kind: str) -> list[dict]:
    return [c.model_dump() for c in replayed().conflicts if c.kind == kind]


@pytest.mark.parametrize(("post_word", "minority", "majority"), [
    ("Treasury", "Steven Mnuchin", "Scott Bessent"),
    ("Trade", "Robert Lighthizer", "Jamieson Greer"),
    ("Commerce", "Wilbur Ross", "Howard Lutnick"),
    ("Premier", "Liu He", "He Lifeng"),
    ("National Economic Council", "Larry Kudlow", "Kevin Hassett"),
])
def test_000s_first_term_roster_is_flagged_against_the_others(
    post_word: str, minority: str, majority: str
) -> None:
    conflict = next(c for c in _conflicts("post_holder") if post_word in c["subject"])
    versions = {v["value"]: set(v["sources"]) for v in conflict["versions"]}
    assert versions[minority] == {"000_d0cb582c6777be93.txt"}
    assert versions[majority] - {"000_d0cb582c6777be93.txt"}, "backed by other outlets"


def test_handshake_quote_given_to_kudlow_vs_hassett_is_flagged() -> None:
    found = [c for c in _conflicts("quote_attribution")
             if {"000_d0cb582c6777be93.txt", "001_765127976e38ba4d.txt"} <= set(c["sources"])]
    assert found, _conflicts("quote_attribution")
    speakers = {v["value"].split(":")[0] for v in found[0]["versions"]}
    assert {"Larry Kudlow", "Kevin Hassett"} <= speakers


def test_the_brief_names_000_as_the_outlier_with_its_reasons() -> None:
    brief = replayed()
    [outlier] = [s for s in brief.sources if s.outlier_reasons]
    assert outlier.id == "000_d0cb582c6777be93.txt"
    reasons = " ".join(outlier.outlier_reasons)
    assert "the delegation and officials' posts (5)" in reasons
    assert "who said what (1)" in reasons
    assert "contradicts itself (see Conflicts)" in reasons
    [itself] = [c for c in brief.conflicts if c.kind == "internal_inconsistency"]
    assert "Steven Mnuchin and Scott Bessent" in " ".join(v.value for v in itself.versions)
    assert "chat assistant" in reasons
    assert any("Source 1 is the outlier" in s.text for s in brief.bottom_line)


def test_the_talks_length_is_a_date_conflict_over_four_outlets() -> None:
    [length] = [c for c in replayed().conflicts if c.subject == "how long the talks ran"]
    assert [len(v.sources) for v in length.versions] == [2, 1, 1]  # brief; Tuesday; 3rd day
    assert set(length.sources) == {"000_d0cb582c6777be93.txt", "001_765127976e38ba4d.txt",
                                   "002_115d8324070f7fae.txt", "004_0f799326742ef0a4.txt"}


def test_every_quote_in_the_json_is_verbatim_and_grounded() -> None:
    texts = sources_text()
    brief = replayed()
    assert brief.quotes
    for quote in brief.quotes:
        for span in quote.evidence:
            assert resolves(span, texts[span.source])
            assert locate_quote(quote.text, texts[span.source], span.source), quote.text
    for conflict in brief.conflicts:
        for version in conflict.versions:
            for span in version.evidence:
                assert resolves(span, texts[span.source])


def test_every_quote_in_the_markdown_is_verbatim() -> None:
    texts = "\n".join(sources_text().values())
    markdown = unescape_md(render_markdown(replayed()))
    quoted = re.findall(r"“(.+?)”", markdown)
    assert len(quoted) >= 5
    for passage in quoted:
        passage = passage.removesuffix("...")  # a long quote cut for the page
        for piece in filter(None, passage.split("…")):  # a measure's clause, cut
            assert piece.replace("’", "'") in texts.replace("’", "'"), passage


def test_every_citation_marker_resolves_to_a_listed_source() -> None:
    markdown = render_markdown(replayed())
    listed = {int(n) for n in re.findall(r"^- \[(\d+)\] ", markdown, re.M)}
    cited = {int(n) for n in re.findall(r"(?<!\\)\[(\d+)\]", markdown)}
    assert listed == {1, 2, 3, 4, 5}
    assert cited and cited <= listed


def test_brief_fits_one_page() -> None:
    """At most 650 words of Markdown, citations and source list included (every corpus:
    tests/test_invariants.py), and every section of the page present."""
    page = render_markdown(replayed())
    assert len(page.split()) <= 650
    for section in ("## What happened", "## Bottom line", "## Delegations", "## Conflicts",
                    "## What to watch", "## Key quotes", "## Measures", "## Where sources agree",
                    "## Only one source says", "## Sources"):
        assert section in page


def test_markdown_brief_matches_reviewed_golden_file() -> None:
    markdown = render_markdown(replayed())
    if os.environ.get("BRIEFS_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert markdown == GOLDEN.read_text(encoding="utf-8")


def test_cli_replay_json_has_the_documented_keys(tmp_path) -> None:
    out = tmp_path / "brief.json"
    result = runner.invoke(app, ["build", str(SAMPLES), "--backend", "replay",
                                 "--store", str(RECORDINGS), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    for key in ("sources", "delegations", "quotes", "claims", "policy_measures", "conflicts"):
        assert key in data
    for conflict in data["conflicts"]:
        assert conflict["kind"] and conflict["sources"]
        assert all(s.endswith(".txt") for s in conflict["sources"])
    expected = json.loads(render_json(replayed()))
    for usage in (data.pop("usage"), expected.pop("usage")):  # seconds differ run to run
        assert set(usage) == {p.name for p in SAMPLES.glob("*.txt")}
    made = data.pop("provenance")  # the time differs run to run
    assert made["backend"] == "replay of embedded" and expected.pop("provenance")
    assert data == expected


def test_openai_backend_against_a_real_local_server(recorded_server, tmp_path, monkeypatch):
    """The openai path, over real HTTP to 127.0.0.1, gives the replayed brief."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-sentinel-key-0000")
    out = tmp_path / "brief.md"
    result = runner.invoke(app, [
        "build", str(SAMPLES), "--backend", "openai", "--base-url", recorded_server.url,
        "--model", "qwen2.5-coder-1.5b-instruct-q4_k_m", "-o", str(out),
    ])
    assert result.exit_code == 0, result.output
    assert out.read_text() == render_markdown(replayed())
    assert recorded_server.requests, "the server was called"
    first = recorded_server.requests[0]
    assert first["response_format"]["type"] == "json_schema"
    assert first["model"] == "qwen2.5-coder-1.5b-instruct-q4_k_m"
    for headers in recorded_server.headers:
        lower = {k.lower(): v for k, v in headers.items()}
        assert lower["authorization"] == "Bearer sk-test-sentinel-key-0000"
        assert "x-briefs-record-key" not in lower


def test_token_economy_no_schema_in_the_prompt_and_one_shared_prefix(recorded_server,
                                                                    monkeypatch) -> None:
    """The server enforces the schema, so it is not pasted into the prompt; every task on
    an article shares the same prefix (system + tagged article), so a prompt cache reads
    the article once."""
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    result = runner.invoke(app, [
        "build", str(SAMPLES / "004_0f799326742ef0a4.txt"), "--backend", "openai",
        "--base-url", recorded_server.url, "--model", "m", "-o", os.devnull])
    assert result.exit_code == 0, result.output
    firsts = [r for r in recorded_server.requests if len(r["messages"]) == 2]
    assert len(firsts) == 4, "one request per task"
    for request in firsts:
        prompt = json.dumps(request["messages"])
        assert '"properties"' not in prompt and "$defs" not in prompt
        assert request["response_format"]["json_schema"]["schema"]["properties"]
    source = load_article(SAMPLES / "004_0f799326742ef0a4.txt")
    prefix = f"ARTICLE {source.id}\n\n{tagged_article(segment(source.text))}\n\n"
    for request in firsts:
        assert request["messages"][0] == firsts[0]["messages"][0]
        assert request["messages"][1]["content"].startswith(prefix)


def test_replay_miss_is_a_clear_per_article_failure(tmp_path) -> None:
    result = runner.invoke(app, ["build", str(SAMPLES / "001_765127976e38ba4d.txt"),
                                 "--backend", "replay", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "no recording" in result.output and "001_765127976e38ba4d.txt" in result.output
