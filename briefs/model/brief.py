"""The reconciled brief: what `reconcile` hands to `render` (and `--format json` writes)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

from .article import RemovedLine, Span
from .extraction import MeasureFields, Rejection, Usage


class SourceEntry(BaseModel):
    """A source and how far it can be trusted, as the other sources and itself show."""

    number: int = Field(description="Citation marker [n] in the brief.")
    id: str
    path: str = Field("", description="Where it was read from: a file path, a URL, or '-'.")
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    removed_clutter: int = 0
    removed_share: float = Field(0.0, description="Share of the page's words removed.")
    machine_text: int = Field(0, description="Removed lines a chat assistant wrote.")
    contradicted_on: list[str] = Field(
        default_factory=list, description="Conflicts where it gives a minority version.")
    internal_inconsistencies: list[str] = Field(
        default_factory=list, description="Conflicts where it contradicts itself.")
    single_source_claims: int = 0
    outlier_reasons: list[str] = Field(
        default_factory=list, description="Set on the outlier only: why it stands apart.")
    text: str = Field("", description="The cleaned text every evidence span of this source "
                      "points into: `text[start:end] == span.text`.")
    removed: list[RemovedLine] = Field(
        default_factory=list, description="Lines of the page ingest removed, with reasons.")


class BriefDelegate(BaseModel):
    name: str
    roles: list[str]
    sources: list[str]
    evidence: list[Span]


class BriefDelegation(BaseModel):
    side: str
    members: list[BriefDelegate]


class BriefQuote(BaseModel):
    """One wording of a remark, citing only the sources that print those exact words."""

    text: str
    speaker: str | None
    speaker_role: str | None = None
    sources: list[str]
    evidence: list[Span]
    variant_of: str | None = Field(None, description="The first wording of the same remark, "
                                   "when this one words it differently.")


class BriefMeasure(MeasureFields):
    text: str = Field(description="The sentence stating it (first source).")
    background: bool = Field(False, description="Done before the event reported (an earlier "
                             "truce, a tariff imposed months before), as its sentence says.")
    sources: list[str]
    evidence: list[Span]


class BriefClaim(BaseModel):
    text: str = Field(description="Verbatim sentence from the first source in `sources`.")
    sources: list[str]
    evidence: list[Span]


ConflictKind = Literal[
    "post_holder", "person_post", "quote_attribution", "quote_wording", "number", "date",
    "duration", "scope", "internal_inconsistency",
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


SCHEMA_VERSION = "2"  # of the JSON below: bump when a field changes meaning or goes


class Provenance(BaseModel):
    """What made the brief: enough to tell two runs apart, and to redo one."""

    backend: str
    model: str
    prompt_version: str
    briefs_version: str
    aligner: str = Field("words only", description="What aligned statements across "
                         "sources: the sentence encoder's name, or 'words only' without it.")
    created: str = Field(description="When the brief was built (ISO 8601, UTC).")


class Brief(BaseModel):
    """The reconciled brief; `--format json` writes exactly this."""

    schema_version: str = SCHEMA_VERSION
    provenance: Provenance | None = Field(None, description="Set by `build_brief`.")
    title: str
    lead: list[BriefClaim] = Field(default_factory=list, description="What happened: the "
                                   "opening sentences most sources back, verbatim, cited.")
    bottom_line: list[Statement]
    sources: list[SourceEntry]
    delegations: list[BriefDelegation]
    quotes: list[BriefQuote]
    claims: list[BriefClaim] = Field(description="Where sources agree: statements two or "
                                     "more sources make, by their words or meaning, each "
                                     "in every source's own sentence; most sources first.")
    single_source_claims: list[BriefClaim] = Field(description="Key facts the model picked "
                                                   "that no other source comes near.")
    policy_measures: list[BriefMeasure]
    conflicts: list[Conflict]
    next_steps: list[BriefClaim] = Field(
        default_factory=list, description="What to watch: deadlines, expiries and next "
        "rounds the sources state, verbatim, cited.")
    failures: list[Failure] = Field(default_factory=list)
    skipped: list[Failure] = Field(default_factory=list, description="Duplicate texts, used once.")
    rejected: dict[str, list[Rejection]] = Field(default_factory=dict)
    usage: dict[str, Usage] = Field(default_factory=dict)

__all__ = [
    "SCHEMA_VERSION", "Brief", "BriefClaim", "BriefDelegate", "BriefDelegation", "BriefMeasure",
    "BriefQuote",
    "Conflict", "ConflictKind", "ConflictVersion", "Failure", "Provenance", "SourceEntry",
    "Statement",
]
