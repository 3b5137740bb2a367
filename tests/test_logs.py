"""--log-format json: every line on stderr is one JSON object a scheduler can read."""

import json

from pipeline.cli import main


def run_json(source, out, capsys, *extra):
    settings = source.parent / "settings.toml"
    settings.write_text('[run]\nstages = ["normalize"]\n')
    code = main(["run", "--input", str(source), "--output", str(out), "--config", str(settings),
                 "--workers", "1", "--log-format", "json", *extra])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.err.splitlines()], captured.out


def test_a_run_logs_json_lines_from_start_to_finish(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("An ordinary page of text.")
    code, events, stdout = run_json(source, tmp_path / "clean", capsys)
    assert code == 0 and stdout == ""
    names = [event["event"] for event in events]
    assert names[0] == "run_started" and names[-1] == "run_finished" and "phase_finished" in names
    assert all({"time", "level", "event", "message"} <= set(event) for event in events)
    finished = events[-1]
    assert finished["exit_code"] == 0 and finished["totals"]["kept"] == 1 and finished["new_inputs"] == 1
    code, events, _ = run_json(source, tmp_path / "clean", capsys)
    assert code == 0 and events[-1]["event"] == "nothing_new"


def test_errors_are_json_lines_with_their_exit_code(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("text")
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "notes.txt").write_text("mine")
    code, events, _ = run_json(source, tmp_path / "thesis", capsys)
    assert code == 2
    assert events[-1]["event"] == "error" and events[-1]["level"] == "error" and events[-1]["exit_code"] == 2
