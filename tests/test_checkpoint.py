"""Checkpoints: keyed so that no change of prompt or extraction code reuses an old one."""

from __future__ import annotations

from briefs import checkpoint
from briefs.checkpoint import Checkpoints, code_version
from briefs.extract import PROMPT_VERSION
from briefs.model import ArticleExtraction
from briefs.read.ingest import load_article
from conftest import SAMPLES


def test_a_saved_extraction_comes_back_with_the_segmentation_its_spans_point_into(
        tmp_path) -> None:
    source = load_article(SAMPLES / "004_0f799326742ef0a4.txt")
    assert source.sentences, "ingest splits sentences once; every later stage reuses them"
    saved = Checkpoints(tmp_path, "embedded", "m")
    saved.save(ArticleExtraction(source=source, backend="embedded", model="m",
                                 prompt_version=PROMPT_VERSION))
    fresh = load_article(SAMPLES / "004_0f799326742ef0a4.txt")  # as a rerun reads it
    again = saved.load(fresh)
    assert again is not None and again.source.sentences == source.sentences
    assert saved.folder.parts[-2:] == (PROMPT_VERSION, code_version())


def test_the_same_text_under_another_article_id_is_not_reused(tmp_path) -> None:
    source = load_article(SAMPLES / "004_0f799326742ef0a4.txt")
    saved = Checkpoints(tmp_path, "embedded", "m")
    saved.save(ArticleExtraction(source=source, backend="embedded", model="m",
                                 prompt_version=PROMPT_VERSION))
    renamed = load_article(SAMPLES / "004_0f799326742ef0a4.txt", "b/004.txt")
    assert saved.load(renamed) is None, "its spans would name the other id"


def test_the_code_version_covers_every_file_of_the_extraction_stages() -> None:
    names = {p.relative_to(checkpoint.PACKAGE).as_posix() for p in checkpoint.extraction_files()}
    assert {"ground.py", "read/facts.py", "extract/validators.py", "text/lexicon.py",
            "model/extraction.py"} <= names
    assert not any(n.startswith(("reconcile/", "render/", "cli/")) for n in names)


def test_a_change_to_the_extraction_code_is_a_different_checkpoint(tmp_path, monkeypatch) -> None:
    source = load_article(SAMPLES / "004_0f799326742ef0a4.txt")
    Checkpoints(tmp_path, "embedded", "m").save(ArticleExtraction(
        source=source, backend="embedded", model="m", prompt_version=PROMPT_VERSION))
    assert Checkpoints(tmp_path, "embedded", "m").load(source) is not None
    monkeypatch.setattr(checkpoint, "code_version", lambda: "edited-ground")
    assert Checkpoints(tmp_path, "embedded", "m").load(source) is None


def test_a_checkpoint_that_cannot_be_written_is_a_warning_not_a_lost_run(tmp_path,
                                                                        scripted) -> None:
    """A cache path under a file, or a read-only or full disk: the article is done, the
    brief is built, and the progress says it was not cached."""
    from briefs import build_brief

    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    article = tmp_path / "talks.txt"
    article.write_text("The two sides met again on Monday in a quiet hall by the river. They "
                       "spoke for most of the day about the harbour, the ferries and the "
                       "fishing grounds, and they agreed to meet again next month to go on "
                       "with the work. Both sides said the talks were useful and calm.")
    scripted.checkpointed = True
    scripted.enqueue("claims", {"claims": ["S1"]})
    events: list[tuple[str, str, str]] = []
    result = build_brief([article], scripted,
                         checkpoint_dir=blocker / "extractions",
                         progress=lambda *event: events.append(event))
    assert [e.source.id for e in result.extractions] == ["talks.txt"], result.brief.failures
    assert not result.brief.failures
    (warning,) = [e for e in events if e[0] == "warning"]
    assert warning[2].startswith("not cached")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "talks.txt"]


def test_one_model_name_on_two_endpoints_is_two_checkpoints(tmp_path) -> None:
    source = load_article(SAMPLES / "004_0f799326742ef0a4.txt")
    here = Checkpoints(tmp_path, "openai", "qwen", "http://127.0.0.1:8080/v1")
    here.save(ArticleExtraction(source=source, backend="openai", model="qwen",
                                prompt_version=PROMPT_VERSION))
    assert here.load(source) is not None
    assert Checkpoints(tmp_path, "openai", "qwen", "http://10.0.0.9:8080/v1").load(source) is None


def test_the_embedded_model_keys_no_endpoint_and_a_live_one_does(monkeypatch) -> None:
    """The embedded model's local server gets a new port every run: keying its
    checkpoints by that port would never reuse one."""
    from briefs.backends import open_backend
    from briefs.backends.live import LiveBackend

    embedded = LiveBackend(name="embedded", model="m", base_url="http://127.0.0.1:41234/v1")
    assert embedded.endpoint == ""
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    live = open_backend("openai", base_url="http://127.0.0.1:8080/v1", model="m")
    assert live.endpoint == "http://127.0.0.1:8080/v1"


def test_a_temp_file_left_by_a_killed_run_is_swept_and_a_live_one_kept(tmp_path) -> None:
    """write_atomic names its temp file with its pid; a run killed mid-write leaves it,
    and the next run's checkpoints (or the next brief written there) remove it."""
    import os
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    saved = Checkpoints(tmp_path, "openai", "qwen")
    saved.folder.mkdir(parents=True)
    dead = saved.folder / f".a.txt.json.{gone}.tmpab12"
    live = saved.folder / f".b.txt.json.{os.getpid()}.tmpcd34"
    dead.write_text("half a checkpoint")
    live.write_text("being written by this process")
    Checkpoints(tmp_path, "openai", "qwen")
    assert not dead.exists() and live.exists()
