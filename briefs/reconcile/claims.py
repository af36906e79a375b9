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
from ..read.sides import SIDE_WORD, canonical_side
from ..text.lexicon import (
    DEAL_NOUNS,
    EVENT_VERBS,
    MONTH,
    NEXT_STEP_WORDS,
    OPENING_QUOTES,
    SITTING_NOUNS,
    STOPWORDS,
    TIME_AHEAD_WORDS,
    WEEKDAY,
)
from ..text.sentences import sentences_of
from ..text.tokens import STEM_LENGTH, content_words, stands_alone
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
class SentenceCorpus:
    """Every sentence of every source, indexed for blocking, with stem rarity."""

    spans: list[Span]
    said: list[_Said]
    index: CandidateIndex
    weight: dict[str, float]
    names: frozenset[str]  # words of every person's name, as printed

    @classmethod
    def build(cls, extractions: list[ArticleExtraction]) -> SentenceCorpus:
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


def group_claims(extractions: list[ArticleExtraction],
                 corpus: SentenceCorpus | None = None) -> list[BriefClaim]:
    """Claims grouped by corroboration; each lists every source behind it, first source
    first, and the exact sentence of each."""
    corpus = corpus or SentenceCorpus.build(extractions)  # one per reconcile, shared
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
        if not _stands_alone(first, None):  # 'He said…': shown in a backing source's
            # sentence that stands alone, when one does
            first = next((s for s in spans.values() if _stands_alone(s, None)), first)
        evidence = [first, *[s for s in spans.values() if s is not first]][:MAX_EVIDENCE]
        out.append(BriefClaim(text=first.text, sources=[first.source, *sorted(
            s for s in spans if s != first.source)], evidence=evidence))
    return out


LEDE_SENTENCES = 3  # a report's opening sentences are where it says what happened
MIN_LEAD_WORDS = 8
LATER_PENALTY = 0.1  # per sentence further from the top of its report
# A lead says when, who (the parties), and what kind of event: each is worth a bonus.
DATED_BONUS, PARTY_BONUS, EVENT_BONUS = 0.15, 0.1, 0.1
_DATED = re.compile(rf"\b(?:{MONTH}\s+\d|\d{{1,2}}\s+{MONTH}|{WEEKDAY}|today|yesterday)", re.I)
_EVENT = re.compile(rf"\b(?:{'|'.join(SITTING_NOUNS)}|{'|'.join(DEAL_NOUNS)}|"
                    rf"{'|'.join(EVENT_VERBS.values())}|agreed?)\b", re.I)


def _as_lead(span: Span, rank: int, carried: float) -> float:
    """How well a report's opening sentence says what happened."""
    parties = {canonical_side(m.group(0)) for m in SIDE_WORD.finditer(span.text)}
    return (carried - LATER_PENALTY * rank + DATED_BONUS * bool(_DATED.search(span.text))
            + PARTY_BONUS * min(2, len(parties)) + EVENT_BONUS * bool(_EVENT.search(span.text)))


def _stands_alone(span: Span, title: str | None) -> bool:
    """A sentence that can open a brief: not the headline again, not a quote, not one
    that leans on the sentence before it ('He said…', 'But…')."""
    words = span.text.split()
    stems = _stems(span.text)
    return (len(words) >= MIN_LEAD_WORDS and len(stems & _stems(title or "")) < 0.8 * len(stems)
            and span.text.lstrip()[:1] not in OPENING_QUOTES and stands_alone(span.text))


def lead(extractions: list[ArticleExtraction], apart: set[str], disputed: list[Span],
         size: int = 2, corpus: SentenceCorpus | None = None) -> list[BriefClaim]:
    """What happened, in a source's own words: of the opening sentences of every report
    (an outlier's left out), those whose words the other reports carry most (weighted
    by rarity), nearest the top, saying when; each cited to its own source and to every
    source with a sentence that backs it (`SentenceCorpus.backers`). Up to `size`, each from
    another report and adding something new. A sentence holding a disputed detail
    (`disputed`: the words of every minority version of a conflict) is never a lead."""
    corpus = corpus or SentenceCorpus.build(extractions)  # one per reconcile, shared
    kept = [e for e in extractions if e.source.id not in apart]

    def in_dispute(span: Span) -> bool:
        return any(d.source == span.source and d.start < span.end and span.start < d.end
                   for d in disputed)

    stems_of = {e.source.id: _stems(e.source.text) for e in kept}
    scored = []
    for e in kept:
        others = [stems_of[o] for o in stems_of if o != e.source.id]
        openers = [s for s in sentences_of(e.source) if _stands_alone(s, e.source.title)]
        for rank, span in enumerate(openers[:LEDE_SENTENCES]):
            if in_dispute(span):
                continue
            stems = _stems(span.text)
            total = sum(corpus.weight.get(x, 1.0) for x in stems) or 1.0
            carried = sum(sum(corpus.weight.get(x, 1.0) for x in stems & other) / total
                          for other in others) / max(1, len(others))
            scored.append((_as_lead(span, rank, carried), span))
    chosen: list[BriefClaim] = []
    said: set[str] = set()
    for _, span in sorted(scored, key=lambda item: -item[0]):
        stems = _stems(span.text)
        if len(stems & said) > len(stems) / 2 or any(span.source == c.sources[0]
                                                    for c in chosen):
            continue  # says again what an earlier one said, or is its report's again
        said |= stems
        backers = {k: v for k, v in corpus.backers(span).items() if k not in apart}
        chosen.append(BriefClaim(text=span.text, sources=[span.source, *sorted(backers)],
                                 evidence=[span, *backers.values()][:MAX_EVIDENCE]))
        if len(chosen) >= size:
            break
    return chosen


_NEXT_STEP = re.compile(rf"\b(?:{NEXT_STEP_WORDS})\b", re.I)
_TIME_AHEAD = re.compile(rf"\b(?:{TIME_AHEAD_WORDS})\b")


def next_steps(extractions: list[ArticleExtraction], size: int = 3,
               corpus: SentenceCorpus | None = None) -> list[BriefClaim]:
    """What comes next, as sources state it: sentences naming a time and a deadline,
    expiry or next round ('set to expire in August unless…'), each cited to every source
    that states it; those most sources state first."""
    corpus = corpus or SentenceCorpus.build(extractions)  # one per reconcile, shared
    found = [span for e in extractions for span in sentences_of(e.source)
             if _stands_alone(span, e.source.title) and _NEXT_STEP.search(span.text)
             and _TIME_AHEAD.search(span.text)]
    links = Links(len(found))
    at = {(s.source, s.start): i for i, s in enumerate(found)}
    backing = [corpus.backers(span) for span in found]
    for i, backers in enumerate(backing):
        for span in backers.values():
            if (j := at.get((span.source, span.start))) is not None:
                links.join(i, j)
    groups = []
    for members in links.groups():
        first = found[members[0]]
        spans = {found[i].source: found[i] for i in reversed(members)}
        groups.append(BriefClaim(text=first.text, sources=[first.source, *sorted(
                                     k for k in spans if k != first.source)],
                                 evidence=[spans[first.source], *(
                                     v for k, v in spans.items() if k != first.source)]))

    def cues(claim: BriefClaim) -> int:  # 'set to expire … unless' says more than 'will'
        return len({m.group(0).lower() for m in _NEXT_STEP.finditer(claim.text)})

    return sorted(groups, key=lambda g: (-len(g.sources), -cues(g)))[:size]
