"""The HTML review page in a real browser: headless Chromium (Debian's chromium and
chromium-driver, installed by .ci/run) driven through Selenium.

A click on any citation must highlight exactly the evidence words in the cited source,
visible; a conflict's versions open side by side, each scrolled to its sentence; what
ingest removed is shown struck through with its reason; hostile article text never runs.
A screenshot of the samples' page is kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from faultserver import FaultServer

from briefs import build_brief
from briefs.model import Brief, RemovedLine
from briefs.render import render_html
from conftest import RECORDINGS, ROOT, SAMPLES

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile_article.txt"

MISSING = "Debian's chromium and chromium-driver are not installed (apt-get install " \
    "chromium chromium-driver; .ci/run installs them)"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM.exists() and DRIVER.exists()):
        if os.environ.get("CI"):  # .ci/run installs them: missing there is a failure
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def samples_brief() -> Brief:
    result = build_brief([SAMPLES], "replay", store=RECORDINGS)
    assert not result.brief.failures
    return result.brief


def open_page(browser, brief: Brief, folder: Path):
    page = folder / "brief.html"
    page.write_text(render_html(brief), encoding="utf-8")
    browser.get(page.as_uri())
    return browser


def click(browser, element) -> None:
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


VISIBLE = """
const mark = arguments[0], box = mark.closest('.scroller').getBoundingClientRect();
const r = mark.getBoundingClientRect();
return r.height > 0 && r.top >= box.top && r.bottom <= box.bottom
    && getComputedStyle(mark).visibility === 'visible';
"""


def shown_marks(browser) -> list[tuple[str, str]]:
    """(source number, marked text) of every highlighted span in the open viewers."""
    return [(m.find_element("xpath", "ancestor::section").get_attribute("data-source"),
             m.get_attribute("textContent"))
            for m in browser.find_elements("css selector", "#viewers mark.evidence")]


def evidence_by_marker(brief: Brief) -> list[tuple[list[str], list]]:
    """Each cited item's sources and evidence, in the order the page shows them."""
    items = [*[(c.sources, c.evidence) for c in [*brief.lead, *brief.next_steps]],
             *[(m.sources, m.evidence) for d in brief.delegations for m in d.members],
             *[(v.sources, v.evidence) for c in brief.conflicts for v in c.versions],
             *[(q.sources, q.evidence) for q in brief.quotes],
             *[(m.sources, m.evidence) for m in brief.policy_measures],
             *[(c.sources, c.evidence) for c in brief.claims],
             *[(c.sources, c.evidence) for c in brief.single_source_claims]]
    return items


def test_a_clicked_citation_highlights_its_evidence_in_the_source(browser, samples_brief,
                                                                  tmp_path) -> None:
    open_page(browser, samples_brief, tmp_path)
    numbers = {s.id: str(s.number) for s in samples_brief.sources}
    quote = next(q for q in samples_brief.quotes if len(q.sources) > 1)
    marker = browser.find_elements("css selector", "#brief a.cite[data-cite]")
    wanted = numbers[quote.sources[1]]
    target = next(m for m in marker if m.get_attribute("data-cite") == wanted
                  and quote.text[:30] in m.find_element("xpath", "..").text)
    click(browser, target)
    current = browser.find_element("css selector", "#viewers mark.evidence.current")
    span = next(s for s in quote.evidence if s.source == quote.sources[1])
    assert current.get_attribute("textContent") == span.text
    assert current.is_displayed() and browser.execute_script(VISIBLE, current)
    header = browser.find_element("css selector", "#viewers .viewer header").text
    assert f"[{wanted}]" in header
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-page.png"))


def test_every_citation_marks_exactly_its_evidence(browser, samples_brief, tmp_path) -> None:
    """Over every marker on the page: what is highlighted is the item's evidence in the
    cited source, word for word, and the first mark is scrolled into view."""
    open_page(browser, samples_brief, tmp_path)
    numbers = {str(s.number): s.id for s in samples_brief.sources}
    evidence = {(span.source, span.text) for _, spans in evidence_by_marker(samples_brief)
                for span in spans}
    markers = browser.find_elements("css selector", "#brief a.cite[data-cite]")
    checked = 0
    for marker in markers:
        browser.execute_script("arguments[0].click();", marker)
        marks = shown_marks(browser)
        if marker.get_attribute("data-spans") == "[]":
            assert not marks
            continue
        assert marks, marker.get_attribute("outerHTML")
        for number, text in marks:
            assert number == marker.get_attribute("data-cite")
            assert (numbers[number], text) in evidence, text
        current = browser.find_element("css selector", "#viewers mark.current")
        assert browser.execute_script(VISIBLE, current)
        checked += 1
    assert checked > 40


def test_a_conflict_opens_its_versions_side_by_side(browser, samples_brief, tmp_path) -> None:
    open_page(browser, samples_brief, tmp_path)
    conflict = next(c for c in samples_brief.conflicts
                    if sum(bool(v.sources) for v in c.versions) >= 2)
    index = samples_brief.conflicts.index(conflict) + 1
    box = browser.find_element("css selector", f"#conflict-{index}")
    click(browser, box.find_element("css selector", ".version"))
    viewers = browser.find_elements("css selector", "#viewers .viewer")
    versions = [v for v in conflict.versions if v.sources]
    assert len(viewers) == len(versions) >= 2
    numbers = {s.id: s.number for s in samples_brief.sources}
    for viewer, version in zip(viewers, versions, strict=True):
        first = min(version.sources, key=numbers.__getitem__)
        assert viewer.get_attribute("data-source") == str(numbers[first])
        current = viewer.find_element("css selector", "mark.current")
        assert current.get_attribute("textContent") in {s.text for s in version.evidence
                                                        if s.source == first}
        assert browser.execute_script(VISIBLE, current)  # each scrolled to its sentence
        assert viewer.rect["x"] != viewers[0].rect["x"] or viewer == viewers[0]
    assert "active" in box.get_attribute("class")


def test_a_source_shows_what_ingest_removed_and_why(browser, samples_brief, tmp_path) -> None:
    open_page(browser, samples_brief, tmp_path)
    source = max(samples_brief.sources, key=lambda s: len(s.removed))
    assert source.removed
    click(browser, browser.find_element("css selector", f"#s{source.number} a.view"))
    box = browser.find_element("css selector", "#viewers details.removed")
    assert box.get_attribute("open") is not None
    struck = box.find_elements("css selector", "del")
    assert [d.get_attribute("textContent") for d in struck] == [r.text for r in source.removed]
    reasons = box.find_elements("css selector", ".reason")
    assert all(r.reason in shown.text for r, shown in zip(source.removed, reasons, strict=True))
    text = browser.find_element("css selector", "#viewers .source-text")
    assert text.get_attribute("textContent") == source.text


def test_hostile_article_text_never_runs(browser, tmp_path) -> None:
    """The hostile fixture, extracted over HTTP by a model that obeys it, plus markup
    planted in every other field the page shows: nothing runs, everything reads as text."""
    with FaultServer(RECORDINGS, lambda n, r: "obey") as server:
        brief = build_brief([HOSTILE], "openai", base_url=server.url, api_key="k",
                            model="obedient", resume=False).brief
    planted = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    brief.title += planted
    brief.sources[0].title = planted
    brief.sources[0].removed.append(RemovedLine(text=planted, reason=planted))
    brief.sources[0].text += "\n\n" + planted  # offsets before it are unchanged
    open_page(browser, brief, tmp_path)
    for marker in browser.find_elements("css selector", "[data-cite]"):
        browser.execute_script("arguments[0].click();", marker)
    browser.execute_script("document.querySelector('#s1 a.view').click();")
    assert browser.execute_script("return window.pwned === undefined;")
    assert browser.title.endswith(planted)
    shown = browser.find_element("css selector", "#viewers .source-text")
    assert "<script>alert(1)</script>" in shown.get_attribute("textContent")
    assert not browser.find_elements("css selector", "#viewers img, #brief img")
    assert len(browser.find_elements("css selector", "script")) == 2  # the page's own


def test_the_page_is_one_self_contained_file(samples_brief) -> None:
    page = render_html(samples_brief)
    markup = page.split('<script type="application/json"')[0]  # the data is JSON text
    for remote in ("src=", "<link", "url(", "@import"):
        assert remote not in markup, remote
    assert "default-src 'none'" in page and page.count("<script") == 2
