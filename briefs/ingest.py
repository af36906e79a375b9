"""Ingest: read article files, strip page clutter, keep the reporting.

The cleaned text is what every later offset points into. Removed lines are kept in
`Source.removed` so the brief can say what was stripped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from .models import Source

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
MAX_BYTES = 2_000_000
MIN_WORDS = 40  # less than this after cleaning is a page, not an article


class IngestError(Exception):
    """A file that cannot be used as an article; the message names the file."""


# A line matching one of these is clutter; only that line goes.
_DROP_LINE = [
    r"skip to (main )?content",
    r"(read|also read|see also|related)\b.{0,200}",
    r"also read\s*:.*",
    r"latest",
    r"highlights",
    r"error",
    r"scroll to top",
    r"categories\s*:.*",
    r"\(with inputs from [^)]*\)",
    r".*\bwhatsapp channel",
    r".*\b(curated by|subscribe to|sign up for)\b.*",
    r"\d{1,4}",
    r"[A-Z][a-z]{2} \d{1,2}, \d{4} - \d{1,2}:\d{2}",
]
# A line starting with one of these begins a comment/share section: it and all after go.
_TAIL_MARKERS = [
    r"spread the word",
    r"please follow and like us",
    r"leave a (reply|comment)",
    r"share this",
    r"enjoy this blog",
    r"your email address will not be published",
    r"\d+ comments?\b",
]
# Text a chat assistant wrote into the page: the paragraph and the generated list after it go.
ASSISTANT_ARTIFACT = re.compile(
    r"^(as of my (last|latest) (check-in|update|knowledge)|as an ai\b|as of my knowledge cutoff)",
    re.I,
)
_INLINE_CLUTTER = re.compile(r"\s*\(opens in a new tab\)", re.I)
_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b"
)
_LIST_ITEM = re.compile(r"^\s*(\d+\.|•|\*|-)\s+")


_ENGLISH = set("the of and to in a is that for on with as by was said at from it be has "
               "have are will not this an its were which".split())


def looks_english(text: str) -> bool:
    """At least 12% of words are common English function words (news prose: ~35%)."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    return len(words) < 20 or sum(w in _ENGLISH for w in words) >= 0.12 * len(words)


def _matches(patterns: list[str], line: str) -> bool:
    return any(re.fullmatch(p, line, re.I) for p in patterns)


def decode(data: bytes, name: str) -> str:
    """Decode bytes as text, refusing binary data with a clear error."""
    if not data.strip():
        raise IngestError(f"{name}: file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"%PDF") or b"\x00" in data[:4096]:
        raise IngestError(f"{name}: looks like binary data (PDF or other), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page, through trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        return "", {}
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    meta = {"title": get("title"), "outlet": get("sitename"), "date": get("date")}
    return get("text") or "", meta


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
        if _matches(_TAIL_MARKERS, line) or any(
            re.match(p, line, re.I) for p in _TAIL_MARKERS
        ):
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
        in_highlights = bool(re.fullmatch(r"(highlights|key points)\s*:?", line, re.I))
        if index < 3 and line.startswith("Home ") and not line.endswith("."):
            removed.append(line)  # breadcrumb
            continue
        line = _INLINE_CLUTTER.sub("", line)
        if _matches(_DROP_LINE, line) or _is_duplicate(line, kept, lines[index + 1 :]):
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


def load_article(path: Path) -> Source:
    """Read one file into a cleaned `Source`; raises `IngestError` naming the file."""
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise IngestError(f"{path}: permission denied") from exc
    if len(data) > MAX_BYTES:
        raise IngestError(f"{name}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    raw = decode(data, name)
    meta: dict[str, str | None] = {}
    if path.suffix.lower() in {".html", ".htm"} or raw.lstrip().lower().startswith(
        ("<!doctype html", "<html")
    ):
        raw, meta = html_to_text(raw)
    kept, removed = clean_lines(raw)
    if not kept:
        raise IngestError(f"{name}: no article text left after removing page clutter")
    text = "\n\n".join(kept)
    if (words := len(text.split())) < MIN_WORDS:
        raise IngestError(f"{name}: only {words} words of article text after removing page "
                          f"clutter (at least {MIN_WORDS} needed)")
    if not looks_english(text):
        raise IngestError(f"{name}: does not look like English; briefs reads English articles")
    date = meta.get("date") or (m.group(0) if (m := _DATE.search(raw)) else None)
    return Source(
        id=name,
        path=str(path),
        title=meta.get("title") or kept[0][:200],
        outlet=meta.get("outlet"),
        date=date,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        removed=removed,
    )


def find_articles(inputs: Iterable[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand files and folders into article paths (stable order), and the inputs that
    could not be read; one bad input never hides the others."""
    paths: list[Path] = []
    problems: list[IngestError] = []
    for item in inputs:
        if not item.is_dir():
            paths.append(item)
            continue
        try:
            found = sorted(p for p in item.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
        except PermissionError:
            problems.append(IngestError(f"{item}: permission denied"))
            continue
        if not found:
            problems.append(IngestError(f"{item}: no articles (.txt, .md, .html) in this folder"))
        paths.extend(found)
    return paths, problems
