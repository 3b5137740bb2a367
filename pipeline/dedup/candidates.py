"""Spin-robust candidate pairs: documents whose aligned samples share enough entries.

The rare-word test (`pipeline.dedup.agreement`) can only accept a pair whose samples agree on
at least a fixed number of entries (10 at the default levels: 10 of 10 is the least that
passes). So the candidates are found exactly, not by banding frame signatures: an inverted
index from each aligned entry (a rare word at a frame position) to the documents that hold
it, every pair in an entry's group counted once, and the pairs counted that often kept. An
LSH over frames misses some pairs near its threshold and, on text built from sentence
templates, makes nearly every pair a candidate; this makes only pairs that can pass.

An entry held by more than `max_documents` documents is a template's filling (the same term
in the same slot across a site), not the copies of one text: it proposes no pairs, which
bounds the work by documents x max_documents. It still counts when a pair is tested.
"""

from __future__ import annotations

import functools

import numpy as np

from pipeline.dedup.table import Fingerprints

_FOLD = 4_000_000  # pair codes held before they are counted and folded together


def shared_entry_pairs(table: Fingerprints, eligible: np.ndarray, fewest: int,
                       max_documents: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (first < second) of `eligible` rows whose samples share `fewest` or more entries,
    counting only entries held by at most `max_documents` rows; sorted."""
    count = len(table)
    owners = np.repeat(np.arange(count, dtype=np.int64), table.sample_lengths())
    held = eligible[owners]
    entries, owners = table.samples[held], owners[held]
    order = np.argsort(entries, kind="stable")  # stable: owners stay ascending within an entry
    entries, owners = entries[order], owners[order]
    starts = np.flatnonzero(np.concatenate(([True], entries[1:] != entries[:-1])))
    sizes = np.diff(np.append(starts, len(entries)))
    codes, weights = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    pending: list[np.ndarray] = []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_documents)]).tolist():
        group_starts = starts[sizes == size]
        left, right = _pair_indices(size)
        for block in range(0, len(group_starts), max(1, _FOLD // len(left))):
            members = owners[group_starts[block : block + _FOLD // len(left), None] + np.arange(size)]
            pending.append((members[:, left] * count + members[:, right]).ravel())
            if sum(len(part) for part in pending) > _FOLD:
                codes, weights = _fold(codes, weights, pending)
                pending = []
    codes, weights = _fold(codes, weights, pending)
    first, second = np.divmod(codes[weights >= fewest], count)
    return first, second


def _fold(codes: np.ndarray, weights: np.ndarray, pending: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Counted pair codes so far plus the pending ones, as (distinct codes, counts)."""
    if not pending:
        return codes, weights
    new = np.concatenate(pending)
    merged, inverse = np.unique(np.concatenate((codes, new)), return_inverse=True)
    counts = np.bincount(inverse, weights=np.concatenate((weights, np.ones(len(new), dtype=np.int64))),
                         minlength=len(merged))
    return merged, counts.astype(np.int64)


@functools.lru_cache(maxsize=128)
def _pair_indices(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, 1)
