"""Where the time goes, stage by stage, in this tree and in an earlier revision side by side:
CPU seconds per 1,000 documents of every default stage's `process`, of each corpus stage's
scan and of building each stage (loading its tables), on the same generated corpus, with a
digest of every outcome so that a speed-up that changed the output shows.

    python -m benchmarks stages [--docs 1000] [--baseline REV] [--rounds 2]
    make bench BENCH=stages STAGES_DOCS=2000 STAGES_BASELINE=main

Each measurement is a fresh process (benchmarks/stage_seconds.py) that runs the stages one
after another over the whole corpus in the runner's order, so no worker pool or I/O is in the
figures. With `--baseline REV` the revision's `pipeline/` is exported (`git archive`) into a
scratch folder and measured by the same script; the two trees alternate round by round and each
stage's figure is its lowest over the rounds (the least disturbed by other jobs on the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from benchmarks.bench_runner import corpus

REPO = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "stage_seconds.py"


def export_tree(revision: str, folder: Path) -> Path:
    """`pipeline/` as it is at `revision`, unpacked under `folder`."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision, "pipeline"], cwd=REPO,
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def measure(tree: Path, source: Path) -> dict:
    env = os.environ | {"PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, str(CHILD), str(source)], cwd=tree, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"measuring {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: dict[str, dict], docs: int) -> str:
    labels = list(results)
    rows = list(dict.fromkeys(name for result in results.values() for name in result["seconds"]))
    per_thousand = 1000 / docs
    head = "| stage | " + " | ".join(f"{label}, CPU s / 1,000 docs" for label in labels) + " |"
    if len(labels) == 2:
        head += f" {labels[0]} / {labels[1]} |"
    lines = [head, "| --- |" + " ---: |" * (len(labels) + (len(labels) == 2))]
    totals = dict.fromkeys(labels, 0.0)
    for row in rows:
        cells = []
        for label in labels:
            value = results[label]["seconds"].get(row)
            cells.append("-" if value is None else f"{value * per_thousand:.2f}")
            totals[label] += value or 0.0
        line = f"| {row} | " + " | ".join(cells) + " |"
        if len(labels) == 2:
            new, old = (results[label]["seconds"].get(row) for label in labels)
            line += f" {new / old:.2f} |" if new is not None and old else " - |"
        lines.append(line)
    total = "| **all** | " + " | ".join(f"**{totals[label] * per_thousand:.2f}**" for label in labels) + " |"
    if len(labels) == 2:
        total += f" **{totals[labels[0]] / totals[labels[1]]:.2f}** |"
    lines.append(total)
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks stages")
    parser.add_argument("--docs", type=int, default=int(os.environ.get("STAGES_DOCS", 1000)))
    parser.add_argument("--baseline", metavar="REV", default=os.environ.get("STAGES_BASELINE") or None,
                        help="also measure this revision's pipeline/ (e.g. main, HEAD~3)")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("STAGES_ROUNDS", 2)))
    args = parser.parse_args(argv)
    source = corpus(args.docs)
    with tempfile.TemporaryDirectory() as scratch:
        trees = {"this tree": REPO}
        if args.baseline:
            trees[args.baseline] = export_tree(args.baseline, Path(scratch))
        best: dict[str, dict] = {}
        for round_number in range(args.rounds):
            order = list(trees.items())
            if round_number % 2:
                order.reverse()
            for label, tree in order:
                result = measure(tree, source)
                print(f"round {round_number + 1} {label}: {sum(result['seconds'].values()):.1f} CPU s, "
                      f"peak {result['peak_mb']:.0f} MB, outcome digest {result['digest'][:16]}", flush=True)
                if label in best:
                    kept = best[label]["seconds"]
                    kept.update({k: min(v, kept.get(k, v)) for k, v in result["seconds"].items()})
                else:
                    best[label] = result
    print(f"\n{args.docs:,} generated documents (`scripts/make_corpus.py --docs {args.docs} --seed 11 "
          f"--formats jsonl`), default stages in one process, lowest of {args.rounds} rounds, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(table(best, args.docs))
    if len(best) == 2:
        digests = {result["digest"] for result in best.values()}
        print(f"\noutcomes (every document's text, edits and fields; every drop): "
              f"{'identical' if len(digests) == 1 else 'DIFFERENT'}")


if __name__ == "__main__":
    main(sys.argv[1:])
