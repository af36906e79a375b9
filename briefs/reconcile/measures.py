"""Measures across sources: one row per measure, however many sources state it."""

from __future__ import annotations

from ..model import ArticleExtraction, BriefMeasure, PolicyMeasure
from ..read.cues import before_the_report, published_on
from ..text.measure_words import REALISED_STATUSES
from .align import SentenceCorpus
from .common import MAX_EVIDENCE


def brief_measures(extractions: list[ArticleExtraction], corpus: SentenceCorpus
                   ) -> list[BriefMeasure]:
    """The measures of every source, one row per measure: the same actor, instrument,
    status and time (a realised measure its sentence places before the report is
    background: `read/cues.before_the_report`, against its source's date, or the latest
    date the sources give when its own has none), stated by one sentence or by sentences
    of one statement group (`SentenceCorpus.statement_groups`: they say the same thing).
    Two different United States deals stay two rows, each with its own sources."""
    dates = {e.source.id: published_on(e.source.date) for e in extractions}
    latest = max((d for d in dates.values() if d), default=None)
    where = {(s.source, s.start): i for i, s in enumerate(corpus.spans)}
    statement = {i: n for n, group in enumerate(corpus.statement_groups()) for i in group}
    rows: dict[tuple, BriefMeasure] = {}
    for extraction in extractions:
        for m in extraction.policy_measures:
            earlier = m.status in REALISED_STATUSES and before_the_report(
                m.evidence.text, dates[extraction.source.id] or latest)
            sentence = where.get((m.evidence.source, m.evidence.start))
            said = ("group", statement[sentence]) if sentence in statement else sentence
            key = (m.actor.lower(), m.instrument, m.status, earlier, said)
            row = rows.get(key)
            if row is None:
                rows[key] = _row(m, earlier)
            elif m.evidence.source not in row.sources:
                row.sources.append(m.evidence.source)
                if len(row.evidence) < MAX_EVIDENCE:
                    row.evidence.append(m.evidence)
    # most sources first; of as many, those whose status the text states first, and what
    # is on the table now before what was done earlier
    return sorted(rows.values(), key=lambda m: (-len(m.sources), m.status == "unknown",
                                                 m.background))


def _row(m: PolicyMeasure, earlier: bool) -> BriefMeasure:
    return BriefMeasure(actor=m.actor, instrument=m.instrument, status=m.status, value=m.value,
                        background=earlier, text=m.evidence.text,
                        sources=[m.evidence.source], evidence=[m.evidence])


def in_majority_words(row: BriefMeasure, apart: set[str]) -> BriefMeasure:
    """A row shown in the words of a source that is not the outlier (`apart`) when one of
    its other sources states it: the outlier's sentence is cited, never quoted first."""
    if row.evidence[0].source not in apart:
        return row
    other = next((e for e in row.evidence if e.source not in apart), None)
    if other is None:
        return row
    rest = [e for e in row.evidence if e is not other]
    return row.model_copy(update={"text": other.text, "evidence": [other, *rest]})
