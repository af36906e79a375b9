"""Claims across articles: which sources say the same thing, and which say it alone.

A claim is a sentence the model picked as a key fact. It counts as corroborated by
another source when a sentence of that source (any sentence, not only its picked claims)
carries most of the claim's informative words, weighted by rarity, so 'rare earths' in
every article counts for little and 'Geneva' or '90-day' for much. Claims that
corroborate each other form one group; each group keeps the exact sentences behind it,
so the grouping can be checked against the words of every source.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..model import ArticleExtraction, BriefClaim, Span
from ..text.lexicon import STOPWORDS
from ..text.sentences import sentences_of
from ..text.tokens import STEM_LENGTH, content_words
from .blocking import CandidateIndex
from .common import MAX_EVIDENCE, Links

SUPPORT = 0.5  # weighted share of a claim's stems a sentence must carry to back it
MIN_SHARED = 4  # ...and at least this many shared stems
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[\w’'-]+")


def _stems(text: str) -> set[str]:
    return {w[:STEM_LENGTH] for w in content_words(text)}  # stem(), inlined: hot


@dataclass(frozen=True)
class _Said:
    """What a sentence says, for comparison: its stems, numbers and people's names."""

    stems: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]


@dataclass
class _Corpus:
    """Every sentence of every source, indexed for blocking, with stem rarity."""

    spans: list[Span]
    said: list[_Said]
    index: CandidateIndex
    weight: dict[str, float]
    names: frozenset[str]  # words of every person's name, as printed

    @classmethod
    def build(cls, extractions: list[ArticleExtraction]) -> _Corpus:
        names = frozenset(w for e in extractions for p in e.people for w in p.name.split()
                          if w.lower() not in STOPWORDS)  # 'He' Lifeng, not 'He said'.
        spans = [s for e in extractions for s in sentences_of(e.source)]
        corpus = cls(spans, [], CandidateIndex(probes=6), {}, names)
        corpus.said = [corpus.read(s.text) for s in spans]
        for i, span in enumerate(spans):
            corpus.index.add(i, span.text)
        df = Counter(stem for said in corpus.said for stem in said.stems)
        corpus.weight = {stem: math.log(1 + len(spans) / n) for stem, n in df.items()}
        return corpus

    def read(self, text: str) -> _Said:
        return _Said(frozenset(_stems(text)), frozenset(_NUMBER.findall(text)),
                     frozenset(w for w in _WORD.findall(text) if w in self.names))

    def support(self, claim: _Said, sentence: int) -> float:
        """Weighted share of the claim's stems found in the sentence; 0 when the two
        give different numbers or name different people (a disagreement, not a
        corroboration)."""
        other = self.said[sentence]
        shared = claim.stems & other.stems
        if len(shared) < min(MIN_SHARED, len(claim.stems)):
            return 0.0
        if claim.numbers and other.numbers and not claim.numbers & other.numbers:
            return 0.0
        if claim.names - other.names and other.names - claim.names:
            return 0.0  # 'led by Liu He' vs 'led by He Lifeng': a disagreement
        total = sum(self.weight.get(s, 1.0) for s in claim.stems) or 1.0
        return sum(self.weight.get(s, 1.0) for s in shared) / total

    def backers(self, claim: Span) -> dict[str, Span]:
        """The best-supporting sentence of each other source, when it backs the claim."""
        said = self.read(claim.text)
        best: dict[str, tuple[float, Span]] = {}
        for i in self.index.candidates(claim.text, limit=30):
            span = self.spans[i]
            if span.source == claim.source:
                continue
            score = self.support(said, i)
            if score >= SUPPORT and score > best.get(span.source, (0.0, span))[0]:
                best[span.source] = (score, span)
        return {source: span for source, (_, span) in best.items()}


def group_claims(extractions: list[ArticleExtraction]) -> list[BriefClaim]:
    """Claims grouped by corroboration; each lists every source behind it, first source
    first, and the exact sentence of each."""
    corpus = _Corpus.build(extractions)
    claims = [c.evidence for e in extractions for c in e.claims]
    links = Links(len(claims))
    at = {(c.source, c.start): i for i, c in enumerate(claims)}
    backing = [corpus.backers(c) for c in claims]
    for i, backers in enumerate(backing):
        for span in backers.values():
            j = at.get((span.source, span.start))
            if j is not None:  # its best backer there is a claim too: one group
                links.join(j, i)
    out = []
    for members in links.groups():
        spans: dict[str, Span] = {}
        for i in members:
            spans.setdefault(claims[i].source, claims[i])
        for i in members:
            for source, span in backing[i].items():
                spans.setdefault(source, span)
        first = claims[members[0]]
        evidence = [first, *[s for s in spans.values() if s is not first]][:MAX_EVIDENCE]
        out.append(BriefClaim(text=first.text, sources=[first.source, *sorted(
            s for s in spans if s != first.source)], evidence=evidence))
    return out

