"""The brief as one page of Markdown, through the Jinja template `brief.md.j2`.

Every value placed into the Markdown is escaped by the environment's `finalize` hook,
so text from an article cannot break a table, open a link or inject HTML. Only
citation markers, built here from source numbers, are trusted markup.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from ..model import Brief, Conflict, SourceEntry
from ..text.tokens import printable

# With [ and ] escaped no link or image can form, so ( ) ! need no escape.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#+|<>~])")
MAX_CONFLICTS_SHOWN = 8
MAX_CLAIMS_SHOWN = 3
HEAVY_REMOVAL = 0.3  # a source losing more of its page than this is named at the top


def escape_md(value: object) -> str:
    """Escape Markdown and HTML metacharacters; fold newlines so a value stays inline."""
    text = re.sub(r"\s+", " ", printable(str(value)))
    return _MD_SPECIAL.sub(r"\\\1", text)


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_md(value)


def template_text(name: str) -> str:
    """A file of the shipped templates (briefs.templates), as text."""
    return resources.files("briefs.templates").joinpath(name).read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(template_text), finalize=_finalize, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    return env


def _citer(brief: Brief):
    numbers = {s.id: s.number for s in brief.sources}

    def cite(source_ids: list[str]) -> Markup:
        marks = sorted({numbers[s] for s in source_ids})  # KeyError = a bug, never hidden
        return Markup("".join(f"[{n}]" for n in marks))

    return cite


def reliability(source: SourceEntry) -> str:
    """A source's record in a few words: '6 points against the majority; contradicts
    itself; 8 clutter lines removed (1 by a chat assistant)'."""
    parts = []
    if source.contradicted_on:
        parts.append(f"{len(source.contradicted_on)} point(s) against the majority")
    if source.internal_inconsistencies:
        parts.append("contradicts itself")
    if source.single_source_claims:
        parts.append(f"{source.single_source_claims} uncorroborated claim(s)")
    if source.removed_clutter:
        machine = f" ({source.machine_text} by a chat assistant)" if source.machine_text else ""
        parts.append(f"{source.removed_clutter} clutter line(s) removed{machine}")
    return "; ".join(parts).capitalize() + "." if parts else ""


def shown_conflicts(conflicts: list[Conflict]) -> list[Conflict]:
    """The conflicts that fit on the page, in rank order: the worst of each kind first,
    so five disputed posts cannot push a misattributed quote or a wrong date off it."""
    firsts = list({c.kind: c for c in reversed(conflicts)}.values())[::-1]
    chosen = {id(c) for c in firsts[:MAX_CONFLICTS_SHOWN]}
    for conflict in conflicts:
        if len(chosen) >= MAX_CONFLICTS_SHOWN:
            break
        chosen.add(id(conflict))
    return [c for c in conflicts if id(c) in chosen]


def _lesser(conflicts: list[Conflict]) -> str:
    """The conflicts left off the page, in one line: '3 date, 1 quote wording'."""
    kinds = Counter(c.kind.replace("_", " ") for c in conflicts)
    return ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())


def render_markdown(brief: Brief) -> str:
    template = environment().get_template("brief.md.j2")
    conflicts = shown_conflicts(brief.conflicts)
    return template.render(
        brief=brief,
        conflicts=conflicts,
        more_conflicts=len(brief.conflicts) - len(conflicts),
        lesser=_lesser([c for c in brief.conflicts if id(c) not in {id(x) for x in conflicts}]),
        claims=brief.claims[:MAX_CLAIMS_SHOWN],
        single=brief.single_source_claims[:MAX_CLAIMS_SHOWN],
        cite=_citer(brief),
        heavy_removal=HEAVY_REMOVAL,
        reliability=reliability,
    )
