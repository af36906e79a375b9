"""Inputs: what a user names (files, folders, URLs, `-` for standard input) → one loader
per article, each with its `ArticleId`, so the pipeline can load them one by one and a
bad input fails alone."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..model import Source
from .fetch import fetch, is_url, page_id
from .ingest import (
    MAX_BYTES,
    IngestError,
    article_from_bytes,
    article_ids,
    find_articles,
)
from .ingest import load_article as load_file

STDIN = "-"
STDIN_ID = "stdin"


@dataclass
class ArticleInput:
    """One article to load: its id in the run, and how to load it."""

    id: str
    origin: str  # the path, URL or '-' it is read from
    load: Callable[[], Source]


def article_inputs(
    inputs: Sequence[str | Path], *, pages: Path | None = None, refetch: bool = False,
    stdin: BinaryIO | None = None,
) -> tuple[list[ArticleInput], list[IngestError]]:
    """Files and folders (expanded), URLs (fetched into the `pages` cache, afresh with
    `refetch`) and `-` (one article from `stdin`, by default standard input), in the
    order given; and the inputs that cannot be used at all."""
    expanded: list[list[Path]] = []  # per input: its file, or its folder's articles
    problems: list[IngestError] = []
    for item in inputs:
        found, trouble = ([], []) if is_url(item) or str(item) == STDIN \
            else find_articles([Path(item)])
        expanded.append(found)
        problems += trouble
    ids = article_ids([path for found in expanded for path in found])
    taken = set(ids.values())
    loaders: list[ArticleInput] = []
    for item, found in zip(inputs, expanded, strict=True):
        if is_url(item):
            article_id = _unique(page_id(str(item)), taken)
            loaders.append(ArticleInput(article_id, str(item), partial(
                _load_url, str(item), article_id, pages, refetch)))
        elif str(item) == STDIN:
            if STDIN_ID in taken:
                problems.append(IngestError("-: standard input is given more than once"))
                continue
            taken.add(STDIN_ID)
            loaders.append(ArticleInput(STDIN_ID, STDIN, partial(_load_stdin, stdin)))
        loaders += [ArticleInput(ids[path], str(path), partial(load_file, path, ids[path]))
                    for path in found]
    return loaders, problems


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}#{n}", n + 1
    taken.add(candidate)
    return candidate


def _load_url(url: str, article_id: str, pages: Path | None, refetch: bool) -> Source:
    page = fetch(url, cache=pages, refetch=refetch)
    return article_from_bytes(page.body, article_id, url, html=page.html, outlet=page.site,
                              charset=page.charset)


def _load_stdin(stream: BinaryIO | None) -> Source:
    stream = stream or sys.stdin.buffer
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise IngestError(f"{STDIN_ID}: over the {MAX_BYTES:,}-byte limit")
    text_start = data.lstrip()[:15].lower()
    return article_from_bytes(data, STDIN_ID, STDIN,
                              html=text_start.startswith((b"<!doctype", b"<html")))
