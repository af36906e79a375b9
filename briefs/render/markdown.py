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
from ..text.tokens import printable, stands_alone
from .page import Page, fit, key_quotes, left_out, measure_words, split_teams

# With [ and ] escaped no link or image can form, so ( ) ! need no escape.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#+|<>~])")
MAX_CONFLICTS_SHOWN = 8
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
    """A source's record in a few words: 'against the majority on 6 points; contradicts
    itself; chat-assistant text removed' (what else ingest removed is in the JSON and the
    review page)."""
    parts = []
    if source.contradicted_on:
        n = len(source.contradicted_on)
        parts.append(f"against the majority on {n} point{'s' if n > 1 else ''}")
    if source.internal_inconsistencies:
        parts.append("contradicts itself")
    if source.machine_text:
        parts.append("chat-assistant text removed")
    return "; ".join(parts).capitalize() + "." if parts else ""


def shown_conflicts(conflicts: list[Conflict], room: int = MAX_CONFLICTS_SHOWN
                    ) -> list[Conflict]:
    """The conflicts that fit on the page, in rank order: the worst of each kind first,
    so five disputed posts cannot push a misattributed quote or a wrong date off it."""
    firsts = list({c.kind: c for c in reversed(conflicts)}.values())[::-1]
    chosen = {id(c) for c in firsts[:room]}
    for conflict in conflicts:
        if len(chosen) >= room:
            break
        chosen.add(id(conflict))
    return [c for c in conflicts if id(c) in chosen]


def _lesser(conflicts: list[Conflict]) -> str:
    """The conflicts left off the page, in one line: '3 date, 1 quote wording'."""
    kinds = Counter(c.kind.replace("_", " ") for c in conflicts)
    return ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())


def render_markdown(brief: Brief) -> str:
    """The brief as one printed page of Markdown (see `page.fit`)."""
    template = environment().get_template("brief.md.j2")
    quotes = key_quotes(brief)
    apart = {s.id for s in brief.sources if s.outlier_reasons}  # the outlier's claims last
    single = sorted(brief.single_source_claims, key=lambda c: c.sources[0] in apart)
    claims = [c for c in brief.claims if stands_alone(c.text)]  # never 'He said…' alone
    counts = {"single": len(brief.single_source_claims), "claims": len(brief.claims),
              "measures": len(brief.policy_measures), "next_steps": len(brief.next_steps),
              "quotes": len(quotes), "lead": len(brief.lead)}

    def render(page: Page) -> str:
        room = page.limits
        conflicts = shown_conflicts(brief.conflicts, room["conflicts"])
        shown = {id(c) for c in conflicts}
        return template.render(
            brief=brief.model_copy(update={"lead": brief.lead[:room["lead"]]}),
            delegations=split_teams(brief),
            conflicts=conflicts,
            lesser=_lesser([c for c in brief.conflicts if id(c) not in shown]),
            next_steps=brief.next_steps[:room["next_steps"]],
            quotes=quotes[:room["quotes"]],
            measures=brief.policy_measures[:room["measures"]],
            claims=claims[:room["claims"]],
            single=single[:room["single"]],
            more={"conflicts": len(brief.conflicts) - len(conflicts),
                  "listed": left_out(counts, page)},
            cite=_citer(brief),
            heavy_removal=HEAVY_REMOVAL,
            reliability=reliability,
            what=lambda m: measure_words(m.text, m.instrument),
        )

    return fit(render)
