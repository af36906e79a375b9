"""Ingest: article files → `Source`s: decoded, page clutter stripped, sentences split,
each with an `ArticleId` unique in the run.

The cleaned text is what every later offset points into. Removed lines are kept in
`Source.removed` so the brief can say what was stripped.
"""

from __future__ import annotations

import hashlib
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from ..model import RemovedLine, Source
from ..text.lexicon import (
    BYLINE,
    DATELINE_PLACE,
    HEADLINE_MIN_WORDS,
    MONTH,
    SECTION_SEPARATORS,
    WIRE_HEADLINE_PREFIX,
)
from ..text.sentences import split_sentences
from .clutter import COMMENT_SECTION, clean_lines, looks_english

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
MAX_BYTES = 2_000_000
MIN_WORDS = 40  # less than this after cleaning is a page, not an article


class IngestError(Exception):
    """A file that cannot be used as an article; the message names the file."""


# A publication date as pages print it: 'June 9, 2025', '9 June 2025', '09.06.2025',
# '2025-06-09'; the first near the top of the page is the article's.
_DATE = re.compile(rf"\b(?:{MONTH} \d{{1,2}}, \d{{4}}|\d{{1,2}} {MONTH} \d{{4}}|"
                   r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})\b", re.I)
DATE_WINDOW = 1500  # characters from the top of the page where its date is printed


def decode(data: bytes, name: str, charset: str | None = None) -> str:
    """Decode bytes as text (in `charset` when a server declared one), refusing binary
    data with a clear error."""
    if not data.strip():
        raise IngestError(f"{name}: file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a cut last byte is one �
    if data.startswith(b"%PDF") or b"\x00" in data[:4096]:
        raise IngestError(f"{name}: looks like binary data (PDF or other), not text")
    if charset and charset.lower().replace("_", "-") not in {"utf-8", "utf8", "us-ascii"}:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know: read it as below
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # line by line: one stray byte must not garble the rest
        return "".join(_decode_line(line) for line in data.removeprefix(b"\xef\xbb\xbf")
                       .splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    """UTF-8 where the line is UTF-8, else Windows-1252 (what legacy pages use)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def read_limited(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES, checked before and while
    reading (a FIFO, device or folder is refused, never read or waited on)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else \
                "a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
            raise IngestError(f"{name}: is {kind}, not an article file")
        if info.st_size > MAX_BYTES:
            raise IngestError(f"{name}: {info.st_size:,} bytes is over the {MAX_BYTES:,}-byte "
                              "limit")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise IngestError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise IngestError(f"{path}: permission denied") from exc
    except OSError as exc:  # a symbolic link loop, an I/O error
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:  # grew while being read
        raise IngestError(f"{name}: over the {MAX_BYTES:,}-byte limit")
    return data


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page, through trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        return "", {}
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    meta = {"title": get("title"), "outlet": get("sitename"), "date": get("date")}
    return get("text") or "", meta


def load_article(path: Path, article_id: str | None = None) -> Source:
    """Read one file into a cleaned, segmented `Source` (its id `article_id`, by default
    the file name); raises `IngestError` naming the file."""
    name = article_id or path.name
    html = path.suffix.lower() in {".html", ".htm"}
    return article_from_bytes(read_limited(path, name), name, str(path), html=html)


def article_from_bytes(data: bytes, name: str, origin: str, *, html: bool = False,
                       outlet: str | None = None, charset: str | None = None) -> Source:
    """An article's bytes (a file's, a fetched page's, standard input's) → a cleaned,
    segmented `Source` with id `name`; `origin` is where they came from (a path or URL).
    Raises `IngestError` naming `name`."""
    if len(data) > MAX_BYTES:
        raise IngestError(f"{name}: over the {MAX_BYTES:,}-byte limit")
    raw = decode(data, name, charset)
    copy_key = fingerprint(raw)
    meta: dict[str, str | None] = {}
    if html or raw.lstrip().lower().startswith(("<!doctype html", "<html")):
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
    date = meta.get("date") or (m.group(0) if (m := _DATE.search(raw[:DATE_WINDOW])) else None)
    return Source(
        id=name,
        path=origin,
        title=meta.get("title") or headline(kept),
        outlet=meta.get("outlet") or outlet_named(kept) or outlet,
        date=date,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        copy_key=copy_key,
        text=text,
        removed=removed,
        removed_share=_removed_share(kept, removed),
        sentences=split_sentences(text),
    )


_SEPARATOR = re.compile(SECTION_SEPARATORS)
_WIRE_PREFIX = re.compile(WIRE_HEADLINE_PREFIX)
_BYLINE = re.compile(BYLINE, re.I)


_DATELINE_AGENCY = re.compile(rf"^{DATELINE_PLACE}, (?:{MONTH} \d{{1,2}}|\d{{1,2}} {MONTH})"
                              r"\s*\(([A-Z][\w&.-]{1,15})\)")


def outlet_named(lines: list[str], looked_at: int = 4) -> str | None:
    """The outlet a plain-text article names at its top: a label line's first part
    ('Harbour Gazette | World' → 'Harbour Gazette'), or a wire dateline's agency
    ('PORTO, May 3 (ABC) — …' → 'ABC'); None when it names none."""
    for line in lines[:looked_at]:
        if agency := _DATELINE_AGENCY.match(line):
            return agency.group(1)
        parts = [p.strip(" #*_") for p in _SEPARATOR.split(line.strip(" #*_"))]
        if len(parts) > 1 and all(len(p.split()) < HEADLINE_MIN_WORDS for p in parts):
            return parts[0]
    return None


def headline(lines: list[str], looked_at: int = 4) -> str:
    """The headline of a plain-text article: among its first lines, the first that reads
    as one, never an outlet label, breadcrumb, kicker or byline ('Outlet | World', 'By
    A. Writer'). A label glued before the headline ('DESK LIVE | Talks end in a deal')
    is cut off, as are a Markdown heading's '#' and a wire prefix ('UPDATE 2-')."""
    for line in lines[:looked_at]:
        parts = [p.strip(" #*_") for p in _SEPARATOR.split(line.strip(" #*_"))]
        text = _WIRE_PREFIX.sub("", max(parts, key=lambda p: len(p.split())))
        if len(text.split()) >= HEADLINE_MIN_WORDS and not _BYLINE.match(text):
            return text[:200]
    return lines[0][:200]


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def fingerprint(text: str) -> str:
    """What makes two files one article: the same words, whatever the line breaks,
    spacing or invisible characters (a hard-wrapped or zero-width-space copy is a copy)."""
    return hashlib.sha256(" ".join(text.translate(_INVISIBLE).split()).encode()).hexdigest()


def _removed_share(kept: list[str], removed: list[RemovedLine]) -> float:
    """Share of the page's words removed, reader comments at its foot left out of both
    sides: they are not reporting, and a page full of them has lost nothing."""
    lines = [r for r in removed if r.reason != COMMENT_SECTION]
    gone = sum(len(r.text.split()) for r in lines)
    total = gone + sum(len(k.split()) for k in kept)
    return round(gone / total, 3) if total else 0.0


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
        except OSError as exc:
            problems.append(IngestError(f"{item}: cannot be read ({exc.strerror or exc})"))
            continue
        if not found:
            problems.append(IngestError(f"{item}: no articles (.txt, .md, .html) in this folder"))
        paths.extend(found)
    return paths, problems


def article_ids(paths: list[Path]) -> dict[Path, str]:
    """An `ArticleId` per path, unique in the run: the file name, or where two inputs share
    a name, as many trailing folders as tell them apart ('a/story.txt', 'b/story.txt'),
    and a '#n' suffix where even the whole paths are the same."""
    ids: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        parts = path.parts
        clashing = [p for p in paths if p != path and p.name == path.name]
        depth = 1
        while depth < len(parts) and any(p.parts[-depth:] == parts[-depth:] for p in clashing):
            depth += 1
        article_id = "/".join(parts[-depth:])
        suffix = 2
        while article_id in taken:
            article_id = f"{'/'.join(parts[-depth:])}#{suffix}"
            suffix += 1
        taken.add(article_id)
        ids[path] = article_id
    return ids
