"""One run at a time per output: a second exits at once with its own code, naming the
first; a lock left by a killed run is taken over."""

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap

import pytest

from pipeline.cli import main
from pipeline.io.lock import OutputLocked, lock_path, output_lock
from pipeline.runner import EXIT_LOCKED


def test_a_second_lock_on_the_same_output_is_refused_naming_the_holder(tmp_path):
    out = tmp_path / "clean"
    with output_lock(out):
        with pytest.raises(OutputLocked) as refused:
            with output_lock(out):
                pass
    assert refused.value.holder["pid"] == os.getpid()
    assert refused.value.holder["host"] == socket.gethostname()
    assert str(os.getpid()) in str(refused.value)


def test_the_lock_file_is_gone_after_the_run(tmp_path):
    out = tmp_path / "clean"
    with output_lock(out):
        assert lock_path(out).exists()
    assert not lock_path(out).exists()
    with output_lock(out):  # and can be taken again
        pass


def test_a_run_on_a_locked_output_exits_with_the_lock_code_and_touches_nothing(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("text")
    out = tmp_path / "clean"
    with output_lock(out) as holder:
        code = main(["run", "--input", str(source), "--output", str(out), "--workers", "1", "--quiet"])
    assert code == EXIT_LOCKED == 75
    err = capsys.readouterr().err
    assert f"pid {os.getpid()}" in err and holder["started"] in err
    assert not out.exists()


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path):
    out = tmp_path / "clean"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from pipeline.io.lock import output_lock
        with output_lock(Path({str(out)!r})):
            print("locked", flush=True)
            time.sleep(60)
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputLocked):
            with output_lock(out):
                pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert json.loads(lock_path(out).read_text())["pid"] == holder.pid  # left behind by the kill
    with output_lock(out) as taken:
        assert taken["pid"] == os.getpid()


def test_runs_started_together_on_one_output_never_both_write(tmp_path):
    import threading

    from pipeline.config import config_from_dict
    from pipeline.executor import LocalExecutor
    from pipeline.runner import run

    source = tmp_path / "in"
    source.mkdir()
    with open(source / "many.jsonl", "w") as stream:  # enough work that the runs overlap
        for i in range(5_000):
            stream.write(json.dumps({"text": f"line {i} of a long input"}) + "\n")
    out = tmp_path / "clean"
    config = config_from_dict({"run": {"stages": ["normalize"]}})
    start = threading.Barrier(3)
    outcomes = []

    def one_run():
        start.wait()
        try:
            outcomes.append(run(source, out, config, executor=LocalExecutor(1), progress=False).exit_code)
        except OutputLocked as locked:
            outcomes.append(locked)

    threads = [threading.Thread(target=one_run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = [outcome for outcome in outcomes if isinstance(outcome, OutputLocked)]
    assert [outcome for outcome in outcomes if outcome not in refused] == [0]
    assert len(refused) == 2
    assert all(r.holder["pid"] == os.getpid() and "another run is writing" in str(r) for r in refused)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in"]
    assert '"records": 5000' in (out / "manifest.json").read_text()


def test_a_terminated_run_leaves_the_previous_corpus_and_no_debris(tmp_path):
    import time

    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("first corpus")
    out = tmp_path / "clean"
    config = tmp_path / "cfg.toml"
    config.write_text('[run]\nstages = ["normalize"]\n')
    assert main(["run", "--input", str(source), "--output", str(out), "--config", str(config),
                 "--workers", "1", "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in (out / "documents").iterdir()}
    with open(source / "many.jsonl", "w") as stream:
        for i in range(60_000):
            stream.write(json.dumps({"text": f"line {i} of a long input"}) + "\n")
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(out),
               "--config", str(config), "--workers", "1", "--quiet"]
    running = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not any(p.name.startswith(".clean.work-") for p in tmp_path.iterdir()):
        assert running.poll() is None and time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.01)
    running.send_signal(signal.SIGTERM)
    assert running.wait(timeout=60) == 130
    assert "left as it was" in running.stderr.read()
    assert {p.name: p.read_bytes() for p in (out / "documents").iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cfg.toml", "clean", "in"]
