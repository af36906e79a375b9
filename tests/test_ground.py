"""Grounding validators, as a table of alignment cases."""

from __future__ import annotations

import pytest

from briefs.ground import locate, locate_name, locate_quote, resolves
from briefs.read.sides import canonical_side

ARTICLE = (
    "“The purpose of the meeting today is to make sure that they’re serious,” Hassett told "
    "CNBC. He added: \"We want the magnets to flow.\"\n\n"
    "Lipsky said both sides should aim “to get back to where they were\n\n"
    "“with a few more agreements down on paper.”\n\n"
    "Officials said the talks were constructive. The Chinese delegation was helmed by Vice "
    "Premier He Lifeng."
)

QUOTE_CASES = [
    # (what the model or a user claims was quoted, found?, why)
    ("The purpose of the meeting today is to make sure that they’re serious,", True,
     "verbatim, curly apostrophe"),
    ("The purpose of the meeting today is to make sure that they're serious,", True,
     "straight apostrophe for curly"),
    ('"We want the magnets to flow."', True, "straight quote marks around it"),
    ("We want the magnets to flow.", True, "inside straight quote marks"),
    ("to get back to where they were", True, "first paragraph of a split quote"),
    ("with a few more agreements down on paper.", True, "second paragraph of a split quote"),
    ("the talks were constructive", False, "in the article but not inside quotation marks"),
    ("The aim of today's encounter is to ascertain their sincerity", False, "paraphrase"),
    ("The purpose of the meeting today is to make sure they are serious", False,
     "close paraphrase of a real quote"),
    ("", False, "empty"),
]


@pytest.mark.parametrize(("quote", "found", "why"), QUOTE_CASES, ids=[c[2] for c in QUOTE_CASES])
def test_locate_quote(quote: str, found: bool, why: str) -> None:
    span = locate_quote(quote, ARTICLE, "a.txt")
    assert (span is not None) is found, why
    if span:
        assert resolves(span, ARTICLE)
        assert span.source == "a.txt"


def test_locate_spans_a_paragraph_break_as_whitespace() -> None:
    span = locate("where they were “with a few", ARTICLE, "a.txt")
    assert span is not None and "\n\n" in span.text and resolves(span, ARTICLE)


@pytest.mark.parametrize(("name", "expected"), [
    ("He Lifeng", "He Lifeng"),
    ("Kevin Hassett", "Hassett"),  # surname fallback
    ("Scott Bessent", None),
    ("Lif", None),  # no partial-word matches
])
def test_locate_name(name: str, expected: str | None) -> None:
    span = locate_name(name, ARTICLE, "a.txt")
    assert (span.text if span else None) == expected


def test_resolves_rejects_offsets_that_do_not_match_text() -> None:
    span = locate_name("Hassett", ARTICLE, "a.txt")
    assert span is not None
    assert not resolves(span.model_copy(update={"start": span.start + 1}), ARTICLE)
    assert not resolves(span.model_copy(update={"end": len(ARTICLE) + 5}), ARTICLE)


@pytest.mark.parametrize(("side", "expected"), [
    ("U.S.", "United States"), ("US", "United States"), ("Washington", "United States"),
    ("Chinese", "China"), ("Beijing", "China"), ("European Union", "European Union"),
    ("U.N.", "United Nations"), ("Nato", "NATO"), (None, None),
])
def test_canonical_side(side: str | None, expected: str | None) -> None:
    assert canonical_side(side) == expected


@pytest.mark.parametrize(("side", "text", "grounded"), [
    ("NATO", "Nato's secretary general spoke.", True),  # case and dots do not matter
    ("UN", "the U.N. climate chief", True),
    ("Monetary Policy Board", "the Monetary Policy Board voted", True),
    ("Board", "the Boards voted", False),  # a whole word or nothing
    ("The talks failed", "The talks failed.", False),  # a phrase, not a name
])
def test_a_side_the_model_names_must_be_printed(side: str, text: str, grounded: bool) -> None:
    from briefs.read.sides import grounded_side

    assert grounded_side(side, text) is grounded


@pytest.mark.parametrize(("answer", "titles", "team", "hint", "side"), [
    ("United States", ["U.S. Treasury Secretary"], None, None, "United States"),
    ("United States", [], "United States", None, "United States"),  # 'The US delegation …'
    ("United States", ["President"], None, "United States", "United States"),  # confirmed
    ("United States", ["President"], None, "China", None),  # a guess the text does not back
    ("China", ["Japan's Trade Minister"], None, None, "Japan"),  # the title wins
    (None, [], None, None, None),
    ("NATO", ["Secretary General"], None, None, "NATO"),  # a body the article names
])
def test_a_side_is_one_the_text_states(answer, titles, team, hint, side) -> None:
    from briefs.ground import stated_side
    from briefs.read.sides import canonical_side

    assert stated_side(canonical_side(answer), titles, team, hint) == side


@pytest.mark.parametrize(("name", "person"), [
    ("Shehbaz Sharif", True), ("Office", False), ("Foreign Office", False),
    ("Truth Social", False), ("Indian-administered Jammu", False), ("New Delhi", False),
    ("Jean-Noel Barrot", True),
])
def test_a_speaker_or_delegate_is_a_person(name: str, person: bool) -> None:
    from briefs.read.people import is_person_name

    assert is_person_name(name) is person


def test_where_no_delegation_is_named_the_officials_of_a_side_are_its_team(scripted):
    from briefs import build_brief
    from conftest import ROOT

    path = ROOT / "tests" / "fixtures" / "principals.txt"
    path.write_text(
        "Pakistan's Prime Minister Shehbaz Sharif welcomed the ceasefire on Saturday, and "
        "India's Foreign Secretary Vikram Misri confirmed it in New Delhi. The analyst Maya "
        "Rao said the truce was fragile. Both sides said the guns fell silent at five. "
        "Markets in both countries rose on the news, and diplomats said talks would "
        "follow next week.\n", encoding="utf-8")
    try:
        scripted.enqueue("claims", {"claims": ["S1"]})
        brief = build_brief([path], "scripted").brief
    finally:
        path.unlink()
    teams = {d.side: [m.name for m in d.members] for d in brief.delegations}
    assert teams == {"Pakistan": ["Shehbaz Sharif"], "India": ["Vikram Misri"]}, \
        "an analyst acts for no side"


def test_a_vehicle_or_a_force_is_not_a_speaker() -> None:
    from briefs.read.people import is_person_name

    assert not is_person_name("Air Force One") and not is_person_name("Pakistan Army")
