"""MinHash signatures computed in numpy with datasketch's permutations ("affine32" scheme).

The result is bit-for-bit what `datasketch.MinHash(num_perm, seed).update_batch` gives for
the same 32-bit shingle hashes (a test checks it), so the signatures go straight into
datasketch's `MinHashLSH`; computing them here is faster because the shingles are already
hashed in numpy and no per-shingle Python call is made (measured in
benchmarks/bench_dedup.py).
"""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash

SCHEME = "affine32"
# MurmurHash3 32-bit finalizer, as datasketch pre-mixes its input hashes.
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
# Shingles hashed per numpy block: bounds the (shingles x num_perm) matrix to 8 MB.
_BLOCK = 16_384


class MinHasher:
    """Signatures of shingle-hash sets, one uint32 per permutation."""

    def __init__(self, num_perm: int, seed: int) -> None:
        self.num_perm = num_perm
        self.seed = seed
        multipliers, offsets = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
        self._multipliers = multipliers.astype(np.uint32)
        self._offsets = offsets.astype(np.uint32)

    def signature(self, shingles: np.ndarray) -> np.ndarray | None:
        """The MinHash of a set of 32-bit shingle hashes; None for an empty set."""
        if len(shingles) == 0:
            return None
        result = np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        for start in range(0, len(shingles), _BLOCK):
            np.minimum(result, self._permuted(shingles[start : start + _BLOCK]).min(axis=0), out=result)
        return result

    def signatures(self, shingles: np.ndarray, segments: np.ndarray, count: int) -> np.ndarray:
        """The MinHash of each of `count` sets at once: `shingles` are 32-bit hashes grouped by
        `segments` (the set each belongs to, contiguous); a set with no shingles keeps a row of
        all ones (the largest uint32). Row `s` equals `signature(shingles[segments == s])`."""
        result = np.full((self.num_perm, count), np.iinfo(np.uint32).max, dtype=np.uint32)
        buffer = np.empty((self.num_perm, min(_BLOCK, len(shingles))), dtype=np.uint32)
        for start in range(0, len(shingles), _BLOCK):
            block, owners = shingles[start : start + _BLOCK], segments[start : start + _BLOCK]
            firsts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
            # Permutations as rows: the minimum per set runs along contiguous memory.
            permuted = self._permuted_rows(block, buffer[:, : len(block)])
            minima = np.minimum.reduceat(permuted, firsts, axis=1)
            columns = owners[firsts]  # distinct within a block: a set's shingles are contiguous
            result[:, columns] = np.minimum(result[:, columns], minima)
        return np.ascontiguousarray(result.T)

    def _permuted_rows(self, shingles: np.ndarray, out: np.ndarray) -> np.ndarray:
        """(num_perm x shingles) permuted hash values, written into `out`."""
        mixed = _mixed(shingles)
        with np.errstate(over="ignore"):
            np.multiply(self._multipliers[:, None], mixed[None, :], out=out)
            np.add(out, self._offsets[:, None], out=out)
        return out

    def _permuted(self, shingles: np.ndarray) -> np.ndarray:
        """(shingles x num_perm) permuted hash values, as datasketch computes them."""
        mixed = _mixed(shingles)
        with np.errstate(over="ignore"):
            return mixed[:, None] * self._multipliers[None, :] + self._offsets[None, :]

    def lean(self, signature: np.ndarray) -> LeanMinHash:
        """Wrap a signature for datasketch's LSH."""
        return LeanMinHash(seed=self.seed, hashvalues=signature, scheme=SCHEME)


def _mixed(shingles: np.ndarray) -> np.ndarray:
    """datasketch's pre-mix of each input hash (MurmurHash3's 32-bit finalizer)."""
    shift_1, mult_1, shift_2, mult_2, shift_3 = _FMIX
    mixed = shingles.astype(np.uint32)
    with np.errstate(over="ignore"):
        mixed = mixed ^ (mixed >> shift_1)
        mixed = mixed * mult_1
        mixed = mixed ^ (mixed >> shift_2)
        mixed = mixed * mult_2
        return mixed ^ (mixed >> shift_3)


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """Share of permutations whose minima agree: an unbiased estimate of the Jaccard index."""
    return float(np.count_nonzero(first == second)) / len(first)


def estimated_containment(jaccard: float, first_size: int, second_size: int) -> float:
    """Share of the smaller set found in the larger, from the Jaccard estimate and the sizes:
    |A & B| = J (|A| + |B|) / (1 + J)."""
    smaller = min(first_size, second_size)
    if smaller == 0:
        return 0.0
    intersection = jaccard * (first_size + second_size) / (1.0 + jaccard)
    return min(1.0, intersection / smaller)
