"""The one sentence segmentation (pysbd, paragraph by paragraph), and a source's
sentences as exact `Span`s."""

from __future__ import annotations

import re
import threading

from ..model import Source, Span

_local = threading.local()


def _segmenter():
    """pysbd's segmenter, one per thread (articles are extracted in worker threads)."""
    if not hasattr(_local, "segmenter"):
        import pysbd

        _local.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return _local.segmenter


MAX_PIECE = 4000  # characters pysbd is given at once: its cost grows with the square
_BREAK = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")


def _pieces(para: str) -> list[tuple[int, str]]:
    """A paragraph in pieces of at most about MAX_PIECE characters, cut only where a
    sentence plainly ends ('. T'); a normal paragraph is one piece."""
    if len(para) <= MAX_PIECE:
        return [(0, para)]
    pieces, start = [], 0
    for cut in _BREAK.finditer(para):
        if cut.end() - start > MAX_PIECE and cut.start() > start:
            pieces.append((start, para[start : cut.start()]))
            start = cut.end()
    return [*pieces, (start, para[start:])]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of every paragraph, offsets into `text`."""
    bounds: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        for offset, piece in _pieces(para.group(0)):
            for span in _segmenter().segment(piece):
                chunk = span.sent
                lead = len(chunk) - len(chunk.lstrip())
                start = para.start() + offset + span.start + lead
                end = start + len(chunk.strip())
                if end > start:
                    bounds.append((start, end))
    return bounds


def sentences_of(source: Source) -> list[Span]:
    """The source's sentences as read at ingest (S1 first), or, for a source built by
    hand without them, a fresh split of its text."""
    bounds = source.sentences or split_sentences(source.text)
    return [Span(source=source.id, start=a, end=b, text=source.text[a:b]) for a, b in bounds]


_CLAUSE_END = re.compile(r"[;:—–]|,\s|\s\(|\)|\s-\s")


def clause_words(text: str, start: int, end: int, max_words: int) -> str:
    """The words of the clause holding text[start:end] ('…to suspend exports of rare
    earths…'), at most `max_words` of them from a little before it; '…' marks a cut.
    Verbatim but for the ellipses and the quote marks and punctuation at its ends."""
    ends = list(_CLAUSE_END.finditer(text))
    first = max((m.end() for m in ends if m.end() <= start), default=0)
    last = min((m.start() for m in ends if m.start() >= end), default=len(text))
    before = text[first:start].split()
    after = text[start:last].split()
    lead = min(len(before), max(2, max_words - len(after)))
    words = before[len(before) - lead:] + after
    shown = words[:max_words]
    out = " ".join(shown).strip(" .,;“”\"‘’'")
    opened = lead < len(before) or first > 0
    closed = len(shown) == len(words) and last == len(text)
    return f"{'…' if opened else ''}{out}{'' if closed else '…'}"
