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


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of every paragraph, offsets into `text`."""
    bounds: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        for span in _segmenter().segment(para.group(0)):
            chunk = span.sent
            lead = len(chunk) - len(chunk.lstrip())
            start = para.start() + span.start + lead
            end = start + len(chunk.strip())
            if end > start:
                bounds.append((start, end))
    return bounds


def sentences_of(source: Source) -> list[Span]:
    """The source's sentences as read at ingest (S1 first), or, for a source built by
    hand without them, a fresh split of its text."""
    bounds = source.sentences or split_sentences(source.text)
    return [Span(source=source.id, start=a, end=b, text=source.text[a:b]) for a, b in bounds]
