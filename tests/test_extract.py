"""Extraction through the backend interface, with a scripted backend (no HTTP): the
validators, instructor's re-ask and the salvage of what still fails."""

from __future__ import annotations

from briefs import build_brief, extract_article
from briefs.backends import REGISTRY
from briefs.cli import BackendName
from conftest import ROOT

ARTICLE = ROOT / "tests" / "fixtures" / "short_article.txt"
SOURCE = ARTICLE.name


def test_a_speaker_not_named_near_the_quote_is_reasked_with_the_reason(scripted) -> None:
    scripted.enqueue("speakers", {"Q1": "Maria Lindqvist"}, {"Q1": "Kenji Watanabe"})
    extraction = extract_article(ARTICLE, "scripted")
    asks = [messages for task, messages in scripted.calls if task == "speakers"]
    assert len(asks) == 2, "one re-ask"
    assert "Maria Lindqvist is not named near Q1" in asks[1][-1]["content"]
    assert asks[1][-2] == {"role": "assistant", "content": '{"Q1": "Maria Lindqvist"}'}
    assert [q.speaker for q in extraction.quotes] == ["Kenji Watanabe"]


def test_an_answer_that_still_fails_is_salvaged_field_by_field(scripted) -> None:
    bad = {"Maria Lindqvist": {"role": "", "side": "European Union"},
           "Kenji Watanabe": {"role": "", "side": "The talks failed"}}
    scripted.enqueue("people", bad, bad)
    extraction = extract_article(ARTICLE, "scripted")
    sides = {p.name: p.side for p in extraction.people}
    assert sides["Maria Lindqvist"] == "European Union", "the valid field was kept"
    assert sides["Kenji Watanabe"] != "The talks failed"
    assert any("Kenji Watanabe" in r.item and "neither a country" in r.reason
               for r in extraction.rejected), "the failed field is reported"


def test_a_measure_s_instrument_is_the_one_its_sentence_states_or_it_is_rejected(
        scripted) -> None:
    """S5 ('The EU imposed a 25% tariff…') states a tariff, whatever the model answered
    (small models answer a list's first option); S3 states no measure, so it is not
    among the ids offered: rejected with the reason. No re-ask for what the text settles."""
    scripted.enqueue("measures", {"measures": [
        {"sentence": "S5", "actor": "EU", "instrument": "subsidy", "status": "in force"},
        {"sentence": "S3", "actor": "EU", "instrument": "sanction", "status": "agreed"}]})
    extraction = extract_article(ARTICLE, "scripted")
    assert [(m.instrument, m.status) for m in extraction.policy_measures] == [
        ("tariff", "in force")]
    assert any("Input should be 'S2', 'S4' or 'S5'" in r.reason and "S3" in r.item
               for r in extraction.rejected)
    assert [task for task, _ in scripted.calls].count("measures") == 1, "measures: no re-ask"


def test_a_measure_s_actor_may_be_a_group_the_article_names_and_its_status_only_stated(
        scripted) -> None:
    """'the EU delegation' is a group the article names (kept, and then given as the
    sentence itself names the actor: 'The EU imposed…'); 'steel lobby' is not, nor is
    'Japanese steel in March' (words it prints, but no group): both rejected. A status
    the sentence does not state ('lifted') is read from its words instead ('imposed':
    in force); the measure stays."""
    scripted.enqueue("measures", {"measures": [
        {"sentence": "S5", "actor": "the EU delegation", "instrument": "tariff",
         "status": "lifted"},
        {"sentence": "S4", "actor": "steel lobby", "instrument": "tariff",
         "status": "threatened"},
        {"sentence": "S5", "actor": "Japanese steel in March", "instrument": "tariff",
         "status": "in force"}]})
    extraction = extract_article(ARTICLE, "scripted")
    assert [(m.actor, m.instrument, m.status) for m in extraction.policy_measures] == [
        ("European Union", "tariff", "in force")]
    for wrong in ("steel lobby", "Japanese steel in March"):
        assert any(f"'{wrong}' is neither a country nor a group the article names" in r.reason
                   for r in extraction.rejected), wrong


def test_an_answer_that_is_not_json_fails_only_its_task(scripted) -> None:
    scripted.enqueue("speakers", "this is not JSON")
    scripted.enqueue("claims", {"claims": ["S3"]})
    extraction = extract_article(ARTICLE, "scripted")
    assert [c.text[:20] for c in extraction.claims] == ["The EU delegation is"]
    assert any(r.kind == "speakers" and "not JSON" in r.reason for r in extraction.rejected)


def test_a_registered_backend_serves_a_whole_build(scripted) -> None:
    """A fourth backend needs the registry and its own module only (here: conftest's)."""
    scripted.enqueue("claims", {"claims": ["S2", "S5"]})
    result = build_brief([ARTICLE], "scripted")
    assert not result.brief.failures
    assert result.brief.usage[SOURCE].calls == len(scripted.calls)
    assert {c.text[:8] for c in result.brief.single_source_claims} == {"European", "The EU i"}


def test_every_registered_backend_is_a_cli_choice() -> None:
    assert {b.value for b in BackendName} == set(REGISTRY) - {"scripted"}


def test_a_person_named_as_a_measure_s_actor_stands_for_their_side(scripted) -> None:
    """A measure is a side's: 'Commissioner Maria Lindqvist' imposing a tariff is the
    European Union imposing it (the side the people answer gives her)."""
    scripted.enqueue("people", {"Maria Lindqvist": {"role": "", "side": "European Union"},
                                "Kenji Watanabe": {"role": "", "side": "Japan"}})
    scripted.enqueue("measures", {"measures": [
        {"sentence": "S5", "actor": "Commissioner Maria Lindqvist", "instrument": "tariff",
         "status": "in force"}]})
    extraction = extract_article(ARTICLE, "scripted")
    assert [m.actor for m in extraction.policy_measures] == ["European Union"]
