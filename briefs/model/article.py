"""What ingest and reading make of one article: its cleaned text (`Source`), exact
evidence into it (`Span`), and the facts read off it by rule (`Fact`).

`Source.id` is the article's `ArticleId`: minted once at ingest, unique in the run, and
the key every later stage joins on.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    """Exact evidence: `text == cleaned_text[start:end]` of source `source`."""

    source: str = Field(description="ArticleId of the article the evidence is in.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class RemovedLine(BaseModel):
    """A line of the page that is not the reporting, and why it was removed."""

    text: str
    reason: str


class Source(BaseModel):
    """One ingested article, after clutter was stripped."""

    id: str = Field(description="ArticleId: the file name, or as much of its path as tells "
                    "it apart from another input of the same name; unique within a run.")
    path: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    sha256: str = Field(description="Hash of the cleaned text; keys recordings and caches.")
    copy_key: str = Field("", description="Hash of the file's words, whatever the spacing, "
                          "wrapping or invisible characters: a second file with the same "
                          "key is a copy.")
    text: str = Field(description="Cleaned text; every Span offset points into it.")
    removed: list[RemovedLine] = Field(default_factory=list,
                                       description="Clutter lines removed, with reasons.")
    removed_share: float = Field(0.0, description="Share of the page's words removed.")
    sentences: list[tuple[int, int]] = Field(
        default_factory=list, description="Sentence offsets into `text`, S1 first, as the "
        "extraction numbered them; empty until the article is segmented.")



FactKind = Literal["amount", "quantifier", "date", "weekday_mismatch", "weekday_date",
                   "calendar_day", "clock", "year", "duration", "inclusion"]


class Fact(BaseModel):
    """One detail stated in one sentence, read by rule (see `briefs.read.facts`)."""

    model_config = ConfigDict(frozen=True)

    kind: FactKind
    value: str = Field(description="Normalised, comparable: 'pct:25', 'USD:5.5e+11', 'all'.")
    label: str = Field(description="As printed.")
    topic: frozenset[str] = Field(description="5-letter stems of the informative words "
                                  "around it: what the figure is of.")
    span: Span

__all__ = [
    "Fact", "FactKind", "RemovedLine", "Source", "Span",
]
