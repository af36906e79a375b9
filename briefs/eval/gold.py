"""Extractions made from a gold annotation instead of a model: `briefs eval --from-gold`.

Reconciling the annotator's own delegates and quotes shows what the reconciliation step
finds when extraction is perfect, so a missed conflict can be put on the right step.
Only what the gold gives verbatim is used: delegates (name, role, side) and quotes with
their speakers; every item is located in the article's cleaned text, and a person's
titles are read off the text as in a model run. Gold claims and measures are
paraphrases, so they are left out.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..ground import delegations_of, locate_name, locate_quote, venue_of
from ..model import ArticleExtraction, Person, Quote, Rejection
from ..read.cues import titles_beside
from ..read.facts import facts_of
from ..read.ingest import load_article
from ..read.sides import canonical_side
from ..text.sentences import sentences_of
from .score import unnamed


def load_gold(path: Path) -> dict:
    """A gold annotation: a JSON object with an "articles" object. Anything else raises
    ValueError naming the file."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{path}: not a readable JSON gold file ({exc})") from exc
    if not (isinstance(gold, dict) and isinstance(gold.get("articles"), dict)
            and all(isinstance(a, dict) for a in gold["articles"].values())
            and isinstance(gold.get("conflicts", []), list)):
        raise ValueError(f'{path}: not a gold annotation (a JSON object with an "articles" '
                         "object of per-article annotations)")
    return gold


def gold_extractions(gold_path: Path, articles_dir: Path) -> list[ArticleExtraction]:
    gold = load_gold(gold_path)
    out = []
    for name, truth in gold["articles"].items():
        source = load_article(articles_dir / name)
        extraction = ArticleExtraction(source=source, backend="gold", model="annotation",
                                       prompt_version="gold", facts=facts_of(source))
        text = source.text
        roles: dict[str, tuple[str | None, str | None, bool]] = {}
        for member in truth.get("delegation", []):
            roles[member["name"]] = (member.get("role"), member.get("side"), True)
        for quote in truth.get("quotes", []):
            if not unnamed(quote.get("speaker")):
                roles.setdefault(quote["speaker"], (None, None, False))
        for person, (role, side, delegate) in roles.items():
            span = locate_name(person, text, name)
            if span is None:
                extraction.rejected.append(Rejection(kind="person", item=person,
                                                     reason="gold name not in article"))
                continue
            titles = titles_beside(person, text) or titles_beside(span.text, text)
            extraction.people.append(Person(
                name=person, role=role or (titles[0] if titles else None), titles=titles,
                side=canonical_side(side), delegate=delegate, evidence=span))
        extraction.delegations = delegations_of(extraction.people)
        for quote in truth.get("quotes", []):
            span = locate_quote(quote["text"], text, name)
            if span is None:
                extraction.rejected.append(Rejection(kind="quote", item=quote["text"],
                                                     reason="gold quote not in quotes"))
                continue
            speaker = quote.get("speaker")
            sentence = next((s for s in sentences_of(source)
                             if s.start <= span.start < s.end), None)
            extraction.quotes.append(Quote(
                text=span.text, evidence=span, venue=venue_of(sentence.text) if sentence else None,
                speaker=None if unnamed(speaker) else speaker))
        out.append(extraction)
    return out
