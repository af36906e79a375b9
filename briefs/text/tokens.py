"""Words of a passage as reconciliation compares them: folded forms, content words,
5-letter stems, and the clause a position stands in."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .lexicon import LEANING_OPENERS, STOPWORDS

STEM_LENGTH = 5  # 'handshakes' ~ 'handshake', 'tariffs' ~ 'tariff', 'today's' ~ 'today'
# A clause ends at a semicolon, colon or dash, or at a comma before a new clause.
_CLAUSE_BREAK = re.compile(r"[;:—–]|, (?:while|but|and|which|where)\b")
# A phrase ends at any punctuation or conjunction (what a cue word governs stops there).
_PHRASE_BREAK_BEFORE = re.compile(r"[,;:.]|\b(?:but|while|whereas|and)\b")
_PHRASE_BREAK_AFTER = re.compile(r"[,;:.]|\b(?:and the|and a|but|while|whereas)\b")


def stem(word: str) -> str:
    """The crude stem every comparison shares: the first five letters."""
    return word[:STEM_LENGTH]


@lru_cache(maxsize=1 << 17)
def plain(text: str) -> str:
    """Lowercase words only: curly quotes, punctuation and spacing folded away."""
    text = text.lower().replace("’", "'").replace(".", "")  # 'U.S.' → 'us'
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


@lru_cache(maxsize=65536)
def content_words(text: str, min_length: int = 4) -> tuple[str, ...]:
    return tuple(w for w in plain(text).split() if len(w) >= min_length and w not in STOPWORDS)


def shared_stems(a: str, b: str, min_length: int = 4) -> int:
    """How many content words of `a` share a stem with a word of `b`
    ('handshakes' and 'shake', 'today' and 'today's'); `min_length` 3 counts short
    words too ('pay', 'big')."""
    words_b = content_words(b, min_length)
    count = 0
    for word in set(content_words(a, min_length)):
        own = word[:STEM_LENGTH]
        if any(own in other or other[:STEM_LENGTH] in word for other in words_b):
            count += 1
    return count


def text_similarity(a: str, b: str) -> float:
    """0–100: how far two passages say the same words (order and extra words forgiven)."""
    return fuzz.token_set_ratio(plain(a), plain(b))


def clause_before(text: str, at: int) -> str:
    """The part of `text[:at]`'s last clause that precedes position `at`."""
    return _CLAUSE_BREAK.split(text[:at])[-1]


def clause_after(text: str, at: int) -> str:
    """The part of the clause from position `at` to its end."""
    return _CLAUSE_BREAK.split(text[at:])[0]


def phrase_before(text: str, at: int) -> str:
    return _PHRASE_BREAK_BEFORE.split(text[:at])[-1]


def phrase_after(text: str, at: int) -> str:
    return _PHRASE_BREAK_AFTER.split(text[at:])[0]


_UNPRINTABLE = re.compile(  # C0 but tab and newline, DEL, C1, and bidirectional overrides
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def stands_alone(text: str) -> bool:
    """Whether a sentence reads without the one before it (not 'He said…', 'But…')."""
    words = text.split()
    return bool(words) and words[0].lower().strip(",") not in LEANING_OPENERS


def printable(text: str) -> str:
    """Text safe for a terminal or a Markdown file: control characters (escape sequences,
    backspaces, bidirectional overrides) shown as U+FFFD instead of acting."""
    return _UNPRINTABLE.sub("\ufffd", text)
