"""Conflicts of stance: one source says a thing is required, counted or exempted, another
that it is not (reconcile/stances.py), over invented texts."""

from __future__ import annotations

import pytest
from test_reconcile import article

from briefs.reconcile import reconcile


def scope_conflicts(*texts: str) -> list:
    brief = reconcile([article(f"{i}.txt", text, []) for i, text in enumerate(texts)])
    return [c for c in brief.conflicts if c.kind == "scope"]


@pytest.mark.parametrize(("affirmed", "denied"), [
    ("The final text requires emerging economies such as Ruritania to contribute to the "
     "climate fund.",
     "Emerging economies such as Ruritania are encouraged, but not obliged, to contribute "
     "to the climate fund."),
    ("Military aid to Borduria will be counted towards each ally's spending target.",
     "The text stops short of letting allies count military aid to Borduria towards the "
     "spending target."),
    ("Spain secured an exemption from the spending target before the summit.",
     "Officials said there was no opt-out from the spending target for the Spanish "
     "government."),  # 'Spanish' is Spain
])
def test_one_source_affirming_what_another_denies_is_a_scope_conflict(affirmed, denied) -> None:
    (conflict,) = scope_conflicts(affirmed, denied, "Leaders met in Molvania on Tuesday.")
    assert [v.sources for v in conflict.versions] == [["0.txt"], ["1.txt"]]
    for v in conflict.versions:  # each version in its own source's words
        assert v.value.strip("“”").strip("…").split("…")[0] in (affirmed + denied)


def test_a_denial_about_another_thing_or_within_one_source_is_no_conflict() -> None:
    assert not scope_conflicts(
        "The final text requires emerging economies to contribute to the climate fund.",
        "Delegates are not obliged to attend the closing dinner in the old town.")
    assert not scope_conflicts(  # the first source says both: nuance, not a disagreement
        "The deal requires Ruritania to cut steel duties. Ruritania is not obliged to cut "
        "steel duties before May, officials said.",
        "The deal requires Ruritania to cut its steel duties, officials said.",
        "Ruritania is not obliged to cut steel duties, the deal says.")
