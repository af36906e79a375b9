"""What extraction and grounding make of one article: people, delegations, quotes,
claims and policy measures, each pointing at exact words of the article."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .article import Fact, Source, Span

Instrument = Literal[
    "tariff", "export control", "import restriction", "licence", "sanction",
    "truce or deal", "spending or finance target", "interest rate", "investment", "subsidy",
    "other",
]
Status = Literal[
    "threatened", "proposed", "expected", "in force", "suspended", "eased",
    "agreed", "extended", "lifted", "unknown",
]


class Person(BaseModel):
    """A named person as one article presents them."""

    name: str
    role: str | None = None
    titles: list[str] = Field(default_factory=list, description="Titles printed beside the name.")
    side: str | None = None
    delegate: bool = Field(False, description="Named in a delegation at the talks.")
    principal: bool = Field(False, description="Holds an office of the side the text "
                            "gives them: acts for it (counted where no delegation is named).")
    evidence: Span


class Delegate(BaseModel):
    name: str
    role: str | None = None
    evidence: Span


class Delegation(BaseModel):
    """One side's team at the talks, as one article names it."""

    side: str
    members: list[Delegate]


class Quote(BaseModel):
    """Words the article puts inside quotation marks, with who it says spoke them."""

    text: str
    speaker: str | None = Field(None, description="None when the article names no speaker.")
    speaker_role: str | None = None
    venue: str | None = Field(None, description="Where it was said, e.g. 'CNBC'.")
    evidence: Span


class Claim(BaseModel):
    """A factual assertion: one sentence of the article, verbatim."""

    text: str
    evidence: Span


class MeasureFields(BaseModel):
    """What a policy measure is: who takes it, which instrument, in what state."""

    actor: str
    instrument: Instrument
    status: Status
    value: str | None = None
    target: str | None = None


class PolicyMeasure(MeasureFields):
    evidence: Span


class Rejection(BaseModel):
    """An item the model proposed that failed grounding, kept for the report."""

    kind: str
    item: str
    reason: str


class Usage(BaseModel):
    calls: int = Field(0, description="Model calls answered, instructor's re-asks included.")
    retries: int = Field(0, description="Requests repeated after an endpoint fault.")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.retries += other.retries
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.seconds += other.seconds


class ArticleExtraction(BaseModel):
    """Everything extracted from one article, grounded in its cleaned text."""

    source: Source
    backend: str
    model: str
    prompt_version: str
    people: list[Person] = Field(default_factory=list)
    delegations: list[Delegation] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    policy_measures: list[PolicyMeasure] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list, description="Read off the text by rule.")
    usage: Usage = Field(default_factory=Usage)

__all__ = [
    "ArticleExtraction", "Claim", "Delegate", "Delegation", "Instrument", "MeasureFields",
    "Person", "PolicyMeasure", "Quote", "Rejection", "Status", "Usage",
]
