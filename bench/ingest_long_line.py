"""Ingest of a 200 KB article written on one line (issue 12: it took 17 s in sentence
splitting, growing with the square of the paragraph). Prints seconds for load + read.

    python bench/ingest_long_line.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from briefs.read.ingest import load_article
from briefs.read.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "004_0f799326742ef0a4.txt"


def main() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", " ") + " "
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one_line.txt"
        path.write_text(text * (200_000 // len(text)), encoding="utf-8")
        started = time.perf_counter()
        source = load_article(path)
        loaded = time.perf_counter()
        doc = segment(source.text)
        done = time.perf_counter()
    size = len((text * (200_000 // len(text))).encode())
    print(f"{size:,} bytes on one line: load {loaded - started:.2f} s ({len(source.sentences)} "
          f"sentences), read {done - loaded:.2f} s ({len(doc.quotes)} quotes)")


if __name__ == "__main__":
    main()
