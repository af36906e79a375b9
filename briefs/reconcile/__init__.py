"""Reconcile: merge the per-article extractions into one `Brief`.

People are merged across articles and mentions; each delegate, quote, measure and claim
is counted by the sources behind it; and disagreements are flagged as `Conflict`s that
keep every version with its sources, never averaged away. Each finder in
`CONFLICT_FINDERS` adds one family of conflicts:

- people.py: posts (the same post, different people; one person, different posts;
  'former' for a sitting official; one source naming two holders of a post);
- quotes.py: the same words given to different speakers; one remark worded differently;
- figures.py: numbers, dates and durations, and what a measure covers (rule-read facts);
- stances.py: one source saying a thing is required, counted or exempted, another not;
- claims.py groups claims by corroboration; sources.py rates each source; summary.py
  writes the bottom line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..ground import acts_for_a_side
from ..model import (
    ArticleExtraction,
    Brief,
    BriefClaim,
    BriefDelegate,
    BriefDelegation,
    Conflict,
    Failure,
    Source,
    SourceEntry,
    Span,
)
from ..text.tokens import content_words, shared_stems
from .align import SentenceCorpus
from .checks import enforce_invariants
from .claims import group_claims, lead, next_steps
from .common import minority_versions, sample
from .figures import FIGURE_FINDERS
from .measures import brief_measures, in_majority_words
from .people import (
    Identity,
    merge_people,
    person_post_conflicts,
    post_holder_conflicts,
    titles,
)
from .quotes import brief_quotes, group_quotes, quote_conflicts
from .sources import source_entries
from .stances import stance_conflicts
from .summary import bottom_line

__all__ = ["CONFLICT_FINDERS", "Identity", "merge_people", "reconcile"]

CONFLICT_FINDERS: list[Callable[..., list[Conflict]]] = [
    post_holder_conflicts, quote_conflicts, person_post_conflicts, *FIGURE_FINDERS,
    stance_conflicts,
]
SEVERITY = ["high", "medium", "low"]
KIND_RANK = ["internal_inconsistency", "post_holder", "quote_attribution", "number",
             "person_post", "date", "duration", "scope", "quote_wording"]


def rank(conflicts: list[Conflict]) -> list[Conflict]:
    """Most serious first: a wrong official or a misattributed quote before a date, a
    wording difference last; within a rank, the conflicts more sources are part of."""
    return sorted(conflicts, key=lambda c: (SEVERITY.index(c.severity),
                                            KIND_RANK.index(c.kind), -len(c.sources)))


def _delegations(people: list[Identity], n_sources: int) -> list[BriefDelegation]:
    """The teams by side. Where at least half the sources (and two) name a delegation,
    its members; where they do not (a summit, a ceasefire announced by each side), the
    people the sources, taken together, give a side and an office of it ('Prime
    Minister' in one, 'Pakistan's' in another), each cited by every source that names
    them. A delegation member is cited by the sources that put them in the delegation, so
    a member only one source names stands out."""
    named = {m.evidence.source for p in people for m in p.mentions if m.delegate}
    teams = len(named) >= max(2, n_sources / 2)
    sides: dict[str, list[BriefDelegate]] = defaultdict(list)
    for identity in people:
        delegates = [m for m in identity.mentions if m.delegate]
        citing = delegates
        if not teams and acts_for_a_side(identity.side, [t for m in identity.mentions
                                                         for t in titles(m)]):
            citing = identity.mentions
            delegates = delegates or [m for m in citing if m.principal] or citing
        if not delegates:
            continue
        side = identity.side or "unknown side"
        sides[side].append(BriefDelegate(
            name=identity.name,
            roles=list(dict.fromkeys(m.role for m in identity.mentions if m.role)),
            sources=sorted({m.evidence.source for m in citing}),
            evidence=sample([m.evidence for m in delegates]),
        ))
    return [BriefDelegation(side=side, members=sorted(members, key=lambda d: -len(d.sources)))
            for side, members in sorted(sides.items(), key=lambda kv: -len(kv[1]))]


def reconcile(
    extractions: list[ArticleExtraction], failures: list[Failure] | None = None
) -> Brief:
    """Merge grounded per-article extractions into the brief's content."""
    people = merge_people(extractions)
    quote_groups = group_quotes(extractions, people)
    facts = [f for e in extractions for f in e.facts]
    corpus = SentenceCorpus.build(extractions)
    conflicts = rank([c for finder in CONFLICT_FINDERS for c in finder(
        people=people, quote_groups=quote_groups, facts=facts, corpus=corpus)])
    disputed = minority_evidence(conflicts)
    claims = group_claims(extractions, corpus, conflicts)
    single = _interleave([c for c in claims if len(c.sources) == 1])
    quotes = brief_quotes(quote_groups)
    brief = Brief(
        title="",
        bottom_line=[],
        sources=source_entries([e.source for e in extractions], conflicts, single),
        delegations=_delegations(people, len(extractions)),
        quotes=sorted(quotes, key=lambda q: -len(q.sources)),
        claims=sorted((c for c in claims if len(c.sources) > 1), key=lambda c: -len(c.sources)),
        single_source_claims=single,
        policy_measures=brief_measures(extractions, corpus),
        conflicts=conflicts,
        next_steps=next_steps(extractions, corpus=corpus),
        failures=failures or [],
        rejected={e.source.id: e.rejected for e in extractions if e.rejected},
        usage={e.source.id: e.usage for e in extractions},
    )
    apart = {s.id for s in brief.sources if s.outlier_reasons}
    brief.lead = lead(extractions, apart, disputed, corpus=corpus)
    brief.policy_measures = [in_majority_words(m, apart) for m in brief.policy_measures]
    lead_spans = {(e.source, e.start) for c in brief.lead for e in c.evidence}
    brief.next_steps = [c for c in brief.next_steps  # not the lead said again
                        if not {(e.source, e.start) for e in c.evidence} & lead_spans]
    enforce_invariants(brief, [e.source for e in extractions])
    brief.title = event_title([e.source for e in extractions], brief.sources)
    brief.bottom_line = bottom_line(brief)
    return brief


def minority_evidence(conflicts: list[Conflict]) -> list[Span]:
    """The words behind every version of a conflict that fewer sources give than another
    (all versions of one that contradicts itself, or where none has more): what the brief
    may not state as fact."""
    spans = []
    for conflict in conflicts:
        fewer = minority_versions(conflict)
        if conflict.kind == "internal_inconsistency" \
                or len(fewer) < len(conflict.versions) - 1:  # no single version leads
            fewer = conflict.versions
        spans += [e for v in fewer for e in v.evidence]
    return spans


def _interleave(claims: list[BriefClaim]) -> list[BriefClaim]:
    """One claim from each source in turn, so a short list still covers every outlet."""
    queues: dict[str, list[BriefClaim]] = defaultdict(list)
    for claim in claims:
        queues[claim.sources[0]].append(claim)
    out: list[BriefClaim] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                out.append(queue.pop(0))
    return out


def event_title(sources: list[Source], entries: list[SourceEntry]) -> str:
    """The headline that says what most sources say: of the sources' headlines (the
    outlier's left out), the one whose content words the other sources' texts share
    most. Never a file's position, so never the outlier's by accident."""
    apart = {e.id for e in entries if e.outlier_reasons}
    candidates = [s for s in sources if s.title and s.id not in apart] or \
        [s for s in sources if s.title]
    if not candidates:
        return "Brief"

    def backing(source: Source) -> float:
        words = set(content_words(source.title or ""))
        others = [o for o in sources if o.id != source.id]
        if not words or not others:
            return 0.0
        return sum(shared_stems(" ".join(words), o.text) / len(words) for o in others)

    return max(candidates, key=backing).title or "Brief"
