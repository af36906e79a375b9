"""Reconcile: merge the per-article extractions into one `Brief`.

People are merged across articles and mentions; each delegate, quote, measure and claim
is counted by the sources behind it; and disagreements are flagged as `Conflict`s that
keep every version with its sources, never averaged away. New conflict kinds are added
as functions in `CONFLICT_FINDERS`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .models import (
    ArticleExtraction,
    Brief,
    BriefClaim,
    BriefDelegate,
    BriefDelegation,
    BriefMeasure,
    BriefQuote,
    Conflict,
    ConflictVersion,
    Failure,
    Person,
    Quote,
    SourceEntry,
    Span,
)
from .similarity import (
    CandidateIndex,
    plain,
    post_key,
    same_person,
    same_post,
    shared_stems,
    text_similarity,
)

QUOTE_SAME = 80  # text_similarity at or above which two quotes are one
MAX_EVIDENCE = 10  # spans kept per item or version (its source list stays complete)
CLAIM_SAME = 72  # likewise for claims (sentences)


@dataclass
class Identity:
    """One person across all articles."""

    name: str
    mentions: list[Person] = field(default_factory=list)

    @cached_property
    def side(self) -> str | None:
        """The side most mentions give (mentions without one do not vote); read only
        once merging is done."""
        said = Counter(m.side for m in self.mentions if m.side)
        return said.most_common(1)[0][0] if said else None


def merge_people(extractions: Iterable[ArticleExtraction]) -> list[Identity]:
    """Cluster person mentions; the fullest, most frequent name form names the cluster.
    Candidates come from an index of name words (first and last), so the cost stays
    linear in the number of mentions."""
    people: list[Identity] = []
    forms: list[set[str]] = []  # distinct name forms per identity
    by_word: dict[str, set[int]] = defaultdict(set)
    ambiguous: dict[str, int] = {}  # bare surname that fits several people → its identity
    for extraction in extractions:
        for person in extraction.people:
            words = plain(person.name).split() or [person.name]
            nearby = sorted(set().union(*(by_word.get(w, set()) for w in {words[0], words[-1]})))
            matches = [i for i in nearby if any(same_person(person.name, f) for f in forms[i])]
            bare = len(words) == 1 and len(matches) > 1
            if bare and person.name in ambiguous:  # 'Keller' when two Kellers are known:
                index = ambiguous[person.name]  # kept apart from both, rather than guessed
                people[index].mentions.append(person)
            elif matches and not bare:
                index = matches[0]
                people[index].mentions.append(person)
            else:
                index = len(people)
                people.append(Identity(person.name, [person]))
                forms.append(set())
                if bare:
                    ambiguous[person.name] = index
            forms[index].add(person.name)
            for word in (words[0], words[-1]):
                by_word[word].add(index)
    for identity in people:
        forms = Counter(m.name for m in identity.mentions)
        identity.name = max(forms, key=lambda n: (len(n.split()), forms[n]))
    return people


def _identity_of(people: list[Identity]) -> dict[tuple[str, str], Identity]:
    return {(m.evidence.source, m.name): p for p in people for m in p.mentions}


def _sample(spans: list[Span]) -> list[Span]:
    """One span per source, at most MAX_EVIDENCE: enough to check, small at any scale."""
    by_source: dict[str, Span] = {}
    for span in spans:
        by_source.setdefault(span.source, span)
        if len(by_source) == MAX_EVIDENCE:
            break
    return list(by_source.values())


def _version(value: str, spans: list[Span]) -> ConflictVersion:
    return ConflictVersion(
        value=value, sources=sorted({s.source for s in spans}), evidence=_sample(spans)
    )


def _compatible_sides(known: set[str], side: str | None) -> bool:
    """A missing side fits any; two known sides must agree (US President ≠ Chinese one)."""
    return side is None or not known or side in known


def post_holder_conflicts(people: list[Identity], **_: object) -> list[Conflict]:
    """The same post given to different people (Treasury Secretary: Bessent vs Mnuchin)."""
    holders: list[tuple[str, str | None, Identity, Person, str]] = []  # + the title
    for identity in people:
        for mention in identity.mentions:
            for title in _titles(mention):
                if key := post_key(title):
                    holders.append((key, identity.side, identity, mention, title))
    groups: list[list[tuple[str, str | None, Identity, Person, str]]] = []
    sides: list[set[str]] = []  # the known sides of each group
    for holder in holders:
        found = next((i for i, g in enumerate(groups) if same_post(g[0][0], holder[0])
                      and _compatible_sides(sides[i], holder[1])), None)
        if found is None:
            groups.append([holder])
            sides.append(set())
            found = len(groups) - 1
        else:
            groups[found].append(holder)
        if holder[1]:
            sides[found].add(holder[1])
    conflicts = []
    for group in groups:
        by_person: dict[str, list[Span]] = defaultdict(list)
        for _, _, identity, mention, _ in group:
            by_person[identity.name].append(mention.evidence)
        if len(by_person) > 1:
            post = min((title for *_, title in group), key=len)
            conflicts.append(Conflict(
                kind="post_holder", subject=post, severity="high",
                versions=[_version(name, spans) for name, spans in by_person.items()],
            ))
    return conflicts


def _titles(person: Person) -> list[str]:
    return list(dict.fromkeys([*([person.role] if person.role else []), *person.titles]))


def person_post_conflicts(people: list[Identity], **_: object) -> list[Conflict]:
    """One person given incompatible posts by different sources (Defence Minister in one,
    Foreign Minister in another). Several posts within one source are not a conflict."""
    conflicts = []
    for identity in people:
        posts: dict[str, list[Span]] = {}
        labels: dict[str, str] = {}
        by_source: dict[str, set[str]] = defaultdict(set)
        for mention in identity.mentions:
            for title in _titles(mention):
                key = post_key(title)
                if key is None:
                    continue
                known = next((k for k in posts if same_post(k, key)), key)
                posts.setdefault(known, []).append(mention.evidence)
                labels.setdefault(known, title)
                by_source[mention.evidence.source].add(known)
        disjoint = any(not (a & b) for a in by_source.values() for b in by_source.values())
        if len(posts) > 1 and disjoint:
            conflicts.append(Conflict(
                kind="person_post", subject=identity.name, severity="medium",
                versions=[_version(labels[k], spans) for k, spans in posts.items()],
            ))
    return conflicts


@dataclass
class QuoteGroup:
    quotes: list[Quote]
    texts: set[str] = field(default_factory=set)  # distinct wordings

    @property
    def speakers(self) -> dict[str, list[Quote]]:
        out: dict[str, list[Quote]] = defaultdict(list)
        for quote in self.quotes:
            out[quote.speaker or "unnamed"].append(quote)
        return out


def group_quotes(
    extractions: Iterable[ArticleExtraction], people: list[Identity]
) -> list[QuoteGroup]:
    """Group quotes that are the same words (verbatim or nearly) across articles."""
    identity = _identity_of(people)
    groups: list[QuoteGroup] = []
    index = CandidateIndex()
    for extraction in extractions:
        for quote in extraction.quotes:
            if quote.speaker:
                who = identity.get((quote.evidence.source, quote.speaker))
                quote = quote.model_copy(update={"speaker": who.name if who else quote.speaker})
            found = next((i for i in index.candidates(quote.text, share=0.5)
                          if any(text_similarity(quote.text, t) >= QUOTE_SAME
                                 for t in groups[i].texts)), None)
            if found is None:
                found = len(groups)
                groups.append(QuoteGroup([]))
            groups[found].quotes.append(quote)
            if quote.text not in groups[found].texts:
                groups[found].texts.add(quote.text)
                index.add(found, quote.text)
    return groups


def _posts(identity: Identity | None) -> set[str]:
    if identity is None:
        return set()
    return {k for m in identity.mentions for t in _titles(m) if (k := post_key(t))}


def _paraphrase_of(a: Quote, b: Quote, posts: dict[str, set[str]]) -> bool:
    """A loose rewording of the same remark: same venue, speakers said to hold the same
    post, and shared content words ('today', 'shake' ~ 'handshakes')."""
    if not (a.venue and b.venue and a.venue.lower() == b.venue.lower()):
        return False
    same_office = any(same_post(x, y) for x in posts.get(a.speaker or "", set())
                      for y in posts.get(b.speaker or "", set()))
    return same_office and shared_stems(a.text, b.text) >= 2


def _distinct(group: QuoteGroup) -> list[Quote]:
    """One quote per (speaker, venue, wording): a remark quoted by fifty outlets is
    compared once, not fifty times."""
    seen: dict[tuple, Quote] = {}
    for quote in group.quotes:
        seen.setdefault((quote.speaker, (quote.venue or "").lower(), quote.text), quote)
    return list(seen.values())


def _paraphrase_candidates(groups: list[QuoteGroup]) -> list[tuple[int, int]]:
    """Pairs of quote groups worth checking for a reworded remark: quoted at the same
    venue and sharing a content word (blocked by venue, then by word index; looser than
    `_paraphrase_of`, which also counts 'shake' inside 'handshakes')."""
    by_venue: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        for venue in {q.venue.lower() for q in group.quotes if q.venue}:
            by_venue[venue].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_venue.values():
        index = CandidateIndex()
        for i in members:
            for text in groups[i].texts:
                pairs.update((j, i) for j in index.candidates(text, limit=10) if j != i)
            for text in groups[i].texts:
                index.add(i, text)
    return sorted(pairs)


def quote_attribution_conflicts(
    quote_groups: list[QuoteGroup], people: list[Identity], **_: object
) -> list[Conflict]:
    """The same (or nearly the same) words given to different speakers."""
    conflicts = []
    posts = {p.name: _posts(p) for p in people}

    def versions(quotes: list[Quote]) -> list[ConflictVersion]:
        by_speaker: dict[str, list[Quote]] = defaultdict(list)
        for q in quotes:
            by_speaker[q.speaker or "unnamed"].append(q)
        return [_version(f"{speaker}: “{qs[0].text}”", [q.evidence for q in qs])
                for speaker, qs in by_speaker.items()]

    for group in quote_groups:
        named = {s for s in group.speakers if s != "unnamed"}
        if len(named) > 1:
            conflicts.append(Conflict(kind="quote_attribution", subject=group.quotes[0].text,
                                      severity="high", versions=versions(group.quotes)))
    for i, j in _paraphrase_candidates(quote_groups):
        g1, g2 = quote_groups[i], quote_groups[j]
        pairs = [(a, b) for a in _distinct(g1) for b in _distinct(g2)
                 if a.speaker and b.speaker and a.speaker != b.speaker
                 and a.evidence.source != b.evidence.source and _paraphrase_of(a, b, posts)]
        if pairs:
            conflicts.append(Conflict(
                kind="quote_attribution", severity="high",
                subject=f"a remark to {pairs[0][0].venue} (worded differently)",
                versions=versions(g1.quotes + g2.quotes),
            ))
    return conflicts


CONFLICT_FINDERS: list[Callable[..., list[Conflict]]] = [
    post_holder_conflicts, quote_attribution_conflicts, person_post_conflicts,
]


def _group_claims(extractions: list[ArticleExtraction]) -> list[BriefClaim]:
    groups: list[BriefClaim] = []
    index = CandidateIndex()
    for extraction in extractions:
        for claim in extraction.claims:
            found = next((i for i in index.candidates(claim.text, share=0.4)
                          if claim.evidence.source not in groups[i].sources
                          and text_similarity(claim.text, groups[i].text) >= CLAIM_SAME), None)
            if found is None:
                index.add(len(groups), claim.text)
                groups.append(BriefClaim(text=claim.text, sources=[claim.evidence.source],
                                         evidence=[claim.evidence]))
            else:
                groups[found].sources.append(claim.evidence.source)
                if len(groups[found].evidence) < MAX_EVIDENCE:
                    groups[found].evidence.append(claim.evidence)
    return groups


def _measures(extractions: list[ArticleExtraction]) -> list[BriefMeasure]:
    merged: dict[tuple, BriefMeasure] = {}
    seen: set[tuple] = set()
    for extraction in extractions:
        for m in extraction.policy_measures:
            key = (m.actor.lower(), m.instrument, m.status)
            if key in merged:
                if (key, m.evidence.source) not in seen:
                    seen.add((key, m.evidence.source))
                    merged[key].sources.append(m.evidence.source)
                    if len(merged[key].evidence) < MAX_EVIDENCE:
                        merged[key].evidence.append(m.evidence)
            else:
                seen.add((key, m.evidence.source))
                merged[key] = BriefMeasure(
                    actor=m.actor, instrument=m.instrument, status=m.status, value=m.value,
                    text=m.evidence.text, sources=[m.evidence.source], evidence=[m.evidence],
                )
    return sorted(merged.values(), key=lambda m: -len(m.sources))


def _delegations(people: list[Identity]) -> list[BriefDelegation]:
    sides: dict[str, list[BriefDelegate]] = defaultdict(list)
    for identity in people:
        delegates = [m for m in identity.mentions if m.delegate]
        if not delegates:
            continue
        side = identity.side or "unknown side"
        sides[side].append(BriefDelegate(
            name=identity.name,
            roles=list(dict.fromkeys(m.role for m in identity.mentions if m.role)),
            sources=sorted({m.evidence.source for m in delegates}),
            evidence=_sample([m.evidence for m in delegates]),
        ))
    return [BriefDelegation(side=side, members=sorted(members, key=lambda d: -len(d.sources)))
            for side, members in sorted(sides.items(), key=lambda kv: -len(kv[1]))]


def reconcile(
    extractions: list[ArticleExtraction], failures: list[Failure] | None = None
) -> Brief:
    """Merge grounded per-article extractions into the brief's content."""
    people = merge_people(extractions)
    quote_groups = group_quotes(extractions, people)
    conflicts = [c for finder in CONFLICT_FINDERS
                 for c in finder(people=people, quote_groups=quote_groups)]
    conflicts.sort(key=lambda c: (["high", "medium", "low"].index(c.severity), -len(c.sources)))
    claims = _group_claims(extractions)
    quotes = [BriefQuote(
        text=g.quotes[0].text, speaker=g.quotes[0].speaker,
        speaker_role=next((q.speaker_role for q in g.quotes if q.speaker_role), None),
        sources=sorted({q.evidence.source for q in g.quotes}),
        evidence=_sample([q.evidence for q in g.quotes]),
    ) for g in quote_groups]
    sources = [SourceEntry(number=i, id=e.source.id, title=e.source.title,
                           outlet=e.source.outlet, date=e.source.date,
                           removed_clutter=len(e.source.removed))
               for i, e in enumerate(extractions, start=1)]
    return Brief(
        title=_title(extractions),
        bottom_line=[],
        sources=sources,
        delegations=_delegations(people),
        quotes=sorted(quotes, key=lambda q: -len(q.sources)),
        claims=[c for c in claims if len(c.sources) > 1],
        single_source_claims=_interleave([c for c in claims if len(c.sources) == 1]),
        policy_measures=_measures(extractions),
        conflicts=conflicts,
        failures=failures or [],
        rejected={e.source.id: e.rejected for e in extractions if e.rejected},
        usage={e.source.id: e.usage for e in extractions},
    )


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


def _title(extractions: list[ArticleExtraction]) -> str:
    titles = [e.source.title for e in extractions if e.source.title]
    return titles[0] if titles else "Brief"
