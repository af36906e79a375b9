"""Concurrency against a local OpenAI-compatible server that answers after a fixed delay:
64 articles at concurrency 1, 4 and 16, wall time and speed-up. Run by hand (the
concurrency-1 run takes 64 articles x 4 calls x delay):

    python bench/concurrency.py                  # 1 s per answer, as a remote model might
    python bench/concurrency.py --delay 0.25     # quicker
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from faultserver import FaultServer  # noqa: E402  (the tests' real HTTP server)

from briefs import build_brief  # noqa: E402


def articles(folder: Path, n: int) -> list[Path]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    paths = []
    for i in range(n):
        head, rest = texts[i % len(texts)].split("\n", 1)
        path = folder / f"article_{i:03d}.txt"
        path.write_text(f"{head}\nEditor's note {i}: filed from London.\n{rest}", "utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = articles(Path(tmp), args.articles)
        os.environ["BRIEFS_EXTRACTIONS"] = str(Path(tmp) / "ckpt")
        print(f"{args.articles} articles, answers after {args.delay}s")
        print(f"{'concurrency':>11} {'median s':>9} {'speed-up':>9} {'most in flight':>15}")
        base = None
        for level in args.levels:
            walls, most = [], 0
            for _ in range(args.runs):
                with FaultServer(ROOT / "samples" / "recordings", lambda n, r: "minimal",
                                 delay=args.delay) as server:
                    started = time.perf_counter()
                    result = build_brief(paths, "openai", base_url=server.url, api_key="k",
                                         model="m", concurrency=level, resume=False)
                    walls.append(time.perf_counter() - started)
                    most = max(most, server.most_in_flight)
                assert not result.brief.failures, result.brief.failures
            wall = statistics.median(walls)
            base = base or wall
            print(f"{level:>11} {wall:>9.1f} {base / wall:>8.1f}x {most:>15}")


if __name__ == "__main__":
    main()
