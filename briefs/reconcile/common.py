"""Helpers every reconciliation step shares: evidence sampling and conflict versions."""

from __future__ import annotations

from ..models import ConflictVersion, Span

MAX_EVIDENCE = 10  # spans kept per item or version (its source list stays complete)


def sample(spans: list[Span]) -> list[Span]:
    """One span per source, at most MAX_EVIDENCE: enough to check, small at any scale."""
    by_source: dict[str, Span] = {}
    for span in spans:
        by_source.setdefault(span.source, span)
        if len(by_source) == MAX_EVIDENCE:
            break
    return list(by_source.values())


def version(value: str, spans: list[Span]) -> ConflictVersion:
    """One side of a disagreement: what it says and every source that says it."""
    return ConflictVersion(
        value=value, sources=sorted({s.source for s in spans}), evidence=sample(spans)
    )
