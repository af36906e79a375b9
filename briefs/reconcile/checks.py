"""Invariants every brief keeps, whatever the text: checked as the last step of
reconciliation. An item that breaks one is dropped and listed under `rejected`, never
shown: a quote cites only sources that print its words, a delegate only sources that
name them, every piece of evidence is the exact text at its offsets."""

from __future__ import annotations

import re

from ..model import Brief, Rejection, Source, Span
from ..text.lexicon import FOLD_QUOTES

BROKEN = "invariant broken"  # how a rejection made here begins


def verbatim_key(text: str) -> str:
    """Words as printed, up to quote marks, spacing and the punctuation that ends a
    quoted passage ('a wall,' before 'he said' is 'a wall.' at a sentence's end)."""
    folded = re.sub(r"\s+", " ", text.translate(FOLD_QUOTES)).strip()
    return folded.strip("\"' ").rstrip(",.;:!?…").strip("\"' ")


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(FOLD_QUOTES))


def exact(span: Span, texts: dict[str, str]) -> bool:
    """The span is the text at its offsets in its source."""
    text = texts.get(span.source)
    return text is not None and 0 <= span.start < span.end <= len(text) \
        and text[span.start : span.end] == span.text


def prints(source: str, words: str, texts: dict[str, str]) -> bool:
    """The source prints these words (quote marks and spacing aside)."""
    return verbatim_key(words) in _folded(texts.get(source, ""))


def names(source: str, name: str, texts: dict[str, str]) -> bool:
    """The source names the person: a word of the name, or its first five letters for a
    transliterated surname ('Tsipras' ~ 'Tsipra'), starts a word of the text."""
    text = texts.get(source, "")
    return any(re.search(rf"(?<!\w){re.escape(word[:5])}", text)
               for word in name.split() if len(word) >= 2)


def enforce_invariants(brief: Brief, sources: list[Source]) -> Brief:
    """Drop, and report, every quote, delegate, claim and conflict version that breaks one."""
    texts = {s.id: s.text for s in sources}

    def reject(source: str, kind: str, item: str, reason: str) -> None:
        brief.rejected.setdefault(source, []).append(
            Rejection(kind=kind, item=item[:200], reason=f"{BROKEN}: {reason}"))

    kept_quotes = []
    for quote in brief.quotes:
        bad = [s for s in quote.sources if not prints(s, quote.text, texts)]
        bad += [e.source for e in quote.evidence if not exact(e, texts)]
        for source in dict.fromkeys(bad):
            reject(source, "quote", quote.text, "cited to a source that does not print it")
        if not bad:
            kept_quotes.append(quote)
    brief.quotes = kept_quotes
    for delegation in brief.delegations:
        kept = []
        for member in delegation.members:
            bad = [s for s in member.sources if not names(s, member.name, texts)]
            for source in bad:
                reject(source, "delegate", member.name, "cited to a source that does not name them")
            if not bad:
                kept.append(member)
        delegation.members = kept
    brief.delegations = [d for d in brief.delegations if d.members]
    for field in ("lead", "claims", "single_source_claims", "next_steps"):
        kept_claims = []
        for claim in getattr(brief, field):
            first = claim.evidence[0] if claim.evidence else None
            if first is None or first.text != claim.text or first.source != claim.sources[0] \
                    or not all(exact(e, texts) for e in claim.evidence):
                reject(claim.sources[0], "claim", claim.text, "not the exact sentence cited")
            else:
                kept_claims.append(claim)
        setattr(brief, field, kept_claims)
    for conflict in brief.conflicts:
        for version in conflict.versions:
            bad = [e for e in version.evidence if not exact(e, texts)]
            for span in bad:
                reject(span.source, "conflict", version.value, "evidence not at its offsets")
            version.evidence = [e for e in version.evidence if e not in bad]
    return brief
