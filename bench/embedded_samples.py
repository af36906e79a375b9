"""The embedded model on the five samples: per article tokens, calls, wall time, and the
ratio of wall time to the prompt-reading floor; plus items kept and rejected.

Each run is a fresh process with no checkpoints, recording to a temporary store so that
llama.cpp's own timings (prompt speed) can be read back. Run by hand (minutes):

    python bench/embedded_samples.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(store: Path, checkpoints: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "briefs.cli", "build", str(ROOT / "samples"), "--fresh",
         "--record", "--store", str(store), "--format", "json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={**__import__("os").environ, "BRIEFS_EXTRACTIONS": str(checkpoints)},
    )
    return time.perf_counter() - started, json.loads(out.stdout)


def prompt_speeds(store: Path) -> list[float]:
    speeds = []
    for path in store.rglob("*.json"):
        for exchange in json.loads(path.read_text())["exchanges"]:
            timings = exchange["response"].get("timings") or {}
            if timings.get("prompt_n", 0) > 50:  # long enough to measure reading speed
                speeds.append(timings["prompt_per_second"])
    return speeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    walls, per_article, speeds = [], defaultdict(list), []
    brief: dict = {}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            wall, brief = one_run(Path(tmp) / "store", Path(tmp) / "ckpt")
            speeds += prompt_speeds(Path(tmp) / "store")
        walls.append(wall)
        for source, usage in brief["usage"].items():
            per_article[source].append(usage)
        print(f"run {run + 1}: {wall:.1f}s", file=sys.stderr)
    speed = statistics.median(speeds)
    print(f"{'article':26} {'prompt':>6} {'output':>6} {'calls':>5} {'wall s':>7} "
          f"{'floor s':>7} {'ratio':>5}")
    seconds = []
    for source, runs in per_article.items():
        wall = statistics.median(u["seconds"] for u in runs)
        prompt = runs[-1]["prompt_tokens"]
        floor = prompt / speed
        seconds.append(wall)
        print(f"{source[:26]:26} {prompt:>6} {runs[-1]['completion_tokens']:>6} "
              f"{runs[-1]['calls']:>5} {wall:>7.1f} {floor:>7.1f} {wall / floor:>5.2f}")
    print(f"\nmedian per article: {statistics.median(seconds):.1f}s; whole build (process, "
          f"model load included): median {statistics.median(walls):.1f}s over {args.runs} "
          f"run(s); measured prompt speed {speed:.0f} tokens/s")
    kept = {k: len(brief[k]) for k in ("quotes", "policy_measures")}
    rejected = sum(len(v) for v in brief["rejected"].values())
    delegates = sum(len(d["members"]) for d in brief["delegations"])
    print(f"last run: {delegates} delegates across sides, {kept['quotes']} quote groups, "
          f"{kept['policy_measures']} measures, {rejected} items rejected by validators")


if __name__ == "__main__":
    main()
