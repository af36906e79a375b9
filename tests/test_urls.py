"""Inputs that are not files: pages fetched by URL (against a real web server on
127.0.0.1) and one article on standard input. Every way a fetch can fail is named, and
never stops the other articles."""

from __future__ import annotations

import html
import json
import socket
import time

import pytest
from pageserver import PageServer, page, redirect
from typer.testing import CliRunner

from briefs.cli import EXIT_PARTIAL, app
from briefs.read import IngestError
from briefs.read.fetch import MAX_REDIRECTS, fetch
from conftest import SAMPLES

runner = CliRunner()
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
AS_HTML = {"002_115d8324070f7fae.txt", "003_23ca172ceda325a5.txt"}  # ingest reads these
# the same from a page as from the file; the others are served as text/plain


def as_page(text: str) -> bytes:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return (f"<!DOCTYPE html><html><head><title>{html.escape(paragraphs[0])}</title></head>"
            "<body><nav>Home | World | Business</nav><article>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            + "</article></body></html>").encode()


def sample_routes() -> dict:
    routes = {}
    for path in SAMPLE_FILES:
        text = path.read_text(encoding="utf-8")
        routes[f"/news/{path.stem}"] = page(as_page(text)) if path.name in AS_HTML \
            else page(text.encode(), "text/plain; charset=utf-8")
    routes["/moved"] = redirect(f"/news/{SAMPLE_FILES[4].stem}")
    return routes


BROKEN = {  # path → (route, the reason the brief gives)
    "/gone": ((404, {"Content-Type": "text/html"}, b"<p>gone</p>"), "HTTP 404"),
    "/report.pdf": (page(b"%PDF-1.4", "application/pdf"), "content type application/pdf"),
}


def test_a_brief_from_urls_is_the_brief_from_the_files(recorded_server, tmp_path,
                                                       monkeypatch) -> None:
    monkeypatch.setenv("BRIEFS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with PageServer(sample_routes() | {p: r for p, (r, _) in BROKEN.items()}) as pages:
        urls = [pages.url(f"/news/{p.stem}") for p in SAMPLE_FILES[:4]] + [pages.url("/moved")]
        out = tmp_path / "brief.json"
        result = runner.invoke(app, ["build", *urls, *(pages.url(p) for p in BROKEN),
                                     "--backend", "openai", "--base-url", recorded_server.url,
                                     "-m", "qwen2.5-coder-1.5b-instruct-q4_k_m", "-o", str(out)])
        assert result.exit_code == EXIT_PARTIAL, result.output
        agents = {headers.get("User-Agent") for _, headers in pages.requests}
    from_urls = json.loads(out.read_text())
    from_files = json.loads(runner.invoke(app, ["build", str(SAMPLES), "-b", "replay",
                                                "-f", "json"]).stdout)
    failures = {f["source"]: f["reason"] for f in from_urls["failures"]}
    for path, (_, reason) in BROKEN.items():  # each broken URL named, with its reason
        assert reason in failures[f"127.0.0.1{path}"], failures
    assert len(from_urls["sources"]) == 5
    for source in from_urls["sources"]:  # the URL is the origin; the host the outlet
        assert source["path"].startswith(pages.base) and source["outlet"] == "127.0.0.1"

    def people(brief: dict) -> list:
        return sorted((d["side"], m["name"]) for d in brief["delegations"] for m in d["members"])

    assert people(from_urls) == people(from_files)
    assert sorted(q["text"] for q in from_urls["quotes"]) == \
        sorted(q["text"] for q in from_files["quotes"])
    assert agents and all(a.startswith("briefs/") for a in agents)
    markdown = runner.invoke(app, ["build", *urls, "--backend", "openai", "--base-url",
                                   recorded_server.url, "-m",
                                   "qwen2.5-coder-1.5b-instruct-q4_k_m"]).stdout
    assert f"{pages.base}/moved" in markdown  # the source list shows the URL


@pytest.fixture
def pages():
    routes = {
        "/ok": page(as_page(SAMPLE_FILES[0].read_text(encoding="utf-8"))),
        "/latin": page("<p>Caf\u00e9 talks</p>".encode("latin-1"), "text/html; charset=latin-1"),
        "/json": page(b"{}", "application/json"),
        "/no-type": (200, {}, b"<p>x</p>"),
        "/declared-huge": (200, {"Content-Type": "text/html", "Content-Length": "9000000"},
                           b"<p>short</p>"),
        "/huge": (200, {"Content-Type": "text/html"}, None),
        "/drip": (200, {"Content-Type": "text/html"}, None),
        "/loop": redirect("/loop"),
        "/ftp": redirect("ftp://127.0.0.1/file"),
        "/nowhere": (302, {}, b""),
        "/error": (500, {"Content-Type": "text/html"}, b"<p>oops</p>"),
    }
    for hop in range(MAX_REDIRECTS + 1):  # /hop0 → /hop1 → … → /hop6 (the page)
        routes[f"/hop{hop}"] = redirect(f"/hop{hop + 1}")
    routes[f"/hop{MAX_REDIRECTS + 1}"] = routes["/ok"]
    with PageServer(routes) as server:
        yield server


FETCH_FAILURES = [
    ("/missing", "HTTP 404"),
    ("/error", "HTTP 500"),
    ("/json", "content type application/json is not a web page or text"),
    ("/no-type", "content type (none)"),
    ("/declared-huge", "9,000,000 bytes is over the 2,000,000-byte limit"),
    ("/huge", "over the 2,000,000-byte limit"),
    ("/drip", "longer than the fetch timeout"),
    ("/loop", f"more than {MAX_REDIRECTS} redirects"),
    ("/hop0", f"more than {MAX_REDIRECTS} redirects"),
    ("/ftp", "redirected to a non-web address"),
    ("/nowhere", "a redirect with no Location"),
]


@pytest.mark.parametrize(("path", "reason"), FETCH_FAILURES, ids=[p for p, _ in FETCH_FAILURES])
def test_every_failed_fetch_names_the_url_and_the_reason(pages, path, reason) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError) as caught:
        fetch(pages.url(path), timeout=2)
    assert str(caught.value).startswith(f"{pages.url(path)}: ")
    assert reason in str(caught.value)
    assert time.monotonic() - started < 15  # a slow body is cut, not waited out


def test_a_refused_connection_is_named() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(IngestError, match=rf"http://127.0.0.1:{port}/a: could not be fetched"):
        fetch(f"http://127.0.0.1:{port}/a", timeout=2)


def test_five_redirects_are_followed(pages) -> None:
    fetched = fetch(pages.url("/hop1"))  # /hop1 … /hop6: five redirects
    assert fetched.final_url == pages.url(f"/hop{MAX_REDIRECTS + 1}")
    assert b"He Lifeng" in fetched.body or b"<article>" in fetched.body


def test_a_declared_charset_is_honoured(pages) -> None:
    fetched = fetch(pages.url("/latin"))
    assert fetched.charset == "latin-1"


def test_pages_are_cached_by_url_and_refetched_on_request(pages, tmp_path) -> None:
    cache = tmp_path / "pages"
    first = fetch(pages.url("/ok"), cache=cache)
    again = fetch(pages.url("/ok"), cache=cache)
    assert again.body == first.body
    assert [p for p, _ in pages.requests] == ["/ok"]  # the second came from the cache
    fetch(pages.url("/ok"), cache=cache, refetch=True)
    assert [p for p, _ in pages.requests] == ["/ok", "/ok"]
    (next(cache.iterdir())).write_text("{not json")  # a damaged cache entry: fetched again
    assert fetch(pages.url("/ok"), cache=cache).body == first.body


def test_one_article_on_standard_input(recorded_server, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    article = SAMPLE_FILES[4].read_bytes()
    result = runner.invoke(app, ["build", "-", str(SAMPLE_FILES[0]), "-f", "json",
                                 "--backend", "openai", "--base-url", recorded_server.url,
                                 "-m", "qwen2.5-coder-1.5b-instruct-q4_k_m"], input=article)
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    assert [s["id"] for s in brief["sources"]] == ["stdin", SAMPLE_FILES[0].name]
    assert brief["sources"][0]["path"] == "-"
    assert brief["quotes"]
    twice = runner.invoke(app, ["build", "-", "-", "-b", "replay"], input=article)
    assert "standard input is given more than once" in twice.output
