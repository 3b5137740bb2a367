"""A killed or stopped run restarted on the same output reuses the shards it had finished
and ends with the same bytes as a run that was never interrupted."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.config import config_from_dict
from pipeline.executor import LocalExecutor
from pipeline.io.output import remove_debris
from pipeline.runner import RunInterrupted, run

SETTINGS = {"run": {"stages": ["normalize", "dedup"], "shard_files": 1}}


def corpus_bytes(folder):
    """Everything but the manifest and the report's timing section, which record wall time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            data = path.read_bytes()
            if path.name == "report.html":
                data = data.split(b'<section id="time"')[0]
            found[path.relative_to(folder).as_posix()] = data
    return found


class StopsAfter:
    """An executor that is stopped (as by SIGTERM) after `count` shards of the first segment."""

    workers = 1

    def __init__(self, count):
        self.count, self.calls = count, 0

    def map(self, fn, tasks, initializer=None, initargs=()):
        self.calls += 1
        for done, result in enumerate(LocalExecutor(1).map(fn, tasks, initializer, initargs)):
            if self.calls == 1 and done == self.count:
                raise KeyboardInterrupt
            yield result


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(6):
        (folder / f"page-{number}.txt").write_text(f"Page {number} tells the story of item {number}. " * 9)
    (folder / "copy.txt").write_text("Page 2 tells the story of item 2. " * 9)
    return folder


def test_a_stopped_run_keeps_its_finished_shards_and_the_next_run_reuses_them(tmp_path, source):
    config = config_from_dict(SETTINGS)
    reference = tmp_path / "reference"
    run(source, reference, config, executor=LocalExecutor(1), progress=False)
    out = tmp_path / "clean"
    with pytest.raises(RunInterrupted) as stopped:
        run(source, out, config, executor=StopsAfter(3), progress=False)
    assert stopped.value.finished == 3 and stopped.value.work_folder.is_dir()
    assert not out.exists()
    result = run(source, out, config, executor=LocalExecutor(1), progress=False)
    assert result.resumed_shards == 3
    assert result.manifest["run"]["resumed_shards"] == 3
    assert corpus_bytes(out) == corpus_bytes(reference)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in", "reference"]


def test_a_work_folder_of_other_input_is_removed_not_resumed(tmp_path, source):
    config = config_from_dict(SETTINGS)
    out = tmp_path / "clean"
    with pytest.raises(RunInterrupted) as stopped:
        run(source, out, config, executor=StopsAfter(2), progress=False)
    (source / "page-0.txt").write_text("Changed overnight. " * 20)
    result = run(source, out, config, executor=LocalExecutor(1), progress=False)
    assert result.resumed_shards == 0
    assert not stopped.value.work_folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in"]


def test_a_half_written_part_of_an_unfinished_shard_is_not_kept(tmp_path, source):
    config = config_from_dict(SETTINGS)
    out = tmp_path / "clean"
    with pytest.raises(RunInterrupted) as stopped:
        run(source, out, config, executor=StopsAfter(2), progress=False)
    work = stopped.value.work_folder
    stale = work / "_work" / "segment-0" / "rejected-00005.jsonl.gz"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"half a gzip member")
    run(source, out, config, executor=LocalExecutor(1), progress=False)
    rejected = [p.name for p in (out / "rejected").iterdir()]
    assert "part-00005.jsonl.gz" not in rejected  # page-5 has no rejected record


def test_remove_debris_keeps_only_the_folder_being_resumed(tmp_path):
    out = tmp_path / "clean"
    keep = tmp_path / ".clean.work-0123456789abcdef"
    others = (".clean.work-fedcba9876543210", ".clean.partial-12", ".other.work-0123456789abcdef")
    for name in (keep.name, *others):
        (tmp_path / name).mkdir()
    removed = remove_debris(out, keep=keep)
    assert removed == [".clean.partial-12", ".clean.work-fedcba9876543210"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".clean.work-0123456789abcdef",
                                                          ".other.work-0123456789abcdef"]


def test_a_corpus_caught_between_the_two_renames_of_the_swap_is_put_back(tmp_path, source):
    config = config_from_dict(SETTINGS)
    out = tmp_path / "clean"
    run(source, out, config, executor=LocalExecutor(1), progress=False)
    before = corpus_bytes(out)
    out.rename(tmp_path / ".clean.retired-4242")  # killed after the first rename
    result = run(source, out, config, executor=LocalExecutor(1), progress=False)
    assert result.nothing_new
    assert corpus_bytes(out) == before


def test_a_killed_run_resumes_and_ends_with_the_bytes_of_an_uninterrupted_run(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for number in range(16):
        lines = "".join(json.dumps({"text": f"Shard {number} line {i} says something new."}) + "\n"
                        for i in range(300))
        (source / f"part-{number:02d}.jsonl").write_text(lines)
    settings = tmp_path / "settings.toml"
    settings.write_text('[run]\nstages = ["normalize"]\nshard_files = 1\n')
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--config", str(settings),
               "--workers", "1", "--quiet"]
    subprocess.run([*command, "--output", str(tmp_path / "reference")], check=True)
    killed = subprocess.Popen([*command, "--output", str(tmp_path / "clean")])
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".clean.work-*/_work/done/segment-0/shard-0000[2-9].pickle")):
        assert killed.poll() is None, "the run ended before it could be killed: give it more work"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    finished = len(list(tmp_path.glob(".clean.work-*/_work/done/segment-0/*.pickle")))
    assert 0 < finished < 16
    subprocess.run([*command, "--output", str(tmp_path / "clean")], check=True)
    manifest = json.loads((tmp_path / "clean" / "manifest.json").read_text())
    assert manifest["run"]["resumed_shards"] >= finished
    assert corpus_bytes(tmp_path / "clean") == corpus_bytes(tmp_path / "reference")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in", "reference", "settings.toml"]


def _children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_worker_processes_die_with_a_killed_run(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for number in range(8):
        (source / f"part-{number}.jsonl").write_text(
            "".join(json.dumps({"text": f"line {i} of {number}"}) + "\n" for i in range(3000)))
    settings = tmp_path / "settings.toml"
    settings.write_text('[run]\nstages = ["normalize"]\nshard_files = 1\n')
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output",
               str(tmp_path / "clean"), "--config", str(settings), "--workers", "2", "--quiet"]
    running = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    workers = []
    while len(workers) < 2:
        assert running.poll() is None and time.monotonic() < deadline, "no worker processes started"
        workers = [pid for pid in _children(running.pid)
                   if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        time.sleep(0.05)
    running.send_signal(signal.SIGKILL)
    running.wait()
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
