"""Reconciliation on small hand-built extractions (test inputs, not model output)."""

from __future__ import annotations

import hashlib

from briefs.ground import locate_name, locate_quote
from briefs.model import ArticleExtraction, Claim, Person, Quote, Source, Span
from briefs.reconcile import merge_people, reconcile
from briefs.text.names import post_key, same_person, same_post


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
    assert same_person("Reza Tahmasbi", "Ali Reza Tahmasbi")  # one first name more
    assert not same_person("Reza Tahmasbi", "Reza Tahmasbi Junior")
    assert same_person("Xi", "Xi Jinping")
    assert same_person("Jamieson Greer", "Jamison Greer")  # spelling variant
    assert not same_person("Liu He", "He Lifeng")
    assert same_person("Sergei Lavrov", "Sergey Lavrov")  # transliterations
    assert same_person("Zelenskyy", "Volodymyr Zelensky")
    assert same_person("He Lifeng", "He Li-feng")
    assert not same_person("Ross", "Rossi") and not same_person("Keller", "Kellner")
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


def test_a_transliterated_surname_alone_joins_the_full_name() -> None:
    kyiv = article("k.txt", "President Volodymyr Zelensky spoke.",
                   [("Volodymyr Zelensky", "President", "Ukraine", True)])
    other = article("o.txt", "Zelenskyy met Sergey Lavrov.", [("Zelenskyy", None, None, False)])
    (person,) = merge_people([kyiv, other])
    assert person.name == "Volodymyr Zelensky" and len(person.mentions) == 2


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


def test_a_side_from_one_source_and_an_office_from_another_make_a_principal() -> None:
    """A summit: no source names a delegation. One gives the side ('Norway's'), another
    the office ('Prime Minister'), a third only the name: all three cite her. Someone
    with a side but no office anywhere is no principal."""
    a = article("a.txt", "Norway's Ingrid Dahl arrived. Olaf Berge, a Norwegian, watched.",
                [("Ingrid Dahl", None, "Norway", False), ("Olaf Berge", None, "Norway", False)])
    b = article("b.txt", "Prime Minister Ingrid Dahl spoke first.",
                [("Ingrid Dahl", "Prime Minister", None, False)])
    c = article("c.txt", "Ingrid Dahl left early.", [("Ingrid Dahl", None, None, False)])
    b.people[0].titles = ["Prime Minister"]
    (norway,) = reconcile([a, b, c]).delegations
    assert norway.side == "Norway"
    assert [(m.name, m.sources) for m in norway.members] == [
        ("Ingrid Dahl", ["a.txt", "b.txt", "c.txt"])]


def with_titles(name: str, text: str, people: list[tuple[str, list[str], str]],
                quotes: list[tuple[str, str]] = (), claims: list[str] = ()) -> ArticleExtraction:
    """Like `article`, with every title printed beside each person, and claims."""
    out = article(name, text, [(p, titles[0], side, True) for p, titles, side in people],
                  [(q, speaker, None, None) for q, speaker in quotes])
    for person, (_, titles, _) in zip(out.people, people, strict=True):
        person.titles = titles
    for claim in claims:
        start = text.index(claim)
        out.claims.append(Claim(text=claim, evidence=Span(source=name, start=start,
                                                          end=start + len(claim), text=claim)))
    return out


def kinds(brief) -> dict[str, list]:
    out: dict[str, list] = {}
    for conflict in brief.conflicts:
        out.setdefault(conflict.kind, []).append(conflict)
    return out


def test_former_title_for_a_sitting_official_is_a_dead_giveaway() -> None:
    sitting = with_titles("a.txt", "President Liis Kaljurand opened the summit.",
                          [("Liis Kaljurand", ["President"], "Estonia")])
    former = with_titles("b.txt", "Former President Liis Kaljurand chaired it.",
                         [("Liis Kaljurand", ["Former President"], "Estonia")])
    both = with_titles("c.txt", "President Liis Kaljurand spoke; former President Kaljurand "
                       "left.", [("Liis Kaljurand", ["President", "former President"], "Estonia")])
    found = kinds(reconcile([sitting, former]))
    (giveaway,) = found["person_post"]
    assert giveaway.severity == "high" and "former or sitting" in giveaway.subject
    assert [v.sources for v in giveaway.versions] == [["b.txt"], ["a.txt"]]
    assert "post_holder" not in found, "a former holder holds no post"
    (internal,) = kinds(reconcile([both]))["internal_inconsistency"]
    assert internal.sources == ["c.txt"]


def test_one_source_naming_two_holders_of_a_post_contradicts_itself() -> None:
    d = with_titles("d.txt", "Finnish Energy Minister Jussi Halme spoke. Later Finland's "
                    "Energy Minister Mikko Rinne paid.",
                    [("Jussi Halme", ["Finnish Energy Minister"], "Finland"),
                     ("Mikko Rinne", ["Finland's Energy Minister"], "Finland")])
    e = with_titles("e.txt", "Finland's Energy Minister Jussi Halme and Latvian Energy "
                    "Minister Ilze Ozola met.",
                    [("Jussi Halme", ["Finland's Energy Minister"], "Finland"),
                     ("Ilze Ozola", ["Latvian Energy Minister"], "Latvia")])
    found = kinds(reconcile([d, e]))
    (internal,) = found["internal_inconsistency"]
    assert internal.sources == ["d.txt"]
    assert internal.versions[0].value == "Finnish Energy Minister: Jussi Halme and Mikko Rinne"
    (holder,) = found["post_holder"]  # Ozola is Latvia's minister: no conflict with her
    assert {v.value: v.sources for v in holder.versions} == {
        "Jussi Halme": ["d.txt", "e.txt"], "Mikko Rinne": ["d.txt"]}


def test_one_speaker_worded_differently_is_a_low_severity_wording_difference() -> None:
    a = with_titles("a.txt", "“This agreement opens doors for our farmers and for patients "
                    "in both countries,” Beaumont said.", [("Beaumont", ["Minister"], "Canada")],
                    [("This agreement opens doors for our farmers and for patients in both "
                      "countries,", "Beaumont")])
    b = with_titles("b.txt", "“This deal opens the door for farmers and patients in both our "
                    "countries,” Beaumont told reporters.", [("Beaumont", ["Minister"], "Canada")],
                    [("This deal opens the door for farmers and patients in both our countries,",
                      "Beaumont")])
    (wording,) = kinds(reconcile([a, b]))["quote_wording"]
    assert wording.severity == "low"
    assert wording.sources == ["a.txt", "b.txt"]
    assert "quote_attribution" not in kinds(reconcile([a, b]))


def test_a_reworded_remark_in_short_words_is_one_remark_but_another_remark_is_not() -> None:
    said = [("Arvid Lund", ["envoy"], "Sweden")]
    a = with_titles("a.txt", "“Europe will pay BIG, as it should, and it will be your win,” "
                    "Arvid Lund wrote.", said,
                    [("Europe will pay BIG, as it should, and it will be your win,", "Arvid Lund")])
    b = with_titles("b.txt", "“Europe is going to pay in a BIG way, as they should,” Arvid Lund "
                    "wrote. “We are with them all the way,” Arvid Lund added.", said,
                    [("Europe is going to pay in a BIG way, as they should,", "Arvid Lund"),
                     ("We are with them all the way,", "Arvid Lund")])
    (wording,) = kinds(reconcile([a, b]))["quote_wording"]
    assert [v.sources for v in wording.versions] == [["a.txt"], ["b.txt"]]
    assert not any("all the way" in v.value for v in wording.versions)


def test_the_outlier_is_named_with_its_reasons_and_the_others_are_not() -> None:
    lone = with_titles("x.txt", "Treasury Secretary Steven Mnuchin and Trade Representative "
                       "Robert Lighthizer came.",
                       [("Steven Mnuchin", ["Treasury Secretary"], "United States"),
                        ("Robert Lighthizer", ["Trade Representative"], "United States")])
    text = ("Treasury Secretary Scott Bessent and Trade Representative Jamieson Greer came.")
    people = [("Scott Bessent", ["Treasury Secretary"], "United States"),
              ("Jamieson Greer", ["Trade Representative"], "United States")]
    brief = reconcile([lone, with_titles("y.txt", text, people),
                       with_titles("z.txt", text, people)])
    entries = {s.id: s for s in brief.sources}
    assert len(entries["x.txt"].contradicted_on) == 2
    assert entries["x.txt"].outlier_reasons == [
        "alone against the majority on the delegation and officials' posts (2)"]
    assert not entries["y.txt"].outlier_reasons and not entries["y.txt"].contradicted_on


def test_claims_are_grouped_by_corroboration_but_never_across_different_people() -> None:
    liu = with_titles("a.txt", "The Chinese delegation is led by Vice Premier Liu He. Talks in "
                      "London focused on rare earth exports and magnets.",
                      [("Liu He", ["Vice Premier"], "China")],
                      claims=["The Chinese delegation is led by Vice Premier Liu He.",
                              "Talks in London focused on rare earth exports and magnets."])
    he = with_titles("b.txt", "The Chinese delegation is led by Vice Premier He Lifeng. In "
                     "London the talks focused on exports of rare earth magnets.",
                     [("He Lifeng", ["Vice Premier"], "China")],
                     claims=["The Chinese delegation is led by Vice Premier He Lifeng."])
    brief = reconcile([liu, he])
    (agreed,) = brief.claims
    assert agreed.text.startswith("Talks in London") and agreed.sources == ["a.txt", "b.txt"]
    assert agreed.evidence[1].text.startswith("In London the talks")  # b's own words
    # Two sources naming different leaders disagree: neither is an agreement, and
    # neither is single-source either (the other source speaks of the same post).
    assert not brief.single_source_claims


def test_a_former_holder_beside_the_current_one_is_no_conflict() -> None:
    text = "Former Treasury Secretary Steven Mnuchin praised Treasury Secretary Scott Bessent."
    brief = reconcile([with_titles("a.txt", text, [
        ("Steven Mnuchin", ["Former Treasury Secretary"], "United States"),
        ("Scott Bessent", ["Treasury Secretary"], "United States")])])
    assert brief.conflicts == []


def test_a_bare_office_word_is_the_fuller_title_not_another_post() -> None:
    from briefs.reconcile.people import one_post_for_one_person

    assert one_post_for_one_person("secretary", "change climate executive secretary un")
    assert not one_post_for_one_person("minister", "deputy minister prime")


def test_a_deputy_post_is_not_the_post() -> None:
    assert not same_post(post_key("Deputy Prime Minister"), post_key("Prime Minister"))
    assert not same_post(post_key("Vice-President"), post_key("President"))
    assert same_post(post_key("US Treasury Secretary"), post_key("Treasury Secretary"))


def test_posts_of_different_kinds_held_at_once_are_not_a_conflict() -> None:
    text = ("Azerbaijan's ecology minister Mukhtar Rzayev, the COP president, spoke. "
            "Foreign minister Mukhtar Rzayev then left.")
    one = article("one.txt", text, [("Mukhtar Rzayev", "COP president", "Azerbaijan", False)])
    two = article("two.txt", text, [("Mukhtar Rzayev", "ecology minister", "Azerbaijan", False)])
    three = article("three.txt", text, [("Mukhtar Rzayev", "Foreign minister", "Azerbaijan",
                                         False)])
    (conflict,) = kinds(reconcile([one, two, three]))["person_post"]
    assert {v.value for v in conflict.versions} == {"ecology minister", "Foreign minister"}
    assert conflict.sources == ["three.txt", "two.txt"], "the presidency is no rival post"


def test_one_post_worded_two_ways_is_not_a_conflict() -> None:
    text = "Simon Stiell spoke."
    one = article("one.txt", text, [("Simon Stiell", "UN climate chief", None, False)])
    two = article("two.txt", text, [("Simon Stiell", "UN Climate Change Executive Secretary",
                                     None, False)])
    assert "person_post" not in kinds(reconcile([one, two]))


def test_a_rank_before_a_name_is_not_part_of_it() -> None:
    assert same_person("General Mark Halloran", "Mark Halloran")
    assert not same_person("General Mark Halloran", "General Anna Halloran")


def test_an_office_every_government_has_joins_no_holder_without_a_side() -> None:
    spain = article("s.txt", "Prime Minister Ana Ortega of Spain spoke. Prime Minister "
                    "Luc Marchand spoke too.",
                    [("Ana Ortega", "Prime Minister", "Spain", False),
                     ("Luc Marchand", "Prime Minister", None, False)])
    other = article("o.txt", "Prime Minister Ana Ortega spoke.",
                    [("Ana Ortega", "Prime Minister", "Spain", False)])
    found = kinds(reconcile([spain, other]))
    assert "post_holder" not in found and "internal_inconsistency" not in found


def test_one_speaker_printed_two_ways_is_no_misattribution() -> None:
    one = article("one.txt", "“We will hold,” Carl Brandt said.",
                  [("Carl Brandt", None, None, False)],
                  [("We will hold,", "Carl Brandt", None, None)])
    two = article("two.txt", "“We will hold,” Brandt said.", [("Brandt", None, None, False)],
                  [("We will hold,", "Brandt", None, None)])
    assert "quote_attribution" not in kinds(reconcile([one, two]))


def with_measure(name: str, text: str, sentence: str, status: str, date: str | None,
                 instrument: str = "tariff") -> ArticleExtraction:
    from briefs.model import PolicyMeasure

    out = article(name, text, [])
    out.source.date = date
    start = text.index(sentence)
    out.policy_measures.append(PolicyMeasure(
        actor="Ruritania", instrument=instrument, status=status,
        evidence=Span(source=name, start=start, end=start + len(sentence), text=sentence)))
    return out


def test_a_measure_done_before_the_report_is_background_by_its_own_or_the_sources_date() -> None:
    earlier = "Ruritania cut its tariff on Borduria's steel in March."
    ahead = "Ruritania will raise its tariff on Borduria's cars in August."
    measures = reconcile([
        with_measure("a.txt", earlier, earlier, "eased", None),  # no date of its own
        with_measure("b.txt", ahead, ahead, "expected", "June 9, 2025"),
    ]).policy_measures
    assert {(m.status, m.background) for m in measures} == {("eased", True),
                                                            ("expected", False)}


def test_one_measure_is_one_row_and_two_measures_of_one_actor_are_two() -> None:
    """Rows join sentences that say the same thing, never all of an actor's deals."""
    steel = "Ruritania agreed a deal with Borduria to cut steel duties to 10% by May."
    steel_again = "Ruritania struck a deal with Borduria cutting duties on steel to 10% by May."
    grain = "Ruritania also signed a grain accord with Molvania on Friday, officials said."
    rows = reconcile([
        with_measure("a.txt", steel, steel, "agreed", None, "truce or deal"),
        with_measure("b.txt", steel_again, steel_again, "agreed", None, "truce or deal"),
        with_measure("c.txt", grain, grain, "agreed", None, "truce or deal"),
    ]).policy_measures
    assert sorted(r.sources for r in rows) == [["a.txt", "b.txt"], ["c.txt"]]


def test_a_named_person_s_words_one_source_alone_gives_are_single_source() -> None:
    """The model picked no claim: what one outlet reports of a named person is still
    listed as said by it alone; the same report in two outlets is not."""
    one = article("one.txt", "Ministers met in Molvania on Tuesday. Ana Ortega said the "
                  "steel quota would be reviewed next spring by a new panel of experts.",
                  [("Ana Ortega", "Trade Minister", "Ruritania", False)])
    two = article("two.txt", "Ministers met in Molvania on Tuesday. Carl Brandt told "
                  "reporters the grain accord was never on the agenda this week.",
                  [("Carl Brandt", "Prime Minister", "Borduria", False)])
    three = article("three.txt", "Carl Brandt told reporters that the grain accord was "
                    "never on the agenda this week, officials in Molvania said.",
                    [("Carl Brandt", "Prime Minister", "Borduria", False)])
    single = reconcile([one, two, three]).single_source_claims
    assert [c.sources for c in single] == [["one.txt"]]
    assert single[0].text.startswith("Ana Ortega said")


def test_a_measure_row_is_shown_in_a_majority_source_s_words() -> None:
    from briefs.model import BriefMeasure
    from briefs.reconcile.measures import in_majority_words

    said = [Span(source=s, start=0, end=len(t), text=t) for s, t in [
        ("odd.txt", "Tariffs might be cut, insiders whisper."),
        ("b.txt", "Ruritania is expected to cut its tariffs on steel.")]]
    row = BriefMeasure(actor="Ruritania", instrument="tariff", status="expected",
                       text=said[0].text, sources=["odd.txt", "b.txt"], evidence=said)
    shown = in_majority_words(row, {"odd.txt"})
    assert shown.text == said[1].text and shown.evidence[0] is said[1]
    assert sorted(shown.sources) == ["b.txt", "odd.txt"]  # still cited to both
    alone = row.model_copy(update={"evidence": said[:1], "sources": ["odd.txt"]})
    assert in_majority_words(alone, {"odd.txt"}).text == said[0].text  # nobody else says it
