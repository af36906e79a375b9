"""Render: the brief as one page of Markdown (Jinja) or as JSON.

Every value placed into the Markdown is escaped by the environment's `finalize` hook,
so text from an article cannot break a table, open a link or inject HTML. Only
citation markers, built here from source numbers, are trusted markup.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from .models import Brief, Conflict, Statement

# With [ and ] escaped no link or image can form, so ( ) ! need no escape.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#+|<>~])")
MAX_CONFLICTS_SHOWN = 8
MAX_CLAIMS_SHOWN = 4


def escape_md(value: object) -> str:
    """Escape Markdown and HTML metacharacters; fold newlines so a value stays inline."""
    text = re.sub(r"\s+", " ", str(value))
    return _MD_SPECIAL.sub(r"\\\1", text)


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_md(value)


def _load(name: str) -> str:
    return resources.files("briefs.templates").joinpath(name).read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_load), finalize=_finalize, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    return env


def _citer(brief: Brief):
    numbers = {s.id: s.number for s in brief.sources}

    def cite(source_ids: list[str]) -> Markup:
        marks = sorted({numbers[s] for s in source_ids})  # KeyError = a bug, never hidden
        return Markup("".join(f"[{n}]" for n in marks))

    return cite


def bottom_line(brief: Brief) -> list[Statement]:
    """Plain, sourced statements for the top of the brief."""
    lines = []
    for delegation in brief.delegations[:2]:
        backed = [m for m in delegation.members if len(m.sources) > 1] or delegation.members
        lines.append(Statement(
            text=f"{delegation.side}: " + ", ".join(m.name for m in backed[:4]) + ".",
            sources=sorted({s for m in backed[:4] for s in m.sources}),
        ))
    if outlier := outlier_source(brief):
        source, subjects = outlier
        shown = "; ".join(subjects[:3]) + ("; …" if len(subjects) > 3 else "")
        lines.append(Statement(
            text=f"One source stands alone against the others on {len(subjects)} points "
                 f"({shown}); treat its names with caution:",
            sources=[source],
        ))
    high = [c for c in brief.conflicts if c.severity == "high"]
    if high:
        lines.append(Statement(text=f"{len(high)} serious disagreement(s) between sources; "
                                    "see Conflicts."))
    return lines


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def outlier_source(brief: Brief) -> tuple[str, list[str]] | None:
    """The source most often alone in a losing version of a conflict (two or more)."""
    alone: dict[str, list[str]] = {}
    for conflict in brief.conflicts:
        top = max(len(v.sources) for v in conflict.versions)
        for version in conflict.versions:
            if len(version.sources) == 1 and top > 1:
                alone.setdefault(version.sources[0], []).append(_short(conflict.subject))
    if not alone:
        return None
    source, subjects = max(alone.items(), key=lambda kv: len(kv[1]))
    return (source, subjects) if len(subjects) >= 2 else None


def render_markdown(brief: Brief) -> str:
    template = environment().get_template("brief.md.j2")
    conflicts: list[Conflict] = brief.conflicts[:MAX_CONFLICTS_SHOWN]
    return template.render(
        brief=brief,
        bottom_line=brief.bottom_line or bottom_line(brief),
        conflicts=conflicts,
        more_conflicts=len(brief.conflicts) - len(conflicts),
        claims=brief.claims[:MAX_CLAIMS_SHOWN],
        single=brief.single_source_claims[:MAX_CLAIMS_SHOWN],
        cite=_citer(brief),
    )


def render_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2)
