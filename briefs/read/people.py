"""Person-name candidates: runs of capitalised words that are not titles, places,
bodies or calendar words (all from `text.lexicon`)."""

from __future__ import annotations

import re

from ..text.lexicon import (
    BODY_NOUNS,
    COMMENTATOR_NOUNS,
    COMPOUND_QUALIFIERS,
    COUNTRY_FORMS,
    DEPARTMENT_WORDS,
    FORMER_WORDS,
    HONORIFICS,
    MEDIA_WORDS,
    NOT_NAME_WORDS,
    OFFICE_ABBREVIATIONS,
    OFFICE_NOUNS,
    PRONOUNS_MALE,
    RANKS,
    SPEECH_VERB,
)

# Words that open or close a name without being part of it, and say the name is titled.
_TITLE_WORDS = OFFICE_NOUNS | OFFICE_ABBREVIATIONS | HONORIFICS | DEPARTMENT_WORDS | RANKS \
    | set(COMMENTATOR_NOUNS) | {w for w in FORMER_WORDS if w.isalpha()}
_TOKEN = r"(?:(?:[A-Z]\.){2,}|[A-Z]\.|[A-Z][\w\-]*)"
_NAME_SEQUENCE = re.compile(rf"{_TOKEN}(?:[ ]+{_TOKEN})*")
_SPEECH_AFTER = re.compile(rf"\s+{SPEECH_VERB}\b")


def _key(word: str) -> str:
    return word.lower().replace(".", "")


def _titled(word: str) -> bool:
    """A title word, plural ('Prime Ministers X and Y') or abbreviated ('Lt Gen'), a
    hyphenated title ('Vice-Minister') or a time-qualified one ('Obama-era' in
    'Obama-era Secretary')."""
    key = _key(word)
    parts = key.split("-")
    return key in _TITLE_WORDS or key.endswith("-era") or (
        key.endswith("s") and key[:-1] in _TITLE_WORDS) or (
        len(parts) > 1 and all(p in _TITLE_WORDS for p in parts))


def _acronym(words: list[str]) -> bool:
    """An acronym among the words ('CNBC', 'S&P'): a body, not a person. Initials are
    not one: 'S.' or 'JD' before a surname."""
    return any(len(letters := w.replace(".", "")) > 1 and letters.isupper()
               and not (len(letters) == 2 and i < len(words) - 1)
               for i, w in enumerate(words))


def is_title_word(word: str) -> bool:
    """'Secretary', 'U.S.', 'the': words that may precede a name without being part of it."""
    return _titled(word) or _key(word) in NOT_NAME_WORDS


def is_title_case(text: str) -> bool:
    words = [w for w in text.split() if w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def is_heading(paragraph: str) -> bool:
    """A headline or section heading: title case with no closing punctuation."""
    bare = paragraph.strip().strip("“”‘’\"'")
    return not bare.endswith((".", "!", "?")) and is_title_case(bare)


def is_person_name(name: str) -> bool:
    """A person's name, not a body ('Foreign Office'), an outlet or platform ('Truth
    Social'), a place ('New Delhi') or a qualified place ('Indian-administered Kashmir')."""
    words = [w.lower().strip(".,") for w in name.split()]
    parts = {p for w in words for p in w.split("-")[1:]}
    return bool(words) and not (
        set(words) & (BODY_NOUNS | MEDIA_WORDS) or parts & COMPOUND_QUALIFIERS
        or " ".join(words) in COUNTRY_FORMS)


def find_people(text: str) -> list[str]:
    """Person-name candidates, best form first ('Scott Bessent' absorbs 'Bessent')."""
    full: list[str] = []
    single: list[str] = []
    for para in re.finditer(r"[^\n]+", text):
        if is_heading(para.group(0)):
            continue
        chunk = re.sub(r"['’]s\b", " ,", para.group(0))  # a possessive ends a name
        for match in _NAME_SEQUENCE.finditer(chunk):
            words = match.group(0).split()
            titled = False
            while words and is_title_word(words[0]):
                titled = titled or _titled(words[0])
                words.pop(0)
            inner = [i for i, w in enumerate(words) if is_title_word(w)]
            if inner:  # 'International Trade Minister Ana Ortega': the name follows
                titled = titled or any(_titled(words[i]) for i in inner)
                words = words[inner[-1] + 1 :]
            if not words:
                continue
            if _acronym(words):
                continue
            if " ".join(words).lower() in COUNTRY_FORMS:  # 'New Delhi': a place
                continue
            if 1 < len(words) <= 4:  # "Ana María López Ortega": four words
                full.append(" ".join(words))
            elif len(words) == 1 and words[0].lower() not in PRONOUNS_MALE and (
                titled or _SPEECH_AFTER.match(chunk, match.end())
            ):
                single.append(words[0])
    names: list[str] = [n for n in dict.fromkeys(full) if is_person_name(n)]
    for word in dict.fromkeys(single):
        if is_person_name(word) and not any(word in name.split() for name in names):
            names.append(word)
    return names
