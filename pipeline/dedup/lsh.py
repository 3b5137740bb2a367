"""Candidate pairs from datasketch's MinHashLSH, then verified on their signatures.

The LSH bands (b bands of r rows) are chosen by datasketch from the Jaccard threshold so
that pairs above it collide in some band with high probability. A band collision is only
a candidate: `verified_pairs` keeps a pair only when its estimated Jaccard (or, for
truncated copies, its estimated containment) clears the configured threshold, so a chance
collision removes nothing.
"""

from __future__ import annotations

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


def band_parameters(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) datasketch picks for this threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def candidate_pairs(
    signatures: Sequence[np.ndarray | None], hasher: MinHasher, threshold: float
) -> Iterator[tuple[int, int]]:
    """Every pair (i, j), i < j, that shares at least one LSH band, each once.

    Each signature queries the index before it is inserted, so a pair is reported when
    its later member arrives. Keys are list positions (small ints) to keep the index lean.
    """
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
    """Candidate pairs that `verify` confirms."""
    matches = []
    for first, second in candidate_pairs(signatures, hasher, jaccard_threshold):
        jaccard = verify(
            signatures[first], signatures[second], sizes[first], sizes[second],  # type: ignore[arg-type]
            jaccard_threshold, containment_threshold, min_containment_size,
        )
        if jaccard is not None:
            matches.append(Match(first, second, jaccard))
    return matches
