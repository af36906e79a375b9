"""Properties every brief keeps on any text, asserted over every corpus we have: the
samples and our clusters (replayed), and the independent dev clusters beside the repo
(from the gold annotation, and replayed where recordings exist)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from briefs import build_brief
from briefs.eval.gold import gold_extractions
from briefs.read.ingest import find_articles, load_article
from briefs.reconcile import minority_evidence, reconcile
from briefs.reconcile.checks import BROKEN, exact, names, prints
from briefs.reconcile.common import MAX_EVIDENCE
from briefs.text.tokens import plain
from conftest import RECORDINGS, ROOT, SAMPLES

CLUSTERS = ROOT / "tests" / "clusters"
DEV = ROOT.parent / "shared" / "dev"
DEV_RECORDINGS = ROOT / "tests" / "dev" / "recordings"


def corpora() -> list[tuple[str, str, Path, Path | None]]:
    """(name, how, articles, store or gold)."""
    out = [("samples", "replay", SAMPLES, RECORDINGS)]
    out += [(c.name, "replay", c, c / "recordings")
            for c in sorted(CLUSTERS.iterdir()) if c.is_dir()]
    if DEV.is_dir():
        for c in sorted(d for d in DEV.iterdir() if (d / "gold.json").is_file()):
            out.append((c.name, "from-gold", c / "articles", c / "gold.json"))
            if (DEV_RECORDINGS / c.name).is_dir():
                out.append((c.name, "replay", c / "articles", DEV_RECORDINGS / c.name))
    return out


@cache
def brief_of(how: str, articles: Path, extra: Path):
    if how == "from-gold":
        return reconcile(gold_extractions(extra, articles))
    return build_brief([articles], "replay", store=extra, resume=False).brief


CORPORA = corpora()
IDS = [f"{name}-{how}" for name, how, *_ in CORPORA]


@pytest.fixture(params=CORPORA, ids=IDS)
def case(request):
    _, how, articles, extra = request.param
    texts = {p.name: load_article(p).text for p in find_articles([articles])[0]}
    return brief_of(how, articles, extra), texts


def test_every_recorded_article_replays(case) -> None:
    """A recording the code no longer matches (a prompt changed) fails its article
    quietly in a brief; here it fails the test, so the corpora stay fully covered."""
    brief, _ = case
    assert not [f for f in brief.failures if "recording" in f.reason], brief.failures


def test_no_item_broke_an_invariant_before_the_last_check(case) -> None:
    brief, _ = case
    broken = [r for rs in brief.rejected.values() for r in rs if r.reason.startswith(BROKEN)]
    assert not broken, broken[:3]


def test_every_quote_is_printed_by_each_source_it_cites(case) -> None:
    brief, texts = case
    for quote in brief.quotes:
        for source in quote.sources:
            assert prints(source, quote.text, texts), (source, quote.text)
        assert all(exact(e, texts) for e in quote.evidence)


def test_every_delegate_is_named_by_each_source_it_cites(case) -> None:
    brief, texts = case
    for delegation in brief.delegations:
        for member in delegation.members:
            assert all(names(s, member.name, texts) for s in member.sources), member


def test_every_conflict_rests_on_exact_words_and_its_versions_differ(case) -> None:
    brief, texts = case
    for conflict in brief.conflicts:
        values = [plain(v.value) for v in conflict.versions]
        assert len(set(values)) == len(values), conflict.versions
        for version in conflict.versions:
            assert all(exact(e, texts) for e in version.evidence)
            assert version.evidence or not version.sources, "a version cites evidence"


@pytest.mark.parametrize("articles", sorted({c[2] for c in CORPORA}), ids=str)
def test_every_removed_line_has_a_reason_and_the_share_is_reported(articles) -> None:
    for path in find_articles([articles])[0]:
        source = load_article(path)
        assert all(r.reason for r in source.removed)
        assert 0.0 <= source.removed_share <= 0.3, f"{path.name} lost much of its page"


def test_every_brief_fits_one_page_with_a_title_and_a_cited_lead(case) -> None:
    """The one-page brief on any corpus: at most 650 words, a title that is a headline
    (never a section label), and a lead in a source's own words, cited, from a source
    that is not the outlier, never resting on a minority version of a conflict."""
    from briefs.render import render_markdown
    from briefs.render.page import MAX_WORDS

    brief, texts = case
    page = render_markdown(brief)
    assert len(page.split()) <= MAX_WORDS
    assert len(brief.title.split()) >= 4 and "|" not in brief.title and "›" not in brief.title
    assert brief.lead, "a brief always says what happened"
    outlier = {s.id for s in brief.sources if s.outlier_reasons}
    disputed = minority_evidence(brief.conflicts)
    for sentence in brief.lead:
        first = sentence.evidence[0]
        assert texts[first.source][first.start:first.end] == sentence.text
        assert first.source not in outlier
        assert not any(d.source == first.source and d.start < first.end and first.start < d.end
                       for d in disputed), sentence.text


def test_every_claim_shown_is_a_sentence_of_its_first_source(case) -> None:
    brief, texts = case
    for claim in [*brief.lead, *brief.claims, *brief.single_source_claims, *brief.next_steps]:
        first = claim.evidence[0]
        assert first.source == claim.sources[0] and first.text == claim.text
        for span in claim.evidence:
            assert texts[span.source][span.start:span.end] == span.text


def test_every_agreement_is_stated_by_each_source_it_cites_and_disputes_nothing(case) -> None:
    """An agreement cites two sources or more, one sentence of each, and never holds two
    versions of one conflict (its sources would then disagree on it)."""
    brief, _ = case
    for claim in brief.claims:
        assert len(claim.sources) >= 2 and len(set(claim.sources)) == len(claim.sources)
        evidence = [e.source for e in claim.evidence]
        assert len(set(evidence)) == len(evidence) == min(len(claim.sources), MAX_EVIDENCE)
        assert set(evidence) <= set(claim.sources)
        for conflict in brief.conflicts:
            if conflict.kind == "quote_wording":
                continue
            held = [v for v in conflict.versions if any(
                e.source == d.source and e.start < d.end and d.start < e.end
                for e in claim.evidence for d in v.evidence)]
            assert len(held) <= 1, (claim.text, conflict.kind)
