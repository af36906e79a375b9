"""Helpers every reconciliation step shares: evidence sampling and conflict versions."""

from __future__ import annotations

from ..model import Conflict, ConflictVersion, Span

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
    """One side of a disagreement: what it says, every source that says it, and each
    distinct passage saying it ('third day' and 'through June 11' in one source are two),
    at most MAX_EVIDENCE."""
    distinct = list({(s.source, s.start, s.end): s for s in spans}.values())
    return ConflictVersion(value=value, sources=sorted({s.source for s in spans}),
                           evidence=distinct[:MAX_EVIDENCE])


def minority_versions(conflict: Conflict) -> list[ConflictVersion]:
    """The versions of a conflict that fewer sources give than the most-given one."""
    top = max(len(v.sources) for v in conflict.versions)
    return [v for v in conflict.versions if len(v.sources) < top]


class Links:
    """Items joined into connected groups (union-find with path halving)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(i)] = self.root(j)

    def groups(self) -> list[list[int]]:
        """Each group's members in order, groups in order of their first member."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.root(i), []).append(i)
        return list(out.values())
