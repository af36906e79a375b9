"""Bad input, table-driven: each case beside a good article, through the CLI.

Every case must give a clear message naming the file and the problem, and must not take
the good article down with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefs.cli import EXIT_PARTIAL, app
from briefs.read.ingest import MAX_BYTES
from conftest import RECORDINGS, ROOT, SAMPLES

GOOD = SAMPLES / "004_0f799326742ef0a4.txt"
runner = CliRunner()

NAVIGATION_PAGE = (
    "<html><body><nav><a href='/'>Home</a> | <a href='/world'>World</a> | "
    "<a href='/sport'>Sport</a></nav><ul><li>Login</li><li>Subscribe</li></ul>"
    "<footer>© 2025 Example News</footer></body></html>"
)
GERMAN = (
    "Die Handelsgespräche zwischen den Vereinigten Staaten und China wurden am Montag in "
    "London fortgesetzt. Beide Seiten wollen über seltene Erden und Exportkontrollen "
    "verhandeln, teilte das Handelsministerium mit. Eine Einigung wird erwartet. Die "
    "Delegationen treffen sich im Lancaster House, und die Gespräche könnten bis Dienstag "
    "dauern, sagte ein Sprecher der Regierung."
)


def write(name: str, content: bytes | str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return path
    return make


# (case, makes the bad input, expected outcome in the brief or on stderr)
CASES = [
    ("empty file", write("empty.txt", b""), "empty.txt (file is empty)"),
    ("whitespace only", write("blank.txt", b" \n\t \n"), "blank.txt (file is empty)"),
    ("PDF named .txt", write("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
     "report.txt (looks like binary data (PDF or other), not text)"),
    ("over the size limit", write("huge.txt", b"word " * (20 * 1024 * 1024 // 5)),
     f"huge.txt (20,971,520 bytes is over the {MAX_BYTES:,}-byte limit)"),
    ("HTML that is all navigation", write("nav.html", NAVIGATION_PAGE),
     "nav.html (only 6 words of article text after removing page clutter (at least 40 "
     "needed))"),
    ("not English", write("de.txt", GERMAN),
     "de.txt (does not look like English; briefs reads English articles)"),
    ("path that does not exist", lambda folder: folder / "missing.txt",
     "missing.txt (no such file)"),
    ("folder with no articles", lambda folder: (folder / "empty_dir").mkdir() or
     folder / "empty_dir", "(no articles (.txt, .md, .html) in this folder)"),
    ("symbolic link loop", lambda folder: (folder / "loop.txt").symlink_to(folder / "loop.txt")
     or folder / "loop.txt", "loop.txt (cannot be read (Too many levels of symbolic links))"),
    ("a folder named like an article", lambda folder: (folder / "in" / "x.txt").mkdir(
        parents=True) or folder / "in", "x.txt (is a folder, not an article file)"),
    ("a FIFO, never waited on", lambda folder: os.mkfifo(folder / "pipe.txt")
     or folder / "pipe.txt", "pipe.txt (is a pipe (FIFO), not an article file)"),
    ("an endless device, never read", lambda folder: Path("/dev/zero"),
     "zero (is not a regular file, not an article file)"),
]


@pytest.mark.parametrize(("case", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_named_and_the_good_article_survives(tmp_path, case, make, expected):
    bad = make(tmp_path)
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["build", str(bad), str(GOOD), "--backend", "replay",
                                 "--store", str(RECORDINGS), "-o", str(out)])
    assert result.exit_code == EXIT_PARTIAL, result.output
    brief = out.read_text().replace("\\_", "_")
    assert expected in brief, case
    assert "Kevin Hassett" in brief, "the good article is in the brief"


def test_a_stray_byte_or_a_cut_utf16_file_garbles_nothing_else(tmp_path) -> None:
    from briefs.read.ingest import decode

    text = "Curly “quotes” and a café.\nA stray byte: \x96 here.\n"
    mixed = text.replace("\x96", "@").encode("utf-8").replace(b"@", b"\x96")
    assert decode(mixed, "m.txt") == text.replace("\x96", "–")  # that line as cp1252 only
    cut = "\ufeffThe talks went on.".encode("utf-16")[:-1]
    assert decode(cut, "u.txt").startswith("\ufeffThe talks went on")


def test_decodable_encodings_are_read(tmp_path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    for encoding in ("latin-1", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.replace("’", "'").replace("“", '"').replace("”", '"')
                         .replace("—", "-").encode(encoding, errors="replace"))
        result = runner.invoke(app, ["extract", str(path), "--backend", "replay",
                                     "--store", str(RECORDINGS)])
        # Same words, other bytes: ingest reads it; the recording (keyed by text) misses.
        assert "no recording" in result.output or result.exit_code == 0, result.output
        assert "binary" not in result.output and "empty" not in result.output


def _hard_wrapped(text: str) -> str:
    import textwrap

    return "\n\n".join(textwrap.fill(p, 60) for p in text.split("\n\n"))


@pytest.mark.parametrize("copy_of", [
    lambda text: text,
    _hard_wrapped,
    lambda text: text.replace(" the ", " the\u200b ").replace("Hassett", "Has\u00adsett"),
], ids=["byte for byte", "hard-wrapped", "zero-width characters"])
def test_the_same_article_twice_is_used_once_and_said(tmp_path, copy_of) -> None:
    copy = tmp_path / "copy_of_004.txt"
    copy.write_text(copy_of(GOOD.read_text(encoding="utf-8")), encoding="utf-8")
    result = runner.invoke(app, ["build", str(GOOD), str(copy), "--backend", "replay",
                                 "--store", str(RECORDINGS), "--format", "json"])
    assert result.exit_code == 0, result.output  # nothing was lost
    brief = json.loads(result.stdout)
    assert [s["id"] for s in brief["sources"]] == [GOOD.name]
    assert brief["skipped"] == [{"source": copy.name, "reason": f"same text as {GOOD.name}"}]


def test_only_bad_input_writes_no_brief(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--backend", "replay",
                                 "-o", str(tmp_path / "brief.md")])
    assert result.exit_code == 1
    assert "empty.txt: file is empty" in result.output
    assert "no article could be used" in result.output
    assert not (tmp_path / "brief.md").exists()


def _without_root_powers(command: list[str]) -> list[str]:
    """Root reads anything; drop the capabilities that let it, so modes count."""
    if os.geteuid() != 0:
        return command
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *command]


def test_a_folder_without_read_permission(tmp_path) -> None:
    shared = tmp_path / "inputs"
    shared.mkdir()
    try:
        locked = shared / "locked"
        locked.mkdir()
        (locked / "a.txt").write_bytes(GOOD.read_bytes())
        locked.chmod(0)
        good = shared / GOOD.name
        good.write_bytes(GOOD.read_bytes())
        env = {**os.environ, "BRIEFS_CACHE": str(shared / "cache"),
               "BRIEFS_EXTRACTIONS": str(shared / "ckpt")}
        run = subprocess.run(
            _without_root_powers([sys.executable, "-m", "briefs.cli", "build", str(locked),
                                  str(good), "--backend", "replay", "--store", str(RECORDINGS)]),
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        )
    finally:
        (shared / "locked").chmod(0o755)  # so pytest can clean up
    assert run.returncode == EXIT_PARTIAL, run.stderr
    assert f"{shared}/locked (permission denied)" in run.stdout.replace("\\_", "_")
    assert "Kevin Hassett" in run.stdout


# (case, -o relative to the temp folder (inputs: the good article, copied into in/))
BAD_OUTPUTS = [
    ("the input article itself", "in/good.txt", "is one of the input articles"),
    ("an article name inside an input folder", "in/brief.md",
     "the next run would read the brief as an article"),
    ("a folder that does not exist", "missing/brief.md", "does not exist"),
    ("a folder", "in", "is a folder"),
]


@pytest.mark.parametrize(("case", "output", "message"), BAD_OUTPUTS,
                         ids=[c[0] for c in BAD_OUTPUTS])
def test_a_bad_output_is_refused_before_any_work(tmp_path, case, output, message) -> None:
    (tmp_path / "in").mkdir()
    good = tmp_path / "in" / "good.txt"
    good.write_bytes(GOOD.read_bytes())
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--backend", "replay",
                                 "--store", str(RECORDINGS), "-o", str(tmp_path / output)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "done" not in result.output, "refused before extracting"
    assert good.read_bytes() == GOOD.read_bytes()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    from briefs import files

    out = tmp_path / "brief.md"
    out.write_text("the old brief")

    def full_disk(fd, *args, **kwargs):
        os.close(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", full_disk)
    with pytest.raises(OSError):
        files.write_atomic(out, "the new brief")
    assert out.read_text() == "the old brief"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


BAD_OPTIONS = [  # a bad value on the command line or in the environment: exit 2, named
    (["--retries", "-1"], {}, "'--retries' (env var: 'BRIEFS_RETRIES'): Input should be "
     "greater than or equal to 0"),
    (["--timeout", "0"], {}, "'--timeout' (env var: 'BRIEFS_TIMEOUT'): 0.0 is not a number "
     "of seconds above 0"),
    (["--timeout", "nan"], {}, "nan is not a number of seconds above 0"),
    (["--deadline", "-5"], {}, "'--deadline' (env var: 'BRIEFS_DEADLINE'): -5.0 is not"),
    ([], {"BRIEFS_TIMEOUT": "-3"}, "-3.0 is not a number of seconds above 0"),
    ([], {"BRIEFS_RETRIES": "abc"}, "'--retries' (env var: 'BRIEFS_RETRIES'): Input should "
     "be a valid integer"),
    ([], {"BRIEFS_RETRIES": "1.5"}, "Input should be a valid integer"),
    ([], {"OPENAI_BASE_URL": "ftp://x"}, "'--base-url' (env var: 'OPENAI_BASE_URL')"),
]


@pytest.mark.parametrize(("args", "env", "message"), BAD_OPTIONS,
                         ids=[" ".join(a) or next(iter(e)) for a, e, _ in BAD_OPTIONS])
def test_bad_numbers_are_a_usage_error(args, env, message, monkeypatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["build", str(GOOD), "--backend", "replay",
                                 "--store", str(RECORDINGS), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_control_characters_and_markup_in_names_stay_inert(tmp_path) -> None:
    name = "a[bold]b\x1b[31mred\x08.txt"
    (tmp_path / name).write_bytes(GOOD.read_bytes())
    env = {**os.environ, "BRIEFS_EXTRACTIONS": str(tmp_path / "ckpt")}
    run = subprocess.run([sys.executable, "-m", "briefs.cli", "build", str(tmp_path / name),
                          "--backend", "replay", "--store", str(RECORDINGS)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    for stream in (run.stdout, run.stderr):
        assert "\x1b" not in stream and "\x08" not in stream
    assert "a[bold]b\ufffd[31mred\ufffd.txt" in run.stderr, run.stderr


def _no_choices(record: bytes) -> bytes:
    data = json.loads(record)
    data["exchanges"][0]["response"]["choices"] = []
    return json.dumps(data).encode()


# (case, turns a good recording's bytes into a bad one)
BAD_RECORDINGS = [
    ("zero bytes", lambda record: b""),
    ("cut off", lambda record: record[: len(record) // 2]),
    ("not UTF-8", lambda record: b"\xff\xfe\xfa" + record),
    ("not a recording", lambda record: b"[]"),
    ("no choices", _no_choices),
]


@pytest.mark.parametrize(("case", "spoil"), BAD_RECORDINGS, ids=[c[0] for c in BAD_RECORDINGS])
def test_a_bad_recording_fails_only_its_article(tmp_path, case, spoil) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(RECORDINGS, store)
    (bad,) = store.rglob("002_*.json")
    bad.write_bytes(spoil(bad.read_bytes()))
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["build", str(SAMPLES / bad.name.removesuffix(".json")),
                                 str(GOOD), "--backend", "replay", "--store", str(store),
                                 "-o", str(out)])
    assert result.exit_code == EXIT_PARTIAL, result.output
    brief = out.read_text().replace("\\_", "_")
    assert "Not used:" in brief and "002_" in brief, case
    assert "Kevin Hassett" in brief, "the good article is in the brief"


@pytest.mark.parametrize(("reported", "counted"), [
    (12, 12), (12.0, 12), (-500, 0), ("12", 0), ([12], 0), (None, 0), (True, 0), (1.5, 0),
])
def test_reported_token_counts_are_trusted_only_as_whole_numbers(reported, counted) -> None:
    from briefs.backends.usage import UsageMeter

    meter = UsageMeter()
    meter.add("a.txt", {"usage": {"prompt_tokens": reported, "completion_tokens": 1}}, 0.0)
    meter.add("a.txt", {"usage": reported}, 0.0)  # a usage that is not even an object
    assert meter.total().prompt_tokens == counted
    assert meter.total().calls == 2


@pytest.mark.parametrize("content", ["{", "[]", "{}", '{"articles": []}'])
def test_a_bad_gold_file_is_named_before_any_work(tmp_path, content) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(content)
    result = runner.invoke(app, ["eval", str(gold), str(SAMPLES), "--backend", "replay"])
    assert result.exit_code == 1
    assert f"{gold}: not a" in result.output
    assert "done" not in result.output, "no article extracted first"


def test_a_malformed_base_url_is_a_usage_error() -> None:
    result = runner.invoke(app, ["build", str(GOOD), "--backend", "openai",
                                 "--base-url", "http://[::1/v1"], env={"OPENAI_API_KEY": "k"})
    assert result.exit_code == 2
    assert "not a valid URL" in result.output


def test_a_closed_standard_output_is_an_error_not_a_traceback() -> None:
    run = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(1); from briefs.cli import app; "
         f"sys.argv = ['briefs', 'build', {str(GOOD)!r}, '--backend', 'replay']; app()"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "cannot write to standard output" in run.stderr
    assert "Traceback" not in run.stderr
