"""Cues read off the text: titles beside names, delegation sentences, quote attribution."""

from __future__ import annotations

import pytest

from briefs.read.attribution import rule_speaker
from briefs.read.cues import in_delegation, titles_beside
from briefs.read.segment import segment


@pytest.mark.parametrize(("text", "name", "titles"), [
    ("US Treasury Secretary Scott Bessent arrived.", "Scott Bessent", ["US Treasury Secretary"]),
    ("Kevin Hassett, director of the National Economic Council, told CNBC.", "Kevin Hassett",
     ["director of the National Economic Council"]),
    ("said Hassett, who serves as the director of the NEC, on Monday.", "Kevin Hassett",
     ["the director of the NEC"]),
    ("met Commerce Secretary Howard Lutnick and Trade Representative Jamieson Greer.",
     "Jamieson Greer", ["Trade Representative"]),  # not the neighbour's title
    ("Handshake Meeting\n\nKevin Hassett said so.", "Kevin Hassett", []),  # heading above
    ("reached by Presidents Donald Trump and Xi Jinping.", "Donald Trump", ["President"]),
    ("Trump, maintaining an upbeat tone, wrote.", "Donald Trump", []),  # not a post
    ("Ross, and Commerce Secretary Wilbur Ross attended.", "Robert Ross", []),
    # a title set before the name by a comma, lower case included
    ("Norway's external affairs minister, Ola Nord, writes online.", "Ola Nord",
     ["Norway's external affairs minister"]),
    ("The COP president, Ann Lee, closed it.", "Ann Lee", ["COP president"]),
    ("Holt met Latvia's president, Ann Lee, today.", "Ann Lee", ["Latvia's president"]),
    ("In a call with the minister, Ann Lee said no.", "Ann Lee", []),  # may be another
    # a past role and the one held now
    ("Ann Lee, a former executive at a bank who serves as Latvia's energy minister, spoke.",
     "Ann Lee", ["Latvia's energy minister"]),
    # a title after the name led by the country's possessive
    ("The COP president, Ann Lee, Latvia's minister of ecology and natural resources, spoke.",
     "Ann Lee", ["COP president", "Latvia's minister of ecology and natural resources"]),
    ("Ann Lee, Latvia's ambassador in Washington, said so.", "Ann Lee",
     ["Latvia's ambassador in Washington"]),
    ("Ann Lee, Latvia's, spoke.", "Ann Lee", []),  # no post after the possessive
])
def test_titles_beside(text: str, name: str, titles: list[str]) -> None:
    assert titles_beside(name, text) == titles


@pytest.mark.parametrize(("sentence", "name", "member"), [
    ("The US delegation is slated to include Treasury Secretary Steven Mnuchin.",
     "Steven Mnuchin", True),
    ("Attending the talks will be Scott Bessent and a contingent helmed by He Lifeng.",
     "He Lifeng", True),
    ("Bessent, Lutnick and Greer are representing Washington in the talks.", "Jamieson Greer",
     True),
    ("Lutnick and Greer have extended negotiations through June 11.", "Howard Lutnick", True),
    ("Adviser Kevin Hassett said the US team wanted a handshake after Donald Trump spoke.",
     "Donald Trump", False),
    ("Kevin Hassett, who heads the National Economic Council, spoke to CBS.", "Kevin Hassett",
     False),
    ("The deal was signed by India's Commerce Minister Arvind Rao.", "Arvind Rao", True),
    ("Canada was represented by International Trade Minister Claire Beaumont.",
     "Claire Beaumont", True),
    ("Vice-Minister Aiko Tanabe also took part in the meeting.", "Aiko Tanabe", True),
    ("Commerce Secretary Meera Pillai also attended.", "Meera Pillai", True),
    ("President Liis Kaljurand of Estonia hosted the meeting.", "Liis Kaljurand", True),
    ("Energy Minister Jussi Halme joined the Estonian hosts.", "Jussi Halme", True),
    ("after talks between EU Trade Commissioner Ingrid Valtonen and others", "Ingrid Valtonen",
     True),
    ("Analyst Josh Lipsky attended a dinner in Paris.", "Josh Lipsky", False),
    ("Beaumont said she hoped medicines could be added in a later review.", "Beaumont", False),
])
def test_in_delegation(sentence: str, name: str, member: bool) -> None:
    assert in_delegation(name, sentence) is member


ATTRIBUTION = (
    "“We want the magnets,” said Kevin Hassett on Sunday. "
    "“They left too many things open.” "
    "Negotiators called the mood “granular” and constructive.\n\n"
    "Josh Lipsky spoke later. “It is complicated,” he said. "
    "As Lipsky put it, both sides aim “to get back to Switzerland.”"
)


def test_rule_speaker_cases() -> None:
    doc = segment(ATTRIBUTION)
    doc.people = ["Kevin Hassett", "Josh Lipsky"]
    previous = None
    found = []
    for quote in doc.quotes:
        previous = rule_speaker(quote, doc, previous) or previous
        found.append((quote.text[:12], rule_speaker(quote, doc, found[-1][1] if found else None)))
    assert found == [
        ("We want the ", "Kevin Hassett"),  # said NAME
        ("They left to", "Kevin Hassett"),  # a bare quote continues the last speaker
        ("granular", None),  # 'negotiators': nobody named
        ("It is compli", "Josh Lipsky"),  # 'he said', person named just before
        ("to get back ", "Josh Lipsky"),  # NAME put it
    ]


def test_he_said_goes_to_the_person_just_named_not_the_previous_speaker() -> None:
    doc = segment("“We have built a bridge,” Valtonen told reporters.\n\n"
                  "Moriyama said Tokyo would set up a committee. “We will watch the numbers "
                  "every quarter,” he said.")
    doc.people = ["Valtonen", "Moriyama"]
    first, second = doc.quotes
    assert rule_speaker(first, doc, None) == "Valtonen"
    assert rule_speaker(second, doc, "Valtonen") == "Moriyama"


@pytest.mark.parametrize(("text", "name", "titles"), [
    ("Mark Rutte, the former Dutch prime minister who is now Nato's secretary general, "
     "spoke first.", "Mark Rutte", ["the former Dutch prime minister", "Nato's secretary general"]),
    ("The US secretary of state, Marco Rubio, says he and Vice-President JD Vance spent "
     "48 hours on the phone.", "Marco Rubio", []),
])
def test_a_phrase_after_a_name_is_a_post_only_when_it_names_one(text, name, titles) -> None:
    assert titles_beside(name, text) == titles


@pytest.mark.parametrize(("text", "speaker"), [
    ("“We are close,” Sharif said on Saturday.", "Sharif"),
    ("“We are close,” said Prime Minister Shehbaz Sharif.", "Shehbaz Sharif"),
    ("Rubio told reporters: “We are close.”", "Rubio"),
    ("“We are close,” Rubio said, as Dar listened.", "Rubio"),
    ("Rubio and Dar met. “We are close.”", None),  # nobody said it in this sentence
    ("“We are close,” Rubio said, and Dar said so too.", None),  # two speakers: no call
])
def test_said_by_reads_the_speaker_the_sentence_names(text: str, speaker: str | None) -> None:
    from briefs.read.attribution import said_by

    doc = segment(text)
    assert said_by(doc.quotes[0], doc) == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    ("Prime Minister Ana Ortega arrived late.\n\n“We stay,” the prime minister said.",
     "Ana Ortega"),
    ("US President Carl Brandt met the press.\n\n“It was nice,” the US president said.",
     "Carl Brandt"),
    ("Ana Ortega spoke first. Asked again, he had told reporters: “We stay.”", "Ana Ortega"),
    ("Ana Ortega arrived. She described the tariffs as “unfair and unilateral”.",
     "Ana Ortega"),
])
def test_a_quote_attributed_by_role_or_pronoun_goes_to_the_person(text, speaker) -> None:
    doc = segment(text)
    assert rule_speaker(doc.quotes[-1], doc, None) == speaker


ACTOR_CASES = [  # (sentence, the measure's word, who the sentence says takes it)
    ("Under the deal, developed countries will take the lead in mobilising $300bn a year.",
     "mobilising", "developed countries"),
    ("The EU's 27 members have agreed to raise spending on defence.", "spending",
     "European Union"),  # a side owns a bare group noun just after it
    ("PORTO, May 3 (ABC) — Delegates in Ruritania adopted a finance goal.", "finance",
     None),  # the dateline and 'in Ruritania' say where; 'Delegates' names nobody
    ("The U.S. will cut tariffs on British cars to 10%.", "tariffs", "United States"),
    ("A spending target was endorsed by the NATO allies on Wednesday.", "spending",
     "NATO allies"),  # nothing before: the first that can act after
    ("Officials said the levy would stay.", "levy", None),  # a bare group names nobody
    ("Delegates adopted a goal, committing developed nations to mobilise $50bn.", "mobilise",
     "developed nations"),  # 'committing' is not part of the group's name
    ("Spending on the defence industrial base will rise.", "Spending", None),  # no group
    ("Direct military support can be counted toward the target.", "target", None),
    ("The plenary adopted rules under the Paris Agreement.", "rules", None),  # a name
    ("Talks in the Netherlands produced a ceasefire.", "ceasefire", None),  # a place
]


@pytest.mark.parametrize(("sentence", "word", "actor"), ACTOR_CASES)
def test_the_actor_of_a_measure_is_the_side_or_group_the_sentence_puts_first(
        sentence, word, actor) -> None:
    from briefs.read.sides import acting_in
    assert acting_in(sentence, sentence.index(word)) == actor


@pytest.mark.parametrize(("sentence", "obliged"), [
    ("The decision calls on developed countries to take the lead in mobilising $90bn.",
     "developed countries"),
    ("It commits allies to spend at least 3% of GDP by 2040.", "allies"),
    ("The text requires major emerging economies such as China to contribute.",
     "major emerging economies"),
    ("Carl Brandt urged Japan to cut its tariffs.", None),  # his proposal: he stands first
    ("France urged Japan to cut its tariffs.", None),  # likewise a side
    ("The deal allows exporters a reprieve.", None),  # no 'to <verb>': nobody is obliged
])
def test_a_decision_s_measure_is_taken_by_the_party_it_obliges(sentence, obliged) -> None:
    from briefs.read.sides import obliged_in
    assert obliged_in(sentence, ["Carl Brandt"]) == obliged


@pytest.mark.parametrize(("actor", "sentence", "named"), [
    ("China", "Beijing will suspend exports of rare earths.", True),  # a form of the side
    ("China", "Ruritania will curb exports to China.", False),  # a target, not the actor
    ("Azerbaijan", "BAKU, Nov 24 (ABC) - Countries adopted a goal.", False),  # a dateline
    ("Monetary Policy Board", "The Monetary Policy Board cut rates.", True),  # a name
])
def test_a_sentence_names_the_actor_only_where_an_actor_stands(actor, sentence, named) -> None:
    from briefs.read.sides import names_actor
    assert names_actor(actor, sentence) is named


@pytest.mark.parametrize(("sentence", "answered", "stated"), [
    ("The two sides agreed a ceasefire from 5 pm.", "tariff", "truce or deal"),
    ("Under the deal, rich nations will mobilise $300bn a year.", "tariff",
     "spending or finance target"),  # the deal holds the measure: the measure is named
    ("Ruritania will raise its levy on steel.", "tariff", "tariff"),
    ("Markets rallied.", "sanction", "sanction"),  # no instrument stated: left to the check
])
def test_a_measure_s_instrument_is_the_one_its_sentence_states(sentence, answered,
                                                                stated) -> None:
    from briefs.extract.validators import stated_instrument
    assert stated_instrument(sentence, answered) == stated


@pytest.mark.parametrize(("sentence", "printed", "earlier"), [
    ("A 90-day truce and lower tariff rates were agreed in mid-May.", "June 9, 2025", True),
    ("Ruritania suspended exports of magnets in April.", "9 June 2025", True),
    ("The levy set in 2014 stays in place.", "2025-06-09", True),
    ("The levy will rise in August.", "June 9, 2025", False),  # ahead, not earlier
    ("Allies agreed to spend 5% of GDP by 2035.", "June 9, 2025", False),
    ("The truce struck last month still holds.", None, True),  # relative words: no date
    ("Ruritania suspended exports of magnets in April.", None, False),  # no date: unknown
    ("The ceasefire agreed two weeks ago is fraying.", "not a date", True),
])
def test_a_measure_placed_before_the_report_is_background(sentence, printed, earlier) -> None:
    from briefs.read.cues import before_the_report, published_on
    assert before_the_report(sentence, published_on(printed)) is earlier


@pytest.mark.parametrize(("actor", "sentence", "elsewhere"), [
    ("Azerbaijan", "Countries at the summit in Azerbaijan adopted a goal.", True),
    ("China", "Ruritania will curb exports to China.", True),  # a target
    ("China", "Beijing will suspend exports of rare earths.", False),  # the actor
    ("Japan", "Ruritania will curb exports.", False),  # not named at all: nothing to say
])
def test_an_actor_the_sentence_names_only_as_a_place_or_target(actor, sentence,
                                                                elsewhere) -> None:
    from briefs.read.sides import names_elsewhere
    assert names_elsewhere(actor, sentence) is elsewhere


def test_an_actor_is_named_by_whole_words_only() -> None:
    from briefs.read.sides import names_actor
    assert not names_actor("US", "Russia will curb gas exports.")  # 'us' inside 'Russia'
    assert names_actor("developed countries", "The least developed countries will pay.")
