"""LSH candidate pairs, then verified on their signatures.

The bands (b bands of r rows) are the ones datasketch's `MinHashLSH` picks for the Jaccard
threshold, so that pairs above it share some band with high probability. The buckets are
found in numpy (each band hashed to 64 bits, sorted, equal runs are buckets) rather than in
`MinHashLSH`'s dict-of-sets tables: the pairs are the same (a test checks it against
`MinHashLSH.query`), and the memory is about 8 bytes per document and band instead of
about 300 (measured in benchmarks/bench_dedup.py).

A band collision is only a candidate: `verified_pairs` keeps a pair only when its
estimated Jaccard (or, for truncated copies, its estimated containment) clears the
configured threshold, so a chance collision removes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHashLSH

from pipeline.dedup.signatures import MinHasher, estimated_containment, estimated_jaccard


@dataclass(frozen=True, slots=True)
class Match:
    """A verified pair (first < second, positions in the signature list)."""

    first: int
    second: int
    jaccard: float  # estimated from the signatures, rounded to 4 places


@functools.lru_cache(maxsize=8)
def band_parameters(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) datasketch picks for this threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


# A bucket larger than this links each member to its first member only (a star) instead of
# to every other member: 64 copies give 2,016 pairs, 10,000 identical pages would give 50
# million, and members of a bucket that large are copies of one text anyway.
LARGE_BUCKET = 64
_COMBINE = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier: order-sensitive mixing of a band's rows
_SHIFT = np.uint64(29)
_FOLD_PAIRS = 1_000_000  # candidate codes held before duplicates across bands are folded away
_VERIFY_BLOCK = 4_096  # candidate pairs compared at once: bounds the (pairs x num_perm) arrays to 2 MB


def candidate_pairs(
    signatures: Sequence[np.ndarray | None], hasher: MinHasher, threshold: float
) -> Iterator[tuple[int, int]]:
    """Every pair (i, j), i < j, of positions whose signatures agree on a whole band, each
    once, in sorted order. Buckets over `LARGE_BUCKET` members are linked as a star."""
    first, second = candidate_array(signatures, hasher, threshold)
    yield from zip(first.tolist(), second.tolist(), strict=True)


def candidate_array(
    signatures: Sequence[np.ndarray | None], hasher: MinHasher, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of `candidate_pairs` as two position arrays, sorted by (first, second)."""
    positions, matrix = _stacked(signatures)
    first, second = matrix_candidates(matrix, np.ones(len(positions), dtype=bool), threshold)
    return positions[first], positions[second]


def matrix_candidates(matrix: np.ndarray, present: np.ndarray,
                      threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """`candidate_array` over the rows of a signature matrix that are `present`: pairs of row
    numbers, sorted."""
    positions = np.flatnonzero(present)
    count = len(positions)
    if count < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    bands, rows = band_parameters(threshold, matrix.shape[1])
    found = np.empty(0, dtype=np.int64)  # pair (a, b) of row numbers encoded as a * count + b
    pending: list[np.ndarray] = []
    for band in range(bands):
        pending += _bucket_pairs(_band_key(matrix[positions, band * rows : (band + 1) * rows]), count)
        # Pairs repeat across bands (text from one template collides in most of them):
        # folding them in now and then bounds memory by the distinct pairs, not by bands x pairs.
        if sum(len(codes) for codes in pending) > max(_FOLD_PAIRS, len(found)):
            found, pending = np.unique(np.concatenate([found, *pending])), []
    first_row, second_row = np.divmod(np.unique(np.concatenate([found, *pending])), count)
    return positions[first_row], positions[second_row]


def band_keys(matrix: np.ndarray, threshold: float) -> np.ndarray:
    """(documents x bands) uint64: the key of each band of each signature row. Two rows are an
    LSH candidate pair when they have an equal key in the same band (column); the rows of a
    document can be keyed wherever it is, and only (band, key) -> documents needs gathering."""
    bands, rows = band_parameters(threshold, matrix.shape[1])
    return np.stack([_band_key(matrix[:, band * rows : (band + 1) * rows]) for band in range(bands)], axis=1)


def _band_key(block: np.ndarray) -> np.ndarray:
    """One 64-bit key per row of a band's columns (order-sensitive mixing)."""
    block = block.astype(np.uint64)
    keys = np.zeros(len(block), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(block.shape[1]):
            keys = (keys ^ block[:, column]) * _COMBINE
            keys ^= keys >> _SHIFT
    return keys


def _stacked(signatures: Sequence[np.ndarray | None]) -> tuple[np.ndarray, np.ndarray]:
    """Positions that have a signature, and their signatures as one matrix (a row each)."""
    positions = np.array([index for index, signature in enumerate(signatures) if signature is not None],
                         dtype=np.int64)
    if len(positions) == 0:
        return positions, np.empty((0, 0), dtype=np.uint32)
    return positions, np.stack([signatures[index] for index in positions])  # type: ignore[misc]


def _bucket_pairs(keys: np.ndarray, count: int) -> list[np.ndarray]:
    """Encoded pairs of rows with equal band keys."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(np.append(starts, count))
    pairs = starts[sizes == 2]  # most buckets: one pair, done without a Python loop
    first, second = order[pairs], order[pairs + 1]
    codes = [np.minimum(first, second) * count + np.maximum(first, second)]
    for start, size in zip(starts[sizes > 2], sizes[sizes > 2], strict=True):
        members = np.sort(order[start : start + size])
        if size <= LARGE_BUCKET:
            left, right = _pair_indices(int(size))
            codes.append(members[left] * count + members[right])
        else:
            codes.append(members[0] * count + members[1:])
    return codes


@functools.lru_cache(maxsize=LARGE_BUCKET)
def _pair_indices(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of every pair in a bucket of `size` members (numpy's is slow to build)."""
    return np.triu_indices(size, 1)


def reference_candidate_pairs(
    signatures: Sequence[np.ndarray | None], hasher: MinHasher, threshold: float
) -> Iterator[tuple[int, int]]:
    """The same pairs from datasketch's `MinHashLSH` (query, then insert), for tests and
    the benchmark: simpler, but its tables hold about 300 bytes per document and band."""
    lsh = MinHashLSH(threshold=threshold, num_perm=hasher.num_perm)
    for position, signature in enumerate(signatures):
        if signature is None:
            continue
        lean = hasher.lean(signature)
        for earlier in sorted(lsh.query(lean)):
            yield earlier, position
        lsh.insert(position, lean, check_duplication=False)


def verify(
    first: np.ndarray,
    second: np.ndarray,
    first_size: int,
    second_size: int,
    jaccard_threshold: float,
    containment_threshold: float | None = None,
    min_containment_size: int = 0,
) -> float | None:
    """The estimated Jaccard (rounded to 4 places) when the pair matches: by Jaccard, or
    (when a containment threshold is given) because the smaller set is mostly inside the
    larger one; None when it does not match."""
    jaccard = estimated_jaccard(first, second)
    if jaccard >= jaccard_threshold or (
        containment_threshold is not None
        and min(first_size, second_size) >= min_containment_size
        and estimated_containment(jaccard, first_size, second_size) >= containment_threshold
    ):
        return round(jaccard, 4)
    return None


def verified_pairs(
    signatures: Sequence[np.ndarray | None],
    sizes: Sequence[int],
    hasher: MinHasher,
    jaccard_threshold: float,
    containment_threshold: float | None = None,
    min_containment_size: int = 0,
) -> list[Match]:
    """Candidate pairs that `verify` confirms (the same test, on all candidates at once)."""
    first, second, jaccard = verified_arrays(
        signatures, sizes, hasher, jaccard_threshold, containment_threshold, min_containment_size
    )
    return [Match(left, right, round(value, 4))
            for left, right, value in zip(first.tolist(), second.tolist(), jaccard.tolist(), strict=True)]


def verified_arrays(
    signatures: Sequence[np.ndarray | None],
    sizes: Sequence[int],
    hasher: MinHasher,
    jaccard_threshold: float,
    containment_threshold: float | None = None,
    min_containment_size: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`verified_pairs` as arrays (first, second, estimated Jaccard)."""
    positions, matrix = _stacked(signatures)
    present = np.zeros(len(signatures), dtype=bool)
    present[positions] = True
    full = np.zeros((len(signatures), hasher.num_perm), dtype=np.uint32)
    full[positions] = matrix
    return matrix_verified(full, present, np.asarray(sizes, dtype=np.float64), jaccard_threshold,
                           containment_threshold, min_containment_size)


def matrix_verified(
    matrix: np.ndarray,
    present: np.ndarray,
    sizes: np.ndarray,
    jaccard_threshold: float,
    containment_threshold: float | None = None,
    min_containment_size: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs of the `present` rows that `verify` confirms, as arrays (first, second,
    estimated Jaccard), all candidates tested at once."""
    first, second = matrix_candidates(matrix, present, jaccard_threshold)
    return verified_candidates(matrix, sizes, first, second, jaccard_threshold, containment_threshold,
                               min_containment_size)


def verified_candidates(
    matrix: np.ndarray,
    sizes: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    jaccard_threshold: float,
    containment_threshold: float | None = None,
    min_containment_size: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The given pairs of rows that `verify` confirms, as arrays (first, second, Jaccard)."""
    size_of = np.asarray(sizes, dtype=np.float64)
    kept = []
    for start in range(0, len(first), _VERIFY_BLOCK):
        left, right = first[start : start + _VERIFY_BLOCK], second[start : start + _VERIFY_BLOCK]
        jaccard = np.count_nonzero(matrix[left] == matrix[right], axis=1) / matrix.shape[1]
        keep = jaccard >= jaccard_threshold
        if containment_threshold is not None:
            smaller = np.minimum(size_of[left], size_of[right])
            intersection = jaccard * (size_of[left] + size_of[right]) / (1.0 + jaccard)
            with np.errstate(divide="ignore", invalid="ignore"):
                contained = np.where(smaller > 0, np.minimum(1.0, intersection / smaller), 0.0)
            keep |= (smaller >= min_containment_size) & (contained >= containment_threshold)
        kept.append((left[keep], right[keep], jaccard[keep]))
    if not kept:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    return tuple(np.concatenate(column) for column in zip(*kept, strict=True))  # type: ignore[return-value]
