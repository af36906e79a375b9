"""Quotes across articles: the same words grouped, and who each source says spoke them.

Conflicts found here: the same (or nearly the same) words given to different speakers,
a loose rewording of one remark given to different speakers, and the same speaker's
remark in materially different wordings (a wording difference, low severity).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import ArticleExtraction, BriefQuote, Conflict, ConflictVersion, Quote
from ..text.names import post_key, same_person, same_post
from ..text.tokens import content_words, plain, shared_stems, text_similarity
from .blocking import CandidateIndex
from .checks import verbatim_key
from .common import sample, version
from .people import Identity, identity_of, titles

QUOTE_SAME = 80  # text_similarity at or above which two quotes are one


@dataclass
class QuoteGroup:
    quotes: list[Quote]
    texts: set[str] = field(default_factory=set)  # distinct wordings


def group_quotes(
    extractions: Iterable[ArticleExtraction], people: list[Identity]
) -> list[QuoteGroup]:
    """Group quotes that are the same words (verbatim or nearly) across articles."""
    identity = identity_of(people)
    groups: list[QuoteGroup] = []
    index = CandidateIndex()
    for extraction in extractions:
        for quote in extraction.quotes:
            if quote.speaker:
                who = identity.get((quote.evidence.source, quote.speaker)) or _only(
                    [p for p in people if same_person(quote.speaker, p.name)])
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


def brief_quotes(groups: list[QuoteGroup]) -> list[BriefQuote]:
    """One item per wording and speaker of each remark, citing only the sources that
    print those words (quote marks, spacing and closing punctuation aside) and give them
    to that speaker; later items name the first wording as the remark they reword or
    attribute otherwise. A quote is never cited to a source that does not print it, nor
    to one that puts it in another mouth."""
    out = []
    for group in groups:
        wordings: dict[tuple[str, str | None], list[Quote]] = defaultdict(list)
        for quote in group.quotes:
            wordings[verbatim_key(quote.text), quote.speaker].append(quote)
        first = None
        for quotes in wordings.values():
            out.append(BriefQuote(
                text=quotes[0].text, speaker=quotes[0].speaker,
                speaker_role=next((q.speaker_role for q in quotes if q.speaker_role), None),
                sources=sorted({q.evidence.source for q in quotes}),
                evidence=sample([q.evidence for q in quotes]), variant_of=first,
            ))
            first = first or quotes[0].text
    return out


def _only(matches: list[Identity]) -> Identity | None:
    """The one identity a bare speaker name fits ('Brandt'), or None when several do."""
    return matches[0] if len(matches) == 1 else None


def _posts(identity: Identity | None) -> set[str]:
    if identity is None:
        return set()
    return {k for m in identity.mentions for t in titles(m) if (k := post_key(t))}


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
    venue or from the same speaker, and sharing a content word (blocked by venue or
    speaker, then by word index; looser than `_paraphrase_of`, which also counts 'shake'
    inside 'handshakes')."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        keys = {"venue:" + q.venue.lower() for q in group.quotes if q.venue}
        keys |= {"speaker:" + q.speaker for q in group.quotes if q.speaker}
        for key in keys:
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        index = CandidateIndex()
        for i in members:
            for text in groups[i].texts:
                pairs.update((j, i) for j in index.candidates(text, limit=10) if j != i)
            for text in groups[i].texts:
                index.add(i, text)
    return sorted(pairs)


def _reworded(a: str, b: str) -> bool:
    """Most words of the shorter remark recur in the other (by stem; short words count:
    'Europe will pay BIG' ~ 'Europe is going to pay in a BIG way')."""
    shorter = min(len(set(content_words(a, 3))), len(set(content_words(b, 3))))
    return shared_stems(a, b, 3) >= max(3, shorter / 2)


def _wording_differs(texts: set[str]) -> bool:
    """Wordings that differ in a content word, not by punctuation or by one quoting
    only part of the other."""
    forms = sorted({plain(t) for t in texts}, key=len)
    return any(short not in long and set(content_words(short)) ^ set(content_words(long))
               for i, short in enumerate(forms) for long in forms[i + 1 :])


def _speakers(quotes: list[Quote]) -> dict[str, str]:
    """Each speaker name → the fullest name of the same person among them ('Brandt' →
    'Carl Brandt'), so one person printed two ways is one speaker."""
    names = sorted({q.speaker for q in quotes if q.speaker}, key=lambda n: -len(n.split()))
    return {n: next(m for m in names if same_person(n, m)) for n in names}


def _by_speaker(quotes: list[Quote]) -> list[ConflictVersion]:
    grouped: dict[str, list[Quote]] = defaultdict(list)
    canon = _speakers(quotes)
    for q in quotes:
        grouped[canon.get(q.speaker or "", "unnamed")].append(q)
    return [version(f"{speaker}: “{qs[0].text}”", [q.evidence for q in qs])
            for speaker, qs in grouped.items()]


def _by_wording(quotes: list[Quote]) -> list[ConflictVersion]:
    """One version per wording of the remark. A partial quote (a wording inside another)
    is the same words, not a version; a wording that rewords none of the others is
    another remark, not a version. Fewer than two versions: no wording difference."""
    grouped: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        grouped[plain(q.text)].append(q)
    whole = [f for f in grouped if not any(f != o and f in o for o in grouped)]
    kept = [f for f in whole if any(f != o and _reworded(f, o) for o in whole)]
    versions = [version(f"“{grouped[f][0].text}”", [q.evidence for q in grouped[f]])
                for f in kept]
    sources = {s for v in versions for s in v.sources}
    return versions if len(versions) > 1 and len(sources) > 1 else []


def quote_conflicts(
    quote_groups: list[QuoteGroup], people: list[Identity], **_: object
) -> list[Conflict]:
    """The same (or nearly the same) words given to different speakers (high), and one
    speaker's remark in materially different wordings across sources (low)."""
    conflicts = []
    posts = {p.name: _posts(p) for p in people}
    for group in quote_groups:
        named = set(_speakers(group.quotes).values())
        if len(named) > 1:
            conflicts.append(Conflict(kind="quote_attribution", subject=group.quotes[0].text,
                                      severity="high", versions=_by_speaker(group.quotes)))
        elif len(named) == 1 and _wording_differs(group.texts) and (
                versions := _by_wording(group.quotes)):
            conflicts.append(Conflict(kind="quote_wording", subject=f"{named.pop()}, worded "
                                      "differently", severity="low", versions=versions))
    for i, j in _paraphrase_candidates(quote_groups):
        g1, g2 = quote_groups[i], quote_groups[j]
        pairs = [(a, b) for a in _distinct(g1) for b in _distinct(g2)
                 if a.speaker and b.speaker and a.evidence.source != b.evidence.source]
        if moved := [(a, b) for a, b in pairs
                     if a.speaker != b.speaker and _paraphrase_of(a, b, posts)]:
            conflicts.append(Conflict(
                kind="quote_attribution", severity="high",
                subject=f"a remark to {moved[0][0].venue} (worded differently)",
                versions=_by_speaker(g1.quotes + g2.quotes),
            ))
        elif (same := [(a, b) for a, b in pairs
                       if a.speaker == b.speaker and _reworded(a.text, b.text)]) and (
                versions := _by_wording(g1.quotes + g2.quotes)):
            conflicts.append(Conflict(
                kind="quote_wording", severity="low",
                subject=f"{same[0][0].speaker}, worded differently", versions=versions,
            ))
    return _distinct_conflicts(conflicts)


def _distinct_conflicts(conflicts: list[Conflict]) -> list[Conflict]:
    """A wording difference whose every version another one already gives is the same
    difference found twice (through two pairs of quote groups): it is kept once."""
    kept: list[Conflict] = []
    for conflict in sorted(conflicts, key=lambda c: -len(c.versions)):
        said = {(v.value, tuple(v.sources)) for v in conflict.versions}
        if conflict.kind != "quote_wording" or not any(
                c.kind == conflict.kind and said <= {(v.value, tuple(v.sources))
                                                     for v in c.versions} for c in kept):
            kept.append(conflict)
    return [c for c in conflicts if any(c is k for k in kept)]
