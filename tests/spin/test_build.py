"""The derived WordNet data: built at install time, else extracted in memory; never written by the stage."""

from __future__ import annotations

import pipeline.spin.phrases as phrases
from pipeline.stages.spin import load_vocabulary


def test_without_the_built_file_the_phrases_come_from_memory_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(phrases, "_built_folder", lambda: tmp_path / "built")
    terms, pairs = phrases.load_wordnet_phrases(load_vocabulary().function_words)
    assert "breast cancer" in terms and pairs
    assert not (tmp_path / "built").exists()


def test_the_build_step_writes_what_the_stage_would_extract(tmp_path, monkeypatch):
    from pipeline.spin import build

    monkeypatch.setattr(phrases, "_built_folder", lambda: tmp_path / "built")
    monkeypatch.setattr(build, "built_path", phrases.built_path)
    build.main([])
    words = load_vocabulary().function_words
    assert phrases.built_path().read_text(encoding="utf-8") == phrases.wordnet_phrase_text(words)
    assert [p.name for p in (tmp_path / "built").iterdir()] == [phrases.built_path().name]
