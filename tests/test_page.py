"""The one-page brief an analyst reads: headline, lead, what to watch, key quotes,
disputed delegates apart, measure statuses as stated, and the page budget. Every text
here is invented for the test."""

from __future__ import annotations

import pytest

from briefs.model import (
    ArticleExtraction,
    Brief,
    BriefClaim,
    BriefDelegate,
    BriefDelegation,
    BriefQuote,
    Conflict,
    ConflictVersion,
    SourceEntry,
    Span,
)
from briefs.read.cues import stated_status
from briefs.read.ingest import headline, outlet_named
from briefs.reconcile import reconcile
from briefs.reconcile.claims import next_steps
from briefs.render import render_markdown
from briefs.render.page import MAX_WORDS, key_quotes, split_teams
from briefs.text.sentences import split_sentences

HEADLINES = [  # the first lines of a plain-text article → its headline
    (["Harbour Gazette | World", "Ministers agree ferry pact in Tallinn", "By Ana Ruiz"],
     "Ministers agree ferry pact in Tallinn"),
    (["News › Europe › Energy", "By Tom Lee and Ana Ruiz", "Grid talks stall over cable costs"],
     "Grid talks stall over cable costs"),
    (["DESK LIVE | Fishing talks end with a quota deal", "Updates from our team."],
     "Fishing talks end with a quota deal"),
    (["UPDATE 2-Ministers sign river treaty after long night"],
     "Ministers sign river treaty after long night"),
    (["# Summit ends with pledge on ports – as it happened"],
     "Summit ends with pledge on ports – as it happened"),
    (["EXCLUSIVE", "Harbour deal set to be signed next week"],
     "Harbour deal set to be signed next week"),
]


@pytest.mark.parametrize(("lines", "expected"), HEADLINES, ids=[h for _, h in HEADLINES])
def test_the_headline_is_never_a_label_a_byline_or_a_wire_prefix(lines, expected) -> None:
    assert headline(lines) == expected


OUTLETS = [  # the first lines of a plain-text article → the outlet it names
    (["Harbour Gazette | World", "Ministers agree ferry pact in Tallinn"], "Harbour Gazette"),
    (["**The Lantern · Live**", "Ferry talks – as it happened"], "The Lantern"),
    (["Ferry pact signed", "PORTO, May 3 (ABC) — Ministers signed a ferry pact on Friday."],
     "ABC"),
    (["Ministers agree ferry pact in Tallinn", "By Ana Ruiz"], None),
]


@pytest.mark.parametrize(("lines", "expected"), OUTLETS, ids=[str(o) for _, o in OUTLETS])
def test_the_outlet_a_plain_text_article_names_at_its_top(lines, expected) -> None:
    assert outlet_named(lines) == expected


STATUSES = [  # (model's status, sentence) → status the sentence states
    ("eased", "The curbs on salt exports might be eased on Friday.", "expected"),
    ("eased", "The curbs on salt exports were eased on Friday.", "eased"),
    ("lifted", "Officials expect the quota to be lifted next month.", "expected"),
    ("agreed", "The two sides agreed a truce on Monday.", "agreed"),
    ("agreed", "The pact, agreed in May, will be signed in June.", "agreed"),
    ("in force", "A levy of 10% will apply from July.", "in force"),  # no word of it
    ("threatened", "The ministry could impose a levy.", "threatened"),
]


@pytest.mark.parametrize(("status", "sentence", "expected"), STATUSES)
def test_a_measure_that_might_happen_is_expected_not_done(status, sentence, expected) -> None:
    assert stated_status(status, sentence) == expected


def _extraction(name: str, text: str, title: str) -> ArticleExtraction:
    from briefs.model import Source

    source = Source(id=name, path=name, title=title, sha256=name, text=text,
                    sentences=split_sentences(text))
    return ArticleExtraction(source=source, backend="t", model="t", prompt_version="t")


REPORTS = {
    "a.txt": ("Ferry talks end in Tallinn",
              "Estonian and Finnish ministers agreed on Monday in Tallinn to run a new night "
              "ferry between the two capitals from next spring. The pilot scheme is set to "
              "expire in March unless both cabinets approve an extension. The next day, "
              "officials toasted the deal."),
    "b.txt": ("Night ferry agreed",
              "Finland and Estonia agreed on Monday to launch a night ferry between Helsinki "
              "and Tallinn. Ministers met for six hours in Tallinn."),
    "c.txt": ("Ferry deal: what it means",
              "Ministers from Estonia and Finland agreed in Tallinn on Monday to start a "
              "night ferry service between the capitals. Fares have not been set."),
}


def test_the_lead_says_what_happened_in_a_source_s_words_cited_to_every_backer() -> None:
    brief = reconcile([_extraction(k, text, title) for k, (title, text) in REPORTS.items()])
    assert brief.lead
    first = brief.lead[0]
    assert "agreed on Monday" in first.text or "agreed in Tallinn on Monday" in first.text
    assert len(first.sources) >= 2  # the other reports back it: cited to them too
    assert brief.title in {title for title, _ in REPORTS.values()}


def test_what_to_watch_is_a_deadline_ahead_not_a_past_next_day() -> None:
    found = next_steps([_extraction(k, text, title) for k, (title, text) in REPORTS.items()])
    texts = [c.text for c in found]
    assert any("set to expire in March unless" in t for t in texts)
    assert not any("The next day" in t for t in texts)


def _span(source: str, text: str) -> Span:
    return Span(source=source, start=0, end=len(text), text=text)


def _brief(**fields) -> Brief:
    base = {"title": "Ferry talks end in Tallinn", "bottom_line": [], "delegations": [],
            "quotes": [], "claims": [], "single_source_claims": [], "policy_measures": [],
            "conflicts": [], "sources": [SourceEntry(number=n, id=f"{x}.txt")
                                         for n, x in enumerate("abc", start=1)]}
    return Brief(**(base | fields))


def test_key_quotes_skip_fragments_rank_principals_first_and_read_cleanly() -> None:
    quotes = [
        BriefQuote(text="granular", speaker=None, sources=["a.txt"],
                   evidence=[_span("a.txt", "granular")]),
        BriefQuote(text="We will watch the fares closely,", speaker="Mari Tamm",
                   sources=["a.txt", "b.txt"], evidence=[_span("a.txt", "x")]),
        BriefQuote(text="The ferry is a lifeline for the islands,", speaker="Liis Kask",
                   sources=["c.txt"], evidence=[_span("c.txt", "x")]),
    ]
    delegations = [BriefDelegation(side="Estonia", members=[BriefDelegate(
        name="Liis Kask", roles=["Minister"], sources=["c.txt"], evidence=[])])]
    shown = key_quotes(_brief(quotes=quotes, delegations=delegations))
    assert [q.speaker for q in shown] == ["Liis Kask", "Mari Tamm"]  # no 1-word fragment
    assert shown[1].text == "We will watch the fares closely"  # no trailing comma
    assert "closely”" in render_markdown(_brief(quotes=quotes)) and ",”," not in \
        render_markdown(_brief(quotes=quotes))


def test_a_delegate_only_a_minority_names_is_shown_apart_as_disputed() -> None:
    members = [BriefDelegate(name="Mari Tamm", roles=["Minister"], sources=["b.txt", "c.txt"],
                             evidence=[]),
               BriefDelegate(name="Jaan Org", roles=["Minister"], sources=["a.txt"],
                             evidence=[])]
    conflict = Conflict(kind="post_holder", subject="Minister", versions=[
        ConflictVersion(value="Jaan Org", sources=["a.txt"], evidence=[]),
        ConflictVersion(value="Mari Tamm", sources=["b.txt", "c.txt"], evidence=[])])
    brief = _brief(delegations=[BriefDelegation(side="Estonia", members=members)],
                   conflicts=[conflict])
    (team,) = split_teams(brief)
    assert [m.name for m in team.agreed] == ["Mari Tamm"]
    assert team.disputed == [(["a.txt"], [members[1]])]
    assert "_disputed, named only by [1]:_ Jaan Org (Minister)" in render_markdown(brief)


def test_a_long_brief_is_cut_to_one_page_and_says_what_was_left_out() -> None:
    sentence = ("Ministers from both capitals met again on Monday to talk about ferries, "
                "fares, ports and the cable under the gulf, officials said. ")

    def claim(n: int, sources: list[str]) -> BriefClaim:
        text = f"{n}: {sentence}"
        return BriefClaim(text=text, sources=sources, evidence=[_span(sources[0], text)])

    brief = _brief(claims=[claim(n, ["a.txt", "b.txt"]) for n in range(20)],
                   single_source_claims=[claim(n, ["c.txt"]) for n in range(20)],
                   next_steps=[claim(n, ["a.txt"]) for n in range(5)])
    page = render_markdown(brief)
    assert len(page.split()) <= MAX_WORDS
    assert "Not shown for space, in the JSON output:" in page
    assert "single-source claims" in page and "agreements" in page


BODY = ("Ministers from Estonia and Finland met in Tallinn to agree the timetable for a new "
        "night ferry between the two capitals, officials said, and both cabinets are expected "
        "to approve the plan before the summer season begins next year.")


@pytest.mark.parametrize(("top", "date"), [
    ("Ferry pact agreed | Published 24.11.2024 – 10:32", "24.11.2024"),
    ("=== SUNDAY 24 NOVEMBER 2024 ===", "24 NOVEMBER 2024"),
    ("Ferry pact agreed, March 3, 2025", "March 3, 2025"),
    ("Ferry pact agreed, 2025-03-03", "2025-03-03"),
    ("Ferry pact agreed", None),
])
def test_the_date_printed_at_the_top_of_a_page_is_the_source_s(top, date) -> None:
    from briefs.read.ingest import article_from_bytes

    source = article_from_bytes(f"{top}\n\n{BODY}\n".encode(), "a.txt", "a.txt")
    assert source.date == date


@pytest.mark.parametrize(("sentence", "instrument", "shown"), [
    ("Ruritania's decision in April to suspend exports of rare earths and magnets has hurt "
     "carmakers, he said.", "export control",
     "…to suspend exports of rare earths and magnets has hurt…"),  # ten words at most
    ("However, a 90-day truce was agreed in May.", "truce or deal",
     "…a 90-day truce was agreed in May"),  # its clause, no more
    ("Borduria will cut tariffs.", "tariff", "Borduria will cut tariffs"),
])
def test_a_measure_is_shown_in_its_own_clause_s_words(sentence, instrument, shown) -> None:
    from briefs.render.page import measure_words
    assert measure_words(sentence, instrument) == shown
    assert shown.strip("…").replace("…", "") in sentence  # verbatim words of the source
