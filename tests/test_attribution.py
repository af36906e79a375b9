"""Who spoke a quote: the text's own attribution against the model's answer, case by case
(invented names; each case is a pattern of news writing, not a corpus sentence)."""

from __future__ import annotations

import pytest

from briefs.read.attribution import attribute
from briefs.read.segment import segment

CASES = [
    # a paragraph ending in a colon introduces the quote standing below it
    ("Norway's prime minister, Ingrid Dahl, has posted her thanks:\n\n"
     "‘We thank everyone for the truce.’", "unknown", "Ingrid Dahl"),
    ("The US envoy, Mark Holt, says he spoke to Ann Lee and Tom Berg:\n\n"
     "‘I am pleased to announce a truce.’", "Tom Berg", "Mark Holt"),
    # a sentence naming one person as speaking introduces the bare quote after it
    ("Deputy Minister Ola Nord announced the deal online shortly after Tom Berg broke the "
     "news. “We have agreed to stop firing.”", "Tom Berg", "Ola Nord"),
    # an office nobody in the article is named as holding: the speaker is unnamed
    ("The ministry rejected the charge. “We remain committed,” the spokesperson said.",
     "Tom Berg", None),
    # ... and a bare quote right after it goes on in the same unnamed voice
    ("The ministry rejected the charge. “We remain committed,” the spokesperson said. "
     "“Issues should be settled by talks.”", "Tom Berg", None),
    # a praised or thanked person is not the speaker; 'he' is the last person speaking
    ("Prime Minister Ingrid Dahl also spoke to Tom Berg. She also thanked Tom Berg for "
     "his “leadership and vision.”", "Tom Berg", "Ingrid Dahl"),
    ("Minister Mark Holt said he had called Ann Lee, Tom Berg and Ola Nord. The sides, he "
     "said, had agreed “to start talks at a neutral site”.", None, "Mark Holt"),
    # a name the quote's sentence gives as speaking beats an answer it does not name
    ("Ola Nord met the press. Minister Mark Holt was the first to announce the deal, saying "
     "it was a “full ceasefire”.", "Ola Nord", "Mark Holt"),
    # 'the president said' at the head of a paragraph: the person the paragraph before
    # is about, when the article gives them no other office
    ("Mark Holt rounded on the islanders.\n\n“They are not paying,” the president said.",
     None, "Mark Holt"),
    ("Mark Holt rounded on the islanders.\n\n“They are not paying,” he told reporters.",
     "Ola Nord", "Ola Nord"),  # a pronoun backs the model, it does not overrule it
    ("Mark Holt rounded on the islanders.\n\n“They are not paying,” he told reporters.",
     None, "Mark Holt"),
    # ... but a spokesperson is not the person named before
    ("Mark Holt rounded on the islanders.\n\n“We reject it,” the spokesperson said.",
     "Mark Holt", None),
    # a pronoun introducing a quote with a colon; a quote of two sentences
    ("Ola Nord spoke last. On the treaty, she showed impatience: “We are committed.”",
     None, "Ola Nord"),
    ("Ann Lee closed the session.\n\n‘No. It is a matter of taste,’ the chair replied.",
     None, "Ann Lee"),
    # an office the article gives one person: the model's answer, who holds another, yields
    ("Trade Minister Ola Nord spoke after Mark Holt left. “We are close,” the trade "
     "minister quipped.", "Mark Holt", "Ola Nord"),
    # the model's answer stands where the text states nothing against it
    ("The talks went on. “It was a long night.” Nobody said more.", "Ola Nord", "Ola Nord"),
]


@pytest.mark.parametrize(("text", "answer", "speaker"), CASES,
                         ids=[c[2] or "unnamed" for c in CASES])
def test_the_speaker_the_text_states(text: str, answer: str | None, speaker: str | None) -> None:
    doc = segment(text)
    *before, quote = doc.quotes
    last = None
    for earlier in before:  # earlier quotes as ground reads them, in order
        last = (earlier, attribute(earlier, doc, None, None, last).speaker)
    said = attribute(quote, doc, None if answer == "unknown" else answer, None, last)
    assert said.speaker == speaker
    assert (said.overruled is None) == (said.speaker == (None if answer == "unknown" else answer))
