"""Runner throughput and memory: the same generated corpus through the CLI with one worker
and with two, side by side; and peak memory at two corpus sizes, to show that memory is
bounded by a shard and does not grow with the corpus. Peak memory is the summed resident set
of the CLI's whole process tree (main process and workers), sampled by
benchmarks/process_tree.py.

    python -m benchmarks runner [--docs 10000 20000] [--stages normalize]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.process_tree import run_measured

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "bench-data"


def corpus(docs: int) -> Path:
    """A generated JSONL corpus of `docs` documents, made once and reused."""
    folder = DATA / f"runner-{docs}"
    if not (folder / ".complete").exists():
        subprocess.run(
            [sys.executable, str(REPO / "scripts" / "make_corpus.py"), "--out", str(folder),
             "--docs", str(docs), "--seed", "11", "--formats", "jsonl"],
            check=True,
        )
        (folder / ".complete").write_text("")
    return folder


def timed_run(source: Path, config: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak resident memory of the whole process tree (MB) of one CLI run in a
    fresh process."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "clean"
        command = [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(output),
                   "--config", str(config), "--workers", str(workers), "--quiet"]
        log = Path(scratch) / "run.log"
        measured = run_measured(command, log, cwd=REPO)
        if measured.returncode not in (0, 1):
            raise RuntimeError(log.read_text(errors="replace"))
    return measured.seconds, measured.peak_rss_mb


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks runner")
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--stages", nargs="+", default=None,
                        help="stage list to run (default: the full default pipeline)")
    args = parser.parse_args(argv)
    DATA.mkdir(exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as config:
        # Shards of 2 MB: enough of them that both workers stay busy on a few thousand documents.
        config.write("[run]\nshard_bytes = 2000000\n")
        if args.stages:
            config.write("stages = [" + ", ".join(f'"{s}"' for s in args.stages) + "]\n")
        config_path = Path(config.name)
    print(f"machine: {os.cpu_count()} cores; stages: {args.stages or 'default'}")
    print(f"{'docs':>8} {'workers':>8} {'seconds':>9} {'docs/s':>9} {'tree MB':>9}")
    for docs in args.docs:
        source = corpus(docs)
        results = {}
        for workers in (1, 2):
            seconds, peak = timed_run(source, config_path, workers)
            results[workers] = seconds
            print(f"{docs:>8} {workers:>8} {seconds:>9.1f} {docs / seconds:>9.0f} {peak:>9.0f}", flush=True)
        print(f"{'':>8} speed-up with 2 workers: {results[1] / results[2]:.2f}x")
    config_path.unlink()


if __name__ == "__main__":
    main(sys.argv[1:])
