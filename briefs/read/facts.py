"""Facts read off the text by rule: figures, quantifiers, dates, durations, inclusions.

These are the details where outlets disagree most and where a 1.5B model is least
reliable, and each has a form a pattern can read exactly: '25%', '$550bn', 'all goods',
'Wednesday, July 22', 'just over 90 minutes', 'pharmaceuticals are exempt'. Every fact
keeps the sentence it stands in as its evidence, and a `topic`: the informative words
around it, which say what the figure is *of*, so that only facts about the same thing
are compared.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter

from ..model import Fact, FactKind, Source, Span
from ..text.amounts import AMOUNT, amount_value
from ..text.lexicon import (
    COUNTRY_WORDS,
    DEAL_NOUNS,
    EVENT_VERBS,
    MONTH,
    MONTHS,
    SITTING_NOUNS,
    STOPWORDS,
    WEEKDAY,
    WEEKDAYS,
    alternation,
)
from ..text.measure_words import EXCLUDE_WORDS, INCLUDE_WORDS
from ..text.sentences import sentences_of
from ..text.tokens import (
    clause_after,
    clause_before,
    content_words,
    phrase_after,
    phrase_before,
    stem,
)

_QUANTIFIER = re.compile(
    r"\b(?P<q>all|every|each|nearly all|almost all|most|the majority of|some|several|"
    r"a few|many|half of|none of|no)\s(?:of\s)?(?:the\s|its\s|their\s)?"
    r"(?P<noun>(?:[a-z][\w-]*\s){0,2}?(?:[a-z][\w-]*?s|goods|equipment|produce))\b",
    re.I,
)
_QUANTIFIER_CLASS = {"all": "all", "every": "all", "each": "all", "nearly all": "most",
                     "almost all": "most", "most": "most", "the majority of": "most",
                     "some": "some", "several": "some", "a few": "some", "many": "some",
                     "half of": "half", "none of": "none", "no": "none"}
_DATE = re.compile(
    rf"(?:(?P<wd>{WEEKDAY}),?\s)?(?P<month>{MONTH})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?\s(?P<year>(?:19|20)\d\d))?"
    rf"|(?:(?P<wd2>{WEEKDAY}),?\s)?(?P<day2>\d{{1,2}})\s(?P<month2>{MONTH})(?:\s(?P<year2>(?:19|20)\d\d))?"
    rf"|\bon\s(?P<wd3>{WEEKDAY})\b(?!,?\s[A-Z])"
)
_CLOCK = re.compile(  # '2.30 am', '6:41 PM', '3 a.m.', '02:41', '1700 hours'; no zone
    r"(?<![\d.:])(?:(?P<h>1[0-2]|0?\d)(?:[:.](?P<m>[0-5]\d))?\s?(?P<half>[ap])\.?m\b\.?"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
    r"|(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s(?:hours|hrs)\b)"
    r"(?!\s?\(?(?:[A-Z]{2,4}T|UTC|IST)\b)"
    r"(?:\s(?P<zone>(?:[A-Z][a-z]+\s){1,2}[Tt]ime))?", re.I)
CLOCK_EVENT_WINDOW = 5  # words after a time of day in which its event word may stand
_EVENT = re.compile("|".join(rf"\b(?P<{k}>{v})\b" for k, v in EVENT_VERBS.items()), re.I)
_SITTING = re.compile(rf"\b{alternation(SITTING_NOUNS)}\b", re.I)
_MINUTES = re.compile(
    r"(?P<approx>just over|just under|more than|less than|about|around|roughly|nearly|"
    r"almost|some)?\s?(?P<h>\d+|an?|one|two|three|four|five)\s(?:hours?)"
    r"(?:\s(?:and\s)?(?P<hm>\d+)\s(?:minutes?|mins?))?"
    r"|(?P<approx2>just over|just under|more than|less than|about|around|roughly|nearly|"
    r"almost|some)?\s?(?P<m>\d+)\s(?:minutes?|mins?)\b", re.I)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_NUMBER_WORD = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_DAYS = re.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth)\sday\b"
    r"|\b(?P<n>two|three|four|five|\d)-day\s(?:talks|meeting|summit|negotiations|session)"
    r"|\brun\s(?:into|over\sinto)\s(?:a\ssecond\sday|" + WEEKDAY + r")"
    r"|\b(?:through|until|till)\s(?P<until>" + MONTH + r"\s\d{1,2})"
    r"|\b(?P<brief>brief|short|quick)\s(?:meeting|talks|session|encounter|sitting)", re.I)
_INCLUDE = re.compile(rf"\b(?:{INCLUDE_WORDS})\b", re.I)
_EXCLUDE = re.compile(rf"\b(?:{EXCLUDE_WORDS})\b", re.I)
_GENERIC_ITEM = set("""deal agreement accord tariff tariffs talks list goods products items
    sectors sector countries measures package framework also such other those these
    which range scope terms plan would will exempt spared excluded included though
    although however""".split())


def _fact(kind: FactKind, value: str, label: str, topic: frozenset[str], span: Span) -> Fact:
    return Fact(kind=kind, value=value, label=label, topic=topic, span=span)


def _stems(words: list[str]) -> frozenset[str]:
    """5-letter stems; the words for an agreement are one ('deal' = 'accord' = 'pact')."""
    stems = ("deal" if w in DEAL_NOUNS else stem(w) for w in words)
    return frozenset(s for s in stems if s not in {"month", "year", "perce"})


def _topic(sentence: str, start: int, end: int, before: int = 6, after: int = 5) -> frozenset[str]:
    """Stems of the content words just before and after a match, within its clause."""
    head = clause_before(sentence, start)
    tail = clause_after(sentence, end)
    left = [w for w in content_words(head) if not w.isdigit()][-before:]
    right = [w for w in content_words(tail) if not w.isdigit()][:after]
    return _stems(left + right) - {stem(m) for m in MONTHS} - {stem(d) for d in WEEKDAYS}


def amounts(span: Span) -> list[Fact]:
    return [_fact("amount", amount_value(m), m.group(0).strip(),
                  _topic(span.text, m.start(), m.end()), span)
            for m in AMOUNT.finditer(span.text)]


def quantifiers(span: Span) -> list[Fact]:
    facts = []
    for m in _QUANTIFIER.finditer(span.text):
        noun = m.group("noun").split()[-1].lower()
        if noun in {"sides", "others", "times", "those", "these", "days", "weeks", "months",
                    "years", "hours", "minutes"}:
            continue
        topic = _topic(span.text, m.start(), m.end()) | {stem(noun)}
        facts.append(_fact("quantifier", _QUANTIFIER_CLASS[m.group("q").lower()],
                          m.group(0), topic, span))
    return facts


def _year(source: Source) -> int | None:
    if source.date and (m := re.search(r"(19|20)\d\d", source.date)):
        return int(m.group(0))
    years = Counter(re.findall(r"\b(?:19|20)\d\d\b", source.text))
    return int(years.most_common(1)[0][0]) if years else None


def dates(span: Span, year: int | None) -> list[Fact]:
    """Dates and weekdays tied to an event word. A weekday printed beside a date is
    checked against the calendar whatever the event: a 'weekday_mismatch' when it does
    not fall on that date, a 'calendar_day' (corroboration) when it does."""
    facts: list[Fact] = []
    for m in _DATE.finditer(span.text):
        weekday = m.group("wd") or m.group("wd2") or m.group("wd3")
        month_name = m.group("month") or m.group("month2")
        topic = _topic(span.text, m.start(), m.end())
        if month_name is not None:
            key = month_name.lower().rstrip(".")
            month = MONTHS.get(key) or MONTHS[key[:3]]
            day = int(m.group("day") or m.group("day2"))
            printed = int(m.group("year") or m.group("year2") or 0)
            if printed:  # the year of the event, as this source prints it
                facts.append(_fact("year", str(printed), m.group(0).strip(), frozenset(), span))
            when = printed or year
            real = weekday_of(when, month, day) if weekday and when else None
            if real and real == weekday.lower():  # 'Wednesday 25 June 2025', rightly
                facts.append(_fact("calendar_day", f"{month:02d}-{day:02d}|{real}",
                                   m.group(0).strip(), frozenset(), span))
            elif real:
                facts.append(_fact("weekday_mismatch", f"{calendar.month_name[month]} {day}, "
                                  f"{when} was a {real.title()}", m.group(0).strip(),
                                  topic, span))
            elif weekday and not when:  # checked against the year the other sources give
                facts.append(_fact("weekday_date", f"{weekday.lower()}|{month}|{day}",
                                   m.group(0).strip(), topic, span))
        before = span.text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(through|until|till|into|since|by)\s$", before):
            continue  # the end of a span of time, or a deadline: not the event's day
        event = _event_of(span.text, m.start(), m.end())
        if event is None:
            continue
        topic |= {"event:" + event}
        value = weekday.lower() if month_name is None else f"{month:02d}-{day:02d}"
        facts.append(_fact("date", value, m.group(0).strip(), topic, span))
    return facts


def clock_times(span: Span) -> list[Fact]:
    """The time of day an event happened ('gavelled through at around 2.30 am'), in
    minutes after midnight, with the event word in its clause before it or within a few
    words after it. A time labelled with a zone code ('2300 GMT', '19:44 BST') is left
    out; a place's time ('4:30pm Pakistan time') keeps the place as its zone."""
    facts = []
    for m in _CLOCK.finditer(span.text):
        if m.group("half"):
            hour = int(m.group("h")) % 12 + (12 if m.group("half").lower() == "p" else 0)
            minute = int(m.group("m") or 0)
        else:
            hour = int(m.group("h24") or m.group("hh"))
            minute = int(m.group("m24") or m.group("mm"))
        before = list(_EVENT.finditer(clause_before(span.text, m.start())))
        soon = " ".join(span.text[m.end() :].split()[:CLOCK_EVENT_WINDOW])
        event = before[-1] if before else _EVENT.search(soon)
        if event is None:
            continue
        zone = (m.group("zone") or "local").split()[0].lower()
        label = m.group(0).strip() if zone != "local" else m.group(0).split(" local")[0]
        topic = {"event:" + stem(event.group(0).split()[0].lower())}  # 'gavelled' = 'Gavel'
        facts.append(_fact("clock", f"minutes:{60 * hour + minute}", label.strip(),
                          _topic(span.text, m.start(), m.end()) | topic
                          | ({"zone:" + zone} if zone != "local" else set()), span))
    return facts


def weekday_of(year: int, month: int, day: int) -> str | None:
    try:
        return WEEKDAYS[dt.date(year, month, day).weekday()]
    except ValueError:  # 'February 30'
        return None


def _event_of(sentence: str, start: int, end: int) -> str | None:
    """What happened on a date: the noun right after it ('June 5 call'; a noun that names
    no event, as in 'January 20 inauguration', means the date is not about the talks),
    else the event verb nearest before it in its clause, else the first after it."""
    after = re.match(r"\W*([A-Za-z’'-]+)", sentence[end:])
    word = after.group(1) if after else ""
    if (own := _EVENT.fullmatch(word)) is not None:
        return own.lastgroup
    if word[:1].islower() and len(word) >= 4 and word.lower() not in STOPWORDS \
            and not word.endswith(("ed", "ing")) \
            and not (word.endswith("s") and not word.endswith("ss")):  # verbs, plurals
        return None
    clause = clause_before(sentence, start)
    before = list(_EVENT.finditer(clause))
    match = before[-1] if before else _EVENT.search(sentence, start)
    return match.lastgroup if match else None


_MET = re.compile(rf"\b(?:{EVENT_VERBS['meet']})\b", re.I)


def durations(span: Span) -> list[Fact]:
    """How long a sitting lasted or is to last ('the talks ran 90 minutes', 'they met
    for 45 minutes'): minutes, or a day count ('days:3')."""
    if not (_SITTING.search(span.text) or _MET.search(span.text)):
        return []
    facts = []
    for m in _MINUTES.finditer(span.text):
        if m.group("m"):
            minutes = int(m.group("m"))
        else:
            hours = m.group("h").lower()
            minutes = 60 * int(_NUMBER_WORD.get(hours, hours)) + int(m.group("hm") or 0)
        facts.append(_fact("duration", f"minutes:{minutes}", m.group(0).strip(),
                          frozenset({"sitti"}), span))
    for m in _DAYS.finditer(span.text):
        if m.group("ord"):
            days = _ORDINAL[m.group("ord").lower()]
        elif m.group("n"):
            days = _NUMBER_WORD.get(m.group("n").lower()) or int(m.group("n"))
        elif m.group("brief"):
            days = 1
        else:
            days = 2  # running into a later day, or through a later date: more than one
        facts.append(_fact("duration", f"days:{days}", m.group(0).strip(),
                          frozenset({"sitti"}), span))
    return facts


def inclusions(span: Span) -> list[Fact]:
    """'The deal covers pharmaceuticals' (value 'in') / 'pharmaceuticals were left out'
    ('out'). The item is the object of an active cue or the subject of a passive one:
    the first common nouns after or before it in its clause (names and countries are
    parties, not items)."""
    facts = []
    for pattern, value in ((_EXCLUDE, "out"), (_INCLUDE, "in")):
        for m in pattern.finditer(span.text):
            if value == "in" and _EXCLUDE.search(span.text[max(0, m.start() - 12) : m.end()]):
                continue
            head = phrase_before(span.text, m.start())
            if re.search(r"\b(?:is|are|was|were|be|been|being|remains?|remained)\s+$", head):
                words = [w for w in head.split() if w[:1].islower() or head.split()[0] == w][-4:]
            else:
                tail = phrase_after(span.text, m.end())
                words = [w for w in tail.split() if w[:1].islower()][:3]
            items = [w for w in content_words(" ".join(words))
                     if w not in _GENERIC_ITEM and w not in COUNTRY_WORDS]
            topic = _topic(span.text, m.start(), m.end(), before=8, after=8)
            facts.extend(_fact("inclusion", value, f"{m.group(0)}: {item}",
                              topic | {"item:" + stem(item)}, span) for item in items)
    return facts


def facts_of(source: Source) -> list[Fact]:
    """Every rule-read fact of a source, sentence by sentence."""
    year = _year(source)
    out: list[Fact] = []
    for span in sentences_of(source):
        out += amounts(span) + quantifiers(span) + dates(span, year) + clock_times(span)
        out += durations(span)
        out += inclusions(span)
    return out
