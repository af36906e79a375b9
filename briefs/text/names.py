"""When two printed names are one person, and two titles one post."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .lexicon import (
    COUNTRY_WORDS,
    FORMER_WORDS,
    POST_QUALIFIERS,
    RANK_QUALIFIERS,
    RANKS,
    SINGLE_HOLDER_OFFICES,
    STOPWORDS,
    alternation,
)
from .tokens import plain

_POST_NOISE = STOPWORDS | COUNTRY_WORDS | POST_QUALIFIERS
_FORMER = re.compile(rf"\b{alternation(FORMER_WORDS)}\b", re.I)
_SINGLE_HOLDER = re.compile(rf"\b{alternation(SINGLE_HOLDER_OFFICES)}\b", re.I)


@lru_cache(maxsize=1 << 14)
def post_key(role: str | None) -> str | None:
    """A role reduced to the post it names ('US Treasury Secretary' → 'secretary treasury'),
    or None when it names no single-holder office."""
    if not role or not _SINGLE_HOLDER.search(role):
        return None
    words = [w for w in plain(role).replace("'s", " ").split() if w not in _POST_NOISE]
    return " ".join(sorted(words)) or None


@lru_cache(maxsize=1 << 16)
def same_post(a: str, b: str) -> bool:
    """Posts match when equal or one contains the other with at least two words
    ('director economic council national' ⊇ 'council economic national'), but never
    across a rank ('deputy minister prime' is not 'minister prime')."""
    if a == b:
        return True
    small, big = sorted((set(a.split()), set(b.split())), key=len)
    return len(small) >= 2 and small <= big and not (big - small) & RANK_QUALIFIERS


def _untitled(words: list[str]) -> list[str]:
    """A name without the ranks printed before it ('General Ann Holt' → 'ann holt')."""
    while len(words) > 1 and words[0] in RANKS:
        words = words[1:]
    return words


@lru_cache(maxsize=1 << 17)
def same_person(a: str, b: str) -> bool:
    """'Bessent' ~ 'Scott Bessent', 'Xi' ~ 'Xi Jinping', a name with a first name more
    ('Ali Reza Tahmasbi' ~ 'Reza Tahmasbi'), spelling and transliteration
    variants by fuzzy ratio ('Sergei'/'Sergey Lavrov', 'Tsipras' ~ 'Alexis Tsipra'),
    never a short near-miss ('Ross' is not 'Rossi')."""
    ta, tb = _untitled(plain(a).split()), _untitled(plain(b).split())
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if len(ta) == 1 or len(tb) == 1:
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        if single[0] in (full[0], full[-1]):
            return True
        surname = full[-1]  # a transliteration variant: 'Tsipras' ~ 'Tsipra'
        return min(len(single[0]), len(surname)) >= 7 and fuzz.ratio(single[0], surname) >= 90
    short, long = sorted((ta, tb), key=len)
    if long[len(long) - len(short):] == short:  # 'Ishaq Dar' ~ 'Muhammad Ishaq Dar'
        return True
    return (ta[-1] == tb[-1] and ta[0][0] == tb[0][0]) or fuzz.token_sort_ratio(a, b) >= 92


def is_former(title: str) -> bool:
    """'former President', 'ex-minister', 'outgoing governor': a post no longer held."""
    return bool(_FORMER.search(title))
