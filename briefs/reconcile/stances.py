"""Conflicts of stance: sources speaking of the same thing, one saying it is required,
counted or exempted, another that it is not (the classes of `measure_words.STANCE_WORDS`)."""

from __future__ import annotations

import re

from ..model import Conflict, Span
from ..read.sides import SIDE_WORD, canonical_side
from ..text.measure_words import STANCE_WORDS
from ..text.sentences import clause_words
from .align import SentenceCorpus, stems
from .common import version

TOPIC_STEMS = 2  # content stems, besides the stance's own words, two sentences must share
TOPIC_MEANING = 0.4  # ...and the closeness in meaning they must have (when it is known)
STANCE_WORDS_SHOWN = 10

_STANCES = {subject: (re.compile(yes, re.I), re.compile(no, re.I))
            for subject, (yes, no) in STANCE_WORDS.items()}


def stance_conflicts(corpus: SentenceCorpus | None = None, **_: object) -> list[Conflict]:
    """For each stance class, the sentences that affirm it and those that deny it; an
    affirming and a denying sentence of different sources that share the topic
    (TOPIC_STEMS stems besides the stance's words, and TOPIC_MEANING) disagree on what the
    measure covers. Pairs that share a sentence make one conflict."""
    if corpus is None:
        return []
    conflicts = []
    for subject, (yes, no) in _STANCES.items():
        stance: dict[int, tuple[str, re.Match]] = {}
        for i, span in enumerate(corpus.spans):
            if m := no.search(span.text):
                stance[i] = ("no", m)
            elif m := yes.search(span.text):
                stance[i] = ("yes", m)
        affirmed = [i for i, (s, _) in stance.items() if s == "yes"]
        denied = [i for i, (s, _) in stance.items() if s == "no"]
        pairs = [(a, b) for a in affirmed for b in denied
                 if corpus.spans[a].source != corpus.spans[b].source
                 and _same_topic(corpus, a, b, stance[a][1], stance[b][1])]
        for group in _components(pairs):
            sides = {s: [i for i in group if stance[i][0] == s] for s in ("yes", "no")}
            if {corpus.spans[i].source for i in sides["yes"]} & {
                    corpus.spans[i].source for i in sides["no"]}:
                continue  # a source on both sides: no clear disagreement between sources
            conflicts.append(Conflict(
                kind="scope", subject=subject, severity="medium",
                versions=[version(_shown(corpus.spans, sides[s], stance), [
                    corpus.spans[i] for i in sides[s]]) for s in ("yes", "no")]))
    return conflicts


def _same_topic(corpus: SentenceCorpus, a: int, b: int, at_a: re.Match, at_b: re.Match
                ) -> bool:
    """Two sentences speak of the same thing: their topics (`_topic`) share TOPIC_STEMS
    stems or sides, and they are TOPIC_MEANING close in meaning when vectors are known."""
    topic_a = _topic(corpus, a, at_a)
    topic_b = _topic(corpus, b, at_b)
    if len(topic_a & topic_b) < TOPIC_STEMS:
        return False
    return corpus.vectors is None or float(corpus.vectors[a] @ corpus.vectors[b]) >= TOPIC_MEANING


def _topic(corpus: SentenceCorpus, sentence: int, at: re.Match) -> set[str]:
    """What a sentence speaks of: its stems but its stance words', and its sides by their
    canonical names ('Spanish' and 'Spain' are one)."""
    text = corpus.spans[sentence].text
    sides = {canonical_side(m.group(0)) or "" for m in SIDE_WORD.finditer(text)}
    return (set(corpus.said[sentence].stems) - stems(at.group(0))) | sides


def _components(pairs: list[tuple[int, int]]) -> list[list[int]]:
    """The connected groups of sentences the pairs link."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in parent:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _shown(spans: list[Span], ids: list[int], stance: dict[int, tuple[str, re.Match]]) -> str:
    """A version in its first source's words: the clause of its stance words."""
    first = min(ids)
    m = stance[first][1]
    return f"“{clause_words(spans[first].text, m.start(), m.end(), STANCE_WORDS_SHOWN)}”"
