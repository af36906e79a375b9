"""Rendering: escaping of hostile source text, citations, JSON."""

from __future__ import annotations

import re

import pytest

from briefs.model import Brief, BriefClaim, BriefQuote, SourceEntry, Span, Statement
from briefs.render import render_markdown
from briefs.render.markdown import escape_md

HOSTILE = 'Nice | table <script>alert(1)</script> [link](javascript:alert(1)) **bold** `code`'


def brief_with(text: str) -> Brief:
    span = Span(source="a.txt", start=0, end=len(text), text=text)
    return Brief(
        title=text, bottom_line=[Statement(text=text)],
        sources=[SourceEntry(number=1, id="a.txt", title=text)],
        delegations=[], quotes=[BriefQuote(text=text, speaker=text, sources=["a.txt"],
                                           evidence=[span])],
        claims=[], single_source_claims=[BriefClaim(text=text, sources=["a.txt"],
                                                    evidence=[span])],
        policy_measures=[], conflicts=[],
    )


def test_source_text_cannot_inject_markup() -> None:
    markdown = render_markdown(brief_with(HOSTILE))
    assert "<script>" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown), "no live link"
    assert " | " not in markdown.replace("\\|", "")
    assert "**bold**" not in markdown
    assert "\\<script\\>" in markdown  # still readable, just inert


@pytest.mark.parametrize(("raw", "escaped"), [
    ("a|b", "a\\|b"), ("[x](y)", "\\[x\\](y)"), ("<b>", "\\<b\\>"),
    ("line\nbreak", "line break"),
    ("# heading", "\\# heading"),
])
def test_escape_md(raw: str, escaped: str) -> None:
    assert escape_md(raw) == escaped


def test_unknown_citation_is_an_error_not_a_silent_gap() -> None:
    brief = brief_with("text")
    brief.single_source_claims[0].sources = ["missing.txt"]
    with pytest.raises(KeyError):
        render_markdown(brief)


def test_conflicts_beyond_the_page_are_summed_up_in_one_line_worst_of_each_kind_first() -> None:
    from briefs.model import Conflict, ConflictVersion
    from briefs.reconcile import rank

    def conflict(kind: str, n: int, severity: str = "high") -> Conflict:
        return Conflict(kind=kind, subject=f"{kind} {n}", severity=severity, versions=[
            ConflictVersion(value="x", sources=["a.txt"], evidence=[]),
            ConflictVersion(value="y", sources=["a.txt"], evidence=[])])

    brief = brief_with("text")
    brief.conflicts = rank([*(conflict("post_holder", n) for n in range(9)),
                            conflict("quote_wording", 0, "low"), conflict("date", 0, "medium"),
                            conflict("quote_attribution", 0)])
    markdown = render_markdown(brief)
    shown = re.findall(r"^- \*\*(.+?), ", markdown, re.M)
    assert len(shown) == 8
    assert set(shown) == {"post holder", "quote attribution", "date", "quote wording"}
    assert shown.count("post holder") == 5  # nine do not push the other kinds off
    assert shown[-2:] == ["date", "quote wording"]  # still in rank order
    assert "…and 4 lesser conflict(s) (4 post holder), listed in the JSON output." in markdown
