import json
import subprocess
import sys

from pipeline.cli import main


def test_help_explains_the_command_and_exit_codes(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "run" in out and "Exit codes" in out


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


def test_missing_input_folder_is_usage_error(tmp_path, capsys):
    assert main(["run", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "out")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_bad_config_exits_2_naming_the_key_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "bad.toml").write_text("[run]\nshard_byte = 3\n")
    code = main(["run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"),
                 "--config", str(tmp_path / "bad.toml")])
    assert code == 2
    assert "run.shard_byte" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_output_inside_input_is_refused(tmp_path):
    assert main(["run", "--input", str(tmp_path), "--output", str(tmp_path / "clean")]) == 2


def test_run_prints_a_summary_and_exits_0(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Some text of an ordinary page.")
    (tmp_path / "cfg.toml").write_text('[run]\nstages = ["normalize"]\n')
    code = main(["run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"),
                 "--config", str(tmp_path / "cfg.toml"), "--workers", "1"])
    assert code == 0
    out = capsys.readouterr().out
    assert "1 records from 1 files: 1 kept, 0 rejected" in out
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["totals"]["kept"] == 1


def test_config_command_prints_documented_defaults(capsys):
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert "[run]" in out and "# " in out


def test_module_entry_point_runs(tmp_path):
    command = [sys.executable, "-m", "pipeline", "--version"]
    completed = subprocess.run(command, capture_output=True, text=True)
    assert completed.returncode == 0 and "0.1.0" in completed.stdout


def test_a_deprecated_key_is_reported_once_naming_the_new_key(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A short page about tomatoes.\n")
    (tmp_path / "old.toml").write_text("[stages.quality]\nskip_rules = [\"too_few_words\"]\n")
    code = main(["run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"),
                 "--config", str(tmp_path / "old.toml"), "--quiet", "--workers", "1"])
    assert code == 0
    err = capsys.readouterr().err
    assert err.count("skip_rules is deprecated") == 1
    assert "use stages.quality.disabled_rules" in err
