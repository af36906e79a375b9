"""Per-article extraction figures: calls, tokens, seconds, items kept and rejected.

Run by hand (not in CI):
    python bench/extraction_report.py                      # replay the recordings
    python bench/extraction_report.py --backend embedded   # live embedded model (~3 min)
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from briefs import build_brief

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="replay")
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "samples")])
    args = parser.parse_args()

    started = time.perf_counter()
    result = build_brief(args.inputs, backend=args.backend)
    wall = time.perf_counter() - started

    header = (f"{'article':28} {'calls':>5} {'prompt':>7} {'output':>7} {'secs':>6} "
              f"{'quotes':>6} {'delegates':>9} {'measures':>8} {'claims':>6} {'rejected':>8}")
    print(header)
    print("-" * len(header))
    totals: Counter[str] = Counter()
    for e in result.extractions:
        row = {
            "calls": e.usage.calls, "prompt": e.usage.prompt_tokens,
            "output": e.usage.completion_tokens, "quotes": len(e.quotes),
            "delegates": sum(len(d.members) for d in e.delegations),
            "measures": len(e.policy_measures), "claims": len(e.claims),
            "rejected": len(e.rejected),
        }
        totals.update(row)
        totals["secs"] += e.usage.seconds
        print(f"{e.source.id[:28]:28} {row['calls']:>5} {row['prompt']:>7} {row['output']:>7} "
              f"{e.usage.seconds:>6.1f} {row['quotes']:>6} {row['delegates']:>9} "
              f"{row['measures']:>8} {row['claims']:>6} {row['rejected']:>8}")
    print("-" * len(header))
    print(f"{'total':28} {totals['calls']:>5} {totals['prompt']:>7} {totals['output']:>7} "
          f"{totals['secs']:>6.1f} {totals['quotes']:>6} {totals['delegates']:>9} "
          f"{totals['measures']:>8} {totals['claims']:>6} {totals['rejected']:>8}")
    print(f"\nwhole run: {wall:.1f}s wall, backend={args.backend}, "
          f"failures={len(result.brief.failures)}")
    kinds = Counter(r.kind for e in result.extractions for r in e.rejected)
    print("rejections by kind:", dict(kinds) or "none")


if __name__ == "__main__":
    main()
