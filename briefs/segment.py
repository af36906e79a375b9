"""Deterministic structure the model answers in terms of: sentence ids, quoted spans,
person-name candidates and the sentences that mention a policy instrument.

Letting a small model answer with ids and names chosen from these lists, instead of
copying text out, keeps its output short and grounded by construction.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

OPENING_QUOTES = "“\"‘"
CLOSING_FOR = {"“": "”", '"': '"', "‘": "’"}

_MEASURE_WORDS = re.compile(
    r"\b(tariff|dut(y|ies)|export|import|controls?\b|restrict|licen[cs]|sanction|ban\b|embargo|"
    r"truce|deal\b|agreement|reprieve|suspen|baseline|quota|subsid|roll ?back|curb|block|"
    r"crackdown)",
    re.I,
)
# Capitalised words that open or close a name sequence but are not names.
_TITLE_WORDS = set(
    """
    president presidents vice premier secretary minister representative director chair
    chairman chairwoman governor ambassador adviser advisor spokesman spokeswoman
    spokesperson senator commissioner chancellor prime deputy chief head mr mrs ms dr
    sir treasury commerce trade state foreign defence defense finance economic economy
    national council trump-era former
    """.split()
)
_NOT_NAME = set(
    """
    the a an in on at as but and or if it its she they we i you this that these those
    since while after before during when still however following according amid top
    officials official also then there here what who why how our their his her monday
    tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec us usa united states america american americans china chinese
    beijing washington london britain british uk eu europe european geneva switzerland
    taiwan australia canada japan india russia north south east west global world rare
    earth earths house council ministry street news day co inc technologies index
    program channel times post journal reuters bloomberg cnbc cbs fox government white
    party group nation futures talks meeting summit republican democrat republicans
    democrats congress senate agency department administration bank fund
    """.split()
)
_TOKEN = r"(?:(?:[A-Z]\.){2,}|[A-Z]\.|[A-Z][\w\-]*)"
_NAME_SEQUENCE = re.compile(rf"{_TOKEN}(?:[ ]+{_TOKEN})*")
_PRONOUNS = {"he", "his", "him"}
_SPEECH_VERB = re.compile(r"\s+(said|says|told|wrote|added|stated|warned|explained)\b")


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

    def sentence(self, sid: str) -> Sentence | None:
        return next((s for s in self.sentences if s.id == sid), None)

    def quote(self, qid: str) -> QuotedSpan | None:
        return next((q for q in self.quotes if q.id == qid), None)

    def sentence_at(self, offset: int) -> Sentence:
        return next(
            (s for s in self.sentences if s.start <= offset < s.end), self.sentences[-1]
        )


_local = threading.local()


def _segmenter():
    """pysbd's segmenter, one per thread (articles are extracted in worker threads)."""
    if not hasattr(_local, "segmenter"):
        import pysbd

        _local.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return _local.segmenter


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of every paragraph, with offsets into `text`."""
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        for span in _segmenter().segment(para.group(0)):
            chunk = span.sent
            lead = len(chunk) - len(chunk.lstrip())
            start = para.start() + span.start + lead
            end = start + len(chunk.strip())
            if end > start:
                sentences.append(Sentence(f"S{len(sentences) + 1}", start, end, text[start:end]))
    return sentences


def find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of text inside quotation marks; an unclosed quote ends
    at its paragraph's end, as a multi-paragraph quote does in news style."""
    spans: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPENING_QUOTES and _opens_quote(text, i):
            close = CLOSING_FOR[ch]
            para_end = text.find("\n", i)
            para_end = len(text) if para_end == -1 else para_end
            j = i + 1
            while j < para_end and not (text[j] == close and _closes_quote(text, j, ch)):
                j += 1
            closed = j < para_end
            if j > i + 1:
                spans.append((i + 1, j, closed))
            i = j + 1
            continue
        i += 1
    return spans


def _opens_quote(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "‘":  # also an apostrophe in ‘90s; require a word start after
        return not before.isalnum() and after.isalnum()
    return not before.isalnum() and not after.isspace()


def _closes_quote(text: str, j: int, opener: str) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    return not (opener == "‘" and after.isalpha())  # ’ inside a word is an apostrophe


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _is_heading(paragraph: str) -> bool:
    bare = paragraph.strip().strip("“”‘’\"'")
    return not bare.endswith((".", "!", "?")) and _is_title_case(bare)


def _key(word: str) -> str:
    return word.lower().replace(".", "")


def is_title_word(word: str) -> bool:
    """'Secretary', 'U.S.', 'the': words that may precede a name without being part of it."""
    return _key(word) in _TITLE_WORDS | _NOT_NAME


def find_people(text: str) -> list[str]:
    """Person-name candidates, best form first ('Scott Bessent' absorbs 'Bessent')."""
    full: list[str] = []
    single: list[str] = []
    for para in re.finditer(r"[^\n]+", text):
        if _is_heading(para.group(0)):
            continue
        chunk = re.sub(r"['’]s\b", " ,", para.group(0))  # a possessive ends a name
        for match in _NAME_SEQUENCE.finditer(chunk):
            words = match.group(0).split()
            titled = False
            while words and _key(words[0]) in _TITLE_WORDS | _NOT_NAME:
                titled = titled or _key(words[0]) in _TITLE_WORDS
                words.pop(0)
            inner = [i for i, w in enumerate(words) if _key(w) in _NOT_NAME | _TITLE_WORDS]
            if inner:  # 'International Trade Minister Claire Beaumont': the name follows
                titled = titled or any(_key(words[i]) in _TITLE_WORDS for i in inner)
                words = words[inner[-1] + 1 :]
            if not words:
                continue
            if any(w.isupper() and len(w) > 1 for w in words):  # acronyms: CNBC, S&P
                continue
            if len(words) > 1 and len(words) <= 3:
                full.append(" ".join(words))
            elif len(words) == 1 and words[0].lower() not in _PRONOUNS and (
                titled or _SPEECH_VERB.match(chunk, match.end())
            ):
                single.append(words[0])
    names: list[str] = list(dict.fromkeys(full))
    for word in dict.fromkeys(single):
        if not any(word in name.split() for name in names):
            names.append(word)
    return names


def segment(text: str) -> Document:
    """Number sentences and quotes of a cleaned article; find name candidates."""
    sentences = split_sentences(text)
    doc = Document(text=text, sentences=sentences, quotes=[], people=find_people(text))
    for start, end, closed in find_quotes(text):
        if len(text[start:end].split()) <= 5 and _is_heading(text[start:end]):
            continue  # a quoted name ('Liberation Day'), not speech
        sid = doc.sentence_at(start).id
        doc.quotes.append(
            QuotedSpan(f"Q{len(doc.quotes) + 1}", start, end, text[start:end], sid, closed)
        )
    doc.heading_ids = {s.id for s in sentences if _is_heading(s.text)
                       or not s.text.rstrip("”\"’' ").endswith((".", "!", "?"))}
    doc.measure_sentence_ids = [s.id for s in sentences if _MEASURE_WORDS.search(s.text)
                                and s.id not in doc.heading_ids]
    return doc
