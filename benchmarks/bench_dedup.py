"""Dedup quality on real articles and on a generated corpus, and the stage's speed.

`python -m benchmarks dedup [--quick] [--quality] [--baseline REV] [--sizes N ...]`

1. Quality on real text (`dedup_real.py`: the shared real articles as originals, copied and
   spun at benchmark time), for the tuned half and the untouched half of the articles, then
   on the generated corpus (`dedup_corpus.py`): pairwise precision, recall and F1 per kind of
   copy, for our stage and for the peers' method (datasketch MinHashLSH over word 5-grams,
   128 permutations, threshold 0.5, LSH collisions clustered without verification, as
   datatrove and text-dedup do), on the same documents.
2. Signatures: our numpy MinHash vs datasketch's `MinHash.bulk` on the same shingles.
3. Throughput and peak memory of the stage (scan, clustering, index write, process) at
   10k and 100k documents, each run in a fresh process; with `--baseline REV` the stage of
   that revision runs next to it on the same corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from benchmarks.dedup_corpus import COPY_KINDS, Item, generate
from pipeline.dedup.clusters import UnionFind
from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.lsh import candidate_pairs, reference_candidate_pairs
from pipeline.dedup.normalize import fold_text
from pipeline.dedup.shingles import shingle_hashes
from pipeline.dedup.signatures import MinHasher
from pipeline.dedup.tokens import stable_hash
from pipeline.document import Document, Drop, Source
from pipeline.stages.dedup import DedupConfig, Deduplicator

PEER_THRESHOLD = 0.5  # the peers' setting the issue compares against (text-dedup's default is 0.7)
KINDS = ("all",) + COPY_KINDS


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks dedup")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--baseline", metavar="REV",
                        help="also time the stage of this git revision, side by side (e.g. main)")
    parser.add_argument("--sizes", type=int, nargs="+", help="documents per throughput run")
    parser.add_argument("--quality", action="store_true", help="the quality tables only (no timing)")
    args = parser.parse_args(list(argv))
    originals = 120 if args.quick else 600
    sizes = args.sizes or ((2_000,) if args.quick else (10_000, 100_000))

    for part in ("tuned", "untouched"):
        _real_quality(part)
    items = generate(originals)
    print(f"\ngenerated corpus: {len(items)} documents, {originals} originals over 12 topics, "
          f"one copy of each kind per original", flush=True)
    _quality_table(items, KINDS)
    if args.quality:
        return
    _signature_speed(items[:2000])
    _bucket_comparison(sizes[0])
    for size in sizes:
        _compare_throughput(size, args.baseline)


def _real_quality(part: str) -> None:
    """The issue's table on real articles: copies of every kind, then the halves of articles."""
    from benchmarks import dedup_real

    items, halves = dedup_real.copies(part), dedup_real.halves(part)
    originals = sum(item.kind == "original" for item in items)
    print(f"\nreal articles, {part} half: {originals} originals, {len(items)} documents; "
          f"halves: {sum(item.kind == 'original' for item in halves)} halves, {len(halves)} documents",
          flush=True)
    _quality_table(items, ("all",) + dedup_real.BASIC_KINDS + tuple(dedup_real.SPUN_KINDS))
    print("  halves of one article (each half an original with spun copies):")
    _quality_table(halves, ("all",) + dedup_real.HALF_KINDS)


def _quality_table(items: Sequence[Item], kinds: Sequence[str]) -> None:
    ours, our_seconds = _timed(lambda: _our_clusters(items))
    peers, peer_seconds = _timed(lambda: _peer_clusters(items))
    print(f"  {'kind':<12} {'ours P':>7} {'R':>6} {'F1':>6}   {'peers P':>7} {'R':>6} {'F1':>6}")
    for kind in kinds:
        mine, theirs = _scores(items, ours, kind), _scores(items, peers, kind)
        print(f"  {kind:<12} {mine[0]:>7.3f} {mine[1]:>6.3f} {mine[2]:>6.3f}   "
              f"{theirs[0]:>7.3f} {theirs[1]:>6.3f} {theirs[2]:>6.3f}")
    for name, labels in (("ours", ours), ("peers", peers)):
        merged, total = _hard_negatives(items, labels)
        print(f"  same-subject originals merged ({name}): {merged} of {total} pairs")
    print(f"  time: ours {our_seconds:.1f} s, peers {peer_seconds:.1f} s", flush=True)


def _timed(action: Callable[[], dict[str, str]]) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def _documents(items: Sequence[Item]) -> list[Document]:
    return [
        Document(id=item.id, text=item.text,
                 source=Source(path=f"{item.topic}/{item.id}.txt", record=0, sha256="0" * 64, format="txt"))
        for item in items
    ]


def _run_stage(docs: list[Document]) -> dict[str, str]:
    """Document id -> predicted cluster (its survivor's id)."""
    stage = Deduplicator()
    with tempfile.TemporaryDirectory() as folder:
        stage.begin_scan(None, Path(folder))
        stage.scan(iter(docs))
        stage.finish_scan()
    labels = {}
    for doc in docs:
        outcome = stage.process(doc)
        removed = isinstance(outcome, Drop)
        labels[doc.id] = outcome.detail["duplicate_of"] if removed else outcome.dedup["cluster"]
    return labels


def _our_clusters(items: Sequence[Item]) -> dict[str, str]:
    return _run_stage(_documents(items))


def _peer_clusters(items: Sequence[Item]) -> dict[str, str]:
    """datasketch MinHash (SHA-1 of each 5-gram, `MinHash.bulk`) and MinHashLSH; every LSH
    collision joins two documents, as datatrove's buckets and text-dedup's clusters do."""
    shingle_lists = []
    for item in items:
        words = fold_text(item.text).split()
        grams = {" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))}
        shingle_lists.append(sorted(grams))
    signatures = MinHash.bulk(shingle_lists, num_perm=128)
    lsh = MinHashLSH(threshold=PEER_THRESHOLD, num_perm=128)
    forest = UnionFind(len(items))
    for position, signature in enumerate(signatures):
        for other in lsh.query(signature):
            forest.union(other, position)
        lsh.insert(position, signature)
    return {item.id: items[forest.find(position)].id for position, item in enumerate(items)}


def _scores(items: Sequence[Item], labels: dict[str, str], kind: str) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1. For one kind: recall over (original, copy of that
    kind) pairs; precision over predicted pairs that contain a copy of that kind."""
    by_id = {item.id: item for item in items}
    predicted_pairs = set()
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id, label in labels.items():
        groups[label].append(doc_id)
    for members in groups.values():
        for first, second in itertools.combinations(sorted(members), 2):
            if kind == "all" or kind in (by_id[first].kind, by_id[second].kind):
                predicted_pairs.add((first, second))
    true_pairs = set()
    clusters: dict[str, list[str]] = defaultdict(list)
    for item in items:
        clusters[item.cluster].append(item.id)
    for members in clusters.values():
        for first, second in itertools.combinations(sorted(members), 2):
            kinds = (by_id[first].kind, by_id[second].kind)
            if kind == "all" or (kind in kinds and "original" in kinds):
                true_pairs.add((first, second))
    correct = sum(1 for first, second in predicted_pairs if by_id[first].cluster == by_id[second].cluster)
    precision = correct / len(predicted_pairs) if predicted_pairs else 1.0
    recall = len(true_pairs & predicted_pairs) / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _hard_negatives(items: Sequence[Item], labels: dict[str, str]) -> tuple[int, int]:
    """Pairs of different originals on the same topic: how many were put in one cluster."""
    originals = [item for item in items if item.kind == "original"]
    merged = total = 0
    for first, second in itertools.combinations(originals, 2):
        if first.topic == second.topic:
            total += 1
            merged += labels[first.id] == labels[second.id]
    return merged, total


def _signature_speed(items: Sequence[Item]) -> None:
    shingle_sets = [shingle_hashes(np.array([stable_hash(word) for word in fold_text(item.text).split()],
                                            dtype=np.uint64), 5) for item in items]
    hasher = MinHasher(128, 1)
    started = time.perf_counter()
    ours = [hasher.signature(shingles) for shingles in shingle_sets]
    our_seconds = time.perf_counter() - started
    as_bytes = [[int(value).to_bytes(4, "little") for value in shingles] for shingles in shingle_sets]
    started = time.perf_counter()
    theirs = MinHash.bulk(as_bytes, num_perm=128)
    their_seconds = time.perf_counter() - started
    started = time.perf_counter()
    identity = MinHash.bulk([shingles.tolist() for shingles in shingle_sets], num_perm=128, hashfunc=int)
    identity_seconds = time.perf_counter() - started
    assert all(np.array_equal(mine, other.hashvalues) for mine, other in zip(ours, identity, strict=True))
    assert len(theirs) == len(ours)
    count = len(items)
    print(f"\nsignatures of {count} documents (128 permutations, same 5-gram sets):")
    print(f"  numpy (ours):                           {count / our_seconds:>9.0f} docs/s")
    print(f"  datasketch MinHash.bulk, SHA-1 of bytes: {count / their_seconds:>9.0f} docs/s "
          f"({their_seconds / our_seconds:.1f}x slower)")
    print(f"  datasketch MinHash.bulk, our hashes:     {count / identity_seconds:>9.0f} docs/s "
          f"({identity_seconds / our_seconds:.1f}x slower; identical signatures)", flush=True)


def _bucket_comparison(size: int) -> None:
    """Candidate pairs of the word-shingle signatures: numpy buckets vs MinHashLSH tables."""
    config = DedupConfig()
    fingerprinter = Fingerprinter(config)
    docs = generate(size // (len(COPY_KINDS) + 1), seed=11)
    table = fingerprinter.fingerprint([item.text for item in docs])
    signatures = [row if size else None for row, size in zip(table.signatures, table.shingles, strict=True)]
    print(f"\nLSH candidate pairs of {len(docs)} signatures (threshold {config.jaccard_threshold}):")
    results = {}
    for name, method in (("numpy buckets (ours)", candidate_pairs),
                         ("datasketch MinHashLSH", reference_candidate_pairs)):
        tracemalloc.start()
        started = time.perf_counter()
        pairs = sorted(method(signatures, fingerprinter.hasher, config.jaccard_threshold))
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results[name] = pairs
        print(f"  {name:<22} {seconds:6.2f} s   peak {peak / 2**20:6.1f} MiB = {peak / len(docs):6.0f} bytes "
              f"per document   {len(pairs)} pairs")
    same = results["numpy buckets (ours)"] == results["datasketch MinHashLSH"]
    print(f"  same pairs: {same}", flush=True)


def _compare_throughput(size: int, baseline: str | None) -> None:
    """The stage timed in this tree and, with a baseline, in that revision's tree, each in a
    fresh process on the same generated corpus, alternately, so load affects both alike."""
    trees = [("this tree", Path(__file__).resolve().parents[1])]
    with tempfile.TemporaryDirectory() as folder:
        if baseline:
            trees.append((baseline, _checkout(baseline, Path(folder))))
        print(f"\nthroughput, {size} documents (generated, 7 copies per original), one process:")
        results = {}
        for name, tree in trees:
            results[name] = _run_throughput(tree, size)
            got = results[name]
            print(f"  {name:<10} scan {got['scan']:6.1f} s   clusters + index {got['clusters']:5.1f} s   "
                  f"process {got['process']:4.1f} s   total {got['total']:6.1f} s = "
                  f"{size / got['total']:5.0f} docs/s   peak {got['peak'] / 2**20:5.0f} MiB = "
                  f"{got['peak'] / size / 1024:4.1f} KiB/doc   index {got['index'] / size:4.0f} B/doc   "
                  f"removed {got['removed']}", flush=True)
        if baseline:
            mine, theirs = results["this tree"], results[baseline]
            print(f"  ratio this/{baseline}: time {mine['total'] / theirs['total']:.2f}x, "
                  f"peak memory {mine['peak'] / theirs['peak']:.2f}x", flush=True)


def _checkout(revision: str, folder: Path) -> Path:
    """The revision's files (git archive), to import its `pipeline` package."""
    root = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "-C", str(root), "archive", revision, "pipeline", "benchmarks"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _run_throughput(tree: Path, size: int) -> dict[str, float]:
    environment = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", _THROUGHPUT, str(size)], capture_output=True, text=True,
                          cwd=tree, env=environment, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# Runs in a fresh process inside the tree being measured: only the stage's public interface,
# which every revision shares. The timed pass comes first; the peak memory of scan and
# clustering is traced (tracemalloc) in a second pass, kept out of the timing.
_THROUGHPUT = """
import json, sys, tempfile, time, tracemalloc
from pathlib import Path
from benchmarks.dedup_corpus import COPY_KINDS, generate
from pipeline.document import Document, Drop, Source
from pipeline.stages.dedup import Deduplicator
size = int(sys.argv[1])
docs = [Document(id=item.id, text=item.text, source=Source(path=f"{item.topic}/{item.id}.txt", record=0,
                 sha256="0" * 64, format="txt")) for item in generate(size // (len(COPY_KINDS) + 1), seed=11)]
def scan(folder):
    stage = Deduplicator()
    stage.begin_scan(None, folder)
    started = time.perf_counter()
    stage.scan(iter(docs))
    scanned = time.perf_counter()
    stage.finish_scan()
    return stage, scanned - started, time.perf_counter() - scanned
with tempfile.TemporaryDirectory() as folder:
    stage, scan_seconds, cluster_seconds = scan(Path(folder))
    started = time.perf_counter()
    removed = sum(isinstance(stage.process(doc), Drop) for doc in docs)
    process_seconds = time.perf_counter() - started
    index = sum(path.stat().st_size for path in Path(folder).iterdir())
with tempfile.TemporaryDirectory() as folder:
    tracemalloc.start()
    scan(Path(folder))
    peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"scan": scan_seconds, "clusters": cluster_seconds, "process": process_seconds,
                  "total": scan_seconds + cluster_seconds + process_seconds, "peak": peak,
                  "index": index, "removed": removed}))
"""
