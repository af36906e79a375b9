"""Source reliability: how often each source stands against the majority, whether it
contradicts itself, what was stripped from it, and which source is the outlier."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import BriefClaim, Conflict, Source, SourceEntry
from ..read.clutter import machine_written
from .common import minority_versions

AREAS = {  # conflict kind → what a reader calls that part of the story
    "post_holder": "the delegation and officials' posts",
    "person_post": "the delegation and officials' posts",
    "quote_attribution": "who said what",
    "quote_wording": "how a remark was worded",
    "number": "figures",
    "date": "dates",
    "duration": "how long things took",
    "scope": "what the measures cover",
}
MIN_OUTLIER = 2  # minority versions a source needs before it is called the outlier


def minority_sources(conflict: Conflict) -> set[str]:
    """Sources giving a version that the majority version (strictly the most sources)
    contradicts; none when no version has a majority or the conflict is internal."""
    if conflict.kind == "internal_inconsistency":
        return set()
    counts = sorted((len(v.sources) for v in conflict.versions), reverse=True)
    if len(counts) < 2 or counts[0] == counts[1] or counts[0] < 2:
        return set()
    return {s for v in minority_versions(conflict) for s in v.sources}


def source_entries(
    sources: list[Source], conflicts: list[Conflict], single: list[BriefClaim]
) -> list[SourceEntry]:
    """One entry per source, numbered for citation; the outlier carries its reasons."""
    alone = Counter(c.sources[0] for c in single)
    against: dict[str, list[str]] = defaultdict(list)  # source → subjects it is alone on
    internal: dict[str, list[str]] = defaultdict(list)
    for c in conflicts:
        for source in minority_sources(c):
            against[source].append(c.subject)
        if c.kind == "internal_inconsistency":
            for source in c.sources:
                internal[source].append(
                    f"{c.subject} ({'; '.join(v.value for v in c.versions)})")
    entries = []
    for number, source in enumerate(sources, start=1):
        entries.append(SourceEntry(
            number=number, id=source.id, path=source.path, title=source.title,
            outlet=source.outlet, text=source.text, removed=source.removed,
            date=source.date, removed_clutter=len(source.removed),
            removed_share=source.removed_share,
            machine_text=sum(machine_written(line) for line in source.removed),
            contradicted_on=against[source.id],
            internal_inconsistencies=internal[source.id],
            single_source_claims=alone[source.id],
        ))
    if outlier := _outlier(entries):
        outlier.outlier_reasons = _reasons(outlier, conflicts)
    return entries


def _outlier(entries: list[SourceEntry]) -> SourceEntry | None:
    """The source most often in a minority version, with at least MIN_OUTLIER of them
    and strictly more than any other source."""
    ranked = sorted(entries, key=lambda e: -len(e.contradicted_on))
    if not ranked or len(ranked[0].contradicted_on) < MIN_OUTLIER:
        return None
    if len(ranked) > 1 and len(ranked[1].contradicted_on) == len(ranked[0].contradicted_on):
        return None
    return ranked[0]


def _reasons(entry: SourceEntry, conflicts: list[Conflict]) -> list[str]:
    areas = Counter(AREAS[c.kind] for c in conflicts
                    if entry.id in minority_sources(c) and c.kind in AREAS)
    reasons = []
    if areas:
        named = [f"{area} ({n})" for area, n in areas.most_common()]
        listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
        reasons.append(f"alone against the majority on {listed}")
    if entry.internal_inconsistencies:
        reasons.append("contradicts itself (see Conflicts)")
    if entry.machine_text:
        reasons.append("carried text written by a chat assistant (removed)")
    return reasons
