"""Cold CLI start: `briefs --help` and a replay build of the samples, whole-process wall
time (median) and peak memory. Run by hand:

    python bench/replay_cli.py --runs 7
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = [sys.executable, "-m", "briefs.cli"]


def measure(command: list[str], runs: int) -> tuple[float, float]:
    walls, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BRIEFS_EXTRACTIONS": tmp}
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            started = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
            peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    return statistics.median(walls), max(peaks) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'command':58} {'median s':>8} {'peak MB':>8}")
    for label, command in [
        ("briefs --help", [*BRIEFS, "--help"]),
        ("briefs build samples/ --backend replay -o /dev/null",
         [*BRIEFS, "build", "samples/", "--backend", "replay", "-o", os.devnull]),
    ]:
        wall, peak = measure(command, args.runs)
        print(f"{label:58} {wall:>8.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
