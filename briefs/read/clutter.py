"""Page clutter: which lines of a page are not the reporting (breadcrumbs, 'Read also'
lines, share prompts, reader comments, chat-assistant artifacts), by the patterns of
`text.lexicon`. Clutter goes line by line, each line with its reason; a marker never
takes the prose after it, except a reader-comment section at the foot of the page."""

from __future__ import annotations

import re

from ..model import RemovedLine
from ..text.lexicon import (
    ASSISTANT_ARTIFACT,
    CLUTTER_LINES,
    CLUTTER_PHRASES,
    COMMENT_OPENERS,
    ENGLISH_FUNCTION_WORDS,
    INLINE_CLUTTER,
    PROMO_OPENERS,
    SHARE_PROMPTS,
    SUMMARY_BOX_HEADINGS,
)

_INLINE = re.compile(r"\s*(?:" + "|".join(INLINE_CLUTTER) + ")", re.I)
_SUMMARY_BOX = re.compile(r"(?:" + "|".join(SUMMARY_BOX_HEADINGS) + r")\s*:?", re.I)
_SHARE = re.compile(r"(?:" + "|".join(SHARE_PROMPTS) + ")", re.I)
_COMMENTS = re.compile(r"(?:" + "|".join(COMMENT_OPENERS) + ")", re.I)
_LIST_ITEM = re.compile(r"^\s*(\d+\.|•|\*|-)\s+")
LOOKAHEAD = 6  # lines after a share prompt in which a comment section may open
COMMENT_SECTION = "reader comments and share links at the foot of the page"


def looks_english(text: str) -> bool:
    """At least 12% of words are common English function words (news prose: ~35%)."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    return len(words) < 20 or sum(w in ENGLISH_FUNCTION_WORDS for w in words) >= 0.12 * len(words)


def _matches(patterns: tuple[str, ...], line: str) -> bool:
    return any(re.fullmatch(p, line, re.I) for p in patterns)


def reads_as_prose(line: str) -> bool:
    """A sentence of reporting: ten words or more, ending as a sentence ends, with no
    label before a colon ('Related: …', 'Read more: …')."""
    words = line.split()
    return (len(words) >= 10 and line.rstrip("”\"’')").endswith((".", "!", "?"))
            and ":" not in " ".join(words[:4]))


def _comment_section(lines: list[str], index: int, kept: list[str]) -> bool:
    """Whether the page's reader-comment section opens at `index`: a comment opener
    there or a few lines on, and less text from there to the end than the article
    kept before it (a comment section is the foot of a page, not its middle)."""
    ahead = [ln for ln in lines[index:] if ln][: LOOKAHEAD + 1]
    if not any(_COMMENTS.match(ln) for ln in ahead):
        return False
    rest = sum(len(ln.split()) for ln in lines[index:])
    return rest < sum(len(k.split()) for k in kept)


_ADDRESSES_READER = re.compile(r"\b(?:you|your|yours)\b|https?://|\b[\w-]+\.(?:com|org|net|io|co)\b",
                               re.I)


_PROMO_OPENER = re.compile(r"(?:" + "|".join(PROMO_OPENERS) + r")\b", re.I)


def _promo(line: str) -> bool:
    """Addressed to the reader or pointing at a site: 'Sign up for …', 'Dive into … at
    example.com', '… in your inbox'."""
    return bool(_PROMO_OPENER.match(line) or _ADDRESSES_READER.search(line))


PROSE_RUN = 60  # words: a prose paragraph this long is reporting, whatever phrase it holds


def _clutter_reason(line: str, kept: list[str], following: list[str]) -> str | None:
    if _matches(CLUTTER_LINES, line):
        return "page furniture"
    if _matches(CLUTTER_PHRASES, line) and (_promo(line) or not reads_as_prose(line)) \
            and not (len(line.split()) >= PROSE_RUN and reads_as_prose(line)):
        return "link or promo"
    if _is_duplicate(line, kept, following):
        return "repeats a nearby line"
    return None


def clean_lines(text: str) -> tuple[list[str], list[RemovedLine]]:
    """Split text into kept paragraphs and removed clutter lines (each with its reason)."""
    kept: list[str] = []
    removed: list[RemovedLine] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[^\S\n]+", " ", ln).strip() for ln in text.split("\n")]
    in_artifact = in_highlights = False

    def drop(line: str, reason: str) -> None:
        removed.append(RemovedLine(text=line, reason=reason))

    for index, line in enumerate(lines):
        if not line:
            continue
        if (_SHARE.match(line) or _COMMENTS.match(line)) and _comment_section(lines, index, kept):
            for rest in lines[index:]:
                if rest:
                    drop(rest, COMMENT_SECTION)
            break
        if _SHARE.match(line) or _COMMENTS.match(line):
            drop(line, "share or comment prompt")
            continue
        if ASSISTANT_ARTIFACT.match(line):
            in_artifact = True
        if in_artifact and (ASSISTANT_ARTIFACT.match(line) or _LIST_ITEM.match(line)):
            drop(line, "written by a chat assistant")
            continue
        in_artifact = False
        if in_highlights and _LIST_ITEM.match(line):
            drop(line, "highlights box restating the article")
            continue
        in_highlights = bool(_SUMMARY_BOX.fullmatch(line))
        if index < 3 and line.startswith("Home ") and not line.endswith("."):
            drop(line, "breadcrumb")
            continue
        line = _INLINE.sub("", line)
        if reason := _clutter_reason(line, kept, lines[index + 1 :]):
            drop(line, reason)
            continue
        kept.append(line)
    return kept, removed


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def _is_duplicate(line: str, kept: list[str], following: list[str]) -> bool:
    """A repeat of an earlier line, or a truncated ('...') copy of a nearby one."""
    norm = _norm(line)
    if any(_norm(k) == norm for k in kept):
        return True
    if line.endswith(("...", "…")):
        stem = _norm(line.rstrip(".…"))
        return any(_norm(other).startswith(stem) for other in [*kept, *following[:3]])
    return False


def machine_written(line: RemovedLine) -> bool:
    """A removed line that a chat assistant wrote into the page."""
    return bool(ASSISTANT_ARTIFACT.match(line.text))
