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

On text built from templates, millions of pairs share an entry or two. Pairs are counted in
passes over ranges of their first document, each range holding at most `_PASS_PAIRS` pair
occurrences, so memory stays bounded (a few tens of MB) whatever the corpus.
"""

from __future__ import annotations

import functools

import numpy as np

from pipeline.dedup.table import Fingerprints

_PASS_PAIRS = 250_000  # pair occurrences counted in one pass (2 MB of pair codes)
_BLOCK_PAIRS = 250_000  # pair codes made at once within a pass (a few MB of temporaries)


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
    grouped = (sizes >= 2) & (sizes <= max_documents)
    starts, sizes = starts[grouped], sizes[grouped]
    firsts, seconds = [], []
    for low, high in _passes(owners, starts, sizes, count):
        codes = [_pair_codes(owners, starts[sizes == size], size, count, low, high)
                 for size in np.unique(sizes).tolist()]
        distinct, counts = _runs(np.concatenate(codes) if codes else np.empty(0, dtype=np.int64))
        first, second = np.divmod(distinct[counts >= fewest], count)
        firsts.append(first)
        seconds.append(second)
    if not firsts:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def _passes(owners: np.ndarray, starts: np.ndarray, sizes: np.ndarray, count: int) -> list[tuple[int, int]]:
    """Ranges [low, high) of first documents, each the first of at most `_PASS_PAIRS` pair
    occurrences (or a single document that is the first of more)."""
    # In a group of s documents (ascending), the one at place i is the first of s - 1 - i pairs.
    places = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    members = owners[np.repeat(starts, sizes) + places]
    load = np.bincount(members, weights=np.repeat(sizes, sizes) - 1 - places, minlength=count)
    total = np.cumsum(load)
    bounds, low = [], 0
    while low < count:
        done = total[low - 1] if low else 0.0
        high = max(low + 1, int(np.searchsorted(total, done + _PASS_PAIRS, side="right")))
        bounds.append((low, min(high, count)))
        low = high
    return bounds


def _pair_codes(owners: np.ndarray, group_starts: np.ndarray, size: int, count: int, low: int,
                high: int) -> np.ndarray:
    """first * count + second for every pair of each group of `size` whose first is in [low, high)."""
    left, right = _pair_indices(size)
    step = max(1, _BLOCK_PAIRS // len(left))  # groups per block
    parts = []
    for block in range(0, len(group_starts), step):
        members = owners[group_starts[block : block + step, None] + np.arange(size)]
        members = members[((members[:, :-1] >= low) & (members[:, :-1] < high)).any(axis=1)]
        first, second = members[:, left].ravel(), members[:, right].ravel()
        inside = (first >= low) & (first < high)
        parts.append(first[inside] * count + second[inside])
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def _runs(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct codes, how often each occurs), sorted; sorts `codes` in place."""
    if len(codes) == 0:
        return codes, np.empty(0, dtype=np.int64)
    codes.sort()
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    return codes[starts], np.diff(np.append(starts, len(codes)))


@functools.lru_cache(maxsize=128)
def _pair_indices(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, 1)
