"""What goes on the one printed page, and in what order: the brief's items chosen and
ranked for a reader (principals' quotes first, disputed delegates apart), then cut, least
needed section first, until the Markdown fits MAX_WORDS. Nothing cut is lost: it is in
the JSON, and the page says how many of what."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Brief, BriefDelegate, BriefQuote, Conflict
from ..reconcile.common import minority_versions
from ..text.measure_words import INSTRUMENT_WORDS
from ..text.sentences import clause_words

MAX_WORDS = 650  # one printed page
MIN_QUOTE_WORDS = 3  # 'granular' alone is a fragment, not a key quote
# Sections cut one item at a time, in turn in this order, down to their floor.
CUT_ORDER = ("single", "claims", "measures", "next_steps", "quotes", "conflicts")
FLOORS = {"single": 1, "claims": 1, "measures": 1, "next_steps": 1, "quotes": 2,
          "conflicts": 4}
# When every section is down to its floor and the page is still long: these, in order.
LAST_RESORT = {"lead": 1, "quotes": 1, "conflicts": 2}
START = {"single": 3, "claims": 3, "measures": 4, "next_steps": 3, "quotes": 4,
         "conflicts": 8, "lead": 2}
NAMES = {"single": "single-source claim", "claims": "agreement", "measures": "measure",
         "next_steps": "next step", "quotes": "quote", "lead": "lead sentence"}
POST_KINDS = {"post_holder", "person_post"}


@dataclass
class SideTeam:
    side: str
    agreed: list[BriefDelegate]
    disputed: list[tuple[list[str], list[BriefDelegate]]]  # (the only sources, members)


def minority_names(conflicts: list[Conflict]) -> set[str]:
    """People a post conflict names only in a minority version: the sources disagree
    that they hold the post (or were there)."""
    return {v.value for c in conflicts if c.kind in POST_KINDS for v in minority_versions(c)}


def split_teams(brief: Brief) -> list[SideTeam]:
    """Each side's delegates, those a conflict disputes apart."""
    disputed = minority_names(brief.conflicts)
    teams = []
    for delegation in brief.delegations:
        apart = [m for m in delegation.members
                 if m.name in disputed or any(m.name in d for d in disputed)]
        by_sources: dict[tuple[str, ...], list[BriefDelegate]] = {}
        for member in apart:
            by_sources.setdefault(tuple(member.sources), []).append(member)
        teams.append(SideTeam(delegation.side, [m for m in delegation.members if m not in apart],
                              [(list(k), v) for k, v in by_sources.items()]))
    return teams


def clean_quote(text: str) -> str:
    """A quote as it reads between quote marks: no stray marks or trailing comma."""
    return text.strip().strip("“”\"‘’'").strip().rstrip(",;:").strip()


def key_quotes(brief: Brief) -> list[BriefQuote]:
    """Quotes worth the page: three words or more, one wording per remark; principals
    (named delegates) first, then the most corroborated, then the longest."""
    principals = {m.name for d in brief.delegations for m in d.members}
    disputed = minority_names(brief.conflicts)
    chosen = [q.model_copy(update={"text": clean_quote(q.text)}) for q in brief.quotes
              if q.variant_of is None and len(clean_quote(q.text).split()) >= MIN_QUOTE_WORDS]
    return sorted(chosen, key=lambda q: (
        -(q.speaker in principals and q.speaker not in disputed), -len(q.sources),
        -len(q.text.split())))


MEASURE_WORDS_SHOWN = 10  # a measure's own words in the table: its clause, cut to this


def measure_words(text: str, instrument: str) -> str:
    """What a measure is, in its source's words: the clause of its sentence holding the
    instrument's word ('…suspend exports of a wide array of critical minerals…'), cut to
    MEASURE_WORDS_SHOWN words (`text.sentences.clause_words`)."""
    hit = re.search(INSTRUMENT_WORDS.get(instrument, "."), text, re.I)
    if hit is None or instrument == "other":
        hit = re.search(r"\S", text)
        if hit is None:
            return ""
    return clause_words(text, hit.start(), hit.end(), MEASURE_WORDS_SHOWN)


@dataclass
class Page:
    """How many items of each section are shown."""

    limits: dict[str, int] = field(default_factory=lambda: dict(START))
    turn: int = 0  # the section of CUT_ORDER to cut next

    def cut_one(self) -> bool:
        """Show one item fewer in the next section, in CUT_ORDER's round, that can spare
        it (so every section shrinks a little rather than one vanishing); False when no
        section can."""
        for step in range(len(CUT_ORDER)):
            section = CUT_ORDER[(self.turn + step) % len(CUT_ORDER)]
            if self.limits[section] > FLOORS[section]:
                self.limits[section] -= 1
                self.turn = (self.turn + step + 1) % len(CUT_ORDER)
                return True
        for section, floor in LAST_RESORT.items():
            if self.limits[section] > floor:
                self.limits[section] -= 1
                return True
        return False


def fit(render: Callable[[Page], str]) -> str:
    """The page rendered with as many items as fit in MAX_WORDS."""
    page = Page()
    text = render(page)
    while len(text.split()) > MAX_WORDS and page.cut_one():
        text = render(page)
    return text


def left_out(counts: dict[str, int], page: Page) -> str:
    """'2 agreements, 1 measure': what the page has no room for."""
    parts = []
    for section, name in NAMES.items():
        extra = counts.get(section, 0) - page.limits[section]
        if extra > 0:
            parts.append(f"{extra} {name}{'s' if extra > 1 else ''}")
    return ", ".join(parts)
