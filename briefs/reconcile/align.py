"""Aligning statements across sources: which sentences of different sources say the same
thing, by their words and by their meaning.

Words: a sentence backs another when it carries most of its informative words, weighted
by rarity, so 'rare earths' in every article counts for little and 'Geneva' or '90-day'
for much. Meaning: when the sentence encoder is installed (`text/meaning.py`), a
sentence also backs another that says the same in other words ('struck a 90-day deal' /
'the 90-day truce agreed'), when their vectors are close and they still share some
words. Either way, two sentences that give different numbers, or name different people,
never back each other: that is a disagreement, not a corroboration.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..model import ArticleExtraction, Span
from ..text.lexicon import STOPWORDS
from ..text.meaning import encoder
from ..text.sentences import sentences_of
from ..text.tokens import STEM_LENGTH, content_words
from .blocking import CandidateIndex

SUPPORT = 0.5  # weighted share of a claim's stems a sentence must carry to back it
MIN_SHARED = 4  # ...and at least this many shared stems
SAME_MEANING = 0.7  # cosine at which two sentences say the same thing in other words
MEANING_SHARED = 2  # ...when they also share at least this many stems
MEANING_PROBES = 30  # nearest sentences by meaning looked at per query
# Statement groups (agglomerative, one sentence per source): two groups merge through a
# pair at JOIN or closer when every pair across them is at LINK or closer.
JOIN, LINK = 0.65, 0.55
# A claim is single-source only when no sentence of another source is this near it in
# meaning (nor backs it by its words, whatever its numbers and people).
ELSEWHERE_MEANING = 0.5
STATEMENT_WORDS = 6  # a shorter line (a kicker, a caption, a subhead) states nothing
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[\w’'-]+")


def stems(text: str) -> set[str]:
    return {w[:STEM_LENGTH] for w in content_words(text)}  # stem(), inlined: hot


@dataclass(frozen=True)
class Said:
    """What a sentence says, for comparison: its stems, numbers and people's names."""

    stems: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]


@dataclass
class SentenceCorpus:
    """Every sentence of every source, indexed for blocking by words and by meaning,
    with stem rarity."""

    spans: list[Span]
    said: list[Said]
    index: CandidateIndex
    weight: dict[str, float]
    names: frozenset[str]  # words of every person's name, as printed
    vectors: np.ndarray | None = None  # one unit row per sentence, when the encoder is there
    _groups: list[list[int]] | None = field(default=None, init=False, repr=False)

    @classmethod
    def build(cls, extractions: list[ArticleExtraction]) -> SentenceCorpus:
        names = frozenset(w for e in extractions for p in e.people for w in p.name.split()
                          if w.lower() not in STOPWORDS)  # 'He' Lifeng, not 'He said…'.
        spans = [s for e in extractions for s in sentences_of(e.source)]
        corpus = cls(spans, [], CandidateIndex(probes=6), {}, names)
        corpus.said = [corpus.read(s.text) for s in spans]
        for i, span in enumerate(spans):
            corpus.index.add(i, span.text)
        df = Counter(stem for said in corpus.said for stem in said.stems)
        corpus.weight = {stem: math.log(1 + len(spans) / n) for stem, n in df.items()}
        if (model := encoder()) is not None:
            corpus.vectors = model.encode([s.text for s in spans])
        return corpus

    def read(self, text: str) -> Said:
        return Said(frozenset(stems(text)), frozenset(_NUMBER.findall(text)),
                    frozenset(w for w in _WORD.findall(text) if w in self.names))

    def compatible(self, claim: Said, other: Said) -> bool:
        """Neither gives a number the other contradicts nor names someone else."""
        if claim.numbers and other.numbers and not claim.numbers & other.numbers:
            return False
        return not (claim.names - other.names and other.names - claim.names)

    def support(self, claim: Said, sentence: int, compare: bool = True) -> float:
        """Weighted share of the claim's stems found in the sentence; 0 when the two
        give different numbers or name different people (a disagreement, not a
        corroboration), unless `compare` is off."""
        other = self.said[sentence]
        shared = claim.stems & other.stems
        if len(shared) < min(MIN_SHARED, len(claim.stems)) or (
                compare and not self.compatible(claim, other)):
            return 0.0
        total = sum(self.weight.get(s, 1.0) for s in claim.stems) or 1.0
        return sum(self.weight.get(s, 1.0) for s in shared) / total

    def agrees(self, claim: Said, vector: np.ndarray | None, sentence: int) -> float:
        """How surely the sentence says what the claim says: its word support, or, when
        that falls short, its closeness in meaning (same numbers and people, some words
        shared); 0 when it does not back the claim."""
        score = self.support(claim, sentence)
        if score >= SUPPORT:
            return score
        if vector is None or self.vectors is None:
            return 0.0
        other = self.said[sentence]
        closeness = float(self.vectors[sentence] @ vector)
        if closeness >= SAME_MEANING and len(claim.stems & other.stems) >= MEANING_SHARED \
                and self.compatible(claim, other):
            return closeness
        return 0.0

    def closeness(self, a: int, b: int) -> float:
        """How surely two sentences of the corpus say the same thing, either way round:
        their word support (the mean of both directions) or their closeness in meaning,
        whichever is higher; 0 when they disagree on a number or a person, or share
        fewer than MEANING_SHARED stems."""
        first, second = self.said[a], self.said[b]
        if len(first.stems & second.stems) < MEANING_SHARED \
                or not self.compatible(first, second):
            return 0.0
        words = (self.support(first, b) + self.support(second, a)) / 2
        meaning = 0.0 if self.vectors is None else float(self.vectors[a] @ self.vectors[b])
        return max(words, meaning)

    def statement_groups(self) -> list[list[int]]:
        """Sentences of different sources that state the same thing, grouped: of every
        pair of candidates (`candidates`: blocking keeps this near-linear), the closest
        first; two groups merge when they hold no source in common and every pair
        across them is close: found by blocking and at LINK or closer (complete
        linkage, so a chain of near neighbours never drifts to another topic). Groups of
        two sources or more, largest first; computed once per corpus."""
        if self._groups is None:
            self._groups = self._statement_groups()
        return self._groups

    def _statement_groups(self) -> list[list[int]]:
        eligible = [len(s.text.split()) >= STATEMENT_WORDS for s in self.spans]
        pairs: dict[tuple[int, int], float] = {}
        for i, span in enumerate(self.spans):
            if not eligible[i]:
                continue
            vector = None if self.vectors is None else self.vectors[i]
            for j in self.candidates(span.text, vector):
                key = (min(i, j), max(i, j))
                if eligible[j] and self.spans[j].source != span.source and key not in pairs:
                    pairs[key] = self.closeness(i, j)
        group_of = list(range(len(self.spans)))
        groups = {i: [i] for i in range(len(self.spans))}
        for (a, b), score in sorted(pairs.items(), key=lambda kv: -kv[1]):
            if score < JOIN:
                break
            keep, gone = group_of[a], group_of[b]
            first, second = groups[keep], groups[gone]
            if keep == gone or {self.spans[i].source for i in first} & {
                    self.spans[i].source for i in second}:
                continue
            if all(pairs.get((min(x, y), max(x, y)), 0.0) >= LINK
                   for x in first for y in second):
                first += groups.pop(gone)
                for i in second:
                    group_of[i] = keep
        return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: -len(g))

    def stated_elsewhere(self, sentence: int) -> bool:
        """Whether another source touches on what this sentence says: a sentence near it
        in meaning or carrying a good part of its words, even with other numbers or
        people (then the two disagree, which is no single-source claim either). Looser
        than backing on purpose: a claim called single-source must really be one."""
        span, said = self.spans[sentence], self.said[sentence]
        others = [j for j, s in enumerate(self.spans) if s.source != span.source]
        if self.vectors is not None and others and float(
                (self.vectors[others] @ self.vectors[sentence]).max()) >= ELSEWHERE_MEANING:
            return True
        return any(self.support(said, j, compare=False) >= SUPPORT
                   for j in self.index.candidates(span.text, limit=30)
                   if self.spans[j].source != span.source)

    def vector(self, text: str) -> np.ndarray | None:
        """The text's vector, when the corpus has vectors (the encoder is installed)."""
        model = encoder() if self.vectors is not None else None
        return None if model is None else model.encode([text])[0]

    def candidates(self, text: str, vector: np.ndarray | None) -> list[int]:
        """Sentences worth comparing: found through rare shared words, and the nearest
        by meaning (one matrix product per query: linear in the corpus)."""
        found = self.index.candidates(text, limit=30)
        if vector is not None and self.vectors is not None:
            closeness = self.vectors @ vector
            nearest = np.argpartition(-closeness, min(MEANING_PROBES, len(closeness) - 1))
            found += [int(i) for i in nearest[:MEANING_PROBES]
                      if closeness[i] >= SAME_MEANING]
        return list(dict.fromkeys(found))

    def backers(self, claim: Span) -> dict[str, Span]:
        """The best-backing sentence of each other source, when one backs the claim."""
        return self._backers(claim, self.read(claim.text), self.vector(claim.text))

    def backers_of(self, sentence: int) -> dict[str, Span]:
        """`backers` of one of the corpus's own sentences."""
        return self._backers(self.spans[sentence], self.said[sentence],
                             None if self.vectors is None else self.vectors[sentence])

    def _backers(self, claim: Span, said: Said, vector: np.ndarray | None) -> dict[str, Span]:
        best: dict[str, tuple[float, Span]] = {}
        for i in self.candidates(claim.text, vector):
            span = self.spans[i]
            if span.source == claim.source:
                continue
            score = self.agrees(said, vector, i)
            if score > 0 and score > best.get(span.source, (0.0, span))[0]:
                best[span.source] = (score, span)
        return {source: span for source, (_, span) in best.items()}
