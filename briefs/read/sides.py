"""Sides (countries or bodies people act for): canonical names and grounding."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..text.lexicon import (
    CAPITALS,
    COUNTRIES,
    COUNTRY_ABBREVIATIONS,
    COUNTRY_WORDS,
    DATELINE,
    GROUP_NOUNS,
    GROUP_QUALIFIERS,
    NOT_ACTOR_PREPOSITIONS,
    OBLIGING_VERBS,
    STOPWORDS,
)
from ..text.tokens import plain


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


# A group the text names as acting: up to two words before a group noun ('developed
# countries', 'NATO allies', 'member states'), or a side ('Spain', 'U.S.').
_GROUP = re.compile(r"(?<!\w)((?:[A-Za-z][\w'’.-]*\s+){0,2}(?:"
                    + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True)) + r"))(?!\w)", re.I)
_DATELINE = re.compile(DATELINE)
_OWNED = 12  # "NATO's 32 members": a side this close before a bare group noun owns it


def _names_a_group(word: str, opens_sentence: bool) -> bool:
    """Whether a word before a group noun belongs to the group's name: a side ('NATO
    allies'), a qualifier ('developed countries'), or a capitalised word that is not
    capitalised only because it opens the sentence ('Gulf states')."""
    return bool(SIDE_WORD.fullmatch(word) or word.lower() in GROUP_QUALIFIERS
                or (word[:1].isupper() and not opens_sentence))


def _is_a_name_part(text: str, match: re.Match) -> bool:
    """A capital city before a capitalised word names a thing, not the side: 'the
    Paris Agreement', 'the Geneva talks' do not say France or Switzerland acts."""
    return match.group(0).lower() in CAPITALS and bool(re.match(r"\s+[A-Z]", text[match.end():]))


def actors_in(text: str) -> list[tuple[int, int, str]]:
    """The sides and groups a sentence names, as (start, end, name), in order."""
    found = []
    opening = len(text) - len(text.lstrip(" -•*\"'‘“"))
    for match in _GROUP.finditer(text):
        words = match.group(1).split()
        start = match.start(1)
        while len(words) > 1 and (words[0].lower() in STOPWORDS or (words[0].endswith(("'s", "’s"))
                                  and not SIDE_WORD.fullmatch(words[0][:-2]))
                                  or not _names_a_group(words[0], start <= opening)):
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        phrase = " ".join(words)
        found.append((match.end() - len(phrase), match.end(), phrase))
    taken = [(a, b) for a, b, _ in found]
    for match in SIDE_WORD.finditer(text):
        if not any(a <= match.start() < b for a, b in taken) and not _is_a_name_part(text, match):
            found.append((match.start(), match.end(), canonical_side(match.group(0)) or ""))
    found.sort()
    for i in range(len(found) - 1, 0, -1):  # "NATO's 32 members" is NATO
        (start, end, side), (_, group_end, group) = found[i - 1], found[i]
        if " " not in group and group.lower() in GROUP_NOUNS and SIDE_WORD.fullmatch(
                text[start:end]) and found[i][0] - end <= _OWNED:
            found[i - 1:i + 1] = [(start, group_end, side)]
    return found


def _acts(text: str, start: int) -> bool:
    """Whether a side or group at `start` can be the actor: not after a preposition
    that makes it a place, a target or a partner ('in Azerbaijan', 'on China')."""
    before = [w.lower() for w in text[:start].split() if w.lower() not in ("the", "a", "an")]
    return not before or before[-1] not in NOT_ACTOR_PREPOSITIONS


def _can_act(text: str) -> list[tuple[int, int, str]]:
    """The sides and groups of a sentence that can be taking a measure: not a wire
    dateline's place ('BAKU, Nov 24 —' says where), not after a preposition (`_acts`)."""
    dateline = _DATELINE.match(text)
    opening = dateline.end() if dateline else 0
    return [(start, end, name) for start, end, name in actors_in(text)
            if start >= opening and _acts(text, start)]


def _named(actors: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The actors that name someone: a bare 'officials' or 'countries' names nobody."""
    return [(start, end, name) for start, end, name in actors
            if not (" " not in name and name.lower() in GROUP_NOUNS)]


def _among(actor: str, actors: list[tuple[int, int, str]]) -> bool:
    """Whether the actor is one of these sides or groups: in its words, or as a form of
    the same side."""
    side = canonical_side(actor)
    return any(f" {plain(actor)} " in f" {plain(name)} " or canonical_side(name) == side
               for _, _, name in actors)


def _printed(actor: str, text: str) -> list[int]:
    """Where the text prints the actor's own name (a name no list holds)."""
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(actor)}(?!\w)", text, re.I)]


def names_actor(actor: str, text: str) -> bool:
    """Whether a sentence names the actor where an actor can stand (`_can_act`)."""
    return _among(actor, _can_act(text)) or any(_acts(text, at) for at in _printed(actor, text))


def names_elsewhere(actor: str, text: str) -> bool:
    """Whether a sentence names the actor only where no actor stands: a dateline's place,
    'in Azerbaijan', 'tariffs on China' (it names it, but `names_actor` is False)."""
    named = _among(actor, actors_in(text)) or bool(_printed(actor, text))
    return named and not names_actor(actor, text)


def acting_in(text: str, at: int) -> str | None:
    """Who a sentence says takes the measure it states at `at`: of the sides and named
    groups that can act (`_can_act`; a bare 'officials' or 'countries' names nobody),
    the one nearest before that word (news puts the actor first: 'Developed countries
    will take the lead in mobilising…'), else the first after it ('a target endorsed by
    NATO leaders'); None when it names none."""
    actors = _named(_can_act(text))
    before = [name for start, end, name in actors if end <= at]
    after = [name for start, _, name in actors if start >= at]
    return (before[-1:] or after[:1] or [None])[0]


_OBLIGING = re.compile(rf"(?<!\w)(?:{OBLIGING_VERBS})\s+(?:(?:the|all)\s+)?", re.I)
_THEN_TO = re.compile(r"[^.;:!?]{0,40}?\bto\s+[a-z]")


def obliged_in(text: str, others: list[str] = ()) -> str | None:
    """The party a decision puts under a measure: the side or group right after an
    obliging verb and before 'to <verb>' ('The text calls on developed countries to take
    the lead', 'It commits allies to spend'). Only when nobody who could be deciding
    stands before the verb (no side, group or one of `others`, people's names): 'Ana
    Ortega urged Ruritania to cut tariffs' is her proposal, not Ruritania's measure."""
    actors = actors_in(text)
    for verb in _OBLIGING.finditer(text):
        if any(end <= verb.start() for _, end, _ in _named(_can_act(text))) or any(
                name in text[:verb.start()] for name in others):
            return None
        after = [(start, end, name) for start, end, name in actors if start == verb.end()]
        if after and _THEN_TO.match(text, after[0][1]):
            return after[0][2]
    return None
