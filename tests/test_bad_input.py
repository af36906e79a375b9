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


def test_the_same_article_twice_is_used_once_and_said(tmp_path) -> None:
    copy = tmp_path / "copy_of_004.txt"
    copy.write_bytes(GOOD.read_bytes())
    result = runner.invoke(app, ["build", str(GOOD), str(copy), "--backend", "replay",
                                 "--store", str(RECORDINGS), "--format", "json"])
    assert result.exit_code == 0, result.output  # nothing was lost
    brief = json.loads(result.stdout)
    assert [s["id"] for s in brief["sources"]] == [GOOD.name]
    assert brief["skipped"] == [{"source": copy.name, "reason": f"same text as {GOOD.name}"}]


def test_only_bad_input_writes_no_brief(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path), "--backend", "replay",
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
