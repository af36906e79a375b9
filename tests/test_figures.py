"""Facts read by rule, and the figure conflicts found from them: a table of cases.

Inputs are sentences written for these tests (no model is involved in this step)."""

from __future__ import annotations

import hashlib

import pytest

from briefs.model import Source
from briefs.read.facts import facts_of
from briefs.reconcile.figures import (
    clock_conflicts,
    date_conflicts,
    duration_conflicts,
    number_conflicts,
    scope_conflicts,
)


def source(name: str, text: str, date: str | None = None) -> Source:
    return Source(id=name, path=name, date=date, text=text,
                  sha256=hashlib.sha256(text.encode()).hexdigest())


def read(text: str, date: str | None = None) -> set[tuple[str, str]]:
    return {(f.kind, f.value) for f in facts_of(source("x.txt", text, date))}


# (sentence, facts that must be read, facts that must not)
CASES = [
    ("The EU capped the tariff on steel at 25%.", {("amount", "pct:25")}, set()),
    ("The tariff rises to 27.5 per cent.", {("amount", "pct:27.5")}, set()),
    ("Firms pledged $550bn in new investment.", {("amount", "USD:5.5e+11")}, set()),
    ("Firms pledged $55 billion in new investment.", {("amount", "USD:5.5e+10")}, set()),
    ("The link will cost €1.2bn.", {("amount", "EUR:1.2e+09")}, set()),
    ("They struck a 90-day truce.", {("amount", "days:90")}, set()),
    ("The deal removes tariffs on all goods.", {("quantifier", "all")}, set()),
    ("The deal removes tariffs on most goods.", {("quantifier", "most")}, set()),
    ("The safeguard is reviewed every six months.", set(), {("quantifier", "all")}),
    ("The accord was signed on March 3.", {("date", "03-03")}, set()),
    ("The accord was signed on 4 March.", {("date", "03-04")}, set()),
    ("The summit ended on Thursday.", {("date", "thursday")}, set()),
    ("Negotiations were extended through June 11.", set(), {("date", "06-11")}),
    ("They spoke by phone, their first contact since Trump's January 20 inauguration.", set(),
     {("date", "01-20")}),
    ("Following Trump's June 5 call with Xi, the talks began.", {("date", "06-05")}, set()),
    ("Hassett said on Sunday Morning Futures that talks went well.", set(),
     {("date", "sunday")}),
    ("The accord was signed on Wednesday, July 22, 2025.",
     {("weekday_mismatch", "July 22, 2025 was a Tuesday"), ("date", "07-22")}, set()),
    ("The accord was signed on Tuesday, July 22, 2025.", {("date", "07-22")},
     {("weekday_mismatch", "July 22, 2025 was a Tuesday")}),
    ("Live · Wednesday 25 June 2025 · updated 18:25", {("calendar_day", "06-25|wednesday")},
     set()),
    ("The leaders wrapped up on Thursday, June 25, agreeing to spend more.",
     {("date", "06-25")}, set()),  # 'agreeing' is a verb, not the name of an event
    ("The declaration adopted on Wednesday runs to five paragraphs.",
     {("date", "wednesday")}, set()),
    ("The text was gavelled through at around 2.30 am Baku time.", {("clock", "minutes:150")},
     set()),
    ("02:41 | GAVEL – the deal is done", {("clock", "minutes:161")}, set()),
    ("It was agreed, with effect from 1700 hours, that firing stops.", {("clock", "minutes:1020")},
     set()),
    ("The wire moved at 2300 GMT.", set(), {("clock", "minutes:1380")}),  # a zone code
    ("Lunch was served at 1 p.m. in the hall of the palace.", set(),
     {("clock", "minutes:780")}),  # no event
    ("The talks lasted just over 90 minutes.", {("duration", "minutes:90")}, set()),
    ("The meeting took about 1 hour 45 minutes.", {("duration", "minutes:105")}, set()),
    ("The sides entered a third day of trade talks.", {("duration", "days:3")}, set()),
    ("The talks, which could run into Tuesday, matter.", {("duration", "days:2")}, set()),
    ("I expect it to be a short meeting.", {("duration", "days:1")}, set()),
    ("The movie lasted 90 minutes.", set(), {("duration", "minutes:90")}),
    ("The agreement covers pharmaceuticals.", {("inclusion", "in")}, set()),
    ("Pharmaceuticals were left out of the deal.", {("inclusion", "out")}, set()),
    ("The deal exempts pharmaceuticals.", {("inclusion", "out")}, {("inclusion", "in")}),
    ("The deal does not include pharmaceuticals.", {("inclusion", "out")},
     {("inclusion", "in")}),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES, ids=[c[0][:40] for c in CASES])
def test_facts_read_from_a_sentence(text: str, present: set, absent: set) -> None:
    found = read(text)
    assert present <= found, found
    assert not absent & found, found


def test_a_weekday_off_its_date_is_caught_whatever_the_sentence_is_about() -> None:
    assert ("weekday_mismatch", "July 22, 2025 was a Tuesday") in read(
        "Markets were calm on Wednesday, July 22, 2025.")
    assert not {f for f in read("Prices rose on Monday, February 30, 2025.")
                if f[0] not in ("date", "year")}


def test_a_weekday_is_checked_against_the_articles_own_year() -> None:
    """No year printed beside the date: the source's date line gives it."""
    assert ("weekday_mismatch", "July 22, 2025 was a Tuesday") in read(
        "The accord was signed on Wednesday, July 22 in Brussels.", date="Jul 23, 2025")


def facts(*texts: str) -> list:
    return [f for i, t in enumerate(texts) for f in facts_of(source(f"{i}.txt", t))]


def test_the_same_quantity_reported_differently_is_a_number_conflict() -> None:
    [conflict] = number_conflicts(facts(
        "The EU capped its safeguard tariff on Japanese steel at 25%.",
        "The EU capped its safeguard tariff on Japanese steel at 27.5%.",
        "The EU capped its safeguard tariff on Japanese steel at 25% on Tuesday."))
    assert conflict.kind == "number"
    assert [v.sources for v in conflict.versions] == [["0.txt", "2.txt"], ["1.txt"]]
    assert conflict.severity == "medium"


def test_a_tenfold_gap_ranks_high() -> None:
    [conflict] = number_conflicts(facts("Japanese firms pledged $550bn of investment in Europe.",
                                        "Japanese firms pledged $55bn of investment in Europe."))
    assert conflict.severity == "high"


@pytest.mark.parametrize("texts", [
    ("The tariff on steel rose from 25% to 27.5%.", "The tariff on steel is now 27.5%."),
    ("The tariff on steel is 25%.", "Unemployment in the steel towns is 27.5%, he said."),
    ("The tariff on steel is 25%.", "Firms pledged $55bn of investment in steel."),
], ids=["a source giving both values", "different things", "different units"])
def test_no_number_conflict(texts: tuple[str, ...]) -> None:
    assert number_conflicts(facts(*texts)) == []


def test_all_goods_vs_most_goods() -> None:
    [conflict] = number_conflicts(facts("The pact removes tariffs on all goods traded.",
                                        "The pact removes tariffs on most goods traded."))
    assert {v.value for v in conflict.versions} == {"“all goods”", "“most goods”"}


def test_different_days_for_the_same_event_but_not_for_different_events() -> None:
    [conflict] = date_conflicts(facts("The summit ended on Thursday with a declaration.",
                                      "The regional summit ended on Friday.",
                                      "The summit opened on Wednesday."))
    assert conflict.sources == ["0.txt", "1.txt"]


def test_a_weekday_that_does_not_fall_on_the_date_cites_the_calendar() -> None:
    [conflict] = date_conflicts(facts("The accord was signed on Wednesday, July 22, 2025."))
    assert conflict.sources == ["0.txt"]
    assert conflict.versions[1].value == "the calendar: July 22, 2025 was a Tuesday"
    assert conflict.versions[1].sources == []


def test_durations_compare_minutes_with_a_tolerance_and_days_by_count() -> None:
    [conflict] = duration_conflicts(facts("The talks lasted just over 90 minutes.",
                                          "The meeting took about 1 hour 45 minutes."))
    assert conflict.kind == "duration"
    assert duration_conflicts(facts("The talks lasted 90 minutes.",
                                    "The meeting lasted 95 minutes.")) == []
    [conflict] = duration_conflicts(facts("She met him for around 45 minutes.",  # a tenth
                                          "They met for about 50 minutes."))  # apart: two
    [conflict] = duration_conflicts(facts("A brief meeting is foreseen.",
                                          "The sides entered a third day of talks."))
    assert [v.sources for v in conflict.versions] == [["0.txt"], ["1.txt"]]


def test_an_item_in_the_deal_for_one_source_and_out_for_another() -> None:
    [conflict] = scope_conflicts(facts("The agreement covers pharmaceuticals and cars.",
                                       "Pharmaceuticals were left out of the deal.",
                                       "Dairy farmers were left out of the talks."))
    assert conflict.kind == "scope"
    assert [v.sources for v in conflict.versions] == [["0.txt"], ["1.txt"]]


def test_a_weekday_beside_a_date_with_no_year_is_checked_in_the_sources_year() -> None:
    undated = source("a.txt", "The summit wrapped up on Thursday, June 25, leaders said.")
    dated = source("b.txt", "Leaders met on Wednesday, June 25, 2025, in The Hague.")
    (conflict,) = [c for c in date_conflicts(facts_of(undated) + facts_of(dated))
                   if "weekday" in c.subject]
    assert conflict.versions[0].sources == ["a.txt"]
    assert "2025 (the year the sources give) was a Wednesday" in conflict.versions[1].value
    assert not [c for c in date_conflicts(facts_of(undated)) if "weekday" in c.subject], \
        "no year anywhere: nothing to check against"


def test_other_sources_that_print_the_right_weekday_or_date_back_the_calendar() -> None:
    wrong = source("a.txt", "The summit wrapped up on Thursday, June 25, 2025, leaders said.")
    dateline = source("b.txt", "Live blog · Wednesday 25 June 2025 · 18:25")
    event = source("c.txt", "Leaders on Wednesday endorsed the declaration.")
    aside = source("d.txt", "He flew home on Wednesday.")  # no event of the summit
    (conflict,) = date_conflicts([f for s in (wrong, dateline, event, aside)
                                  for f in facts_of(s)])
    assert conflict.versions[0].sources == ["a.txt"]
    assert conflict.versions[2].sources == ["b.txt", "c.txt"]


def test_one_event_at_different_times_of_day_but_not_across_time_zones() -> None:
    [conflict] = clock_conflicts(facts("The deal was gavelled through at around 2.30 am.",
                                       "The chair brought down the gavel at about 2.40am.",
                                       "02:42 | GAVEL – done."))
    assert conflict.kind == "number"
    assert [v.sources for v in conflict.versions] == [["0.txt"], ["1.txt", "2.txt"]]
    assert clock_conflicts(facts("The truce took effect at 17:00 India time.",
                                 "The truce took effect at 4:30pm Pakistan time.")) == []
