"""Checks of the model's answers against the article, run by pydantic as each answer is
parsed. A failed check raises a validation error that instructor feeds back to the model
(a re-ask); what still fails is dropped and reported by `run.salvage`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, ValidationInfo, model_validator

from ..model import Instrument, Status
from ..read.cues import named_near
from ..read.segment import Document
from ..read.sides import SIDE_WORD, canonical_side, grounded_side
from ..text.lexicon import GROUP_NOUNS, OFFICE_NOUNS
from ..text.measure_words import INSTRUMENT_WORDS, STATUS_WORDS
from ..text.tokens import plain

UNKNOWN = "unknown"
SNAP_DISTANCE = 5  # a cited sentence id may be this many sentences off (3 lost true measures)


def document_of(info: ValidationInfo) -> Document | None:
    return (info.context or {}).get("document")


def side_check(side: str, info: ValidationInfo) -> str:
    doc = document_of(info)
    if doc and not grounded_side(side, doc.text):
        raise ValueError(f"{side!r} is neither a country nor a name the article prints")
    return side


MAX_ACTOR_WORDS = 6


def actor_check(actor: str, info: ValidationInfo) -> str:
    """Who takes a measure: a side (see `side_check`), or a group the article names in
    its own words ('developed countries', 'the central bank'): a phrase it prints that
    ends in a group noun, so a clause such as 'The talks failed' is never an actor. An
    official given with their country ("Norway's climate envoy …") stands for that
    country, when the article prints it."""
    doc = document_of(info)
    if doc is None or grounded_side(actor, doc.text):
        return actor
    words = plain(actor).split()
    if 0 < len(words) <= MAX_ACTOR_WORDS and words[-1] in GROUP_NOUNS \
            and f" {' '.join(words)} " in f" {plain(doc.text)} ":
        return actor
    country = SIDE_WORD.search(actor)  # "Norway's climate envoy Anna Weiss": Norway acts
    if country and OFFICE_NOUNS & set(words) and re.search(
            rf"(?<!\w){re.escape(country.group(0))}(?!\w)", doc.text):
        return canonical_side(country.group(0))
    raise ValueError(f"{actor!r} is neither a country nor a group the article names")


def speaker_check(qid: str) -> Callable[[str, ValidationInfo], str]:
    def check(name: str, info: ValidationInfo) -> str:
        doc = document_of(info)
        quote = doc.quote(qid) if doc else None
        if quote is None or name == UNKNOWN:
            return name
        near = named_near(quote, doc)
        if name not in near:
            options = ", ".join(near) or f'nobody; answer "{UNKNOWN}"'
            raise ValueError(f"{name} is not named near {qid}; named near it: {options}")
        return name

    return check


CONTAINER = "truce or deal"  # a deal holds measures: named when nothing more precise is


def stated_instrument(sentence: str, answered: str) -> str:
    """The instrument a sentence states: the model's answer when its words are there;
    else the first instrument whose words are (a truce or deal last, as the container
    of other measures); else the answer, unchanged. Small models answer the first
    option of a list ('tariff') for a sentence about a ceasefire or a finance goal."""
    def states(instrument: str) -> bool:
        return bool(re.search(INSTRUMENT_WORDS[instrument], sentence, re.I))

    if answered != "other" and states(answered):
        return answered
    stated = [i for i in INSTRUMENT_WORDS if i not in ("other", CONTAINER) and states(i)]
    if stated:
        return stated[0]
    return CONTAINER if states(CONTAINER) else answered


class MeasureBase(BaseModel):
    sentence: str
    actor: Annotated[str, Field(max_length=40), AfterValidator(actor_check)]
    instrument: Instrument
    status: Status

    @model_validator(mode="after")
    def sentence_names_the_instrument(self, info: ValidationInfo) -> MeasureBase:
        """The instrument is the one the cited sentence states (`stated_instrument`).
        Small models cite ids a few sentences off: when the cited sentence states no
        instrument, move to the nearest listed sentence that names the model's, and
        reject the measure if there is none. A status the sentence's words do not state
        becomes 'unknown' (the measure stays)."""
        doc = document_of(info)
        if doc is None:
            return self
        ids = doc.measure_sentence_ids
        if self.sentence in ids:  # the sentence, not the list's first option, says which
            self.instrument = stated_instrument(doc.sentence(self.sentence).text,
                                                self.instrument)
        pattern = INSTRUMENT_WORDS[self.instrument]
        here = int(self.sentence.lstrip("S") or 0)
        near = sorted((abs(int(sid[1:]) - here), sid) for sid in ids
                      if abs(int(sid[1:]) - here) <= SNAP_DISTANCE
                      and re.search(pattern, doc.sentence(sid).text, re.I))
        if not near:
            raise ValueError(f"{self.sentence} does not state a {self.instrument}; cite the "
                             "sentence that states the measure, or leave it out")
        self.sentence = near[0][1]
        if not re.search(STATUS_WORDS[self.status], doc.sentence(self.sentence).text, re.I):
            self.status = UNKNOWN
        return self
