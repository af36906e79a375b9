"""Claims across articles: which sources say the same thing, and which say it alone.

A claim is a sentence the model picked as a key fact. It counts as corroborated by
another source when a sentence of that source (any sentence, not only its picked claims)
says the same thing (`align.SentenceCorpus.backers`: by its words or its meaning).
Claims that corroborate each other form one group; each group keeps the exact sentences
behind it, so the grouping can be checked against the words of every source.
"""

from __future__ import annotations

import re

from ..model import ArticleExtraction, BriefClaim, Conflict, Span
from ..read.sides import SIDE_WORD, canonical_side
from ..text.lexicon import (
    DEAL_NOUNS,
    EVENT_VERBS,
    MONTH,
    OPENING_QUOTES,
    SITTING_NOUNS,
    SPEECH_VERB,
    WEEKDAY,
)
from ..text.measure_words import NEXT_STEP_WORDS, TIME_AHEAD_WORDS
from ..text.sentences import sentences_of
from ..text.tokens import stands_alone
from .align import SentenceCorpus
from .align import stems as stems_of
from .common import MAX_EVIDENCE, Links, minority_versions


def group_claims(extractions: list[ArticleExtraction], corpus: SentenceCorpus | None = None,
                 conflicts: list[Conflict] | None = None) -> list[BriefClaim]:
    """What sources state together, and what one states alone. Agreements are the
    corpus's statement groups (`SentenceCorpus.statement_groups`: sentences of several
    sources saying the same thing, by words or meaning), whatever the model picked; each
    is shown in a sentence that reads on its own, a model-picked one first, and cited to
    every source of the group. A group whose sources give different versions of one
    conflict is no agreement, and it is never shown in a minority version's words
    (a quote worded differently is the same remark: it disputes nothing else). A claim
    the model picked is single-source when no sentence of another source states it or
    comes close to (`SentenceCorpus.stated_elsewhere`), and it reads on its own."""
    corpus = corpus or SentenceCorpus.build(extractions)  # one per reconcile, shared
    spans = corpus.spans
    titles = {e.source.id: e.source.title for e in extractions}
    of_source: dict[str, list[int]] = {}
    for i, span in enumerate(spans):
        of_source.setdefault(span.source, []).append(i)
    picked: dict[int, Span] = {}  # the sentence each model-picked claim starts in
    for claim in (c.evidence for e in extractions for c in e.claims):
        i = next((i for i in of_source.get(claim.source, [])
                  if spans[i].start <= claim.start < spans[i].end), None)
        if i is not None:
            picked.setdefault(i, claim)
    disputes = [c for c in conflicts or [] if c.kind not in WORDING_ONLY]
    minority = [e for c in disputes for v in minority_versions(c) for e in v.evidence]
    out = []
    groups = corpus.statement_groups()
    for members in groups:
        chosen = [spans[i] for i in members]
        if any(sum(any(_overlaps(s, v.evidence) for s in chosen) for v in c.versions) > 1
               for c in disputes):
            continue

        def centrality(i: int, members: list[int] = members) -> float:
            return sum(corpus.closeness(i, j) for j in members if j != i)

        ranked = sorted(members, key=lambda i: (i not in picked, -centrality(i)))
        first = next((spans[i] for i in ranked if not _overlaps(spans[i], minority)
                      and _stands_alone(spans[i], titles[spans[i].source])), None)
        if first is None:  # no source says it in a sentence that reads on its own
            continue
        evidence = [first, *[s for s in chosen if s is not first]][:MAX_EVIDENCE]
        out.append(BriefClaim(text=first.text, sources=[first.source, *sorted(
            s.source for s in chosen if s is not first)], evidence=evidence))
    grouped = {i for members in groups for i in members}
    said_by = {i: spans[i] for i in _said_by_someone(extractions, of_source, spans)
               if i not in picked}
    for i, claim in [*picked.items(), *said_by.items()]:  # said alone, and readable alone
        if i not in grouped and _stands_alone(claim, titles[claim.source]) \
                and not _overlaps(spans[i], minority) and not corpus.stated_elsewhere(i):
            out.append(BriefClaim(text=claim.text, sources=[claim.source], evidence=[claim]))
    return out


def _said_by_someone(extractions: list[ArticleExtraction], of_source: dict[str, list[int]],
                     spans: list[Span]) -> list[int]:
    """Sentences that give a named person's words or view ('Ana Ortega said the deal
    fell short'): what one outlet reports of someone is a single-source claim worth
    listing even when the model did not pick it."""
    found = []
    for e in extractions:
        names = {w for p in e.people for w in (p.name, p.name.split()[-1])}
        for i in of_source.get(e.source.id, []):
            text = spans[i].text
            if _SPEECH.search(text) and any(re.search(rf"\b{re.escape(n)}\b", text)
                                            for n in names):
                found.append(i)
    return found


_SPEECH = re.compile(rf"\b{SPEECH_VERB}\b", re.I)


WORDING_ONLY = {"quote_wording"}  # conflicts over how a remark was worded, not what happened


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(o.source == span.source and o.start < span.end and span.start < o.end
               for o in others)


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
    stems = stems_of(span.text)
    return (len(words) >= MIN_LEAD_WORDS and len(stems & stems_of(title or "")) < 0.8 * len(stems)
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

    report_stems = {e.source.id: stems_of(e.source.text) for e in kept}
    scored = []
    for e in kept:
        others = [report_stems[o] for o in report_stems if o != e.source.id]
        openers = [s for s in sentences_of(e.source) if _stands_alone(s, e.source.title)]
        for rank, span in enumerate(openers[:LEDE_SENTENCES]):
            if _overlaps(span, disputed):
                continue
            stems = stems_of(span.text)
            total = sum(corpus.weight.get(x, 1.0) for x in stems) or 1.0
            carried = sum(sum(corpus.weight.get(x, 1.0) for x in stems & other) / total
                          for other in others) / max(1, len(others))
            scored.append((_as_lead(span, rank, carried), span))
    chosen: list[BriefClaim] = []
    said: set[str] = set()
    for _, span in sorted(scored, key=lambda item: -item[0]):
        stems = stems_of(span.text)
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
