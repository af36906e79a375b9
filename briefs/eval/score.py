"""Score a brief against a gold annotation (the format of shared/gold/seeds_gold.json).

Matching rules (summarised in `briefs eval --help`; keep the two in step):

- Delegates, per article: a predicted delegate matches a gold one when the names are the
  same person (full name, surname alone, or a spelling variant at fuzzy ratio >= 92) and
  the sides agree after canonicalising ('U.S.' = 'United States'; a gold side with a
  bracketed qualifier, 'Azerbaijan (COP29 Presidency)', accepts either). Micro-averaged.
- Quotes, per article: a predicted quote matches a gold one when their words overlap
  (token-set ratio >= 90 after folding case, punctuation and quote marks, or one contains
  the other). Speaker accuracy = matched quotes whose speaker is the same person as the
  gold speaker (an unnamed gold speaker is matched by no speaker).
- Policy measures, per article: same actor (canonical side; a gold actor 'X and Y' accepts
  either, a bracketed qualifier is optional, and one may name the other in fewer words:
  'NATO' for 'NATO allies') and at least two content words in common between the gold
  measure and the predicted measure's evidence sentence (5-letter stems).
- Conflicts: a gold conflict is found when the brief has a conflict of a compatible kind
  whose sources include every article the gold conflict names (gold 'delegation' ~ our
  post_holder / person_post; 'other' by its subkind, e.g. timing ~ date; a
  duration ~ date, timing or number; any other kind
  by its own name: quote_attribution, quote_wording, number, date, scope,
  internal_inconsistency). A predicted conflict is correct when some gold conflict of a
  compatible kind names all of its sources. Recall is also given per gold kind, and
  precision per predicted kind.
- Agreements: a gold agreement is found when an agreement or lead sentence the brief
  backs with two sources or more carries half its content words (at least three), the
  list of outlets closing the gold statement left out.
  Single-source claims: one the brief lists is right when it carries a gold single-source
  claim of its article, wrong when it carries a gold agreement (others state it too).
- Lead: the title and lead name the gold event's place (the words after its first 'in')
  and its date (day and month in any order, or that day's weekday).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz

from ..model import ArticleExtraction, Brief
from ..read.sides import canonical_side
from ..text.lexicon import MONTH, MONTHS, WEEKDAYS
from ..text.names import same_person
from ..text.tokens import content_words, plain, shared_stems

COMPATIBLE = {  # gold kind (or, for 'other', its subkind) → our conflict kinds
    "delegation": {"post_holder", "person_post"},
    "quote_attribution": {"quote_attribution"},
    "date": {"date", "duration"},  # how long something took: annotators file it under
    "timing": {"date", "duration"},  # dates, timing or numbers
    "number": {"number", "duration"},
}


# Ratios derived from named counters: name → (numerator prefix, denominator prefix).
RATIOS = {"speaker_accuracy": ("speaker_right", "speaker_matched"),
          "right_speaker_of_gold": ("speaker_right", "quotes_in_gold"),
          "recall": ("found", "gold"), "precision": ("right", "ours"),
          "planted_recall": ("planted_found", "planted")}


@dataclass
class Score:
    """Counts of one item family; every figure is derived from them, so the scores of
    several clusters pool exactly (`add`)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # e.g. found_date, gold_date

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        for name, n in other.counts.items():
            self.count(name, n)

    @property
    def extra(self) -> dict[str, float]:
        """Ratios of the counters: speaker accuracy, recall and precision per kind."""
        out: dict[str, float] = {}
        for name, (top, bottom) in RATIOS.items():
            if name in ("recall", "precision"):
                for key, total in sorted(self.counts.items()):
                    if key.startswith(bottom + "_") and total:
                        kind = key.removeprefix(bottom + "_")
                        out[f"{name}_{kind}"] = self.counts.get(f"{top}_{kind}", 0) / total
            elif self.counts.get(bottom):
                out[name] = self.counts.get(top, 0) / self.counts[bottom]
        return out

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                **{k: round(v, 3) for k, v in self.extra.items()}}


def _pair(gold: list, pred: list, match) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of gold and predicted items that match."""
    pairs, used = [], set()
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(pred):
            if p_index not in used and match(g, p):
                pairs.append((g_index, p_index))
                used.add(p_index)
                break
    return pairs


def _count(score: Score, gold: list, pred: list, pairs: list) -> None:
    score.tp += len(pairs)
    score.fp += len(pred) - len(pairs)
    score.fn += len(gold) - len(pairs)


def same_side(gold: str | None, pred: str | None) -> bool:
    """Sides agree after canonicalising; a gold side with a qualifier in brackets
    ('Azerbaijan (COP29 Presidency)') accepts the side or the qualifier."""
    if not (gold and pred):
        return False
    outside, _, inside = gold.partition("(")
    forms = {gold, outside.strip(), inside.rstrip(") ").strip()} - {""}
    return canonical_side(pred) in {canonical_side(f) for f in forms}


def quote_overlap(a: str, b: str) -> bool:
    pa, pb = plain(a), plain(b)
    return bool(pa and pb) and (pa in pb or pb in pa or fuzz.token_set_ratio(pa, pb) >= 90)


def same_speaker(gold: str | None, pred: str | None) -> bool:
    return pred is None if unnamed(gold) else bool(pred) and same_person(gold, pred)


def unnamed(speaker: str | None) -> bool:
    """A gold speaker that names nobody: empty, 'unknown', 'none', '(unnamed official)'."""
    return not speaker or speaker.strip().lower() in {"unknown", "none"} \
        or "unnamed" in speaker.lower()


def actor_matches(gold: str, pred: str) -> bool:
    """The same actor: a gold 'X and Y' accepts either; a bracketed qualifier is
    optional ('Ruritania (its President)'); and one names the other in fewer words ('NATO'
    for 'NATO allies', 'developed countries' for 'developed countries (taking the lead)')."""
    parts = [p.strip() for p in gold.replace(" and ", ",").split(",") if p.strip()]
    said = set(plain(pred).split())
    for part in parts:
        words = set(plain(part.partition("(")[0]).split())
        if same_side(part, pred) or (said and words and (said <= words or words <= said)):
            return True
    return False


def score_extractions(gold: dict, brief: Brief, extractions: list[ArticleExtraction]
                      ) -> dict[str, Score]:
    """Delegates as the brief shows them (each member with the side the brief gives,
    counted for every article it cites); quotes and measures per article."""
    delegates, quotes, measures = Score(), Score(), Score()
    for extraction in extractions:
        truth = gold["articles"].get(extraction.source.id)
        if truth is None:
            continue
        pred_delegates = [(m.name, d.side) for d in brief.delegations for m in d.members
                          if extraction.source.id in m.sources]
        gold_delegates = [(d["name"], d["side"]) for d in truth.get("delegation", [])]
        pairs = _pair(gold_delegates, pred_delegates,
                      lambda g, p: same_person(g[0], p[0]) and same_side(g[1], p[1]))
        _count(delegates, gold_delegates, pred_delegates, pairs)

        gold_quotes = truth.get("quotes", [])
        pairs = _pair(gold_quotes, extraction.quotes,
                      lambda g, p: quote_overlap(g["text"], p.text))
        _count(quotes, gold_quotes, extraction.quotes, pairs)
        quotes.count("quotes_in_gold", len(gold_quotes))
        for g_index, p_index in pairs:
            quotes.count("speaker_matched")
            quotes.count("speaker_right", same_speaker(gold_quotes[g_index].get("speaker"),
                                                       extraction.quotes[p_index].speaker))

        gold_measures = truth.get("policy_measures", [])
        pairs = _pair(gold_measures, extraction.policy_measures,
                      lambda g, p: actor_matches(g["actor"], p.actor)
                      and shared_stems(g["measure"], p.evidence.text) >= 2)
        _count(measures, gold_measures, extraction.policy_measures, pairs)
    quotes.count("speaker_matched", 0)
    return {"delegates": delegates, "quotes": quotes, "policy_measures": measures}


def _kind(gold_conflict: dict) -> str:
    kind = gold_conflict["kind"]
    return gold_conflict.get("subkind", kind) if kind == "other" else kind


def _compatible(gold_kind: str, our_kind: str) -> bool:
    return our_kind in COMPATIBLE.get(gold_kind, {gold_kind})


def score_conflicts(gold: dict, brief: Brief) -> Score:
    score = Score()
    by_kind: dict[str, list[int]] = {}
    found = set()
    for g_index, g in enumerate(gold.get("conflicts", [])):
        if any(_compatible(_kind(g), c.kind) and set(g["articles"]) <= set(c.sources)
               for c in brief.conflicts):
            found.add(g_index)
        by_kind.setdefault(_kind(g), []).append(g_index)
    score.tp = len(found)
    score.fn = len(gold.get("conflicts", [])) - len(found)
    score.fp = sum(
        not any(_compatible(_kind(g), c.kind) and set(c.sources) <= set(g["articles"])
                for g in gold.get("conflicts", []))
        for c in brief.conflicts
    )
    for kind, indices in by_kind.items():
        score.count(f"gold_{kind}", len(indices))
        score.count(f"found_{kind}", sum(i in found for i in indices))
    for c in brief.conflicts:
        score.count(f"ours_{c.kind}")
        score.count(f"right_{c.kind}", any(
            _compatible(_kind(g), c.kind) and set(c.sources) <= set(g["articles"])
            for g in gold.get("conflicts", [])))
    planted = [i for i, g in enumerate(gold.get("conflicts", [])) if g.get("planted")]
    score.count("planted", len(planted))
    score.count("planted_found", sum(i in found for i in planted))
    return score


STATES_SHARE = 0.5  # of a gold statement's content words a brief sentence must carry
STATES_MIN = 3


def states(gold_text: str, sentence: str) -> bool:
    """A brief sentence states a gold statement: it carries at least half its content
    words (5-letter stems), and at least three."""
    wanted = len(set(content_words(gold_text)))
    return shared_stems(gold_text, sentence) >= max(STATES_MIN, STATES_SHARE * wanted)


_SOURCE_LIST = re.compile(r"\s*\([^()]*\)\W*$")


def agreement_text(gold_text: str) -> str:
    """A gold agreement without the list of outlets that close it ('… by 2035 (all
    five).'): the outlets are who says it, not what is said."""
    return _SOURCE_LIST.sub("", gold_text) or gold_text


def score_agreement(gold: dict, brief: Brief) -> dict[str, Score]:
    """Agreements: a gold agreement is found when a group the brief shows as stated by two
    sources or more (an agreement or a lead sentence) states it. Single-source claims:
    one the brief lists is right when it states a gold single-source claim of its
    article, wrong when it states a gold agreement (several sources say it); a gold
    single-source claim no brief single-source claim states is missed."""
    agreements, single = Score(), Score()
    groups = [c for c in [*brief.lead, *brief.claims] if len(c.sources) >= 2]
    gold_agreements = [agreement_text(a) for a in gold.get("agreements", [])]
    for agreement in gold_agreements:
        if any(states(agreement, c.text) for c in groups):
            agreements.tp += 1
        else:
            agreements.fn += 1
    gold_single = gold.get("single_source_claims", [])
    found = set()
    for claim in brief.single_source_claims:
        own = [i for i, g in enumerate(gold_single)
               if g.get("article") == claim.sources[0] and states(g["claim"], claim.text)]
        if own:
            single.tp += 1
            found.update(own)
        elif any(states(a, claim.text) for a in gold_agreements):
            single.fp += 1
    single.fn = len(gold_single) - len(found)
    return {"agreements": agreements, "single_source": single}


_EVENT_PLACE = re.compile(r"\bin ((?:The )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})")
_EVENT_DATE = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?\s+({MONTH})\s+((?:19|20)\d\d)")


def score_lead(gold: dict, brief: Brief) -> Score:
    """Title and lead: do they name the event's place (the words after the first 'in'
    of the gold's `event`, when it has one) and its date (the first date there: the same
    day and month in any order, or that day's weekday, as reports give it)? Each check is
    a gold item: found or missed (counts place and date apart)."""
    score = Score()
    said = " ".join([brief.title, *(c.text for c in brief.lead)])

    def check(name: str, found: bool) -> None:
        score.count(f"gold_{name}")
        score.count(f"found_{name}", found)
        score.tp, score.fn = score.tp + found, score.fn + (not found)

    event = gold.get("event", "")
    if place := _EVENT_PLACE.search(event):
        check("place", re.search(rf"(?<!\w){re.escape(place.group(1))}(?!\w)", said, re.I)
              is not None)
    if date_ := _EVENT_DATE.search(event):
        month = MONTHS[date_.group(3).lower()[:3]]
        year = int(date_.group(4))
        days = [int(d) for d in date_.groups()[:2] if d]
        name = calendar.month_abbr[month] + r"\w*"  # 'Jun', 'June'
        forms = [rf"{d}(?:st|nd|rd|th)?\s+{name}|{name}\.?\s+{d}(?!\d)" for d in days]
        forms += [WEEKDAYS[date(year, month, d).weekday()] for d in days]
        check("date", re.search(rf"\b(?:{'|'.join(forms)})", said, re.I) is not None)
    return score


def score_all(gold_path: Path, brief: Brief, extractions: list[ArticleExtraction]
              ) -> dict[str, Score]:
    """Every family's counts: delegates, quotes, policy measures, conflicts, agreements
    and single-source claims."""
    from .gold import load_gold  # gold.py imports ground; scoring alone does not need it

    gold = load_gold(gold_path)
    scores = score_extractions(gold, brief, extractions)
    scores["conflicts"] = score_conflicts(gold, brief)
    scores.update(score_agreement(gold, brief))
    scores["lead"] = score_lead(gold, brief)
    return scores


def as_dicts(scores: dict[str, Score]) -> dict[str, dict[str, float]]:
    return {name: score.as_dict() for name, score in scores.items()}


def evaluate(gold_path: Path, brief: Brief, extractions: list[ArticleExtraction]) -> dict:
    """Every score as a plain dict (what `briefs eval --format json` prints)."""
    return as_dicts(score_all(gold_path, brief, extractions))


def format_table(results: dict) -> str:
    """The scores as a table; per-kind conflict figures as indented rows below."""
    lines = [f"{'':24} {'precision':>9} {'recall':>7} {'f1':>6}   tp  fp  fn  notes"]
    for name, r in results.items():
        notes = "  ".join(f"{k}={v}" for k, v in r.items()
                          if k not in {"precision", "recall", "f1", "tp", "fp", "fn"}
                          and not k.startswith(("recall_", "precision_")))
        lines.append(f"{name:24} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f}"
                     f" {r['tp']:>4}{r['fp']:>4}{r['fn']:>4}  {notes}")
        kinds = sorted({k.split("_", 1)[1] for k in r if k.startswith(("recall_", "precision_"))})
        for kind in kinds:
            p, rec = r.get(f"precision_{kind}"), r.get(f"recall_{kind}")
            lines.append(f"  {kind:22} {'' if p is None else f'{p:.3f}':>9} "
                         f"{'' if rec is None else f'{rec:.3f}':>7}")
    return "\n".join(lines)
