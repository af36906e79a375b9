"""Checkpoints: keyed so that no change of prompt or extraction code reuses an old one."""

from __future__ import annotations

from briefs import checkpoint
from briefs.checkpoint import Checkpoints, code_version
from briefs.ingest import load_article
from briefs.models import ArticleExtraction
from briefs.prompting import PROMPT_VERSION
from conftest import SAMPLES


def test_a_saved_extraction_comes_back_with_its_segmentation(tmp_path) -> None:
    source = load_article(SAMPLES / "004_0f799326742ef0a4.txt")
    source = source.model_copy(update={"sentences": [(0, 10), (11, 20)]})
    saved = Checkpoints(tmp_path, "embedded", "m")
    saved.save(ArticleExtraction(source=source, backend="embedded", model="m",
                                 prompt_version=PROMPT_VERSION))
    fresh = load_article(SAMPLES / "004_0f799326742ef0a4.txt")  # as a rerun reads it
    again = saved.load(fresh)
    assert again is not None and again.source.sentences == [(0, 10), (11, 20)]
    assert saved.folder.parts[-2:] == (PROMPT_VERSION, code_version())


def test_a_change_to_the_extraction_code_is_a_different_checkpoint(tmp_path, monkeypatch) -> None:
    source = load_article(SAMPLES / "004_0f799326742ef0a4.txt")
    Checkpoints(tmp_path, "embedded", "m").save(ArticleExtraction(
        source=source, backend="embedded", model="m", prompt_version=PROMPT_VERSION))
    assert Checkpoints(tmp_path, "embedded", "m").load(source) is not None
    monkeypatch.setattr(checkpoint, "code_version", lambda: "edited-ground")
    assert Checkpoints(tmp_path, "embedded", "m").load(source) is None
