"""Every sentence of a source as an exact `Span`: the extraction's own segmentation."""

from __future__ import annotations

from functools import lru_cache

from .models import Source, Span
from .segment import split_sentences


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in split_sentences(text))


def sentences_of(source: Source) -> list[Span]:
    """The sentences the extraction numbered, or (for a source never segmented, such as
    one built by hand) a fresh split of its text."""
    bounds = source.sentences or _split(source.text)
    return [Span(source=source.id, start=a, end=b, text=source.text[a:b]) for a, b in bounds]
