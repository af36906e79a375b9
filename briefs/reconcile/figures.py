"""Figures, dates, durations and scope across sources (facts read by `read.facts`).

Facts are compared only when they are about the same thing: the same unit and
overlapping topic words ('tariff … steel' in both). A source that states two values
('raised from 25% to 27.5%') is consistent with either, so a conflict needs two sources
whose values do not meet at all. A cluster of articles is about one event, so every
statement of how long the sitting ran is compared with every other.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict

from ..model import Conflict, ConflictVersion, Fact, Span
from ..read.facts import weekday_of
from ..text.lexicon import MONTHS, STOPWORDS
from .blocking import CandidateIndex
from .common import Links, version

NUMBER_TOLERANCE = 0.005  # relative difference under which two amounts are one
MINUTES_TOLERANCE = 0.1  # under a tenth apart is one length: 90 vs 95 minutes; 45 vs 50 differ
MIN_TOPIC = 2  # topic stems two facts must share to be about the same thing


def _same_topic(a: Fact, b: Fact) -> bool:
    shared = a.topic & b.topic
    return len(shared) >= min(MIN_TOPIC, len(a.topic), len(b.topic)) and bool(shared)


def _event(fact: Fact) -> str | None:
    return next((t for t in fact.topic if t.startswith("event:")), None)


def _cluster(facts: list[Fact], same) -> list[list[Fact]]:
    """Connected groups of facts that are `same`; each fact is compared only with the
    facts found through its rarest topic stems (blocking, as for quotes and claims)."""
    links = Links(len(facts))
    index = CandidateIndex(probes=8)
    for i, fact in enumerate(facts):
        words = " ".join(sorted(fact.topic))
        for j in index.candidates(words, limit=50):
            if links.root(i) != links.root(j) and same(fact, facts[j]):
                links.join(i, j)
        index.add(i, words)
    return [[facts[i] for i in group] for group in links.groups()]


def _amount(value: str) -> tuple[str, float | str]:
    unit, _, number = value.partition(":")
    try:
        return unit, float(number)
    except ValueError:
        return unit, number


def _equal(a: str, b: str) -> bool:
    (ua, va), (ub, vb) = _amount(a), _amount(b)
    if ua != ub:
        return False
    if isinstance(va, float) and isinstance(vb, float):
        return abs(va - vb) <= NUMBER_TOLERANCE * max(abs(va), abs(vb), 1e-9)
    return va == vb


def _disagreement(cluster: list[Fact], equal=_equal) -> list[list[Fact]] | None:
    """The cluster's facts split by value, when two sources' values do not meet."""
    groups: list[list[Fact]] = []  # one per distinct value (few, whatever the sources)
    ids: dict[str, set[int]] = defaultdict(set)  # source → the values it gives
    for fact in cluster:
        home = next((i for i, g in enumerate(groups) if equal(g[0].value, fact.value)), None)
        if home is None:
            groups.append([])
            home = len(groups) - 1
        groups[home].append(fact)
        ids[fact.span.source].add(home)
    said = list({frozenset(v) for v in ids.values()})  # distinct value sets, not sources
    apart = any(not (a & b) for i, a in enumerate(said) for b in said[i + 1 :])
    return groups if apart else None


def _versions(groups: list[list[Fact]]) -> list[ConflictVersion]:
    return [version(" / ".join(dict.fromkeys(f"“{f.label}”" for f in g)), [f.span for f in g])
            for g in groups]


def _subject(cluster: list[Fact]) -> str:
    """What the figure is of: the words around its first statement, the figure elided
    ('pledged to invest … in European industry')."""
    fact = cluster[0]
    text = fact.span.text
    at = text.find(fact.label)
    if at < 0:
        return "a figure"
    before = _trim(text[:at].split()[-5:], leading=True)
    after = _trim(text[at + len(fact.label) :].split()[:4], leading=False)
    return " ".join([*before, "…", *after]).strip(" ,.;:“”\"")


def _trim(words: list[str], leading: bool) -> list[str]:
    """Drop the numbers and little words at the loose end of a snippet."""
    def loose(word: str) -> bool:
        bare = word.strip(",.;:“”\"'()").lower()
        return not bare or bare in STOPWORDS or any(c.isdigit() for c in bare)

    while words and loose(words[0] if leading else words[-1]):
        words = words[1:] if leading else words[:-1]
    return words


def number_conflicts(facts: list[Fact], **_: object) -> list[Conflict]:
    """The same quantity reported differently: 25% vs 27.5%, $550bn vs $55bn, 'all goods'
    vs 'most goods'. Tenfold and larger gaps rank high."""
    conflicts = []
    amounts = [f for f in facts if f.kind == "amount"]
    for cluster in _cluster(amounts, lambda a, b: _amount(a.value)[0] == _amount(b.value)[0]
                            and _same_topic(a, b)):
        if groups := _disagreement(cluster):
            values = [v for g in groups if isinstance(v := _amount(g[0].value)[1], float)]
            ratio = max(values) / max(min(values), 1e-9) if values else 1.0
            conflicts.append(Conflict(
                kind="number", subject=_subject(cluster), versions=_versions(groups),
                severity="high" if ratio >= 2 else "medium"))
    said = [f for f in facts if f.kind == "quantifier"]
    for cluster in _cluster(said, _same_topic):
        if groups := _disagreement(cluster, equal=str.__eq__):
            conflicts.append(Conflict(kind="number", subject=_subject(cluster),
                                      versions=_versions(groups), severity="medium"))
    return conflicts


def date_conflicts(facts: list[Fact], **_: object) -> list[Conflict]:
    """Different days or dates for the same event, and weekdays that do not fall on the
    date printed beside them (checked against the calendar)."""
    conflicts = []
    for kind_test in (lambda v: "-" in v, lambda v: "-" not in v):  # dates, then weekdays
        said = [f for f in facts if f.kind == "date" and kind_test(f.value)]
        for cluster in _cluster(said, lambda a, b: _event(a) == _event(b) and _same_topic(a, b)):
            if groups := _disagreement(cluster, equal=str.__eq__):
                conflicts.append(Conflict(kind="date", subject=_subject(cluster),
                                          versions=_versions(groups), severity="medium"))
    return conflicts + [_off_the_calendar(f.label, f.value, f.span, facts) for f in facts
                        if f.kind == "weekday_mismatch"] + _weekdays_in_the_sources_year(facts)


_TRUTH = re.compile(r"(?P<month>[A-Z][a-z]+) (?P<day>\d+), \d{4}.* was a (?P<weekday>[A-Z][a-z]+)$")


def _off_the_calendar(label: str, truth: str, span: Span, facts: list[Fact]) -> Conflict:
    """A weekday that does not fall on the date beside it: the calendar says so, and so
    do the other sources that give that date or the right weekday for the event."""
    versions = [version(f"“{label}”", [span]),
                ConflictVersion(value=f"the calendar: {truth}", sources=[], evidence=[])]
    if found := _TRUTH.search(truth):
        day = f"{MONTHS[found['month'].lower()]:02d}-{int(found['day']):02d}"
        weekday = found["weekday"].lower()
        right = [f for f in facts if f.span.source != span.source and (
            (f.kind == "date" and f.value in (day, weekday))
            or (f.kind == "calendar_day" and f.value == f"{day}|{weekday}"))]
        if right:
            versions.append(version(" / ".join(dict.fromkeys(f"“{f.label}”" for f in right)),
                                    [f.span for f in right]))
    return Conflict(kind="date", subject=f"weekday and date disagree: “{label}”",
                    severity="medium", versions=versions)


def _weekdays_in_the_sources_year(facts: list[Fact]) -> list[Conflict]:
    """A weekday printed beside a date with no year ('Thursday, June 25'), checked in
    the year the sources print most often."""
    years = Counter(f.value for f in facts if f.kind == "year")
    if not years:
        return []
    year = int(years.most_common(1)[0][0])
    out = []
    for fact in (f for f in facts if f.kind == "weekday_date"):
        weekday, month, day = fact.value.split("|")
        real = weekday_of(year, int(month), int(day))
        if real and real != weekday:
            truth = f"{calendar.month_name[int(month)]} {day}, {year} (the year the sources " \
                    f"give) was a {real.title()}"
            out.append(_off_the_calendar(fact.label, truth, fact.span, facts))
    return out


CLOCK_TOLERANCE = 5  # minutes: '2.40am' and '02:41' are one time, '2.30 am' another


def clock_conflicts(facts: list[Fact], **_: object) -> list[Conflict]:
    """The same event put at different times of day: 'around 2.30 am' vs 'shortly before
    3 a.m.' for the gavel. Times are compared only for one event word ('agreed',
    'began'), so a live blog's other timestamps stay apart."""
    said = [f for f in facts if f.kind == "clock"]
    near = lambda a, b: abs(_amount(a)[1] - _amount(b)[1]) <= CLOCK_TOLERANCE  # noqa: E731
    conflicts = []
    for cluster in _cluster(said, lambda a, b: _event(a) == _event(b) and _zones_meet(a, b)):
        if groups := _disagreement(cluster, equal=near):
            conflicts.append(Conflict(kind="number", subject="what time " + _subject(cluster),
                                      versions=_versions(groups), severity="medium"))
    return conflicts


def _zones_meet(a: Fact, b: Fact) -> bool:
    """Two times are comparable unless each names a different place's time ('Baku time'
    and a local time are; 'India time' and 'Pakistan time' are not)."""
    za = {t for t in a.topic if t.startswith("zone:")}
    zb = {t for t in b.topic if t.startswith("zone:")}
    return not (za and zb) or za == zb


def duration_conflicts(facts: list[Fact], **_: object) -> list[Conflict]:
    """How long the talks ran: a brief sitting vs a third day; 90 vs 105 minutes."""
    said = [f for f in facts if f.kind == "duration"]
    days: dict[str, int] = {}
    for fact in said:
        unit, count = _amount(fact.value)
        count = 1 if unit == "minutes" else int(count)
        days[fact.span.source] = max(days.get(fact.span.source, 0), count)
    if len(set(days.values())) > 1:
        by_days: dict[int, list[Fact]] = defaultdict(list)
        for fact in said:
            by_days[days[fact.span.source]].append(fact)
        groups = [by_days[n] for n in sorted(by_days)]
        return [Conflict(kind="duration", subject="how long the talks ran", severity="medium",
                         versions=_versions(groups))]
    minutes = [f for f in said if f.value.startswith("minutes:")]
    near = lambda a, b: abs(_amount(a)[1] - _amount(b)[1]) < (  # noqa: E731
        MINUTES_TOLERANCE * max(_amount(a)[1], _amount(b)[1]))
    if minutes and (groups := _disagreement(minutes, equal=near)):
        return [Conflict(kind="duration", subject="how long the talks ran", severity="medium",
                         versions=_versions(groups))]
    return []


def scope_conflicts(facts: list[Fact], **_: object) -> list[Conflict]:
    """An item one source puts inside a deal or measure and another leaves out."""
    conflicts = []
    by_item: dict[str, list[Fact]] = defaultdict(list)
    for fact in (f for f in facts if f.kind == "inclusion"):
        item = next(t for t in fact.topic if t.startswith("item:"))
        by_item[item].append(fact)
    for said in by_item.values():
        inside = [f for f in said if f.value == "in"]
        outside = [f for f in said if f.value == "out"]
        pairs = [(a, b) for a in inside for b in outside
                 if a.span.source != b.span.source and len(a.topic & b.topic) >= 2]
        if pairs:
            spans: dict[str, list[Span]] = {"in": [], "out": []}
            for a, b in pairs:
                spans["in"].append(a.span)
                spans["out"].append(b.span)
            word = pairs[0][0].label.split(": ", 1)[1]
            conflicts.append(Conflict(
                kind="scope", subject=f"whether it covers {word}", severity="medium",
                versions=[version(f"included: {word}", spans["in"]),
                          version(f"left out: {word}", spans["out"])]))
    return conflicts


FIGURE_FINDERS = [number_conflicts, date_conflicts, clock_conflicts, duration_conflicts,
                  scope_conflicts]
