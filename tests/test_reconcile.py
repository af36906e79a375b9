"""Reconciliation on small hand-built extractions (test inputs, not model output)."""

from __future__ import annotations

import hashlib

from briefs.ground import locate_name, locate_quote
from briefs.models import ArticleExtraction, Person, Quote, Source
from briefs.reconcile import merge_people, reconcile
from briefs.similarity import post_key, same_person, same_post


def article(name: str, text: str, people: list[tuple[str, str | None, str, bool]],
            quotes: list[tuple[str, str, str | None, str | None]] = ()) -> ArticleExtraction:
    """An extraction whose every span is located in `text` (so grounding holds)."""
    source = Source(id=name, path=name, sha256=hashlib.sha256(text.encode()).hexdigest(),
                    text=text)
    out = ArticleExtraction(source=source, backend="test", model="none", prompt_version="t")
    for person, role, side, delegate in people:
        span = locate_name(person, text, name)
        assert span is not None, person
        out.people.append(Person(name=person, role=role, side=side, delegate=delegate,
                                 evidence=span))
    for text_, speaker, role, venue in quotes:
        span = locate_quote(text_, text, name)
        assert span is not None, text_
        out.quotes.append(Quote(text=span.text, speaker=speaker, speaker_role=role,
                                venue=venue, evidence=span))
    return out


A = article(
    "a.txt",
    "The US team is Treasury Secretary Steven Mnuchin and Commerce Secretary Wilbur Ross. "
    "“Shake on it today, oh boy!” Larry Kudlow, director of the National Economic Council, "
    "said to CNBC. Bessent was in the caption.",
    [("Steven Mnuchin", "Treasury Secretary", "United States", True),
     ("Wilbur Ross", "Commerce Secretary", "United States", True),
     ("Larry Kudlow", "director of the National Economic Council", "United States", False)],
    [("Shake on it today, oh boy!", "Larry Kudlow",
      "director of the National Economic Council", "CNBC")],
)
B = article(
    "b.txt",
    "Attending are US Treasury Secretary Scott Bessent and Commerce Secretary Wilbur Ross. "
    "“We want handshakes today,” Kevin Hassett, director of the National Economic Council, "
    "told CNBC.",
    [("Scott Bessent", "US Treasury Secretary", "United States", True),
     ("Wilbur Ross", "Commerce Secretary", "United States", True),
     ("Kevin Hassett", "director of the National Economic Council", "United States", False)],
    [("We want handshakes today,", "Kevin Hassett",
      "director of the National Economic Council", "CNBC")],
)
C = article(
    "c.txt",
    "Bessent said: “We want handshakes today,” and Wilbur Ross, the Defence Minister, agreed.",
    [("Bessent", None, "United States", False),
     ("Wilbur Ross", "Defence Minister", "United States", False)],
    [("We want handshakes today,", "Bessent", None, None)],
)


def test_same_person_and_post_rules() -> None:
    assert same_person("Bessent", "Scott Bessent")
    assert same_person("Xi", "Xi Jinping")
    assert same_person("Jamieson Greer", "Jamison Greer")  # spelling variant
    assert not same_person("Liu He", "He Lifeng")
    assert not same_person("Scott Bessent", "Steven Mnuchin")
    treasury = post_key("U.S. Treasury Secretary")
    assert treasury == post_key("Treasury Secretary")
    assert not same_post(treasury, post_key("Commerce Secretary"))
    assert same_post(post_key("director of the National Economic Council"),
                     post_key("heads the White House's National Economic Council director"))
    assert post_key("economic adviser") is None  # not a single-holder office


def test_people_merge_across_articles_and_mentions() -> None:
    names = sorted(p.name for p in merge_people([A, B, C]))
    assert names == ["Kevin Hassett", "Larry Kudlow", "Scott Bessent", "Steven Mnuchin",
                     "Wilbur Ross"]


def test_conflicts_post_holder_quote_attribution_and_person_post() -> None:
    brief = reconcile([A, B, C])
    by_kind: dict[str, list] = {}
    for conflict in brief.conflicts:
        by_kind.setdefault(conflict.kind, []).append(conflict)

    posts = {c.subject: {v.value: v.sources for v in c.versions} for c in by_kind["post_holder"]}
    treasury = next(v for k, v in posts.items() if "Treasury" in k)
    assert treasury == {"Steven Mnuchin": ["a.txt"], "Scott Bessent": ["b.txt"]}
    nec = next(v for k, v in posts.items() if "Economic" in k)
    assert nec == {"Larry Kudlow": ["a.txt"], "Kevin Hassett": ["b.txt"]}
    assert not any("Commerce" in k for k in posts), "Ross is Commerce Secretary in both"

    attributions = by_kind["quote_attribution"]
    verbatim = next(c for c in attributions if c.subject.startswith("We want handshakes"))
    assert {v.value.split(":")[0] for v in verbatim.versions} == {"Kevin Hassett",
                                                                  "Scott Bessent"}
    paraphrase = next(c for c in attributions if "worded differently" in c.subject)
    assert {"a.txt", "b.txt"} <= set(paraphrase.sources)

    (ross,) = by_kind["person_post"]
    assert ross.subject == "Wilbur Ross"
    assert {v.value for v in ross.versions} == {"Commerce Secretary", "Defence Minister"}


def test_every_conflict_and_item_cites_known_sources() -> None:
    brief = reconcile([A, B, C])
    known = {s.id for s in brief.sources}
    assert known == {"a.txt", "b.txt", "c.txt"}
    for conflict in brief.conflicts:
        assert set(conflict.sources) <= known
        assert conflict.model_dump()["sources"] == conflict.sources  # serialised for JSON
    for group in (brief.quotes, brief.claims, brief.single_source_claims):
        for item in group:
            assert set(item.sources) <= known


def test_delegation_counts_sources_per_member() -> None:
    brief = reconcile([A, B, C])
    (us,) = brief.delegations
    assert us.side == "United States"
    ross = next(m for m in us.members if m.name == "Wilbur Ross")
    assert ross.sources == ["a.txt", "b.txt"]
    assert us.members[0].name == "Wilbur Ross"  # most-backed first
