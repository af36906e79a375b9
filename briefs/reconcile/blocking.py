"""Blocking for near-linear grouping: candidates found through rare shared stems."""

from __future__ import annotations

import heapq

from ..text.tokens import STEM_LENGTH, content_words, plain

MAX_POSTING = 500  # a word in more groups than this is too common to find candidates by


class CandidateIndex:
    """Blocking for near-linear grouping: a query is compared only with the groups found
    through its rarest content words. Near-duplicates share most words, the rare ones
    included, and rare words have short posting lists whatever the corpus size, so the
    cost per query stays flat."""

    def __init__(self, probes: int = 4) -> None:
        self.postings: dict[str, set[int]] = {}
        self.probes = probes

    @staticmethod
    def keys(text: str) -> set[str]:
        words = content_words(text)
        return {w[:STEM_LENGTH] for w in words} or {plain(text)}  # stem(), inlined: hot

    def add(self, group: int, text: str) -> None:
        for key in self.keys(text):
            self.postings.setdefault(key, set()).add(group)

    def candidates(self, text: str, share: float = 0.0, limit: int = 20) -> list[int]:
        """At most `limit` groups found through the query's `probes` rarest keys, those
        sharing the most of them first (at least one, and at least `share` of them).
        Keys shared by more than MAX_POSTING groups are not probed: they are too common
        to say two passages are the same, and walking them would cost what blocking saves."""
        known = sorted((len(self.postings[k]), k) for k in self.keys(text)
                       if k in self.postings and len(self.postings[k]) <= MAX_POSTING)
        rarest = [k for _, k in known[: self.probes]]
        need = max(1, round(share * len(rarest)))
        counts: dict[int, int] = {}
        for key in rarest:
            for group in self.postings[key]:
                counts[group] = counts.get(group, 0) + 1
        return heapq.nsmallest(limit, (g for g, c in counts.items() if c >= need),
                               key=lambda g: (-counts[g], g))
