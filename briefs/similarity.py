"""Text and name similarity used by reconciliation (rapidfuzz underneath)."""

from __future__ import annotations

import heapq
import re
from functools import lru_cache

from rapidfuzz import fuzz

from .sides import COUNTRY_WORDS

STOPWORDS = frozenset(
    """
    the a an and or but of to in on at for with by from as is are was were be been it
    its that this these those they them their there we our you your he she his her i me
    my not no so if then than too very can could would should will may might must do
    does did have has had just also about into over after before more most some any all
    which who what when where how said says told
    """.split()
)
# Words that qualify a post without changing which post it is.
_POST_NOISE = STOPWORDS | COUNTRY_WORDS | set(
    """
    us usa united states white house whitehouse s head heads headed leads led current
    then former ex outgoing erstwhile
    """.split()
)
# A post that one person holds at a time (so two holders at once is a contradiction).
UNIQUE_OFFICE = re.compile(
    r"\b(secretary|minister|premier|president|representative|director|governor|chancellor|"
    r"ambassador|chair(man|woman)?|chief|heads?|spokes(man|woman|person))\b",
    re.I,
)


@lru_cache(maxsize=1 << 17)
def plain(text: str) -> str:
    """Lowercase words only: curly quotes, punctuation and spacing folded away."""
    text = text.lower().replace("’", "'").replace(".", "")  # 'U.S.' → 'us'
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


@lru_cache(maxsize=65536)
def content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in plain(text).split() if len(w) >= 4 and w not in STOPWORDS)


def shared_stems(a: str, b: str) -> int:
    """How many content words of `a` share a 5-letter stem with a word of `b`
    ('handshakes' and 'shake', 'today' and 'today's')."""
    words_b = content_words(b)
    count = 0
    for word in set(content_words(a)):
        stem = word[:5]
        if any(stem in other or other[:5] in word for other in words_b):
            count += 1
    return count


def text_similarity(a: str, b: str) -> float:
    """0–100: how far two passages say the same words (order and extra words forgiven)."""
    return fuzz.token_set_ratio(plain(a), plain(b))


@lru_cache(maxsize=1 << 14)
def post_key(role: str | None) -> str | None:
    """A role reduced to the post it names ('US Treasury Secretary' → 'secretary treasury'),
    or None when it names no single-holder office."""
    if not role or not UNIQUE_OFFICE.search(role):
        return None
    words = [w for w in plain(role).replace("'s", " ").split() if w not in _POST_NOISE]
    return " ".join(sorted(words)) or None


@lru_cache(maxsize=1 << 16)
def same_post(a: str, b: str) -> bool:
    """Posts match when equal or one contains the other with at least two words
    ('director economic council national' ⊇ 'council economic national')."""
    if a == b:
        return True
    small, big = sorted((set(a.split()), set(b.split())), key=len)
    return len(small) >= 2 and small <= big


@lru_cache(maxsize=1 << 17)
def same_person(a: str, b: str) -> bool:
    """'Bessent' ~ 'Scott Bessent', 'Xi' ~ 'Xi Jinping', spelling and transliteration
    variants by fuzzy ratio ('Sergei'/'Sergey Lavrov', 'Zelenskyy' ~ 'Volodymyr Zelensky'),
    never a short near-miss ('Ross' is not 'Rossi')."""
    ta, tb = plain(a).split(), plain(b).split()
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if len(ta) == 1 or len(tb) == 1:
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        if single[0] in (full[0], full[-1]):
            return True
        surname = full[-1]  # a transliteration variant: 'Zelenskyy' ~ 'Zelensky'
        return min(len(single[0]), len(surname)) >= 7 and fuzz.ratio(single[0], surname) >= 90
    return (ta[-1] == tb[-1] and ta[0][0] == tb[0][0]) or fuzz.token_sort_ratio(a, b) >= 92


MAX_POSTING = 500  # a word in more groups than this is too common to find candidates by


class CandidateIndex:
    """Blocking for near-linear grouping: a query is compared only with the groups found
    through its rarest content words. Near-duplicates share most words, the rare ones
    included, and rare words have short posting lists whatever the corpus size, so the
    cost per query stays flat."""

    def __init__(self, probes: int = 4) -> None:
        self.postings: dict[str, set[int]] = {}
        self.probes = probes

    @staticmethod
    def keys(text: str) -> set[str]:
        words = content_words(text)
        return {w[:5] for w in words} or {plain(text)}

    def add(self, group: int, text: str) -> None:
        for key in self.keys(text):
            self.postings.setdefault(key, set()).add(group)

    def candidates(self, text: str, share: float = 0.0, limit: int = 20) -> list[int]:
        """At most `limit` groups found through the query's `probes` rarest keys, those
        sharing the most of them first (at least one, and at least `share` of them).
        Keys shared by more than MAX_POSTING groups are not probed: they are too common
        to say two passages are the same, and walking them would cost what blocking saves."""
        known = sorted((len(self.postings[k]), k) for k in self.keys(text)
                       if k in self.postings and len(self.postings[k]) <= MAX_POSTING)
        rarest = [k for _, k in known[: self.probes]]
        need = max(1, round(share * len(rarest)))
        counts: dict[int, int] = {}
        for key in rarest:
            for group in self.postings[key]:
                counts[group] = counts.get(group, 0) + 1
        return heapq.nsmallest(limit, (g for g, c in counts.items() if c >= need),
                               key=lambda g: (-counts[g], g))
