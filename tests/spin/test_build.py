"""The compact tables: built at install time, else built in memory; never written by the stage."""

from __future__ import annotations

import pipeline.spin.tables as tables
from pipeline.stages.spin import load_vocabulary


def test_without_the_built_files_the_tables_come_from_memory_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "built_folder", lambda: tmp_path / "built")
    built = tables.shared_tables.__wrapped__(load_vocabulary().function_words)
    assert built.phrases.known("breast", "cancer") and built.thesaurus.originals("soreness")
    assert not (tmp_path / "built").exists()


def test_the_build_step_writes_what_the_stage_would_build(tmp_path, monkeypatch):
    from pipeline.spin import build

    monkeypatch.setattr(build, "built_folder", lambda: tmp_path / "built")
    build.main([])
    words = load_vocabulary().function_words
    table_bytes, thesaurus = tables.build_files(words)
    table_name, thesaurus_name = tables.built_names(words)
    assert (tmp_path / "built" / table_name).read_bytes() == table_bytes
    assert (tmp_path / "built" / thesaurus_name).read_text(encoding="utf-8") == thesaurus
    assert sorted(p.name for p in (tmp_path / "built").iterdir()) == sorted([table_name, thesaurus_name])
