"""datatrove's closest pipeline to ours, as the peer in bench_throughput: the FineWeb recipe's
quality filters (Gopher repetition, Gopher quality, C4 quality, FineWeb quality) on JSONL
input, then its MinHash deduplication in its four steps (signatures, buckets, clusters,
filter), each step a LocalPipelineExecutor with the same worker count as ours.

    python -m benchmarks.datatrove_pipeline INPUT OUTPUT --workers 2

Settings follow datatrove's own examples (examples/fineweb.py, examples/minhash_deduplication.py):
the filters at their defaults, except `filter_no_terminal_punct=False` for C4 as FineWeb ran
it; MinhashConfig at its defaults (5-grams, 14 buckets of 8 hashes, 64-bit xxhash). The
filtered documents are written once and read twice (signatures, final filter), as in FineWeb.
The cluster step saves cluster ids and the final filter loads them and writes the removed
documents, so the benchmark can score the dedup: that adds two small writes to datatrove's run.
datatrove does no language identification here (its LanguageFilter downloads its model at run
time, which this machine cannot do) and no PII, spam, spin or boilerplate work.

Prints one JSON line: seconds per step. Must run as a script (datatrove's process pool
starts by forkserver and re-imports this module).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def input_files(source: Path) -> int:
    return sum(1 for _ in source.rglob("*.jsonl"))


def run(source: Path, output: Path, workers: int) -> dict[str, float]:
    from datatrove.executor.local import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers.jsonl import JsonlWriter

    # One task per input file (datatrove's readers split work by file), at least one per worker.
    tasks = max(workers, input_files(source))
    minhash = MinhashConfig()
    logs = output / "logs"
    steps = {
        "filters": LocalPipelineExecutor(
            pipeline=[
                JsonlReader(str(source), glob_pattern="**/*.jsonl"),
                GopherRepetitionFilter(),
                GopherQualityFilter(),
                C4QualityFilter(filter_no_terminal_punct=False),
                FineWebQualityFilter(),
                JsonlWriter(str(output / "filtered")),
            ],
            tasks=tasks, workers=workers, logging_dir=str(logs / "filters")),
        "minhash 1 signatures": LocalPipelineExecutor(
            pipeline=[JsonlReader(str(output / "filtered")),
                      MinhashDedupSignature(output_folder=str(output / "signatures"), config=minhash)],
            tasks=tasks, workers=workers, logging_dir=str(logs / "signatures")),
        "minhash 2 buckets": LocalPipelineExecutor(
            pipeline=[MinhashDedupBuckets(input_folder=str(output / "signatures"),
                                          output_folder=str(output / "buckets"), config=minhash)],
            tasks=minhash.num_buckets, workers=workers, logging_dir=str(logs / "buckets")),
        "minhash 3 clusters": LocalPipelineExecutor(
            pipeline=[MinhashDedupCluster(input_folder=str(output / "buckets"),
                                          output_folder=str(output / "remove_ids"), config=minhash,
                                          save_cluster_id=True)],
            tasks=1, workers=1, logging_dir=str(logs / "clusters")),
        "minhash 4 filter": LocalPipelineExecutor(
            pipeline=[JsonlReader(str(output / "filtered")),
                      MinhashDedupFilter(input_folder=str(output / "remove_ids"), load_cluster_ids=True,
                                         exclusion_writer=JsonlWriter(str(output / "removed"))),
                      JsonlWriter(str(output / "output"))],
            tasks=tasks, workers=workers, logging_dir=str(logs / "filter")),
    }
    seconds = {}
    for name, executor in steps.items():
        started = time.perf_counter()
        executor.run()
        seconds[name] = round(time.perf_counter() - started, 2)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.datatrove_pipeline")
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(run(args.input, args.output, args.workers)), flush=True)


if __name__ == "__main__":
    main()
