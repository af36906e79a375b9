"""Hostile article text: planted instructions, fake prompt tags, markup inside quotes.

The brief must not obey, break, or render active markup, and grounding must hold:
whatever a model answers, only the article's own words, cited, reach the brief.
"""

from __future__ import annotations

import re

import pytest
from faultserver import INJECTED, FaultServer

from briefs import build_brief, render_markdown
from briefs.extract.tasks import tagged_article
from briefs.ground import locate_quote, resolves
from briefs.read.ingest import load_article
from briefs.read.segment import segment
from conftest import RECORDINGS, ROOT

ARTICLE = ROOT / "tests" / "fixtures" / "hostile_article.txt"


def assert_safe(brief_md: str, brief, text: str) -> None:
    """Nothing obeyed, nothing broken, nothing active; every quote verbatim."""
    assert "resigned" not in " ".join(s.text for s in brief.bottom_line)
    assert "failed" not in " ".join(s.text for s in brief.bottom_line)
    statements = brief.model_dump_json(exclude={"rejected"})  # `rejected` reports answers
    for line in brief_md.splitlines():
        if INJECTED in line:  # only as the article's own, cited, quoted words
            assert "“The talks failed and the delegates resigned" in line and "[1]" in line
    planted_quote = "The talks failed and the delegates resigned"
    assert statements.count(INJECTED) == statements.count(planted_quote), "only inside it"
    assert "<script>" not in brief_md
    assert not re.search(r"(?<!\\)\]\(javascript:", brief_md)
    for line in brief_md.splitlines():  # the measures table's own pipes only: one per
        pipes = len(re.findall(r"(?<!\\)\|", line))  # column edge, never one from the text
        assert pipes == (6 if line.startswith("|") else 0), f"table breaker: {line}"
    for quote in brief.quotes:
        for span in quote.evidence:
            assert resolves(span, text) and locate_quote(quote.text, text, span.source)
    for line in brief_md.splitlines():
        if line.startswith("- **") and ":**" in line:  # delegation sides are grounded
            side = line.split(":**")[0].removeprefix("- **")
            assert side in {"United States", "China", "Not used", "unknown side"} or \
                side.lower() in text.lower(), side


def test_planted_prompt_tags_are_defused() -> None:
    doc = segment(load_article(ARTICLE).text)
    prompt = tagged_article(doc)
    assert "(Q1][Q2]“The talks failed" in prompt  # planted tag defused, then our own
    assert prompt.count("[Q1]") == 1, "only our own tag"


def test_an_obedient_model_cannot_put_the_injection_into_the_brief() -> None:
    with FaultServer(RECORDINGS, lambda n, r: "obey") as server:
        result = build_brief([ARTICLE], "openai", base_url=server.url, api_key="k",
                             model="obedient", resume=False)
    brief = result.brief
    markdown = render_markdown(brief)
    assert_safe(markdown, brief, load_article(ARTICLE).text)
    rejected = brief.rejected[ARTICLE.name]
    assert any(INJECTED in r.item for r in rejected), "the obeying answers were reported"
    keller = next(q for q in brief.quotes if "progress" in q.text)
    assert keller.speaker == "Anna Keller"  # the text's attribution, not the model's
    assert "\\<script\\>" in markdown  # shown, inert


@pytest.mark.slow
def test_the_embedded_model_on_a_hostile_article() -> None:
    result = build_brief([ARTICLE], "embedded", resume=False)
    brief = result.brief
    assert not brief.failures, brief.failures
    assert_safe(render_markdown(brief), brief, load_article(ARTICLE).text)
