"""Deterministic cues read straight off the text, used to check and to back up the model:
the titles printed beside a name, the people named near a quote, and whether a sentence
puts a person in the delegation. Who spoke a quote is read in `attribution.py`.
"""

from __future__ import annotations

import re
from datetime import date

from ..text.lexicon import (
    APPOSITIVE_OFFICE_WORDS,
    GENERIC_POST_WORDS,
    MONTH,
    MONTHS,
    SINGULAR_OF_PLURAL_TITLES,
    SPEECH_VERB,
    TITLE_FILLERS,
    alternation,
)
from ..text.measure_words import (
    EARLIER_PREPOSITIONS,
    EARLIER_WORDS,
    INSTRUMENT_WORDS,
    NOT_YET_WORDS,
    REACTION_VERBS,
    REALISED_STATUSES,
    STATUS_READING_ORDER,
    STATUS_WORDS,
    THREAT_WORDS,
)
from .people import is_title_word
from .segment import Document, QuotedSpan, Sentence

# Words that can stand in a title printed before a name ("US Treasury Secretary").
_TITLE_WORD = re.compile(rf"^(?:[A-Z][\w.'’-]*|{alternation(TITLE_FILLERS)})$")
_LEADING_NOISE = {"and", "of", "the", "for", "following", "according", "as", "in", "on",
                  "while", "when", "after", "but", "since", "by", "with", "to"}
_APPOSITIVE = re.compile(
    r"^,\s+(?:who\s+(?:serves|served)\s+as\s+|who\s+)?((?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+)?"
    r"[a-z][^,.;“”\"]{3,90}?)(?=[,.;]|\s+(?:told|said))"
)
# A person named right after one of these is in the delegation...
_TEAM_THEN_NAMES = re.compile(
    r"\b(?:(?:delegation|team|contingent)\b[^.]{0,40}?\b(?:is|was|will|would|includ(?:es|ed)?|"
    r"including|comprises?|led|headed|helmed|slated)\b|(?:led|headed|helmed|chaired|joined|"
    r"represented|signed|hosted|opened) by\b|attending\b|talks between\b)",
    re.I,
)
# ...and so is one named just before one of these.
_NAMES_THEN_ROLE = re.compile(
    r"\b(?:(?:lead|leads|led|leading|head|heads|heading)\s+(?:the\s+|a\s+)?(?:\w+\s+){0,2}"
    r"(?:delegation|team|contingent|talks|negotiation)s?|(?:are|is|were|was)\s+representing|"
    r"signed\s+for|(?:also\s+)?took\s+part|(?:also\s+)?attended(?=\s*[.,;])|"
    r"(?:hosted|chaired|opened|joined)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}(?:summit|meeting|"
    r"talks|gathering|negotiations|hosts|delegations?)|welcomed\s+(?:\w+\s+){0,1}(?:ministers|"
    r"delegates|delegations|leaders)|"
    r"(?:attend|attends|attended|attending)\s+(?:the\s+)?(?:\w+\s+)?(?:talks|meeting|"
    r"negotiations)|extended\s+(?:the\s+)?(?:negotiations|talks))\b",
    re.I,
)


_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$")
_OFFICE_WORD = re.compile(rf"\b{alternation(APPOSITIVE_OFFICE_WORDS)}\b", re.I)


def mentions(name: str, text: str) -> list[re.Match[str]]:
    """Mentions of the full name, and of the surname where it stands alone."""
    full = list(re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))
    if len(name.split()) == 1:
        return full
    surname = name.split()[-1]
    alone = [m for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)
             if not any(f.start() <= m.start() < f.end() for f in full)
             and not _inside_other_name(text, m.start())]
    return full + alone


def _inside_other_name(text: str, start: int) -> bool:
    """'Ross' in 'Wilbur Ross' is not a mention of Robert Ross."""
    before = text[max(0, start - 30) : start].split()
    return bool(before) and before[-1][:1].isupper() and not is_title_word(before[-1])


def titles_beside(name: str, text: str) -> list[str]:
    """Titles the article prints immediately before or after a mention of `name`:
    'Treasury Secretary Scott Bessent', 'Kevin Hassett, director of the NEC,'."""
    titles: list[str] = []
    for match in mentions(name, text):
        before = text[max(0, match.start() - 80) : match.start()].rsplit("\n", 1)[-1]
        run: list[str] = []
        for word in reversed(before.split()):
            ends_sentence = word.endswith(".") and not _ABBREVIATION.match(word)
            if not _TITLE_WORD.match(word) or ends_sentence or word.endswith((",", ";", ":")):
                break
            run.insert(0, word)
        while run and run[0].lower() in _LEADING_NOISE:
            run.pop(0)
        plural = len(run) == 1 and run[0].endswith("s")
        if plural and run[0][:-1].lower() in SINGULAR_OF_PLURAL_TITLES:
            run = [run[0][:-1]]  # 'Presidents Ana Ortega and Carl Brandt'
        if run:
            titles.append(" ".join(run))
        elif lead := _LEADING_APPOSITIVE.search(before):  # 'India's foreign minister, X'
            titles.append(lead.group("title"))
        after = _APPOSITIVE.match(text[match.end() : match.end() + 120])
        if after and _is_post_phrase(after.group(1)):
            titles += [part.strip() for part in _NOW.split(after.group(1))
                       if _OFFICE_WORD.search(part)]
    return list(dict.fromkeys(t for t in titles if t))


# 'the former Dutch prime minister who is now Nato's secretary general', 'a former
# executive who serves as ecology minister': two posts, the second held now.
_NOW = re.compile(r"\s+who\s+(?:is|was)\s+now\s+|,?\s+(?:and\s+)?now\s+"
                  r"|\s+who\s+(?:now\s+)?serves\s+as\s+")
# A title set before the name by a comma: 'India's external affairs minister, A B',
# 'The COP29 president, A B': capitalised, possessive or post words up to an office word.
# A bare 'the minister, A B' is left out: it may be someone else the sentence addresses.
_POST_WORD = rf"(?:[A-Z][\w.'’-]*|" \
    rf"{alternation((set(TITLE_FILLERS) | GENERIC_POST_WORDS) - {'of', 'the', 'for'})})"
_LEADING_APPOSITIVE = re.compile(
    rf"(?:^|[^\w'’-])(?:[Tt]he\s+)?(?P<title>(?:{_POST_WORD}\s+){{1,4}}"
    rf"{alternation(APPOSITIVE_OFFICE_WORDS)}),\s*$")
_CLAUSE_WORDS = re.compile(rf"^(?:and|or|but|while|as|{SPEECH_VERB})\b|\b(?:he|she|they|we|it)\b",
                           re.I)


def _is_post_phrase(phrase: str) -> bool:
    """A phrase after a name that names a post ('director of the council'), not a clause
    that goes on with the sentence ('says he and Vice-President X spent…')."""
    return bool(_OFFICE_WORD.search(phrase)) and not _CLAUSE_WORDS.search(phrase)


def in_delegation(name: str, sentence: str) -> bool:
    """True when the sentence names the person as part of a team at the talks."""
    for match in mentions(name, sentence):
        before = sentence[: match.start()]
        after = sentence[match.end() :]
        if _TEAM_THEN_NAMES.search(before) or _NAMES_THEN_ROLE.search(after):
            return True
    return False


def delegation_sentence(name: str, doc: Document) -> Sentence | None:
    """The first sentence that puts `name` in a delegation, if any."""
    return next((s for s in doc.sentences if in_delegation(name, s.text)), None)


def outside_quotes(sentence: Sentence, doc: Document) -> str:
    """The sentence with quoted passages blanked out (keeps offsets)."""
    chars = list(sentence.text)
    for quote in doc.quotes:
        for i in range(max(quote.start, sentence.start), min(quote.end, sentence.end)):
            chars[i - sentence.start] = " "
    return "".join(chars)


def named_near(quote: QuotedSpan, doc: Document) -> list[str]:
    """Candidates named in the quote's sentence (outside the quote) or in the two
    sentences before it in the same paragraph, nearest first."""
    index = next(i for i, s in enumerate(doc.sentences) if s.id == quote.sentence_id)
    window = [doc.sentences[index]]
    for prev in reversed(doc.sentences[max(0, index - 2) : index]):
        if "\n" in doc.text[prev.end : window[0].start]:
            break
        window.insert(0, prev)
    found: list[tuple[int, str]] = []
    for sentence in window:
        text = outside_quotes(sentence, doc)
        for name in doc.people:
            for match in mentions(name, text):
                distance = abs(sentence.start + match.start() - quote.start)
                found.append((distance, name))
    return list(dict.fromkeys(name for _, name in sorted(found)))


_NOT_YET = re.compile(rf"\b(?:{NOT_YET_WORDS})\s+(?:[\w-]+\s+){{0,2}}$", re.I)


def stated_status(status: str, sentence: str) -> str:
    """A measure's status as the sentence states it: a status saying the measure has
    happened ('eased', 'agreed', 'lifted'…) holds only where one of its words is not
    governed by 'might', 'will', 'set to'…; otherwise the measure is 'expected'. An
    'unknown' status (the model's, or one the sentence does not state) is read from the
    sentence's words, in STATUS_READING_ORDER; a hedge alone ('may') threatens nothing."""
    if status == "unknown":
        return next((stated_status(s, sentence) for s in STATUS_READING_ORDER if re.search(
            THREAT_WORDS if s == "threatened" else STATUS_WORDS[s], sentence, re.I)), status)
    if status not in REALISED_STATUSES:
        return status
    hits = list(re.finditer(STATUS_WORDS[status], sentence, re.I))
    if hits and all(_NOT_YET.search(sentence[:hit.start()]) for hit in hits):
        return "expected"
    return status


_EARLIER = re.compile(rf"\b(?:{EARLIER_WORDS})\b", re.I)
_NAMED_TIME = re.compile(rf"\b(?:{EARLIER_PREPOSITIONS})\s+(?:(?:early|mid|late)[- ]?)?"
                         rf"(?:(?P<month>{MONTH})(?:\s+(?P<month_year>(?:19|20)\d\d))?|"
                         rf"(?P<year>(?:19|20)\d\d))\b", re.I)


def published_on(printed: str | None) -> date | None:
    """An article's date as its page prints it ('June 9, 2025', '9 June 2025',
    '2025-06-09'), or None when there is none or it cannot be read."""
    if not printed:
        return None
    from dateutil import parser

    try:
        return parser.parse(printed, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


def before_the_report(sentence: str, published: date | None) -> bool:
    """Whether a sentence places what it states before the event reported: 'last month',
    'two years ago', 'previously'; or a month or year after 'in'/'since' that comes
    before the article's own date ('agreed in mid-May' in a June report; 'set in 2014').
    Without the article's date, only the words that are relative say so."""
    if _EARLIER.search(sentence):
        return True
    if published is None:
        return False
    for match in _NAMED_TIME.finditer(sentence):
        if match.group("year"):
            if int(match.group("year")) < published.year:
                return True
            continue
        month = MONTHS.get(match.group("month").lower().rstrip("."))
        year = int(match.group("month_year") or published.year)
        if month and (year, month) < (published.year, published.month):
            return True
    return False


def reacts_to_measure(sentence: str, instrument: str) -> bool:
    """Whether the sentence judges a measure stated elsewhere rather than stating one:
    its instrument's word is the object of a reaction verb, after 'the', 'this'…
    ('called the new goal an illusion', 'gave the deal a standing ovation')."""
    words = INSTRUMENT_WORDS.get(instrument)
    if not words or instrument == "other":
        return False
    return re.search(rf"\b(?:{REACTION_VERBS})\s+(?:the|this|that)\s+(?:\S+\s+){{0,3}}?"
                     rf"(?:{words})", sentence, re.I) is not None
