"""Soak: many articles against a local OpenAI-compatible server that injects a random
fault into a share of requests, the CLI killed (SIGKILL) twice midway and resumed.
Checks what issue 12 asks, and prints the figures:

- the final brief equals a fault-free run's brief (Markdown, byte for byte);
- no temp file is left in the checkpoint or output folder;
- no request after a resume is for an article finished (checkpointed) before it.

    python bench/soak.py                         # 500 articles, 20 % faults, 16 at once
    python bench/soak.py --articles 100 --faults 0.3
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from concurrency import articles  # noqa: E402  (distinct copies of the samples)
from faultserver import FaultServer  # noqa: E402  (the tests' real HTTP server)

TRANSIENT = ["429", "500", "502", "503", "drop", "truncated", "empty"]


def article_of(request: dict) -> str:
    """The article a request is about (the prompt names it: 'ARTICLE <id>')."""
    text = request["messages"][1]["content"]
    return text.split("\n", 1)[0].removeprefix("ARTICLE ").strip()


def finished(checkpoints: Path) -> set[str]:
    """Articles with a checkpoint on disk (the ids they were saved under)."""
    done = set()
    for path in checkpoints.rglob("*.json"):
        with contextlib.suppress(OSError, ValueError, KeyError):
            done.add(json.loads(path.read_text(encoding="utf-8"))["source"]["id"])
    return done


def cli(folder: Path, url: str, out: Path, ckpt: Path, concurrency: int) -> list[str]:
    return [sys.executable, "-m", "briefs.cli", "build", str(folder), "--backend", "openai",
            "--base-url", url, "--model", "m", "--concurrency", str(concurrency),
            "--retries", "6", "--timeout", "10", "-o", str(out)], {
        **os.environ, "OPENAI_API_KEY": "k", "BRIEFS_EXTRACTIONS": str(ckpt)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--faults", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "in").mkdir()
        articles(tmp / "in", args.articles)

        started = time.perf_counter()
        with FaultServer(ROOT / "samples" / "recordings", lambda n, r: "minimal") as clean:
            command, env = cli(tmp / "in", clean.url, tmp / "clean.md", tmp / "ckpt-clean",
                               args.concurrency)
            subprocess.run(command, env=env, check=True, capture_output=True)
        print(f"fault-free run: {time.perf_counter() - started:.1f} s, "
              f"{len(clean.log)} requests")

        def plan(n: int, request: dict) -> str:
            return chance.choice(TRANSIENT) if chance.random() < args.faults else "minimal"

        ckpt, out = tmp / "ckpt", tmp / "out" / "brief.md"
        out.parent.mkdir()
        repeats, runs = 0, []
        with FaultServer(ROOT / "samples" / "recordings", plan) as server:
            command, env = cli(tmp / "in", server.url, out, ckpt, args.concurrency)
            for stop_at in (args.articles * 0.3, args.articles * 0.7, None):
                before = finished(ckpt)
                first_request = len(server.log)
                began = time.perf_counter()
                proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
                while stop_at is not None and proc.poll() is None \
                        and len(finished(ckpt)) < stop_at:
                    time.sleep(0.2)
                if stop_at is not None:
                    proc.send_signal(signal.SIGKILL)
                _, stderr = proc.communicate()
                asked = [article_of(r) for _, _, r, _ in server.log[first_request:]]
                repeats += sum(a in before for a in asked)
                runs.append((time.perf_counter() - began, len(before), len(asked),
                             proc.returncode))
                if stop_at is None and proc.returncode != 0:
                    print(stderr[-2000:])
        faults = sum(f != "minimal" for f in server.faults())
        for i, (wall, done_before, asked, code) in enumerate(runs):
            print(f"run {i + 1}: {wall:.1f} s, {done_before} articles already checkpointed, "
                  f"{asked} requests, exit {'killed' if code == -9 else code}")
        print(f"requests: {len(server.log)}, faults injected: {faults} "
              f"({faults / len(server.log):.0%})")
        same = out.exists() and out.read_text() == (tmp / "clean.md").read_text()
        temps = [p for p in [*ckpt.rglob(".*"), *out.parent.glob(".*")] if p.is_file()]
        print(f"final brief equals the fault-free one: {same}")
        print(f"temp files left: {len(temps)}")
        print(f"requests after a resume for an article finished before it: {repeats}")
        if not (same and not temps and repeats == 0):
            sys.exit(1)


if __name__ == "__main__":
    main()
