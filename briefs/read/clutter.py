"""Page clutter: which lines of a page are not the reporting (breadcrumbs, 'Read also'
lines, share prompts, reader comments, chat-assistant artifacts), by the patterns of
`text.lexicon`."""

from __future__ import annotations

import re

from ..text.lexicon import (
    ASSISTANT_ARTIFACT,
    CLUTTER_LINES,
    ENGLISH_FUNCTION_WORDS,
    INLINE_CLUTTER,
    SUMMARY_BOX_HEADINGS,
    TAIL_MARKERS,
)

_INLINE = re.compile(r"\s*(?:" + "|".join(INLINE_CLUTTER) + ")", re.I)
_SUMMARY_BOX = re.compile(r"(?:" + "|".join(SUMMARY_BOX_HEADINGS) + r")\s*:?", re.I)
_LIST_ITEM = re.compile(r"^\s*(\d+\.|•|\*|-)\s+")


def looks_english(text: str) -> bool:
    """At least 12% of words are common English function words (news prose: ~35%)."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    return len(words) < 20 or sum(w in ENGLISH_FUNCTION_WORDS for w in words) >= 0.12 * len(words)


def _matches(patterns: tuple[str, ...], line: str) -> bool:
    return any(re.fullmatch(p, line, re.I) for p in patterns)


def clean_lines(text: str) -> tuple[list[str], list[str]]:
    """Split text into kept paragraphs and removed clutter lines."""
    kept: list[str] = []
    removed: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[^\S\n]+", " ", ln).strip() for ln in text.split("\n")]
    in_artifact = in_highlights = False
    for index, line in enumerate(lines):
        if not line:
            continue
        if _matches(TAIL_MARKERS, line) or any(re.match(p, line, re.I) for p in TAIL_MARKERS):
            removed.extend(ln for ln in lines[index:] if ln)
            break
        if ASSISTANT_ARTIFACT.match(line):
            in_artifact = True
        if in_artifact and (ASSISTANT_ARTIFACT.match(line) or _LIST_ITEM.match(line)):
            removed.append(line)
            continue
        in_artifact = False
        if in_highlights and _LIST_ITEM.match(line):
            removed.append(line)  # a highlights box restates the article
            continue
        in_highlights = bool(_SUMMARY_BOX.fullmatch(line))
        if index < 3 and line.startswith("Home ") and not line.endswith("."):
            removed.append(line)  # breadcrumb
            continue
        line = _INLINE.sub("", line)
        if _matches(CLUTTER_LINES, line) or _is_duplicate(line, kept, lines[index + 1 :]):
            removed.append(line)
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


def machine_written(line: str) -> bool:
    """A removed line that a chat assistant wrote into the page."""
    return bool(ASSISTANT_ARTIFACT.match(line))
