"""Dedup quality and speed on a generated corpus with known clusters.

`python -m benchmarks dedup [--quick]`

1. Quality: pairwise precision, recall and F1 per kind of copy, for our stage and for the
   peers' method (datasketch MinHashLSH over word 5-grams, threshold 0.7, LSH collisions
   clustered without verification, as datatrove and text-dedup do), on the same corpus.
2. Signatures: our numpy MinHash vs datasketch's `MinHash.bulk` on the same shingles.
3. Throughput and peak memory of the stage (scan, clustering, index write, process) at
   10k and 100k documents.
"""

from __future__ import annotations

import argparse
import itertools
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
from pipeline.dedup.shingles import TokenHasher, shingle_hashes
from pipeline.dedup.signatures import MinHasher
from pipeline.dedup.survivors import SurvivorFacts
from pipeline.document import Document, Drop, Source
from pipeline.stages.dedup import DedupConfig, Deduplicator

PEER_THRESHOLD = 0.7  # text-dedup's default; datatrove's 14 bands x 8 rows sits at about 0.72
KINDS = ("all",) + COPY_KINDS


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks dedup")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args(list(argv))
    originals = 120 if args.quick else 600
    sizes = (2_000,) if args.quick else (10_000, 100_000)

    items = generate(originals)
    print(f"quality corpus: {len(items)} documents, {originals} originals over 12 topics, "
          f"one copy of each kind per original", flush=True)
    ours, our_seconds = _timed(lambda: _our_clusters(items))
    peers, peer_seconds = _timed(lambda: _peer_clusters(items))
    print(f"\n{'kind':<12} {'ours P':>7} {'R':>6} {'F1':>6}   {'peers P':>7} {'R':>6} {'F1':>6}")
    for kind in KINDS:
        mine, theirs = _scores(items, ours, kind), _scores(items, peers, kind)
        print(f"{kind:<12} {mine[0]:>7.3f} {mine[1]:>6.3f} {mine[2]:>6.3f}   "
              f"{theirs[0]:>7.3f} {theirs[1]:>6.3f} {theirs[2]:>6.3f}")
    for name, labels in (("ours", ours), ("peers", peers)):
        merged, total = _hard_negatives(items, labels)
        print(f"hard negatives merged ({name}): {merged} of {total} pairs of distinct same-topic articles")
    print(f"time: ours {our_seconds:.1f} s, peers {peer_seconds:.1f} s", flush=True)

    _signature_speed(items[:2000])
    _bucket_comparison(sizes[0])
    for size in sizes:
        _throughput(size)


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
    tokens = TokenHasher()
    shingle_sets = [shingle_hashes(tokens(fold_text(item.text).split()), 5) for item in items]
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
    signatures = [fingerprinter.fingerprint(item.text, SurvivorFacts(item.id, 0, 0, 0, "", 0)).signature
                  for item in docs]
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


def _run_scan(docs: list[Document], folder: Path) -> tuple[Deduplicator, dict, float, float]:
    stage = Deduplicator()
    started = time.perf_counter()
    stage.begin_scan(None, folder)
    stage.scan(iter(docs))
    scanned = time.perf_counter()
    figures = stage.finish_scan()
    return stage, figures, scanned - started, time.perf_counter() - scanned


def _throughput(size: int) -> None:
    """Timed run first; then the same scan again under tracemalloc for its peak memory
    (tracemalloc slows allocation, so it is kept out of the timing)."""
    originals = size // (len(COPY_KINDS) + 1)
    started = time.perf_counter()
    docs = _documents(generate(originals, seed=11))
    generated = time.perf_counter() - started
    words = sum(len(doc.text.split()) for doc in docs) / len(docs)
    with tempfile.TemporaryDirectory() as folder:
        stage, figures, scan_seconds, cluster_seconds = _run_scan(docs, Path(folder))
        started = time.perf_counter()
        removed = sum(isinstance(stage.process(doc), Drop) for doc in docs)
        process_seconds = time.perf_counter() - started
        index_bytes = sum(path.stat().st_size for path in Path(folder).iterdir())
    with tempfile.TemporaryDirectory() as folder:
        tracemalloc.start()
        _run_scan(docs, Path(folder))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    total = scan_seconds + cluster_seconds + process_seconds
    print(f"\nthroughput, {len(docs)} documents ({words:.0f} words on average; "
          f"generated in {generated:.0f} s):")
    print(f"  scan (fingerprints) {scan_seconds:7.1f} s   clusters + index {cluster_seconds:6.1f} s"
          f"   process {process_seconds:5.1f} s")
    print(f"  total {total:.1f} s = {len(docs) / total:.0f} docs/s (one process)   removed {removed}   "
          f"verified pairs {figures['verified_pairs']}")
    print(f"  peak memory of scan + clustering (tracemalloc) {peak / 2**20:.0f} MiB = "
          f"{peak / len(docs) / 1024:.1f} KiB per document; "
          f"index {index_bytes / 2**20:.1f} MiB = {index_bytes / len(docs):.0f} bytes per document",
          flush=True)
