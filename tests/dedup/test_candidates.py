import itertools

import numpy as np

from pipeline.dedup import candidates
from pipeline.dedup.candidates import shared_entry_pairs
from pipeline.dedup.table import Fingerprints


def table_of(samples: list[np.ndarray]) -> Fingerprints:
    table = Fingerprints.empty(4).take(np.zeros(0, dtype=np.int64))
    table.shingles = np.zeros(len(samples), dtype=np.int64)  # the row count
    table.sample_offsets = np.concatenate(([0], np.cumsum([len(sample) for sample in samples])))
    table.samples = np.concatenate(samples).astype(np.uint32) if samples else table.samples
    return table


def brute_force(samples, eligible, fewest, max_documents):
    held = {}
    for row, sample in enumerate(samples):
        if eligible[row]:
            for entry in sample.tolist():
                held.setdefault(entry, []).append(row)
    counts = {}
    for rows in held.values():
        if len(rows) <= max_documents:
            for pair in itertools.combinations(rows, 2):
                counts[pair] = counts.get(pair, 0) + 1
    return sorted(pair for pair, count in counts.items() if count >= fewest)


def random_samples(seed: int, rows: int = 40):
    rng = np.random.default_rng(seed)
    return [np.unique(rng.integers(0, 60, size=rng.integers(0, 30))).astype(np.uint32) for _ in range(rows)]


def test_pairs_are_those_sharing_enough_entries(monkeypatch):
    monkeypatch.setattr(candidates, "_PASS_PAIRS", 7)  # many passes: each must count its own pairs
    monkeypatch.setattr(candidates, "_BLOCK_PAIRS", 3)
    samples = random_samples(4)
    eligible = np.ones(len(samples), dtype=bool)
    eligible[5] = False
    first, second = shared_entry_pairs(table_of(samples), eligible, 6, 30)
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == brute_force(samples, eligible, 6, 30)
    assert len(first) > 0 and 5 not in first and 5 not in second


def test_an_entry_held_by_too_many_documents_proposes_no_pairs():
    shared = np.array([1, 2, 3], dtype=np.uint32)
    samples = [shared.copy() for _ in range(5)] + [np.array([1, 2, 3, 9], dtype=np.uint32)]
    first, _ = shared_entry_pairs(table_of(samples), np.ones(6, dtype=bool), 1, 4)
    assert len(first) == 0
    first, second = shared_entry_pairs(table_of(samples), np.ones(6, dtype=bool), 3, 6)
    assert len(first) == 15  # every pair of the six shares 1, 2 and 3
