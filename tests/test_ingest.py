"""Ingest: clutter stripping against the seed gold, decoding, and clear errors."""

from __future__ import annotations

import json
import re

import pytest

from briefs.read.clutter import clean_lines
from briefs.read.ingest import IngestError, find_articles, load_article
from briefs.read.people import find_people
from briefs.read.segment import find_quotes, segment
from conftest import ROOT, SAMPLES

GOLD = ROOT.parent / "shared" / "gold" / "seeds_gold.json"

# Clutter each sample must lose (from the gold's `boilerplate`), and reporting it must keep.
CLUTTER = {
    "000_d0cb582c6777be93.txt": (["Skip to content", "As of my last check-in", "Read also",
                                  "community policy and employment policy"],
                                 ["Larry Kudlow, director of the National Economic Council"]),
    "001_765127976e38ba4d.txt": (["Home Asia", "WhatsApp Channel", "(With inputs from Reuters)"],
                                 ["Attending the talks in London"]),
    "002_115d8324070f7fae.txt": (["Spread the word", "Rare Earths Investor Avatar", "GLTA",
                                  "Leave a Reply", "(opens in a new tab)", "CATEGORIES"],
                                 ["According to Reuters, the rare earth standoff"]),
    "003_23ca172ceda325a5.txt": (["Also read", "Please follow and like us", "Scroll to Top",
                                  "Enjoy this blog"], ["Josh Lipsky"]),
    "004_0f799326742ef0a4.txt": (["iShook Opinion", "Also Read", "09:37"],
                                 ["are representing Washington in the talks"]),
}


@pytest.mark.parametrize("name", sorted(CLUTTER))
def test_sample_clutter_is_removed_and_reporting_kept(name: str) -> None:
    text = load_article(SAMPLES / name).text
    gone, kept = CLUTTER[name]
    for phrase in gone:
        assert phrase not in text, phrase
    for phrase in kept:
        assert phrase in text, phrase


def test_duplicated_caption_is_kept_once() -> None:
    text = load_article(SAMPLES / "000_d0cb582c6777be93.txt").text
    assert text.count("Commerce Secretary Lutnick lead the American delegation") == 1


def test_gold_lists_these_samples() -> None:
    gold = json.loads(GOLD.read_text()) if GOLD.exists() else None
    if gold is None:
        pytest.skip("shared gold not beside the repository")
    assert set(gold["articles"]) == set(CLUTTER)


def test_truncated_copy_of_a_later_line_is_dropped() -> None:
    kept, removed = clean_lines("Caption text goes on and...\nCaption text goes on and on.\n")
    assert kept == ["Caption text goes on and on."]
    assert [(r.text, r.reason) for r in removed] == [
        ("Caption text goes on and...", "repeats a nearby line")]


# (page, what must be kept, what must go): clutter goes line by line, never the reporting
# after a marker; a comment section goes only at the foot of the page.
PAGES = [
    ("Share this article\n" + "The talks resumed on Monday in the capital. " * 12
     + "\nOfficials said the deal was close, and a vote is due this week.",
     ["The talks resumed", "a vote is due"], ["Share this article"]),
    ("The talks resumed on Monday in the capital. " * 12 + "\nSpread the word:\n"
     "Leave a Reply\nGreat article, thanks for sharing this with us.",
     ["The talks resumed"], ["Spread the word:", "Great article"]),
    ("The talks resumed on Monday in the capital. " * 3 + "\nLeave a comment\n"
     + "The ministers then met again on Tuesday to agree the final text. " * 8,
     ["The ministers then met again"], ["Leave a comment"]),
    ("Related talks went on into the night, officials in both capitals said on Friday.\n"
     "Read more: What the deal means for farmers\n"
     "Farmers rushed to sign up for the scheme before the deadline, the ministry said.\n"
     "Sign up for our newsletter to get the latest on the talks every morning.",
     ["Related talks went on", "Farmers rushed"], ["Read more:", "Sign up for our"]),
    # a whole article on one line, quoting someone who addresses 'you' and a phrase of
    # page furniture: a long run of prose is reporting, whatever it holds
    ("The talks resumed on Monday in the capital, officials said. " * 8
     + "“You should read more of the text before you judge it,” the minister said. "
     + "The ministers then met again on Tuesday to agree the final text. " * 4,
     ["The talks resumed", "the minister said"], []),
]


@pytest.mark.parametrize(("page", "stays", "goes"), PAGES)
def test_clutter_goes_line_by_line_and_the_reporting_stays(page, stays, goes) -> None:
    kept, removed = clean_lines(page)
    text = "\n".join(kept)
    assert all(s in text for s in stays)
    assert all(any(r.text.startswith(g) for r in removed) for g in goes)
    assert all(r.reason for r in removed)


def test_every_source_reports_the_share_of_its_page_removed(tmp_path) -> None:
    page = tmp_path / "page.txt"
    body = "The talks resumed on Monday in the capital, officials said. " * 10
    page.write_text("Read more: one\nRead more: two\n" + body, encoding="utf-8")
    source = load_article(page)
    assert 0 < source.removed_share < 0.1
    assert [r.reason for r in source.removed] == ["link or promo"] * 2


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (b"Skip to content\nRead also:\nLatest\n", "no article text"),
])
def test_unusable_files_get_a_clear_error_naming_the_file(tmp_path, content, problem) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=rf"bad\.txt.*{problem}"):
        load_article(path)


def test_latin1_and_utf16_are_decoded(tmp_path) -> None:
    latin = tmp_path / "latin.txt"
    filler = " It was the second round of talks this year, and officials on both sides said "\
             "they expected the meeting to run into the evening with a statement afterwards."
    latin.write_bytes(("The minister said the café talks in Zürich would go on, and that "
                       "négociations were at an early stage." + filler).encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("Minister Jürgen Weber said the talks on steel and car tariffs would go on "
                     "next week." + filler, encoding="utf-16")
    assert "négociations" in load_article(latin).text
    assert "Jürgen" in load_article(utf16).text


def test_html_goes_through_an_extractor(tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Talks resume</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Talks resume in London</h1><p>Trade Representative Jamieson Greer "
        "said the talks would resume on Monday, according to officials familiar with the "
        "plans. The two sides last met in Geneva in May, when they agreed a 90-day truce "
        "that lowered tariffs on each other's goods.</p>"
        "<p>“We want a deal,” Greer told reporters outside the venue.</p>"
        "</article></body></html>", encoding="utf-8")
    source = load_article(page)
    assert "Jamieson Greer" in source.text
    assert "Home | World" not in source.text


def test_missing_path_and_empty_folder_are_clear(tmp_path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    paths, problems = find_articles([tmp_path, SAMPLES])
    assert len(paths) == 5, "the good folder is still read"
    assert "no articles" in str(problems[0]) and str(tmp_path) in str(problems[0])


def test_segmentation_finds_quotes_names_and_skips_quoted_titles() -> None:
    doc = segment(load_article(SAMPLES / "001_765127976e38ba4d.txt").text)
    assert [q.text for q in doc.quotes][1] == "a very positive conclusion"
    assert not any("Liberation Day" in q.text for q in doc.quotes)
    for name in ("Kevin Hassett", "Scott Bessent", "He Lifeng", "Jamieson Greer"):
        assert name in doc.people
    assert "Lancaster House" not in doc.people


def test_find_people_strips_titles_and_keeps_surname_only_mentions() -> None:
    people = find_people("U.S. Treasury Secretary Bessent met Vice Premier Liu He. "
                         "He said little. Kudlow said more.")
    assert people == ["Liu He", "Bessent", "Kudlow"]


def test_unclosed_quote_ends_at_paragraph_end() -> None:
    text = "He said “first part\n\n“second part.”"
    assert find_quotes(text) == [(9, 19, False), (22, 34, True)]


def test_two_files_of_one_name_in_two_folders_are_two_sources(tmp_path, scripted) -> None:
    from briefs import build_brief, render_markdown
    from briefs.read.ingest import article_ids

    for folder, sample in (("a", "002_115d8324070f7fae.txt"), ("b", "004_0f799326742ef0a4.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_bytes((SAMPLES / sample).read_bytes())
    scripted.enqueue("claims", {"claims": ["S2"]})
    brief = build_brief([tmp_path / "a", tmp_path / "b"], "scripted").brief
    assert [(s.number, s.id) for s in brief.sources] == [(1, "a/story.txt"), (2, "b/story.txt")]
    assert set(brief.usage) == {"a/story.txt", "b/story.txt"}
    page = render_markdown(brief)
    assert re.search(r"^- \[1\] .*\(a/story\.txt\)", page, re.M)
    assert re.search(r"^- \[2\] .*\(b/story\.txt\)", page, re.M)
    ids = article_ids([tmp_path / "a" / "story.txt", tmp_path / "story.txt",
                       tmp_path / "c" / "y.txt"])
    assert set(ids.values()) == {"a/story.txt", "y.txt", tmp_path.name + "/story.txt"}


def test_a_source_that_lost_much_of_its_page_is_named_at_the_top(tmp_path, scripted) -> None:
    from briefs import build_brief, render_markdown

    page = tmp_path / "page.txt"
    body = "The talks resumed on Monday in the capital, officials said. " * 6
    links = "".join(f"Read more: another story about the talks, number {i}\n" for i in range(9))
    page.write_text(body + "\n" + links, encoding="utf-8")
    scripted.enqueue("claims", {"claims": ["S1"]})
    brief = build_brief([page], "scripted").brief
    assert brief.sources[0].removed_share > 0.3
    assert "**Check source [1]:**" in render_markdown(brief)


@pytest.mark.parametrize(("text", "quoted"), [
    ("Rutte: 'question of taste'\n\nHe said so.", ["question of taste"]),
    ("'No, I don't think so. It's a bit of a question of taste,' the chief said.",
     ["No, I don't think so. It's a bit of a question of taste,"]),
    ("The allies' budgets grew, and rock 'n' roll played on.", []),
])
def test_straight_single_quotes_are_quotes_and_apostrophes_are_not(text, quoted) -> None:
    assert [text[a:b] for a, b, _ in find_quotes(text)] == quoted


@pytest.mark.parametrize(("text", "people"), [
    # ranks, full or abbreviated, are titles, not part of the name
    ("Major General Oskar Lind phoned Lt Gen Ravi Menon at noon.", ["Oskar Lind", "Ravi Menon"]),
    ("NATO Secretary General Anna Kessler opened the session.", ["Anna Kessler"]),
    # a plural title before two names
    ("Prime Ministers Piotr Kowal and Ola Nord spoke by phone.", ["Piotr Kowal", "Ola Nord"]),
    # initials are part of a name; an acronym is a body
    ("Vice President JD Harlan and Minister S. Varma met. CNBC Reports aired it.",
     ["JD Harlan", "S. Varma"]),
    ("PM Tomas Berg said the talks ended.", ["Tomas Berg"]),
    # operations, treaties, desks, platforms and offices are not people
    ("Operation Bluefin ended as the Coastal Waters Treaty held, the Photo Desk said. "
     "He posted on Truth Social. The Prime Minister's Office said nothing.", []),
])
def test_name_candidates_are_people_only(text: str, people: list[str]) -> None:
    assert find_people(text) == people


def test_a_long_paragraph_is_split_in_pieces_with_the_same_sentences() -> None:
    """pysbd's cost grows with the square of a paragraph: a 200 KB one-line article took
    18 s to split (bench/ingest_long_line.py). Long paragraphs are cut where a sentence
    plainly ends; the sentences found are the same as paragraph by paragraph."""
    from briefs.text.sentences import MAX_PIECE, split_sentences

    sentence = "The minister met Dr. Ann Roe of the U.N. on Monday, aides said. "
    one_line = sentence * (3 * MAX_PIECE // len(sentence))
    bounds = split_sentences(one_line)
    assert [one_line[a:b] for a, b in bounds] == [sentence.strip()] * len(bounds)
    assert len(bounds) == one_line.count("aides said.")
