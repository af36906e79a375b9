"""The brief's bottom line: the outlier and how serious the disagreements are, each
statement with the sources it rests on (the teams are in Delegations, just below)."""

from __future__ import annotations

from ..model import Brief, Statement


def bottom_line(brief: Brief) -> list[Statement]:
    """Plain, sourced statements for the top of the brief."""
    lines = []
    for source in brief.sources:
        if source.outlier_reasons:
            lines.append(Statement(
                text=f"Source {source.number} is the outlier: "
                     + "; ".join(source.outlier_reasons)
                     + ". Treat what only it says with caution.",
                sources=[source.id],
            ))
    high = [c for c in brief.conflicts if c.severity == "high"]
    if high:
        lines.append(Statement(text=f"{len(high)} serious disagreement(s) between sources; "
                                    "see Conflicts."))
    return lines
