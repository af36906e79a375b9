"""The CLI surface: help, schema export, errors and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from briefs.cli import EXIT_PARTIAL, app
from conftest import RECORDINGS, ROOT, SAMPLES

runner = CliRunner()


def test_help_explains_commands_and_backends() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for word in ("build", "extract", "schema"):
        assert word in result.output
    build_help = runner.invoke(app, ["build", "--help"]).output
    for word in ("--backend", "embedded", "replay", "--base-url", "--record", "--format"):
        assert word in build_help


def test_schema_command_writes_the_committed_schemas(tmp_path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert "quote.schema.json" in written and "brief.schema.json" in written
    for name in written:  # schemas/ in the repository is up to date
        assert (tmp_path / name).read_text() == (ROOT / "schemas" / name).read_text(), name


def test_extract_prints_one_grounded_article() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "004_0f799326742ef0a4.txt"),
                                 "--backend", "replay", "--store", str(RECORDINGS)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    text = data["source"]["text"]
    assert data["quotes"]
    for quote in data["quotes"]:
        span = quote["evidence"]
        assert text[span["start"]:span["end"]] == quote["text"]


def test_one_bad_file_does_not_take_the_others_down(tmp_path) -> None:
    for sample in SAMPLES.glob("*.txt"):
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    out = tmp_path.parent / f"{tmp_path.name}-brief.md"  # not inside the input folder
    result = runner.invoke(app, ["build", str(tmp_path), "--backend", "replay",
                                 "--store", str(RECORDINGS), "-o", str(out)])
    assert result.exit_code == EXIT_PARTIAL, result.output
    brief = out.read_text()
    assert "Not used:" in brief and "broken.txt" in brief and "binary" in brief
    assert "He Lifeng" in brief


def test_openai_backend_without_key_or_url_says_what_to_set(monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    result = runner.invoke(app, ["build", str(SAMPLES), "--backend", "openai"])
    assert result.exit_code == 1
    assert "OPENAI_API_KEY" in result.output


def test_missing_input_is_a_clear_error() -> None:
    result = runner.invoke(app, ["build", "no/such/file.txt", "--backend", "replay"])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_the_library_takes_a_bare_path_and_a_string_store() -> None:
    from briefs import build_brief

    result = build_brief(str(SAMPLES), "replay", store=str(RECORDINGS))
    assert len(result.extractions) == 5 and not result.brief.failures


def test_version_in_the_cli_and_the_library() -> None:
    import briefs

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"briefs {briefs.__version__}"
    assert briefs.__version__[0].isdigit()


def test_dash_o_dash_writes_to_standard_output_and_m_names_the_model(tmp_path) -> None:
    to_stdout = runner.invoke(app, ["build", str(SAMPLES / "004_0f799326742ef0a4.txt"),
                                    "--backend", "replay", "-o", "-"])
    assert to_stdout.exit_code == 0, to_stdout.output
    assert to_stdout.stdout.startswith("# Brief:")
    assert not (tmp_path / "-").exists() and not (ROOT / "-").exists()
    named = runner.invoke(app, ["build", str(SAMPLES / "004_0f799326742ef0a4.txt"),
                                "--backend", "replay", "-m", "no-such-model"])
    assert "no recording" in named.output and "no-such-model" in named.output


def test_replay_finds_the_recordings_beside_the_inputs_from_any_folder(tmp_path) -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "briefs", "build", str(SAMPLES),
                          "--backend", "replay"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("# Brief:")


def test_no_color_is_honoured_for_errors_too() -> None:
    colored = runner.invoke(app, ["build", "no-such-file.txt", "--backend", "replay"],
                            color=True)
    assert "\x1b[" in colored.output
    plain = runner.invoke(app, ["build", "no-such-file.txt", "--backend", "replay"],
                          color=True, env={"NO_COLOR": "1"})
    assert "no such file" in plain.output and "\x1b[" not in plain.output


def test_help_never_breaks_a_sentence_mid_line() -> None:
    from briefs.cli import EVAL_HELP, unwrapped

    text = unwrapped(EVAL_HELP)
    for block in text.split("\n\n"):  # a paragraph is one line, for the formatter to wrap
        assert block.startswith("\b") or "\n" not in block, block
    assert "(counts summed); --only picks clusters by name." in text
    shown = runner.invoke(app, ["eval", "--help"], terminal_width=80).output
    assert "- Delegates: same person" in shown  # the rules' list kept as a list


def test_cache_path_and_clear(tmp_path) -> None:
    env = {"BRIEFS_EXTRACTIONS": str(tmp_path / "ckpt"),
           "BRIEFS_MODEL_PATH": str(tmp_path / "model.gguf"), "BRIEFS_CACHE": str(tmp_path)}
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.json").write_text("{}")
    (tmp_path / "ckpt" / "x").mkdir(parents=True)
    (tmp_path / "ckpt" / "x" / "a.json").write_text("{}" * 1000)
    (tmp_path / "model.gguf").write_bytes(b"0" * 2000)
    shown = runner.invoke(app, ["cache", "path"], env=env)
    assert shown.exit_code == 0
    assert f"extractions  {tmp_path / 'ckpt'}" in shown.stdout
    assert f"model        {tmp_path / 'model.gguf'}" in shown.stdout
    assert f"pages        {tmp_path / 'pages'}" in shown.stdout
    cleared = runner.invoke(app, ["cache", "clear"], env=env)
    assert cleared.exit_code == 0
    assert not (tmp_path / "ckpt").exists() and (tmp_path / "model.gguf").exists()
    assert not (tmp_path / "pages").exists()  # fetched pages too
    runner.invoke(app, ["cache", "clear", "--model"], env=env)
    assert not (tmp_path / "model.gguf").exists()


COMMANDS = [[], ["build"], ["extract"], ["eval"], ["schema"], ["cache"], ["cache", "path"],
            ["cache", "clear"]]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "briefs" for c in COMMANDS])
def test_every_help_reads_cleanly_at_80_columns(command) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0
    for line in result.output.splitlines():
        assert len(line) <= 80, line
    assert "<bool>" not in result.output  # flags are shown as flags
    assert "\\b" not in result.output and "│" not in result.output


def test_options_declare_their_environment_variables_and_check_them() -> None:
    shown = runner.invoke(app, ["build", "--help"], terminal_width=80).output
    for name in ("BRIEFS_BACKEND", "BRIEFS_MODEL", "OPENAI_BASE_URL", "BRIEFS_RETRIES",
                 "BRIEFS_TIMEOUT", "BRIEFS_DEADLINE"):
        assert f"env var: {name}" in " ".join(shown.split()), name
    chosen = runner.invoke(app, ["build", str(SAMPLES), "-f", "json"],
                           env={"BRIEFS_BACKEND": "replay"})
    assert chosen.exit_code == 0, chosen.output
    assert json.loads(chosen.stdout)["provenance"]["backend"] == "replay of embedded"
    bad = runner.invoke(app, ["build", str(SAMPLES)], env={"BRIEFS_BACKEND": "gpt"})
    assert bad.exit_code == 2 and "env var: 'BRIEFS_BACKEND'" in bad.output


def test_shell_completion_is_on() -> None:
    shown = runner.invoke(app, ["--help"]).output
    assert "--install-completion" in shown and "--show-completion" in shown


def test_verbose_logs_what_each_task_did_and_quiet_says_nothing() -> None:
    article = str(SAMPLES / "000_d0cb582c6777be93.txt")
    loud = runner.invoke(app, ["build", article, "-b", "replay", "-v"])
    assert loud.exit_code == 0, loud.output
    assert "briefs.extract.run: 000_d0cb582c6777be93.txt: claims done in" in loud.stderr
    reasked = runner.invoke(app, ["build", str(ROOT / "tests" / "clusters" / "pharma_pact"),
                                  "-b", "replay", "-v"])
    assert "b_post.txt: speakers answer invalid (1 error(s)); re-asking the model" \
        in reasked.stderr  # that recording's first answer is
    normal = runner.invoke(app, ["build", article, "-b", "replay"])
    assert "briefs.extract" not in normal.stderr and "done   000_" in normal.stderr
    quiet = runner.invoke(app, ["build", article, "-b", "replay", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == normal.stdout
    failed = runner.invoke(app, ["build", "nope.txt", "-b", "replay", "-q"])
    assert failed.exit_code == 1 and "error:" in failed.stderr  # errors still shown
    both = runner.invoke(app, ["build", article, "-b", "replay", "-v", "-q"])
    assert both.exit_code == 2 and "give one" in both.stderr


def test_progress_counts_articles_and_shows_the_clock() -> None:
    result = runner.invoke(app, ["build", str(SAMPLES), "nope.txt", "-b", "replay"])
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert [line.split("]")[0].split()[-1] for line in lines] == [f"{n}/6" for n in range(1, 7)]
    assert all(line[1:].split()[0].endswith("s") for line in lines)


def test_the_format_follows_the_output_suffix(tmp_path) -> None:
    for suffix, start in ((".html", "<!DOCTYPE html>"), (".json", "{"), (".md", "# Brief:")):
        out = tmp_path / f"brief{suffix}"
        result = runner.invoke(app, ["build", str(SAMPLES), "-b", "replay", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text().startswith(start), suffix
    forced = tmp_path / "brief.txt"
    runner.invoke(app, ["build", str(SAMPLES), "-b", "replay", "-f", "json", "-o", str(forced)])
    assert forced.read_text().startswith("{")


def test_one_spelling_for_json_everywhere() -> None:
    for command in (["build"], ["eval"]):
        shown = runner.invoke(app, [*command, "--help"]).output
        assert "--format" in shown and "--json" not in shown, command


def test_the_json_says_what_made_it_and_carries_the_text_its_offsets_point_into() -> None:
    result = runner.invoke(app, ["build", str(SAMPLES), "-b", "replay", "-f", "json"])
    brief = json.loads(result.stdout)
    assert brief["schema_version"] == "2"
    made = brief["provenance"]
    assert made["backend"] == "replay of embedded" and made["prompt_version"].startswith("v")
    assert made["model"] and made["briefs_version"] and made["created"].endswith("+00:00")
    texts = {s["id"]: s["text"] for s in brief["sources"]}
    spans = [span for key in ("quotes", "claims", "single_source_claims", "policy_measures")
             for item in brief[key] for span in item["evidence"]]
    spans += [span for c in brief["conflicts"] for v in c["versions"] for span in v["evidence"]]
    spans += [span for d in brief["delegations"] for m in d["members"] for span in m["evidence"]]
    assert len(spans) > 50
    for span in spans:  # another tool can check every offset against the text given
        assert texts[span["source"]][span["start"]:span["end"]] == span["text"]
    removed = [r for s in brief["sources"] for r in s["removed"]]
    assert removed and all(r["reason"] for r in removed)
