"""Local pool against a Dask LocalCluster: the same generated corpus through the CLI with
`--executor local` and `--executor dask` (two workers each, the default stages), the runs
interleaved round by round so that both see the same machine load; the Dask run's overhead
as a ratio, peak memory of each whole process tree, and whether the outputs are the same bytes.

    python -m benchmarks executor [--docs 20000] [--rounds 1]
    make bench BENCH=executor EXECUTOR_DOCS=20000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_runner import corpus
from benchmarks.process_tree import Measured, run_measured
from benchmarks.report_block import replace_block

REPO = Path(__file__).resolve().parent.parent
EXECUTORS = ("local", "dask")


def output_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for kind in ("documents", "rejected"):
        for path in sorted((folder / kind).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def one_run(source: Path, executor: str, workers: int, scratch: Path) -> tuple[Measured, str]:
    output = scratch / f"clean-{executor}"
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(output),
               "--workers", str(workers), "--executor", executor, "--quiet", "--replace"]
    measured = run_measured(command, scratch / f"{executor}.log", cwd=REPO)
    if measured.returncode not in (0, 1):
        raise RuntimeError((scratch / f"{executor}.log").read_text(errors="replace"))
    return measured, output_digest(output)


def report(results: dict[str, list[Measured]], same_bytes: bool, docs: int, workers: int) -> str:
    lines = [f"`python -m benchmarks executor --docs {docs} --rounds {len(results['local'])}`, "
             f"{workers} workers each, corpus `scripts/make_corpus.py --docs {docs} --seed 11 --formats "
             "jsonl`, default stages; machine: 2 cores (load average at the end of each run: "
             + ", ".join(f"{m.load_average:.1f}" for runs in results.values() for m in runs) + ").", "",
             "| executor | seconds (each round) | docs/s | peak RSS, process tree | peak PSS | processes |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for name, runs in results.items():
        seconds = statistics.median(m.seconds for m in runs)
        lines.append(f"| {name} | {seconds:,.0f} ({', '.join(f'{m.seconds:,.0f}' for m in runs)}) | "
                     f"{docs / seconds:,.1f} | {max(m.peak_rss_mb for m in runs):,.0f} MB | "
                     f"{max(m.peak_pss_mb for m in runs):,.0f} MB | {max(m.peak_processes for m in runs)} |")
    pairs = zip(results["local"], results["dask"], strict=True)
    ratios = [dask.seconds / local.seconds for local, dask in pairs]
    lines += ["", f"- **dask / local wall time: {statistics.median(ratios):.2f}x** "
                  f"(each round: {', '.join(f'{ratio:.2f}x' for ratio in ratios)}).",
              "- documents/ and rejected/ of the two runs: "
              f"{'the same bytes' if same_bytes else 'DIFFERENT'}."]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks executor")
    parser.add_argument("--docs", type=int, default=int(os.environ.get("EXECUTOR_DOCS", 20_000)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("EXECUTOR_ROUNDS", 1)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    source = corpus(args.docs)
    results: dict[str, list[Measured]] = {name: [] for name in EXECUTORS}
    digests: set[str] = set()
    with tempfile.TemporaryDirectory(dir=source.parent, prefix="executor-") as scratch:
        for round_number in range(args.rounds):
            order = EXECUTORS if round_number % 2 == 0 else EXECUTORS[::-1]
            for name in order:
                measured, digest = one_run(source, name, args.workers, Path(scratch))
                results[name].append(measured)
                digests.add(digest)
                print(f"round {round_number + 1} {name:<6} {measured.seconds:7.1f} s  "
                      f"peak RSS {measured.peak_rss_mb:6.0f} MB  load {measured.load_average:.1f}",
                      flush=True)
    text = report(results, len(digests) == 1, args.docs, args.workers)
    print(text)
    if args.docs >= 10_000 and not args.no_write:
        replace_block("bench_executor", text)
