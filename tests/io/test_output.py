"""A run replaces --output only when it is absent, empty, or a corpus this tool wrote;
anything else is refused with exit 2 and left exactly as it was."""

import os

import pytest

from pipeline.cli import main
from pipeline.io.output import MARKER, OutputRefused, check_replaceable, foreign_entries


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def cli_run(source, output):
    config = source.parent / "normalize-only.toml"
    config.write_text('[run]\nstages = ["normalize"]\n')
    try:
        return main(["run", "--input", str(source), "--output", str(output), "--workers", "1", "--quiet",
                     "--config", str(config)])
    finally:
        config.unlink()


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("An ordinary page of text.")
    return folder


def test_a_folder_that_is_not_a_corpus_is_refused_and_untouched(tmp_path, source, capsys):
    thesis = tmp_path / "thesis"
    (thesis / "chapters").mkdir(parents=True)
    (thesis / "chapters" / "one.tex").write_text("\\chapter{One}")
    (thesis / "notes.txt").write_text("do not lose me")
    before = snapshot(thesis)
    assert cli_run(source, thesis) == 2
    assert "not a corpus written by corpus-pipeline" in capsys.readouterr().err
    assert snapshot(thesis) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "thesis"]


def test_input_inside_output_is_refused_and_the_input_kept(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    (data / "raw" / "a.txt").write_text("precious input")
    before = snapshot(data)
    assert cli_run(data / "raw", data) == 2
    assert "inside --output" in capsys.readouterr().err
    assert snapshot(data) == before


def test_output_that_is_a_file_is_refused_and_left_a_file(tmp_path, source, capsys):
    target = tmp_path / "clean"
    target.write_text("a file, not a folder")
    assert cli_run(source, target) == 2
    assert "is a file" in capsys.readouterr().err
    assert target.read_text() == "a file, not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in"]


def test_absent_and_empty_outputs_are_written(tmp_path, source):
    (tmp_path / "empty").mkdir()
    for name in ("absent", "empty"):
        assert cli_run(source, tmp_path / name) == 0
        assert (tmp_path / name / MARKER).is_file()


def test_a_corpus_of_ours_is_replaced(tmp_path, source):
    out = tmp_path / "clean"
    assert cli_run(source, out) == 0
    (source / "b.txt").write_text("Another ordinary page.")
    assert cli_run(source, out) == 0
    manifest = (out / "manifest.json").read_text()
    assert '"records": 2' in manifest


def test_a_corpus_holding_a_file_of_someone_else_is_refused(tmp_path, source, capsys):
    out = tmp_path / "clean"
    assert cli_run(source, out) == 0
    (out / "my-notes.txt").write_text("mine")
    (out / "documents" / "extra.csv").write_text("mine too")
    before = snapshot(out)
    assert cli_run(source, out) == 2
    assert "my-notes.txt" in capsys.readouterr().err
    assert snapshot(out) == before


def test_foreign_entries_name_files_outside_the_layout(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "part-00000.jsonl.gz").write_bytes(b"")
    (tmp_path / "documents" / "notes.md").write_text("x")
    (tmp_path / "index" / "dedup").mkdir(parents=True)
    (tmp_path / "index" / "dedup" / "anything.sqlite").write_bytes(b"")
    (tmp_path / "manifest.json").write_text("{}")
    (tmp_path / "thesis.pdf").write_bytes(b"")
    assert foreign_entries(tmp_path) == ["documents/notes.md", "thesis.pdf"]


def test_a_corpus_written_before_the_marker_is_recognised_by_its_manifest(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "manifest.json").write_text('{"pipeline": {"version": "0.1.0"}, "totals": {}}')
    check_replaceable(tmp_path)
    (tmp_path / "manifest.json").write_text('{"someone": "else"}')
    with pytest.raises(OutputRefused):
        check_replaceable(tmp_path)


def test_an_empty_input_leaves_the_existing_corpus_as_it_was_and_exits_1(tmp_path, source, capsys):
    out = tmp_path / "clean"
    assert cli_run(source, out) == 0
    before = snapshot(out)
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert cli_run(empty, out) == 1
    assert "no records were read" in capsys.readouterr().err
    assert snapshot(out) == before
    assert (out / "documents").is_dir()


def test_no_debris_after_a_run_or_a_refusal(tmp_path, source):
    cli_run(source, tmp_path / "clean")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x").write_text("x")
    cli_run(source, tmp_path / "other")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in", "other"]


def test_debris_of_a_killed_run_is_removed_by_the_next(tmp_path, source):
    out = tmp_path / "clean"
    for name in (f".clean.partial-{os.getpid() + 1}", ".clean.retired-77"):
        (tmp_path / name / "documents").mkdir(parents=True)
    (tmp_path / ".cleanish.partial-3").mkdir()  # not ours: another output's name
    assert cli_run(source, out) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cleanish.partial-3", "clean", "in"]


def test_documents_and_rejected_exist_even_when_empty(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "empty.txt").write_text("")
    out = tmp_path / "clean"
    assert cli_run(source, out) == 0
    assert (out / "documents").is_dir() and (out / "rejected").is_dir()
    assert list((out / "documents").iterdir()) == []


def test_the_tracked_clean_folder_is_one_make_may_replace(tmp_path):
    from tests.conftest import REPO

    for name in ("README.md", MARKER):
        (tmp_path / name).write_bytes((REPO / "clean" / name).read_bytes())
    check_replaceable(tmp_path)
