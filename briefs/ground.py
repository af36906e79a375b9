"""Ground: turn the model's id-based answer into items that point at exact article text,
and check every one of them again. Anything that does not resolve is dropped and
reported as a `Rejection`, never silently kept.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .models import (
    ArticleExtraction, Claim, Delegate, Delegation, Person, PolicyMeasure, Quote, Rejection,
    Source, Span,
)
from .prompting import UNKNOWN
from .segment import Document, Sentence, find_quotes

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})
_VENUE = re.compile(
    r"\b(?:told|said to|speaking to|interview (?:with|on)|said on)\s+(?:the\s+)?"
    r"([A-Z][\w&]+(?:['’]s)?(?:\s+(?:the\s+)?[A-Z][\w&]+)*)"
)
# A person named in a sentence with one of these cues takes part in the talks.
_DELEGATION_CUE = re.compile(
    r"\b(delegations?|delegates?|contingent|team\b|representing|attending|attend the|"
    r"negotiators?|negotiations|led by|headed by|helmed by|(lead|leads|leading) the)\b",
    re.I,
)
_FIGURE = re.compile(
    r"(?:[$€£¥]\s?\d[\d,.]*\s?(?:bn|billion|million|trillion|m)?|\d[\d,.]*\s?(?:%|per ?cent)|"
    r"\d+-day|\d+-year)",
    re.I,
)


def _folded(text: str) -> tuple[str, list[int]]:
    """Text with quote marks folded and whitespace runs collapsed, and a map from each
    folded character back to its offset in the original."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        index.append(i)
    return "".join(out), index


def locate(needle: str, text: str, source: str, start_at: int = 0) -> Span | None:
    """Exact evidence for `needle` in `text`, tolerant only of curly vs straight quote
    marks and of whitespace (a passage may run across a paragraph break)."""
    hay, index = _folded(text)
    pin, _ = _folded(needle.strip())
    if not pin:
        return None
    pos = hay.find(pin, next((k for k, i in enumerate(index) if i >= start_at), len(hay)))
    if pos < 0:
        return None
    start, end = index[pos], index[pos + len(pin) - 1] + 1
    return Span(source=source, start=start, end=end, text=text[start:end])


def locate_quote(quote: str, text: str, source: str) -> Span | None:
    """Evidence for a quote: its words must stand inside quotation marks in the article.
    A paraphrase, or words the article does not put in quotes, yield None."""
    inner = quote.strip().strip("\"'“”‘’").strip()
    quoted = find_quotes(text)
    offset = 0
    while (span := locate(inner, text, source, offset)) is not None:
        if any(qs <= span.start and span.end <= qe for qs, qe, _ in quoted):
            return span
        offset = span.start + 1
    return None


def locate_name(name: str, text: str, source: str) -> Span | None:
    """First whole-word mention of the full name, else of its last word (surname)."""
    for form in (name, name.split()[-1]):
        match = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)
        if match:
            return Span(source=source, start=match.start(), end=match.end(), text=match.group())
    return None


def resolves(span: Span, text: str) -> bool:
    return 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text


def canonical_side(side: str | None) -> str | None:
    """'U.S.', 'US', 'Washington', 'United States' → 'United States'; likewise China."""
    if not side:
        return None
    key = re.sub(r"[^a-z ]", "", side.lower()).strip()
    for canon, forms in _SIDES.items():
        if key in forms or any(fuzz.ratio(key, f) >= 90 for f in forms):
            return canon
    return side.strip()


_SIDES = {
    "United States": {"us", "usa", "united states", "america", "american", "washington",
                      "united states of america", "the united states", "white house"},
    "China": {"china", "chinese", "beijing", "prc", "peoples republic of china"},
}


def _span(sentence: Sentence, source: str) -> Span:
    return Span(source=source, start=sentence.start, end=sentence.end, text=sentence.text)


def snap_role(role: str, name: str, text: str) -> tuple[str | None, str | None]:
    """The article's own wording of `role` near a mention of `name`, or why there is none.

    Small models restyle titles ('U. S. Treasury Secretary'); the brief shows the words
    the article uses: the run of whole words near a mention that best matches the role.
    """
    target = _plain(role)
    if not target:
        return None, None
    n = len(target.split())
    best: tuple[float, str] = (0.0, "")
    for form in {name, name.split()[-1]}:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            window = text[max(0, match.start() - 90) : match.end() + 90]
            words = [w for w in re.finditer(r"\S+", window) if form not in w.group()]
            for size in range(max(1, n - 1), n + 2):
                for i in range(len(words) - size + 1):
                    run = window[words[i].start() : words[i + size - 1].end()].strip(" ,;:.")
                    score = fuzz.ratio(target, _plain(run))
                    if score > best[0]:
                        best = (score, run)
    if best[0] >= 85:
        return best[1], None
    return None, "role not worded so near the name in the article; dropped"


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def delegation_sentence(name: str, doc: Document) -> Sentence | None:
    """First sentence naming the person (full name or surname) beside a delegation cue."""
    surname = name.split()[-1]
    for sentence in doc.sentences:
        if _DELEGATION_CUE.search(sentence.text) and re.search(
            rf"(?<!\w){re.escape(surname)}(?!\w)", sentence.text
        ):
            return sentence
    return None


def _venue(sentence: str) -> str | None:
    match = _VENUE.search(sentence)
    return match.group(1).strip() if match else None


def build_extraction(
    source: Source, doc: Document, answer: dict, rejected: list[Rejection], **meta: str
) -> ArticleExtraction:
    """Grounded extraction from a validated answer (a plain dict of the answer model)."""
    text, sid = source.text, source.id
    out = ArticleExtraction(source=source, rejected=list(rejected), **meta)

    seen: set[str] = set()
    for item in answer.get("people", []):
        name = item["name"]
        if name in seen:
            continue
        seen.add(name)
        span = locate_name(name, text, sid)
        if span is None:
            out.rejected.append(Rejection(kind="person", item=name, reason="name not in article"))
            continue
        role, role_problem = snap_role(item.get("role") or "", name, text)
        if role_problem:
            out.rejected.append(Rejection(kind="role", item=f"{name}: {item['role']}",
                                          reason=role_problem))
        cue = delegation_sentence(name, doc)
        out.people.append(Person(
            name=name, role=role, side=canonical_side(item.get("side")),
            delegate=cue is not None, evidence=_span(cue, sid) if cue else span,
        ))
    roles = {p.name: p.role for p in out.people}

    sides: dict[str, list[Delegate]] = {}
    for person in out.people:
        if person.delegate:
            sides.setdefault(person.side or "unknown side", []).append(
                Delegate(name=person.name, role=person.role, evidence=person.evidence)
            )
    out.delegations = [Delegation(side=s, members=m) for s, m in sides.items()]

    for qid, speaker in (answer.get("speakers") or {}).items():
        quoted = doc.quote(qid)
        if quoted is None:
            out.rejected.append(Rejection(kind="quote", item=qid, reason="no such quote id"))
            continue
        span = locate_quote(quoted.text, text, sid)
        if span is None:
            out.rejected.append(Rejection(kind="quote", item=quoted.text, reason="not in quotes"))
            continue
        name = None if speaker in (None, "", UNKNOWN) else speaker
        sentence = doc.sentence(quoted.sentence_id)
        out.quotes.append(Quote(
            text=span.text, speaker=name, speaker_role=roles.get(name or ""),
            venue=_venue(sentence.text) if sentence else None, evidence=span,
        ))

    for claim_id in dict.fromkeys(answer.get("claims", [])):
        sentence = doc.sentence(claim_id)
        if sentence is None:
            out.rejected.append(Rejection(kind="claim", item=claim_id, reason="no such sentence"))
            continue
        out.claims.append(Claim(text=sentence.text, evidence=_span(sentence, sid)))

    measures_seen: set[tuple] = set()
    for item in answer.get("measures", []):
        sentence = doc.sentence(item["sentence"])
        key = (item["sentence"], item["instrument"], item["status"])
        if sentence is None or key in measures_seen:
            continue
        measures_seen.add(key)
        out.policy_measures.append(PolicyMeasure(
            actor=canonical_side(item["actor"]) or item["actor"], instrument=item["instrument"],
            status=item["status"],
            value=(m.group(0) if (m := _FIGURE.search(sentence.text)) else None),
            evidence=_span(sentence, sid),
        ))
    return out
