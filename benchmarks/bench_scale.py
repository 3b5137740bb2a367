"""The default pipeline at growing corpus sizes, one run each: wall time, documents per
second, peak memory of the whole process tree and the size of the dedup index it leaves, to
show that memory stays flat but for the index.

    python -m benchmarks scale [--docs 10000 100000 1000000] [--workers 2] [--no-write]
    make bench BENCH=scale SCALE_DOCS="10000 100000 1000000"

Each corpus is `scripts/make_corpus.py --docs N --seed 11 --formats jsonl` (made once under
bench-data/ and reused); each run is `corpus-pipeline run --workers 2 --replace` with the
default configuration in a fresh process tree, measured by benchmarks/process_tree.py (peak of
the summed resident set of the main process and its workers, sampled every 0.2 s). The index
size is what the run writes under `index/` of its output (the corpus's dedup index, kept for
the next run). A row is printed as soon as its run ends; when every size is 10,000 documents
or more the table replaces the block between the markers in BENCHMARKS.md ("Scale").
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_runner import corpus
from benchmarks.process_tree import run_measured
from benchmarks.report_block import replace_block

REPO = Path(__file__).resolve().parent.parent
WRITE_MIN_DOCS = 10_000
DEFAULT_SIZES = "10000 100000 1000000"


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def run_size(docs: int, workers: int) -> dict[str, float]:
    source = corpus(docs)
    with tempfile.TemporaryDirectory(dir=source.parent, prefix="scale-") as scratch:
        output = Path(scratch) / "clean"
        command = [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(output),
                   "--workers", str(workers), "--quiet", "--replace"]
        log = Path(scratch) / "run.log"
        measured = run_measured(command, log, cwd=REPO)
        if measured.returncode not in (0, 1):
            raise SystemExit(f"run of {docs} documents failed ({measured.returncode}):\n"
                             + log.read_text(errors="replace")[-3000:])
        index_mb = folder_bytes(output / "index") / 1e6
        output_mb = folder_bytes(output / "documents") / 1e6
        shutil.rmtree(output, ignore_errors=True)
    return {"docs": docs, "seconds": measured.seconds, "docs_per_second": docs / measured.seconds,
            "peak_rss_mb": measured.peak_rss_mb, "peak_pss_mb": measured.peak_pss_mb,
            "index_mb": index_mb, "documents_mb": output_mb, "load": measured.load_average}


HEADER = ["| documents | seconds | docs/s | peak RSS, process tree | peak PSS | dedup index | "
          "documents/ written | load average at the end |",
          "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]


def row(result: dict[str, float]) -> str:
    return (f"| {result['docs']:,} | {result['seconds']:,.0f} | {result['docs_per_second']:,.1f} | "
            f"{result['peak_rss_mb']:,.0f} MB | {result['peak_pss_mb']:,.0f} MB | "
            f"{result['index_mb']:,.1f} MB | {result['documents_mb']:,.1f} MB | {result['load']:.1f} |")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks scale")
    parser.add_argument("--docs", type=int, nargs="+",
                        default=[int(size) for size in os.environ.get("SCALE_DOCS", DEFAULT_SIZES).split()])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    print(f"default pipeline, {args.workers} workers, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print("\n".join(HEADER), flush=True)
    rows = []
    for docs in args.docs:
        rows.append(row(run_size(docs, args.workers)))
        print(rows[-1], flush=True)
    text = "\n".join([f"`python -m benchmarks scale --docs {' '.join(map(str, args.docs))} --workers "
                      f"{args.workers}`, one run per size, {os.cpu_count()} cores, Python "
                      f"{platform.python_version()}.", "", *HEADER, *rows])
    if min(args.docs) >= WRITE_MIN_DOCS and not args.no_write:
        replace_block("bench_scale", text)
        print("written to BENCHMARKS.md")


if __name__ == "__main__":
    main(sys.argv[1:])
