"""Sides (countries or bodies people act for): canonical names and grounding."""

from __future__ import annotations

import re

from rapidfuzz import fuzz


def canonical_side(side: str | None) -> str | None:
    """'U.S.', 'US', 'Washington', 'United States' → 'United States'; likewise China."""
    if not side:
        return None
    key = re.sub(r"[^a-z ]", "", side.lower()).strip()
    for canon, forms in SIDES.items():
        if key in forms or any(fuzz.ratio(key, f) >= 90 for f in forms):
            return canon
    return side.strip()


SIDES = {
    "United States": {"us", "usa", "united states", "america", "american", "washington",
                      "united states of america", "the united states", "white house"},
    "China": {"china", "chinese", "beijing", "prc", "peoples republic of china"},
    "European Union": {"eu", "european union", "european commission"},
    "Japan": {"japan", "japanese", "tokyo"},
    "United Kingdom": {"uk", "united kingdom", "britain", "british"},
    "India": {"india", "indian", "new delhi"},
    "Canada": {"canada", "canadian", "ottawa"},
    "Mexico": {"mexico", "mexican"},
    "Finland": {"finland", "finnish", "helsinki"},
    "Estonia": {"estonia", "estonian", "tallinn"},
    "Latvia": {"latvia", "latvian", "riga"},
    "Lithuania": {"lithuania", "lithuanian", "vilnius"},
    "Sweden": {"sweden", "swedish", "stockholm"},
    "Norway": {"norway", "norwegian", "oslo"},
    "Denmark": {"denmark", "danish", "copenhagen"},
    "Germany": {"germany", "german", "berlin"},
    "France": {"france", "french", "paris"},
    "Italy": {"italy", "italian", "rome"},
    "Russia": {"russia", "russian", "moscow", "kremlin"},
    "Ukraine": {"ukraine", "ukrainian", "kyiv"},
    "South Korea": {"south korea", "korea", "korean", "seoul"},
    "Australia": {"australia", "australian", "canberra"},
    "Brazil": {"brazil", "brazilian", "brasilia"},
}
# Single words that name a country or its people: they say whose post it is, not which.
COUNTRY_WORDS = frozenset(f for forms in SIDES.values() for f in forms if " " not in f)
SIDE_WORD = re.compile(
    r"\b(" + "|".join(sorted({re.escape(f) for forms in SIDES.values() for f in forms
                               if " " not in f and len(f) > 2} | {r"U\.S\.", "US", "EU", "UK"},
                              key=len, reverse=True)) + r")\b",
    re.I,
)




_NAME_PHRASE = re.compile(r"(?:[A-Z][\w.&'’-]*)(?:\s+(?:of|the|and|for|[A-Z][\w.&'’-]*))*")


def grounded_side(side: str, text: str) -> bool:
    """A side is grounded when it is a known country, or a name the article prints
    ('National Economic Council'): Title Case words found as such in the text. A phrase
    such as 'The talks failed', even if the article contains it, is not a side."""
    if not side or canonical_side(side) in SIDES:
        return True
    return bool(_NAME_PHRASE.fullmatch(side.strip())) and len(side.split()) <= 6 and \
        side.strip() in text
