"""Who spoke a quote, as the text says it: the rules that back up and overrule the model.

News writing attributes a quote in a handful of ways, each a rule here: a name beside
a speech verb in the quote's sentence ('“…,” Roe said'); a paragraph or sentence that
introduces the quote ('The president, Ann Roe, posts on social media:' then the quote
alone); an office ('the spokesperson said'), held by someone the article names or by
no one named (then the speaker is unnamed); a pronoun ('he said'), meaning the person
last named as speaking; and a praise or thanks verb, whose object is never the speaker
('X thanked Y for his “leadership”' quotes X). `attribute` combines them with the
model's answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.lexicon import (
    FRAMING_VERBS,
    ISSUING_VERBS,
    OFFICE_NOUNS,
    PRAISE_VERBS,
    SPEECH_AUXILIARIES,
    SPEECH_VERB,
    SPEECH_VERBS,
    alternation,
)
from ..text.names import same_person
from .cues import mentions, named_near, outside_quotes, titles_beside
from .people import is_person_name
from .segment import Document, QuotedSpan, Sentence

_PUNCTUATION = " ,.;:!?“”\"‘’'…"


def quote_sentence(quote: QuotedSpan, doc: Document) -> Sentence | None:
    """The sentence a quote stands in, through the sentence where it ends: a quote of
    two sentences is attributed after its last ('“No. It is taste,” she said')."""
    first = doc.sentence(quote.sentence_id)
    if first is None:
        return None
    last = next((s for s in doc.sentences if s.start <= quote.end <= s.end), first)
    end = max(first.end, last.end)
    return Sentence(id=first.id, start=first.start, end=end, text=doc.text[first.start : end])


_SAYS = alternation((*SPEECH_VERBS, *FRAMING_VERBS, *ISSUING_VERBS))
_SUBJECT_SAYS = re.compile(rf"\s+(?:\w+\s+)?(?:{_SAYS})\b")


def said_by(quote: QuotedSpan, doc: Document) -> str | None:
    """The one person the quote's own sentence says spoke it, beside a speech verb:
    '“…,” Haddad said', '“…,” said Prime Minister Haddad', 'Haddad told reporters: “…”',
    'Haddad praised them for their “wisdom”' (a framing verb after its subject).
    None when no name, or more than one, stands so."""
    sentence = quote_sentence(quote, doc)
    if sentence is None:
        return None
    outside = outside_quotes(sentence, doc)
    found = []
    for name in doc.people:
        for match in mentions(name, outside):
            after = outside[match.end() : match.end() + 25]
            before = outside[max(0, match.start() - 45) : match.start()]
            if _SUBJECT_SAYS.match(after) or re.search(
                    rf"\b{SPEECH_VERB}\s+(?:[\w.'’-]+\s+){{0,4}}$", before):
                found.append(name)
                break
    return found[0] if len(found) == 1 else None


def _paragraph_around(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


_INTRODUCING = re.compile(rf"\b(?:{SPEECH_VERB}|{alternation(ISSUING_VERBS)})\b")


def introduced_by(quote: QuotedSpan, doc: Document) -> str | None:
    """For a quote that stands as a paragraph of its own after a paragraph ending in a
    colon ('The US president, Ann Roe, says on social media:' / '“…”'), the person that
    introduction names as speaking: the one beside a speech verb, else the first named."""
    start, end = _paragraph_around(doc.text, quote.start)
    rest = doc.text[start : quote.start - 1] + doc.text[quote.end + 1 : end]
    if rest.strip(_PUNCTUATION) or start == 0:
        return None
    before = doc.text[: start].rstrip()
    intro_start, _ = _paragraph_around(before, len(before) - 1)
    intro = before[intro_start:]
    if not intro.endswith(":"):
        return None
    named = sorted((m.start(), m.end(), n) for n in doc.people for m in mentions(n, intro))
    for _, stop, name in named:
        if _INTRODUCING.search(intro[stop : stop + 40]):
            return name
    return named[0][2] if named else None


_OFFICE = re.compile(rf"\b{alternation(OFFICE_NOUNS)}\b", re.I)
# 'On Article 5, he showed some impatience: “…”': a pronoun introducing a quote.
_PRONOUN_INTRO = re.compile(r"\b(?:he|she)\b[^.!?“”\"]*:\s*[“\"‘']?\s*$", re.I)
_PRONOUN_SAID = re.compile(
    rf"\b(?:he|she)\s+(?:{alternation(SPEECH_AUXILIARIES)}\s+)?{_SAYS}\b", re.I)
_ROLE_SAID = re.compile(
    rf"\b(?:the|a)\s+(?:[\w.'’-]+\s+){{0,3}}?(?P<office>{alternation(OFFICE_NOUNS)})"
    rf"(?:\s+[\w.'’-]+){{0,2}}?\s+(?:{alternation(SPEECH_AUXILIARIES)}\s+)?{_SAYS}\b", re.I)


def _office_holder(outside: str, quote: QuotedSpan, doc: Document) -> str | None:
    """For '…,' the prime minister said: the person just named (as for 'he said') when
    the article gives them that office or none at all, else the person named last
    before the quote whom the article gives that office."""
    said = _ROLE_SAID.search(outside)
    if not said:
        return None
    office = said["office"].lower().rstrip("s")
    near = None if _speaks_for_a_body(office) else antecedent(quote, doc)
    if near:
        posts = [t.lower() for t in titles_beside(near, doc.text) if _OFFICE.search(t)]
        if not posts or any(office in t for t in posts):
            return near
    latest: tuple[int, str] | None = None
    for name in doc.people:
        if not _has_office(name, office, doc):
            continue
        before = [m.start() for m in mentions(name, doc.text) if m.start() < quote.start]
        if before and (latest is None or max(before) > latest[0]):
            latest = (max(before), name)
    return latest[1] if latest else None


def antecedent(quote: QuotedSpan, doc: Document) -> str | None:
    """Whom 'he said' or 'the president said' means: the last person named as speaking
    before the quote in its paragraph ('Roe said he had spoken to A, B and C. The talks,
    he said, …' is Roe), else the first person named in the nearest sentence naming
    anyone (its subject). A paragraph that names nobody before the quote looks back to
    the paragraph before it (headings skipped): 'Roe rounded on Spain.' / '“…,” he said.'"""
    index = next(i for i, s in enumerate(doc.sentences) if s.id == quote.sentence_id)
    start, _ = _paragraph_around(doc.text, quote.start)
    own = [s for s in doc.sentences[max(0, index - 2) : index + 1] if s.end > start]
    found = _speakers_and_subjects(own, quote, doc)
    if found is None:
        earlier = [s for s in doc.sentences[:index] if s.end <= start
                   and s.id not in doc.heading_ids]
        if earlier:
            para, _ = _paragraph_around(doc.text, earlier[-1].start)
            found = _speakers_and_subjects([s for s in earlier[-3:] if s.start >= para],
                                           quote, doc)
    return found


def _speakers_and_subjects(sentences: list, quote: QuotedSpan, doc: Document) -> str | None:
    speakers: list[str] = []
    subjects: list[str] = []
    for sentence in sentences:
        text = outside_quotes(sentence, doc)
        if sentence.id == quote.sentence_id:  # up to the pronoun: 'he' means no one after it
            pronoun = _PRONOUN_SAID.search(text) or _ROLE_SAID.search(text)
            text = text[: pronoun.start() if pronoun else max(0, quote.start - sentence.start)]
        thanked = praised(quote, doc) if sentence.id == quote.sentence_id else set()
        named = sorted((m.start(), m.end(), n) for n in doc.people for m in mentions(n, text)
                       if n not in thanked)
        speakers += [n for _, end, n in named if _SUBJECT_SAYS.match(text[end : end + 25])]
        subjects += [named[0][2]] if named else []
    return (speakers or subjects or [None])[-1]


def rule_speaker(quote: QuotedSpan, doc: Document, previous: str | None) -> str | None:
    """Who the text says spoke the quote: a name beside a speech verb in its sentence,
    else a name in that sentence, else for 'he said' the nearest person named before it
    in the paragraph (or the previous quote's speaker), and for a bare quote following
    another the previous quote's speaker."""
    sentence = quote_sentence(quote, doc)
    if sentence is None:
        return None
    outside = outside_quotes(sentence, doc)
    thanked = praised(quote, doc)
    in_sentence = [n for n in named_near(quote, doc)
                   if n not in thanked and any(True for _ in mentions(n, outside))]
    for name in in_sentence:
        for match in mentions(name, outside):
            near = outside[max(0, match.start() - 30) : match.end() + 60]
            if re.search(rf"\b{SPEECH_VERB}\b", near):
                return name
    if in_sentence:
        return in_sentence[0]
    if holder := _office_holder(outside, quote, doc):  # '…,' the prime minister said
        return holder
    before = outside[: max(0, quote.start - sentence.start)]
    if _PRONOUN_SAID.search(outside) or _PRONOUN_INTRO.search(before):
        return antecedent(quote, doc) or previous
    if not outside.strip(" ,.;:“”\"‘’"):  # a quote standing alone continues the last speaker
        return previous or next(iter(named_near(quote, doc)), None)
    return None


def introduced_in_sentence(quote: QuotedSpan, doc: Document) -> str | None:
    """For a quote that is a whole sentence, right after a sentence of its paragraph
    naming one person as speaking ('Deputy Minister Ann Roe announced the deal on
    social media. “We have agreed …”'), that person."""
    sentence = quote_sentence(quote, doc)
    index = next(i for i, s in enumerate(doc.sentences) if s.id == quote.sentence_id)
    if sentence is None or index == 0 or outside_quotes(sentence, doc).strip(_PUNCTUATION):
        return None
    previous = doc.sentences[index - 1]
    if "\n" in doc.text[previous.end : sentence.start]:
        return None
    text = outside_quotes(previous, doc)
    speaking = {n for n in doc.people for m in mentions(n, text)
                if _INTRODUCING.search(text[m.end() : m.end() + 40])}
    return speaking.pop() if len(speaking) == 1 else None


def office_speaker(quote: QuotedSpan, doc: Document) -> str | None:
    """For '“…,” the NATO chief quipped': who holds that office in the article."""
    sentence = quote_sentence(quote, doc)
    return _office_holder(outside_quotes(sentence, doc), quote, doc) if sentence else None


def holds(name: str, outside: str, doc: Document) -> bool:
    """Whether the article gives `name` the office a '… the X said' names."""
    said = _ROLE_SAID.search(outside)
    return bool(said) and _has_office(name, said["office"].lower().rstrip("s"), doc)


def _has_office(name: str, office: str, doc: Document) -> bool:
    return any(office in t.lower() for t in titles_beside(name, doc.text))


def _speaks_for_a_body(office: str) -> bool:
    """A spokesperson speaks for a body, and is often left unnamed; 'the president' is
    someone the article has named."""
    return office.lower().startswith("spokes")


def unnamed_office(quote: QuotedSpan, doc: Document) -> bool:
    """'“…,” the spokesperson said', and nobody in the article is given that office:
    the text names no speaker. Only for offices that speak for a body (a spokesperson):
    'the president said' means someone the article has named."""
    sentence = quote_sentence(quote, doc)
    if sentence is None:
        return False
    outside = outside_quotes(sentence, doc)
    said = _ROLE_SAID.search(outside)
    return bool(said) and _speaks_for_a_body(said["office"]) \
        and said_by(quote, doc) is None and _office_holder(outside, quote, doc) is None


_PRAISED = re.compile(rf"\b(?:{alternation(PRAISE_VERBS)})\s+(?:[\w.'’-]+\s+){{0,6}}$", re.I)


def praised(quote: QuotedSpan, doc: Document) -> set[str]:
    """People the quote's sentence praises or thanks ('thanked Ann Roe and Al Berg for
    their “…”'): the words are the thanker's, not theirs."""
    sentence = quote_sentence(quote, doc)
    if sentence is None:
        return set()
    outside = outside_quotes(sentence, doc)
    return {n for n in doc.people for m in mentions(n, outside)
            if _PRAISED.search(outside[max(0, m.start() - 60) : m.start()])}


def speaking_in_sentence(quote: QuotedSpan, doc: Document) -> str | None:
    """A person named in the quote's own sentence near a speech verb."""
    sentence = quote_sentence(quote, doc)
    if sentence is None:
        return None
    outside = outside_quotes(sentence, doc)
    for name in named_near(quote, doc):
        for match in mentions(name, outside):
            if re.search(rf"\b{SPEECH_VERB}\b", outside[max(0, match.start() - 30) :
                                                          match.end() + 60]):
                return name
    return None


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    overruled: str | None = None  # why the model's answer was not kept


def continues(quote: QuotedSpan, doc: Document, last: QuotedSpan | None) -> bool:
    """A quote that is a bare sentence right after another quote of its paragraph (in
    the sentence before or the same one): the same speaker goes on."""
    if last is None:
        return False
    sentence = quote_sentence(quote, doc)
    ids = [s.id for s in doc.sentences]
    if sentence is None or outside_quotes(sentence, doc).strip(_PUNCTUATION):
        return False
    gap = ids.index(quote.sentence_id) - ids.index(last.sentence_id)
    return gap in (0, 1) and "\n" not in doc.text[last.end : quote.start]


def attribute(quote: QuotedSpan, doc: Document, answer: str | None, previous: str | None,
              last: tuple[QuotedSpan, str | None] | None = None) -> Attribution:
    """The speaker of a quote from the model's `answer` (None when it gave none) and the
    text; `previous` is the last speaker named, `last` the quote before and its speaker.
    What the text states outright wins: a name beside a speech verb, an introduction,
    an office nobody is named as holding (unnamed), a bare quote going on from the one
    before. A praised person is never the speaker, and a name the quote's sentence gives
    as speaking beats an answer that sentence does not name. Otherwise the answer
    stands, and without one the rules decide (`rule_speaker`)."""
    def person(name: str | None) -> str | None:
        return name if name and is_person_name(name) else None

    if last is not None and continues(quote, doc, last[0]):
        speaker = last[1]
        kept = speaker == answer or (answer and speaker and same_person(answer, speaker))
        by = speaker or "an unnamed speaker"
        return Attribution(answer if kept else speaker,
                           None if kept else f"it goes on from the quote before, by {by}")

    stated = person(said_by(quote, doc) or introduced_by(quote, doc)
                    or introduced_in_sentence(quote, doc))
    if stated:
        kept = answer is not None and same_person(answer, stated)
        return Attribution(answer if kept else stated,
                           None if kept else f"the text says {stated} said it; used that")
    if unnamed_office(quote, doc):
        return Attribution(None, None if answer is None else
                           "the text gives it to an office it names nobody as holding")
    sentence = quote_sentence(quote, doc)
    own = outside_quotes(sentence, doc) if sentence else ""
    if answer and (holder := person(office_speaker(quote, doc))) and \
            not same_person(answer, holder) and not holds(answer, own, doc):
        return Attribution(holder, f"the text gives it to the {_ROLE_SAID.search(own)['office']}"
                                   f", {holder}; used that")
    if answer and answer in praised(quote, doc):
        reason = f"{answer} is praised or thanked in that sentence, not speaking"
    elif answer and not mentions(answer, own) and (near := person(
            speaking_in_sentence(quote, doc))):
        return Attribution(near, f"the quote's sentence has {near} speaking; used that")
    elif answer:
        return Attribution(answer)
    else:
        reason = None
    rule = person(rule_speaker(quote, doc, previous))
    if rule and rule != answer:
        return Attribution(rule, f"{reason + '; ' if reason else ''}the text attributes it "
                                 f"to {rule}; used that")
    return Attribution(None, reason)
