"""Pydantic models: what one article yields, and what the reconciled brief holds.

Every extracted item carries a `Span`: the source file it came from and character
offsets into that source's *cleaned* text, so any statement can be traced back to
the exact words it rests on.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

Instrument = Literal[
    "tariff", "export control", "import restriction", "licence", "sanction",
    "truce or deal", "investment", "subsidy", "other",
]
Status = Literal[
    "threatened", "proposed", "expected", "in force", "suspended", "eased",
    "agreed", "extended", "lifted", "unknown",
]


class Span(BaseModel):
    """Exact evidence: `text == cleaned_text[start:end]` of source `source`."""

    source: str = Field(description="File name of the article the evidence is in.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Source(BaseModel):
    """One ingested article, after clutter was stripped."""

    id: str = Field(description="File name; unique within a run.")
    path: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    sha256: str = Field(description="Hash of the cleaned text; keys recordings and caches.")
    text: str = Field(description="Cleaned text; every Span offset points into it.")
    removed: list[str] = Field(default_factory=list, description="Clutter lines removed.")
    sentences: list[tuple[int, int]] = Field(
        default_factory=list, description="Sentence offsets into `text`, S1 first, as the "
        "extraction numbered them; empty until the article is segmented.")


class Person(BaseModel):
    """A named person as one article presents them."""

    name: str
    role: str | None = None
    titles: list[str] = Field(default_factory=list, description="Titles printed beside the name.")
    side: str | None = None
    delegate: bool = False
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


class PolicyMeasure(BaseModel):
    actor: str
    instrument: Instrument
    status: Status
    value: str | None = None
    target: str | None = None
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
    usage: Usage = Field(default_factory=Usage)


# ---- the reconciled brief ------------------------------------------------------------


class SourceEntry(BaseModel):
    """A source and how far it can be trusted, as the other sources and itself show."""

    number: int = Field(description="Citation marker [n] in the brief.")
    id: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    removed_clutter: int = 0
    machine_text: int = Field(0, description="Removed lines a chat assistant wrote.")
    contradicted_on: list[str] = Field(
        default_factory=list, description="Conflicts where it gives a minority version.")
    internal_inconsistencies: list[str] = Field(
        default_factory=list, description="Conflicts where it contradicts itself.")
    single_source_claims: int = 0
    outlier_reasons: list[str] = Field(
        default_factory=list, description="Set on the outlier only: why it stands apart.")


class BriefDelegate(BaseModel):
    name: str
    roles: list[str]
    sources: list[str]
    evidence: list[Span]


class BriefDelegation(BaseModel):
    side: str
    members: list[BriefDelegate]


class BriefQuote(BaseModel):
    text: str
    speaker: str | None
    speaker_role: str | None = None
    sources: list[str]
    evidence: list[Span]


class BriefMeasure(BaseModel):
    actor: str
    instrument: Instrument
    status: Status
    value: str | None = None
    target: str | None = None
    text: str = Field(description="The sentence stating it (first source).")
    sources: list[str]
    evidence: list[Span]


class BriefClaim(BaseModel):
    text: str = Field(description="Verbatim sentence from the first source in `sources`.")
    sources: list[str]
    evidence: list[Span]


ConflictKind = Literal[
    "post_holder", "person_post", "quote_attribution", "quote_wording", "number", "date",
    "scope", "internal_inconsistency",
]


class ConflictVersion(BaseModel):
    value: str = Field(description="What this group of sources says.")
    sources: list[str] = Field(description="Empty for a reference briefs adds: the calendar.")
    evidence: list[Span]


class Conflict(BaseModel):
    kind: ConflictKind
    subject: str = Field(description="What is disputed, e.g. the post 'Treasury Secretary'.")
    severity: Literal["high", "medium", "low"] = "high"
    versions: list[ConflictVersion]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sources(self) -> list[str]:
        """Every source file involved in the disagreement."""
        return sorted({s for v in self.versions for s in v.sources})


class Statement(BaseModel):
    """A line the brief states on its own account, with the sources it rests on."""

    text: str
    sources: list[str] = Field(default_factory=list)


class Failure(BaseModel):
    source: str
    reason: str


class Brief(BaseModel):
    """The reconciled brief; `--format json` writes exactly this."""

    title: str
    bottom_line: list[Statement]
    sources: list[SourceEntry]
    delegations: list[BriefDelegation]
    quotes: list[BriefQuote]
    claims: list[BriefClaim] = Field(description="Claims backed by two or more sources.")
    single_source_claims: list[BriefClaim]
    policy_measures: list[BriefMeasure]
    conflicts: list[Conflict]
    failures: list[Failure] = Field(default_factory=list)
    skipped: list[Failure] = Field(default_factory=list, description="Duplicate texts, used once.")
    rejected: dict[str, list[Rejection]] = Field(default_factory=dict)
    usage: dict[str, Usage] = Field(default_factory=dict)
