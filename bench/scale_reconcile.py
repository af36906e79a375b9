"""How reconciliation + rendering cost grows with the number of articles.

Generates synthetic articles and their extractions (~20 items each, with realistic
overlap: a pool of people whose names, roles and quotes recur across articles with
small variations, and tariff figures misreported now and then; the article text is
made of those sentences, so rule-read facts and claim corroboration run at scale too),
then times reconcile() + render_markdown() and reports peak memory. Run by hand:

    python bench/scale_reconcile.py                 # 100, 1,000, 5,000 articles
    python bench/scale_reconcile.py --sizes 100 500 --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import statistics
import subprocess
import sys
import time

from briefs.model import ArticleExtraction, Claim, Person, PolicyMeasure, Quote, Source, Span
from briefs.read.facts import facts_of
from briefs.reconcile import reconcile
from briefs.render import render_markdown

FIRST = ["Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jon",
         "Kofi", "Lena", "Marco", "Nadia", "Omar", "Petra", "Quinn", "Rosa", "Sven", "Tara"]
LAST = ["Keller", "Okafor", "Lindqvist", "Watanabe", "Moreau", "Haddad", "Novak", "Silva",
        "Brennan", "Kowalski", "Tanaka", "Fischer", "Rossi", "Khan", "Dubois", "Larsen"]
POSTS = ["Trade Minister", "Finance Minister", "Commerce Secretary", "Treasury Secretary",
         "Trade Representative", "Vice Premier", "Foreign Minister", "central bank governor",
         "economic adviser", "chief negotiator"]
SIDES = ["United States", "China", "European Union", "Japan", "India"]
# A news-sized vocabulary of made-up words (~25,000; a year of one beat's reporting uses
# more), as unlike each other as real words: quotes and claims are as distinctive as real
# ones, and only true repeats share their rare words.
_LETTERS = "etaoinshrdlucmfwypvbgkqjxz"
WORDS = sorted({"".join(random.Random(i).choices(_LETTERS[:20], k=random.Random(-i).randint(4, 10)))
                for i in range(26000)})


def _span(source: str, text: str, words: str) -> Span:
    """Where `words` first stand in the article text: evidence that resolves."""
    start = text.index(words)
    return Span(source=source, start=start, end=start + len(words), text=words)


def synthetic(n_articles: int, seed: int = 7) -> list[ArticleExtraction]:
    rng = random.Random(seed)
    people = [(f"{rng.choice(FIRST)} {last}", rng.choice(POSTS), rng.choice(SIDES))
              for last in LAST for _ in range(12)]  # ~190 people, surnames shared
    sayings = [(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))),
                rng.choice(people)[0], f"Channel {rng.randint(1, 30)}")
               for _ in range(n_articles // 2 + 20)]  # each remark has a speaker and venue
    facts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 25))) + "."
             for _ in range(n_articles + 50)]
    topics = [rng.choice(WORDS) for _ in range(60)]  # what a figure is of
    rates = {t: rng.choice([10, 15, 20, 25, 30]) for t in topics}
    out = []
    for i in range(n_articles):
        sid = f"{i:05d}.txt"
        people_said, quotes, claims = [], [], []
        for name, post, side in rng.sample(people, 6):
            if rng.random() < 0.05:  # a source that names the wrong holder now and then
                post = rng.choice(POSTS)
            form = name if rng.random() < 0.7 else name.split()[-1]
            people_said.append((form, post, side, f"{post} {form} attended."))
        for _ in range(4):
            saying, speaker, venue = rng.choice(sayings)
            words = saying.split()
            if rng.random() < 0.3:  # a reworded copy
                words = [*words[:-2], rng.choice(WORDS)]
            if rng.random() < 0.05:  # now and then put in the wrong mouth
                speaker = rng.choice(people)[0]
            quotes.append((" ".join(words), speaker, venue))
        claims = rng.sample(facts, 6)
        for topic in rng.sample(topics, 2):  # figures, now and then misreported
            rate = rates[topic] if rng.random() < 0.95 else rng.choice([12, 27.5, 40])
            claims.append(f"The tariff on {topic} imports stands at {rate}% this year.")
        sentences = ([p[3] for p in people_said] + claims
                     + [f"“{q},” {s} told {v}." for q, s, v in quotes])
        text = "\n".join(sentences)
        bounds, at = [], 0
        for sentence in sentences:  # the segmentation a real extraction records
            bounds.append((at, at + len(sentence)))
            at += len(sentence) + 1
        src = Source(id=sid, path=sid, sha256=hashlib.sha256(text.encode()).hexdigest(),
                     text=text, sentences=bounds)
        e = ArticleExtraction(source=src, backend="synthetic", model="none", prompt_version="0",
                              facts=facts_of(src))  # read at ingest time, as in a real run
        for form, post, side, _ in people_said:
            e.people.append(Person(name=form, role=post, titles=[post], side=side,
                                   delegate=rng.random() < 0.5, evidence=_span(sid, text, form)))
        for quote, speaker, venue in quotes:
            e.quotes.append(Quote(text=quote, speaker=speaker, venue=venue,
                                  evidence=_span(sid, text, quote)))
        for fact in claims:
            e.claims.append(Claim(text=fact, evidence=_span(sid, text, fact)))
        for fact in rng.sample(claims, 3):
            e.policy_measures.append(PolicyMeasure(
                actor=rng.choice(SIDES), instrument=rng.choice(["tariff", "export control"]),
                status=rng.choice(["in force", "threatened", "eased"]),
                evidence=_span(sid, text, fact)))
        out.append(e)
    return out


def one_run(n: int) -> tuple[float, float]:
    """Seconds and peak MB (this process) for one reconcile + render of n articles."""
    extractions = synthetic(n)
    started = time.perf_counter()
    brief = reconcile(extractions)
    render_markdown(brief)
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one measurement in a fresh process, so peak memory is its own
        seconds, peak = one_run(args.child)
        print(f"{seconds} {peak}")
        return
    print(f"{'articles':>8} {'median s':>9} {'peak MB':>8} {'s/article':>10} {'growth':>7}")
    previous = None
    for n in args.sizes:
        runs = []
        for _ in range(args.runs):
            result = subprocess.run([sys.executable, __file__, "--child", str(n)],
                                    capture_output=True, text=True, check=True)
            runs.append(tuple(map(float, result.stdout.split())))
        seconds = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        growth = f"{seconds / previous:6.1f}x" if previous else "      -"
        print(f"{n:>8} {seconds:>9.2f} {peak:>8.0f} {seconds / n * 1000:>8.2f}ms {growth}")
        previous = seconds


if __name__ == "__main__":
    main()
