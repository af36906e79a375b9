"""The real embedded model on a short article (slow: loads the 1.1 GB model)."""

from __future__ import annotations

import pytest

from briefs import extract_article
from briefs.ground import locate_quote, resolves
from conftest import ROOT

ARTICLE = ROOT / "tests" / "fixtures" / "short_article.txt"


@pytest.mark.slow
def test_embedded_model_extracts_a_short_article(tmp_path) -> None:
    result = extract_article(ARTICLE, "embedded", store=tmp_path, record=True)
    text = result.source.text
    assert result.backend == "embedded" and result.usage.calls >= 3
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0

    (quote,) = result.quotes
    assert quote.speaker == "Kenji Watanabe"
    assert locate_quote(quote.text, text, result.source.id)
    delegates = {m.name for d in result.delegations for m in d.members}
    assert delegates == {"Maria Lindqvist", "Kenji Watanabe"}
    for item in [*result.people, *result.claims, *result.policy_measures, *result.quotes]:
        assert resolves(item.evidence, text)
    assert list(tmp_path.rglob("*.json")), "the exchange was recorded"
