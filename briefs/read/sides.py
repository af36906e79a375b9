"""Sides (countries or bodies people act for): canonical names and grounding."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..text.lexicon import COUNTRIES, COUNTRY_ABBREVIATIONS, COUNTRY_WORDS


def canonical_side(side: str | None) -> str | None:
    """'U.S.', 'US', 'Washington', 'United States' → 'United States'; likewise China."""
    if not side:
        return None
    key = re.sub(r"[^a-z ]", "", side.lower()).strip()
    for canon, forms in COUNTRIES.items():
        if key in forms:
            return canon
    for canon, forms in COUNTRIES.items():  # a spelling variant ('Untied States')
        if any(fuzz.ratio(key, f) >= 90 for f in forms):
            return canon
    return side.strip()


SIDE_WORD = re.compile(  # bounded by non-word characters: 'U.S.' ends in a dot
    r"(?<!\w)((?-i:" + "|".join(sorted(COUNTRY_ABBREVIATIONS, key=len, reverse=True)) + ")|"
    + "|".join(sorted({re.escape(f) for f in COUNTRY_WORDS if len(f) > 2}, key=len,
                      reverse=True)) + r")(?!\w)",
    re.I,  # abbreviations in capitals only: 'US', never the word 'us'
)


_NAME_PHRASE = re.compile(r"(?:[A-Z][\w.&'’-]*)(?:\s+(?:of|the|and|for|[A-Z][\w.&'’-]*))*")


def grounded_side(side: str, text: str) -> bool:
    """A side is grounded when it is a known country, or a name the article prints
    ('Monetary Policy Board'): Title Case words found as such in the text. A phrase
    such as 'The talks failed', even if the article contains it, is not a side."""
    if not side or canonical_side(side) in COUNTRIES:
        return True
    if not (_NAME_PHRASE.fullmatch(side.strip()) and len(side.split()) <= 6):
        return False
    return _words(side) in _words(text)


def _words(text: str) -> str:
    """Words folded for comparing names: 'Nato' is 'NATO', 'U.N.' is 'UN'."""
    return " " + re.sub(r"\W+", " ", text.replace(".", "")).casefold() + " "
