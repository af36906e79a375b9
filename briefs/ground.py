"""Ground: turn the model's id-based answer into items that point at exact article text,
and check every one of them again. Anything that does not resolve is dropped and
reported as a `Rejection`, never silently kept.
"""

from __future__ import annotations

import re

from .extract.validators import UNKNOWN
from .model import (
    ArticleExtraction,
    Claim,
    Delegate,
    Delegation,
    Person,
    PolicyMeasure,
    Quote,
    Rejection,
    Source,
    Span,
)
from .read.attribution import attribute
from .read.cues import delegation_sentence, reacts_to_measure, stated_status, titles_beside
from .read.people import is_person_name
from .read.segment import Document, QuotedSpan, Sentence, find_quotes
from .read.sides import (
    SIDE_WORD,
    acting_in,
    canonical_side,
    names_actor,
    names_elsewhere,
    obliged_in,
)
from .text.amounts import first_amount
from .text.lexicon import (
    APPOSITIVE_OFFICE_WORDS,
    COMMENTATOR_NOUNS,
    COUNTRIES,
    FOLD_QUOTES,
    OFFICE_NOUNS,
    RANKS,
    STATE_BODIES,
    VENUE_CUES,
    alternation,
)
from .text.measure_words import INSTRUMENT_WORDS
from .text.names import is_former
from .text.tokens import content_words, shared_stems

_VENUE = re.compile(
    rf"\b{alternation(VENUE_CUES)}\s+(?:the\s+)?"
    r"([A-Z][\w&]+(?:['’]s)?(?:\s+(?:the\s+)?[A-Z][\w&]+)*)"
)


def _folded(text: str) -> tuple[str, list[int]]:
    """Text with quote marks folded and whitespace runs collapsed, and a map from each
    folded character back to its offset in the original."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text.translate(FOLD_QUOTES)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        index.append(i)
    return "".join(out), index


def locate(needle: str, text: str, source: str, start_at: int = 0) -> Span | None:
    """Exact evidence for `needle` in `text`, tolerant only of curly vs straight quote
    marks and of whitespace (a passage may run across a paragraph break)."""
    hay, index = _folded(text)
    pin, _ = _folded(needle.strip())
    if not pin:
        return None
    pos = hay.find(pin, next((k for k, i in enumerate(index) if i >= start_at), len(hay)))
    if pos < 0:
        return None
    start, end = index[pos], index[pos + len(pin) - 1] + 1
    return Span(source=source, start=start, end=end, text=text[start:end])


def locate_quote(quote: str, text: str, source: str) -> Span | None:
    """Evidence for a quote: its words must stand inside quotation marks in the article.
    A paraphrase, or words the article does not put in quotes, yield None."""
    inner = quote.strip().strip("\"'“”‘’").strip()
    quoted = find_quotes(text)
    offset = 0
    while (span := locate(inner, text, source, offset)) is not None:
        if any(qs <= span.start and span.end <= qe for qs, qe, _ in quoted):
            return span
        offset = span.start + 1
    return None


def locate_name(name: str, text: str, source: str) -> Span | None:
    """First whole-word mention of the full name, else of its last word (surname)."""
    for form in (name, name.split()[-1]):
        match = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)
        if match:
            return Span(source=source, start=match.start(), end=match.end(), text=match.group())
    return None


def resolves(span: Span, text: str) -> bool:
    return 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text


def side_hint(name: str, doc: Document) -> str | None:
    """The side the text puts a person on: the nearest country word before their name in
    the same sentence ('a Chinese contingent helmed by Vice Premier He Lifeng')."""
    surname = re.escape(name.split()[-1])
    for sentence in doc.sentences:
        for match in re.finditer(rf"(?<!\w){surname}(?!\w)", sentence.text):
            before = sentence.text[max(0, match.start() - 70) : match.start()]
            words = [w for w in SIDE_WORD.findall(before) if w not in {"us"}]  # 'us' the word
            if words:
                return canonical_side(words[-1].replace(".", ""))
    return None


_OFFICE = re.compile(  # a rank is an office of a side's forces: 'Lieutenant General'
    rf"\b{alternation(OFFICE_NOUNS | set(APPOSITIVE_OFFICE_WORDS) | RANKS)}\b", re.I)
_COMMENTATOR = re.compile(rf"\b{alternation(COMMENTATOR_NOUNS)}\b", re.I)
_TEAM = re.compile(r"\b(?:delegation|team|contingent|negotiators|side)\b", re.I)


def team_side(name: str, sentence: str) -> str | None:
    """The country of the team a delegation sentence puts the person in: 'The US
    delegation … is slated to include … Anna Berg', 'Berg led the Japanese
    delegation'; the team nearest the name."""
    at = sentence.find(name.split()[-1])
    if at < 0:
        return None
    sides = []
    for team in _TEAM.finditer(sentence):
        words = [w for w in SIDE_WORD.findall(sentence[max(0, team.start() - 30) : team.start()])
                 if w != "us"]  # 'us' the word
        if words:
            sides.append((abs(team.start() - at), canonical_side(words[-1].replace(".", ""))))
    return min(sides)[1] if sides else None


def acts_for_a_side(side: str | None, titles: list[str]) -> bool:
    """A principal: the text gives the person a side and an office of it ('Pakistan's
    Prime Minister', 'the Indian negotiator'), not a past one and not a commentator's
    ('analyst')."""
    return bool(side) and any(_OFFICE.search(t) and not _COMMENTATOR.search(t)
                              and not is_former(t) for t in titles)


def stated_side(answer: str | None, titles: list[str], team: str | None,
                hint: str | None) -> str | None:
    """The side the text states, never a guess. Stated outright: a country in a title
    printed beside the name ('Japan's Trade Minister') or in the team a delegation
    sentence puts them in ('The US delegation … includes …'). Hinted: the country word
    nearest before the name in a sentence, which may be another party's. The model's
    country stands when the text states or hints it; else the stated one, else none (a
    wrong side is worse than none). A body the article names (checked by the validator;
    the EU or NATO as much as a central bank's board) stands unless the text states a
    country."""
    stated = [side for t in titles for w in SIDE_WORD.findall(t)
              if (side := canonical_side(w.replace(".", ""))) in COUNTRIES]
    stated += [team] if team else []
    if answer in COUNTRIES and answer not in STATE_BODIES:
        return answer if answer in stated or answer == hint else next(iter(stated), None)
    return next(iter(stated), None) or hint or answer


def _span(sentence: Sentence, source: str) -> Span:
    return Span(source=source, start=sentence.start, end=sentence.end, text=sentence.text)


def venue_of(sentence: str) -> str | None:
    match = _VENUE.search(sentence)
    return match.group(1).strip() if match else None


def delegations_of(people: list[Person]) -> list[Delegation]:
    """The people marked as delegates, by side, in the order they were named."""
    sides: dict[str, list[Delegate]] = {}
    for person in people:
        if person.delegate:
            sides.setdefault(person.side or "unknown side", []).append(
                Delegate(name=person.name, role=person.role, evidence=person.evidence))
    return [Delegation(side=s, members=m) for s, m in sides.items()]


def build_extraction(
    source: Source, doc: Document, answers: dict[str, dict], rejected: list[Rejection],
    **meta: str,
) -> ArticleExtraction:
    """Grounded extraction from validated task answers (plain dicts, keyed by task).

    The text's own cues back up the model: titles printed beside a name give the role,
    delegation cues give membership, and a quote's attribution in the text is used when
    the model's answer failed validation or was "unknown"; each such case is reported.
    """
    text, sid = source.text, source.id
    out = ArticleExtraction(source=source, rejected=list(rejected), facts=doc.facts, **meta)
    said = answers.get("people", {})
    for name in doc.people:
        if not is_person_name(name):
            out.rejected.append(Rejection(kind="person", item=name,
                                          reason="a body, outlet or place, not a person"))
            continue
        span = locate_name(name, text, sid)
        if span is None:
            out.rejected.append(Rejection(kind="person", item=name, reason="name not in article"))
            continue
        titles = titles_beside(name, text)
        answer = said.get(name) or {}
        role = answer.get("role") or (titles[0] if titles else None)
        cue = delegation_sentence(name, doc)
        team = team_side(name, cue.text) if cue else None
        side = stated_side(canonical_side(answer.get("side")), titles, team, side_hint(name, doc))
        out.people.append(Person(
            name=name, role=role, titles=titles, side=side,
            delegate=cue is not None, principal=acts_for_a_side(side, titles),
            evidence=_span(cue, sid) if cue else span,
        ))
    roles = {p.name: p.role for p in out.people}

    out.delegations = delegations_of(out.people)

    speakers = answers.get("speakers", {})
    previous: str | None = None
    last: tuple[QuotedSpan, str | None] | None = None
    for quoted in doc.quotes:
        span = locate_quote(quoted.text, text, sid)
        if span is None:
            out.rejected.append(Rejection(kind="quote", item=quoted.text, reason="not in quotes"))
            continue
        name = speakers.get(quoted.id)
        if name not in (None, UNKNOWN) and not is_person_name(name):
            out.rejected.append(Rejection(kind="speaker", item=f"{quoted.id}: {name}",
                                          reason="a body, outlet or place, not a speaker"))
            name = None
        said = attribute(quoted, doc, None if name in (None, UNKNOWN) else name, previous,
                         last)
        if said.overruled:
            out.rejected.append(Rejection(kind="speaker",
                                          item=f"{quoted.id}: {name or 'no valid answer'}",
                                          reason=said.overruled))
        name = said.speaker
        previous = name or previous
        last = (quoted, name)
        sentence = doc.sentence(quoted.sentence_id)
        out.quotes.append(Quote(
            text=span.text, speaker=name, speaker_role=roles.get(name or ""),
            venue=venue_of(sentence.text) if sentence else None, evidence=span,
        ))

    for claim_id in dict.fromkeys(answers.get("claims", {}).get("claims", [])):
        sentence = doc.sentence(claim_id)
        if sentence is None:
            out.rejected.append(Rejection(kind="claim", item=claim_id, reason="no such sentence"))
            continue
        out.claims.append(Claim(text=sentence.text, evidence=_span(sentence, sid)))

    out.policy_measures = _measures(answers.get("measures", {}).get("measures", []),
                                    doc, out.people, sid, out.rejected)
    return out


RESTATED_SHARE = 0.5  # of the shorter sentence's content words: the same measure again


def _measures(items: list[dict], doc: Document, people: list[Person], sid: str,
              rejected: list[Rejection]) -> list[PolicyMeasure]:
    """The model's measures, each in its sentence's words (actor, status, value). Left
    out, and listed as rejected: a sentence that only judges a measure
    (`reacts_to_measure`), and a measure the article states again (same actor and
    instrument, a sentence sharing RESTATED_SHARE of its words with an earlier one's)."""
    measures: list[PolicyMeasure] = []
    seen: set[tuple] = set()
    for item in items:
        sentence = doc.sentence(item["sentence"])
        key = (item["sentence"], item["instrument"])
        if sentence is None or key in seen:
            continue
        seen.add(key)
        if reacts_to_measure(sentence.text, item["instrument"]):
            rejected.append(Rejection(kind="measure", item=sentence.text,
                                      reason="judges a measure, does not state one"))
            continue
        measure = PolicyMeasure(
            actor=_measure_actor(item["actor"], people, sentence.text, item["instrument"]),
            instrument=item["instrument"],
            status=stated_status(item["status"], sentence.text),
            value=first_amount(sentence.text),
            evidence=_span(sentence, sid),
        )
        if any(_restates(measure, earlier) for earlier in measures):
            rejected.append(Rejection(kind="measure", item=sentence.text,
                                      reason="states again a measure listed"))
            continue
        measures.append(measure)
    return measures


def _restates(measure: PolicyMeasure, earlier: PolicyMeasure) -> bool:
    """The same actor's same instrument, in a sentence carrying most of the words of the
    other ('agreed to halt all firing…', 'both sides would stop all firing…')."""
    if (measure.actor, measure.instrument) != (earlier.actor, earlier.instrument):
        return False
    a, b = measure.evidence.text, earlier.evidence.text
    shorter = min(len(set(content_words(a))), len(set(content_words(b)))) or 1
    return shared_stems(a, b) >= RESTATED_SHARE * shorter


def _measure_actor(actor: str, people: list[Person], sentence: str, instrument: str) -> str:
    """Who takes a measure, as a side: a person named as the actor ('Trade Representative
    Jane Roe') acts for the side the article gives them, or, when it gives none, for the
    side the sentence puts first; otherwise the actor's own canonical name. When the
    sentence stating the measure does not name that actor but names another side or
    group where news puts the actor (before the measure's word),
    the sentence's actor is taken: small models give every measure the article's main
    country. A party the sentence puts under the measure ('calls on developed countries
    to take the lead') is its actor whatever the model said (`obliged_in`); an actor the
    sentence names only as a place or a target ('talks in Azerbaijan') is 'unknown'."""
    obliged = obliged_in(sentence, [p.name for p in people])
    if obliged:
        return canonical_side(obliged) or obliged
    person = next((p for p in people if p.name in actor), None)
    named = (canonical_side(person.side) or person.side) if person and person.side \
        else canonical_side(actor) or actor
    if (not person or person.side) and (names_actor(named, sentence) or any(
            p.name in sentence and canonical_side(p.side) == named for p in people if p.side)):
        return named
    word = re.search(INSTRUMENT_WORDS.get(instrument, "."), sentence, re.I)
    found = acting_in(sentence, word.start() if word else len(sentence))
    if found is None and names_elsewhere(named, sentence):
        return UNKNOWN  # the text makes the model's actor a place or a target
    return found or named
