"""Every sentence of a source as an exact `Span`, split once per text."""

from __future__ import annotations

from functools import lru_cache

from .models import Source, Span
from .segment import split_sentences


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in split_sentences(text))


def sentences_of(source: Source) -> list[Span]:
    return [Span(source=source.id, start=a, end=b, text=source.text[a:b])
            for a, b in _split(source.text)]
