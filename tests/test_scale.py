"""Concurrency, usage accounting and the token budget, against a real local server."""

from __future__ import annotations

import json

from faultserver import FaultServer
from typer.testing import CliRunner

from briefs.cli import EXIT_PARTIAL, app
from conftest import RECORDINGS, SAMPLES

runner = CliRunner()


def copies(folder, n: int) -> list[str]:
    """n distinct articles (a sample with its own line after the headline; a line at the
    end could fall after a comment section, where ingest cuts)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    paths = []
    for i in range(n):
        path = folder / f"copy_{i:02d}.txt"
        head, rest = texts[i % len(texts)].split("\n", 1)
        path.write_text(f"{head}\nEditor's note {i}: filed from London.\n{rest}",
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def build(server: FaultServer, paths: list[str], *extra: str):
    return runner.invoke(app, ["build", *paths, "--backend", "openai", "--base-url",
                               server.url, "--model", "m", "--format", "json", *extra],
                         env={"OPENAI_API_KEY": "k"})


def test_concurrency_keeps_that_many_requests_in_flight(tmp_path) -> None:
    paths = copies(tmp_path, 8)
    with FaultServer(RECORDINGS, lambda n, r: "minimal", delay=0.3) as server:
        result = build(server, paths, "--concurrency", "4")
    assert result.exit_code == 0, result.output
    assert server.most_in_flight == 4
    brief = json.loads(result.stdout)
    assert [s["id"] for s in brief["sources"]] == [p.rsplit("/", 1)[1] for p in paths]


def test_one_at_a_time_when_asked(tmp_path) -> None:
    with FaultServer(RECORDINGS, lambda n, r: "minimal") as server:
        result = build(server, copies(tmp_path, 3), "--concurrency", "1")
    assert result.exit_code == 0, result.output
    assert server.most_in_flight == 1


def test_usage_reports_every_call_per_article_and_in_total() -> None:
    with FaultServer(RECORDINGS, lambda n, r: "429" if n == 0 else "ok") as server:
        result = build(server, [str(SAMPLES / "004_0f799326742ef0a4.txt")], "--usage")
    assert result.exit_code == 0, result.output
    table = result.stderr.splitlines()
    total = next(line for line in table if line.startswith("total")).split()
    answered = sum(fault == "ok" for fault in server.faults())
    assert total[1:3] == [str(answered), "1"]  # calls (re-asks included), retries
    usage = json.loads(result.stdout)["usage"]["004_0f799326742ef0a4.txt"]
    assert [usage["calls"], usage["retries"]] == [answered, 1]
    assert int(total[3]) == usage["prompt_tokens"] > 0


def test_the_token_budget_stops_new_work(tmp_path) -> None:
    with FaultServer(RECORDINGS, lambda n, r: "minimal") as server:
        result = build(server, copies(tmp_path, 3), "--concurrency", "1",
                       "--max-tokens-total", "100")
    assert result.exit_code == EXIT_PARTIAL
    brief = json.loads(result.stdout)
    assert len(brief["sources"]) == 1, "the first article ran; then the budget was spent"
    reasons = [f["reason"] for f in brief["failures"]]
    assert len(reasons) == 2 and all("not started: the token budget (100)" in r
                                     for r in reasons)
