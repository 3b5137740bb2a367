"""Runner throughput and memory: the same generated corpus through the CLI with one worker
and with two, side by side; and peak memory at two corpus sizes, to show that memory is
bounded by a shard and does not grow with the corpus.

    python -m benchmarks runner [--docs 10000 20000] [--stages normalize]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    """Wall seconds and peak resident memory (MB) of one CLI run in a fresh process."""
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-c", _CHILD, str(source), str(Path(scratch) / "clean"), str(config),
                   str(workers)]
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise RuntimeError(completed.stderr)
    peak_kb = int(completed.stdout.strip().splitlines()[-1])
    return seconds, peak_kb / 1024


# The child runs the CLI and then reports the largest resident set among itself and its
# workers (RUSAGE_CHILDREN covers the pool's processes once they are reaped).
_CHILD = """
import resource, sys
from pipeline.cli import main
code = main(["run", "--input", sys.argv[1], "--output", sys.argv[2], "--config", sys.argv[3],
             "--workers", sys.argv[4], "--quiet"])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(max(own, workers))
sys.exit(code)
"""


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
    print(f"{'docs':>8} {'workers':>8} {'seconds':>9} {'docs/s':>9} {'peak MB':>9}")
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
