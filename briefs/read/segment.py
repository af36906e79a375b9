"""Segment: a `Source` → its `Document`, what rules read off the article: numbered
sentences, quoted passages, person-name candidates, headings, the sentences that may
state a policy measure, and the facts (figures, dates, scope) reconciliation compares.

Letting a small model answer with ids and names chosen from these lists, instead of
copying text out, keeps its output short and grounded by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Fact, Source
from ..text.lexicon import CLOSING_QUOTE, OPENING_QUOTES
from ..text.measure_words import MEASURE_SENTENCE_WORDS
from ..text.sentences import split_sentences
from .facts import facts_of
from .people import find_people, is_heading

_MEASURE_SENTENCE = re.compile(rf"\b(?:{MEASURE_SENTENCE_WORDS})", re.I)


@dataclass
class Sentence:
    id: str
    start: int
    end: int
    text: str


@dataclass
class QuotedSpan:
    id: str
    start: int  # first character inside the quotation marks
    end: int
    text: str
    sentence_id: str
    closed: bool = True


@dataclass
class Document:
    """A cleaned article with ids for its sentences and quotes."""

    text: str
    sentences: list[Sentence]
    quotes: list[QuotedSpan]
    people: list[str]
    measure_sentence_ids: list[str] = field(default_factory=list)
    heading_ids: set[str] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)  # figures, dates, scope read by rule

    def sentence(self, sid: str) -> Sentence | None:
        return next((s for s in self.sentences if s.id == sid), None)

    def quote(self, qid: str) -> QuotedSpan | None:
        return next((q for q in self.quotes if q.id == qid), None)

    def sentence_at(self, offset: int) -> Sentence:
        return next(
            (s for s in self.sentences if s.start <= offset < s.end), self.sentences[-1]
        )


def find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of text inside quotation marks; an unclosed quote ends
    at its paragraph's end, as a multi-paragraph quote does in news style."""
    spans: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPENING_QUOTES and _opens_quote(text, i):
            close = CLOSING_QUOTE[ch]
            para_end = text.find("\n", i)
            para_end = len(text) if para_end == -1 else para_end
            j = i + 1
            while j < para_end and not (text[j] == close and _closes_quote(text, j, ch)):
                j += 1
            closed = j < para_end
            if ch == "'" and (not closed or sum(c.isalpha() for c in text[i + 1 : j]) < 2):
                i += 1  # an apostrophe ('em, rock 'n' roll), not a quotation
                continue
            if j > i + 1:
                spans.append((i + 1, j, closed))
            i = j + 1
            continue
        i += 1
    return spans


_SINGLE = ("‘", "'")  # single quote marks, which are also apostrophes


def _opens_quote(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in _SINGLE:  # also an apostrophe in ‘90s or 'em; require a word start after
        return not before.isalnum() and after.isalnum()
    return not before.isalnum() and not after.isspace()


def _closes_quote(text: str, j: int, opener: str) -> bool:
    """A closing mark; for single quotes not an apostrophe inside a word ('don't') and
    not one opening a word after a space."""
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    if opener in _SINGLE:
        return not after.isalpha() and not before.isspace()
    return True


def segment(source: Source | str) -> Document:
    """Number the sentences (as split at ingest) and quotes of an article; find name
    candidates, headings, the sentences that may state a measure, and its facts. A bare
    text is read as an article of its own."""
    if isinstance(source, str):
        source = Source(id="text", path="", sha256="", text=source)
    text = source.text
    bounds = source.sentences or split_sentences(text)
    sentences = [Sentence(f"S{i}", a, b, text[a:b]) for i, (a, b) in enumerate(bounds, 1)]
    doc = Document(text=text, sentences=sentences, quotes=[], people=find_people(text),
                   facts=facts_of(source))
    for start, end, closed in find_quotes(text):
        if len(text[start:end].split()) <= 5 and is_heading(text[start:end]):
            continue  # a quoted name ('Liberation Day'), not speech
        sid = doc.sentence_at(start).id
        doc.quotes.append(
            QuotedSpan(f"Q{len(doc.quotes) + 1}", start, end, text[start:end], sid, closed)
        )
    doc.heading_ids = {s.id for s in sentences if is_heading(s.text)
                       or not s.text.rstrip("”\"’' ").endswith((".", "!", "?"))}
    doc.measure_sentence_ids = [s.id for s in sentences if _MEASURE_SENTENCE.search(s.text)
                                and s.id not in doc.heading_ids]
    return doc
