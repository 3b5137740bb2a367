"""End-to-end throughput against datatrove: the same generated JSONL corpus through our default
pipeline, through ours cut to the stages datatrove also has (normalize, quality, dedup), and
through datatrove's closest pipeline (benchmarks/datatrove_pipeline.py: Gopher repetition and
quality, C4 and FineWeb quality filters, MinHash dedup in its four steps), all with the same
number of workers, runs interleaved round by round (the order rotates each round) so that every
system sees the same machine load.

    python -m benchmarks throughput [--docs 20000] [--rounds 2] [--workers 2] [--no-write]
    make bench        # THROUGHPUT_DOCS and THROUGHPUT_ROUNDS set the sizes: make bench THROUGHPUT_DOCS=50000

Each run is a fresh process tree measured by benchmarks/process_tree.py (wall seconds; peak of
the summed resident set of the process and all its workers, sampled every 0.2 s). After the
first round each system's output is scored for dedup against the corpus's known copies
(`scripts.make_corpus.generate` labels every near-duplicate and spun copy with its original):
pairwise precision and recall, where a pair is two documents of one original's family.
Recall is given over the pairs whose two documents reached the system's dedup step (a copy that
an earlier filter dropped cannot be paired) and over all known pairs.

With 20,000 documents or more the results replace the block between the markers in
BENCHMARKS.md ("Throughput"); smaller runs only print.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks.bench_runner import corpus
from benchmarks.process_tree import Measured, run_measured
from benchmarks.report_block import replace_block

REPO = Path(__file__).resolve().parent.parent
WRITE_MIN_DOCS = 20_000
SHARED_STAGES = ("normalize", "quality", "dedup")

Key = tuple[str, int]  # (input path relative to the corpus, record number)


@dataclass
class System:
    name: str
    stages: str
    results: list[Measured] = field(default_factory=list)
    dedup: dict[str, float] = field(default_factory=dict)
    detail: dict[str, float] = field(default_factory=dict)  # per-stage or per-step seconds, first round


def our_command(source: Path, output: Path, workers: int, config: Path | None) -> list[str]:
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(output),
               "--workers", str(workers), "--quiet"]
    return command + (["--config", str(config)] if config else [])


def datatrove_command(source: Path, output: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "benchmarks.datatrove_pipeline", str(source), str(output),
            "--workers", str(workers)]


# --------------------------------------------------------------------------- dedup scoring


def known_families(docs: int) -> dict[Key, str]:
    """Every document's family: the id of the original it copies, or its own id."""
    from scripts.make_corpus import generate

    return {(doc.path, doc.record): doc.near_dup_of or doc.spun_of or doc.id
            for doc in generate(docs, 11, formats=("jsonl",))}


def _pairs(groups) -> set[tuple[Key, Key]]:
    pairs = set()
    for members in groups:
        pairs.update(itertools.combinations(sorted(members), 2))
    return pairs


def score_dedup(families: dict[Key, str], reached: set[Key], clusters: list[set[Key]]) -> dict[str, float]:
    by_family = defaultdict(set)
    for key, family in families.items():
        by_family[family].add(key)
    truth = _pairs(members for members in by_family.values() if len(members) > 1)
    truth_reached = {pair for pair in truth if pair[0] in reached and pair[1] in reached}
    predicted = _pairs(members for members in clusters if len(members) > 1)
    right = len(predicted & truth)
    return {
        "precision": right / len(predicted) if predicted else 1.0,
        "recall_reached": len(predicted & truth_reached) / len(truth_reached) if truth_reached else 1.0,
        "recall_all": right / len(truth) if truth else 1.0,
        "known_pairs": len(truth), "reached_pairs": len(truth_reached), "predicted_pairs": len(predicted),
    }


def _jsonl_records(folder: Path):
    for path in sorted(folder.rglob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)


def our_dedup_view(output: Path) -> tuple[set[Key], list[set[Key]]]:
    """Documents that reached our dedup stage (kept, or removed by dedup) and the clusters its
    removals name (`detail.duplicate_of`)."""
    key_of: dict[str, Key] = {}
    links: list[tuple[str, str]] = []
    reached: set[Key] = set()
    for record in _jsonl_records(output / "documents"):
        key = (record["source"]["path"], record["source"]["record"])
        key_of[record["id"]] = key
        reached.add(key)
    for record in _jsonl_records(output / "rejected"):
        if record.get("stage") != "dedup":
            continue
        key = (record["source"]["path"], record["source"]["record"])
        key_of[record["id"]] = key
        reached.add(key)
        links.append((record["id"], record["detail"]["duplicate_of"]))
    clusters: dict[str, set[Key]] = defaultdict(set)
    for removed, survivor in links:
        clusters[survivor].update({key_of[removed], key_of[survivor]})
    return reached, list(clusters.values())


def datatrove_dedup_view(output: Path) -> tuple[set[Key], list[set[Key]]]:
    """Documents that reached datatrove's MinHash (its filtered output) and its clusters
    (`minhash_cluster_id`, saved by the cluster step)."""
    reached: set[Key] = set()
    clusters: dict[int, set[Key]] = defaultdict(set)
    for folder in ("output", "removed"):
        for record in _jsonl_records(output / folder):
            path, record_number = record["id"].rsplit("/", 1)
            key = (path, int(record_number))
            reached.add(key)
            cluster = record.get("metadata", {}).get("minhash_cluster_id", -1)
            if cluster != -1:
                clusters[cluster].add(key)
    return reached, list(clusters.values())


def our_stage_seconds(output: Path) -> dict[str, float]:
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    return {name: entry["seconds"] for name, entry in manifest.get("stages", {}).items()
            if isinstance(entry, dict) and "seconds" in entry}


def datatrove_step_seconds(log: Path) -> dict[str, float]:
    for line in reversed(log.read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {}


# --------------------------------------------------------------------------- runs and report


def run_rounds(systems: list[System], source: Path, docs: int, rounds: int, workers: int,
               scratch: Path, shared_config: Path) -> None:
    families = None
    for round_number in range(rounds):
        order = systems[round_number % len(systems):] + systems[:round_number % len(systems)]
        for system in order:
            output = scratch / f"{system.name.replace(' ', '-')}-{round_number}"
            log = scratch / f"{output.name}.log"
            if system.name == "datatrove":
                command = datatrove_command(source, output, workers)
            else:
                config = shared_config if system.name == "ours-shared" else None
                command = our_command(source, output, workers, config)
            measured = run_measured(command, log, cwd=REPO)
            if measured.returncode not in (0, 1):
                raise RuntimeError(f"{system.name} failed ({measured.returncode}); see {log}:\n"
                                   + log.read_text(errors="replace")[-3000:])
            system.results.append(measured)
            print(f"round {round_number + 1} {system.name:<12} {measured.seconds:8.1f} s "
                  f"{docs / measured.seconds:7.1f} docs/s  peak RSS {measured.peak_rss_mb:6.0f} MB "
                  f"(PSS {measured.peak_pss_mb:.0f}, {measured.peak_processes} processes)  "
                  f"load {measured.load_average:.1f}", flush=True)
            if round_number == 0:
                families = families or known_families(docs)
                if system.name == "datatrove":
                    view, system.detail = datatrove_dedup_view(output), datatrove_step_seconds(log)
                else:
                    view, system.detail = our_dedup_view(output), our_stage_seconds(output)
                system.dedup = score_dedup(families, *view)
            shutil.rmtree(output, ignore_errors=True)


def report(systems: list[System], docs: int, workers: int, rounds: int) -> str:
    lines = [
        f"`python -m benchmarks throughput --docs {docs} --rounds {rounds} --workers {workers}`, "
        f"corpus `scripts/make_corpus.py --docs {docs} --seed 11 --formats jsonl`; machine: "
        f"{os.cpu_count()} cores shared with other jobs (load average at the end of each run: "
        + ", ".join(f"{result.load_average:.1f}" for system in systems for result in system.results)
        + f"), Python {platform.python_version()}, datatrove {_version('datatrove')}. Seconds and "
        "docs/s are medians over the rounds; peak memory is the largest over the rounds.",
        "",
        "| system | stages | seconds (each round) | docs/s | peak RSS, process tree | peak PSS | "
        "dedup precision | recall (reached dedup) | recall (all known pairs) |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for system in systems:
        seconds = [result.seconds for result in system.results]
        dedup = system.dedup
        lines.append(
            f"| {system.name} | {system.stages} | {statistics.median(seconds):,.0f} "
            f"({', '.join(f'{s:,.0f}' for s in seconds)}) | {docs / statistics.median(seconds):,.0f} | "
            f"{max(r.peak_rss_mb for r in system.results):,.0f} MB | "
            f"{max(r.peak_pss_mb for r in system.results):,.0f} MB | {dedup['precision']:.3f} | "
            f"{dedup['recall_reached']:.3f} of {dedup['reached_pairs']:,} | "
            f"{dedup['recall_all']:.3f} of {dedup['known_pairs']:,} |")
    peer = next((system for system in systems if system.name == "datatrove"), None)
    lines.append("")
    for system in systems:
        if peer is None or system is peer:
            continue
        paired = zip(system.results, peer.results, strict=True)
        ratios = [theirs.seconds / ours.seconds for ours, theirs in paired]
        lines.append(f"- **{system.name} / datatrove throughput: {statistics.median(ratios):.2f}x** "
                     f"(each round: {', '.join(f'{ratio:.2f}x' for ratio in ratios)}).")
    for system in systems:
        if system.detail:
            parts = ", ".join(f"{name} {seconds:,.1f}" for name, seconds in
                              sorted(system.detail.items(), key=lambda item: -item[1]))
            unit = "CPU seconds by stage (manifest)" if system.name != "datatrove" else "wall seconds by step"
            lines.append(f"- {system.name}, {unit}, first round: {parts}.")
    return "\n".join(lines)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks throughput")
    parser.add_argument("--docs", type=int, default=int(os.environ.get("THROUGHPUT_DOCS", 20_000)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("THROUGHPUT_ROUNDS", 2)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--systems", nargs="+", default=["ours", "ours-shared", "datatrove"],
                        choices=["ours", "ours-shared", "datatrove"])
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    stages = {"ours": "default (all nine)", "ours-shared": ", ".join(SHARED_STAGES),
              "datatrove": "Gopher repetition + quality, C4, FineWeb quality, MinHash (4 steps)"}
    systems = [System(name, stages[name]) for name in args.systems]
    source = corpus(args.docs)
    with tempfile.TemporaryDirectory(dir=source.parent, prefix="throughput-") as scratch:
        shared_config = Path(scratch) / "shared-stages.toml"
        shared_config.write_text("[run]\nstages = [" + ", ".join(f'"{s}"' for s in SHARED_STAGES) + "]\n")
        run_rounds(systems, source, args.docs, args.rounds, args.workers, Path(scratch), shared_config)
    text = report(systems, args.docs, args.workers, args.rounds)
    print(text)
    if args.docs >= WRITE_MIN_DOCS and not args.no_write:
        replace_block("bench_throughput", text)
        print("written to BENCHMARKS.md")


if __name__ == "__main__":
    main(sys.argv[1:])
