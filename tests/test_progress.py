"""Progress fits where it goes: a bar on a terminal, plain lines in a log; the summary ends
with wall time and throughput."""

import io

from pipeline.cli import main, summary
from pipeline.config import config_from_dict
from pipeline.executor import LocalExecutor
from pipeline.progress import LogProgress, TerminalProgress, progress_for
from pipeline.runner import run


class Terminal(io.StringIO):
    def isatty(self):
        return True


def small_input(tmp_path, files=12):
    source = tmp_path / "in"
    source.mkdir()
    for i in range(files):
        (source / f"{i}.txt").write_text(f"page {i} of ordinary text")
    return source


def config():
    return config_from_dict({"run": {"stages": ["normalize"], "shard_files": 1}})


def test_a_terminal_gets_a_bar_and_a_pipe_gets_lines():
    assert isinstance(progress_for(True, Terminal()), TerminalProgress)
    assert isinstance(progress_for(True, io.StringIO()), LogProgress)


def test_a_log_gets_plain_lines_with_throughput_and_no_carriage_returns(tmp_path):
    log = io.StringIO()
    run(small_input(tmp_path), tmp_path / "out", config(), executor=LocalExecutor(1),
        progress=LogProgress(log))
    text = log.getvalue()
    assert "\r" not in text
    lines = text.splitlines()
    assert 2 <= len(lines) <= 12  # one a tenth of the phase at most, not one per shard
    assert lines[-1].startswith("[1/1] normalize: 12/12 shards, 12 docs in ")
    assert all("docs/s" in line and "MB/s" in line for line in lines)


def test_a_terminal_gets_a_live_bar_with_documents_per_second(tmp_path):
    screen = Terminal()
    run(small_input(tmp_path), tmp_path / "out", config(), executor=LocalExecutor(1),
        progress=TerminalProgress(screen))
    assert "\r" in screen.getvalue() and "docs/s" in screen.getvalue()


def test_a_scan_of_unknown_length_is_logged_once_it_ends():
    log = io.StringIO()
    phase = LogProgress(log).phase("scan for dedup", None)
    for _ in range(25_000):
        phase.advance(1, steps=0)
    phase.close()
    assert [line.split(":")[0] for line in log.getvalue().splitlines()] == ["scan for dedup"] * 3


def test_the_summary_ends_with_wall_time_and_throughput(tmp_path):
    result = run(small_input(tmp_path), tmp_path / "out", config(), executor=LocalExecutor(1), progress=False)
    last = summary(result.manifest, tmp_path / "out").splitlines()[-1]
    assert " s wall: " in last and "docs/s" in last and "MB/s" in last
    assert result.manifest["timings"]["records_per_second"] > 0
    assert result.manifest["totals"]["input_bytes"] == sum(
        p.stat().st_size for p in (tmp_path / "in").iterdir())


def test_the_command_line_writes_progress_lines_to_a_redirected_stderr(tmp_path, capsys):
    (tmp_path / "cfg.toml").write_text('[run]\nstages = ["normalize"]\nshard_files = 1\n')
    code = main(["run", "--input", str(small_input(tmp_path)), "--output", str(tmp_path / "out"),
                 "--config", str(tmp_path / "cfg.toml"), "--workers", "1"])
    assert code == 0
    captured = capsys.readouterr()
    assert "\r" not in captured.err and "[1/1] normalize" in captured.err
    assert "docs/s" in captured.out.splitlines()[-1]
