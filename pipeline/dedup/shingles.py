"""Shingles: n-grams of token hashes, many documents at a time.

Tokens arrive as stable 64-bit hashes (`pipeline.dedup.tokens`); an n-gram is combined from
them in numpy, so no per-shingle Python object is built. A batch of documents is one array
with the document ("owner") of each token, and only windows inside one owner count.
"""

from __future__ import annotations

import numpy as np

# splitmix64 / MurmurHash3 finalizer constants: an avalanching bijection on 64 bits, so
# n-grams that differ in one token differ in about half of their hash bits.
_MIX_1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX_2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHIFT = np.uint64(33)
_HIGH = np.uint64(32)
_COMBINE = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio, odd: order-sensitive combining
_LOW_32 = np.uint64(0xFFFFFFFF)


def window_hashes(token_hashes: np.ndarray, size: int) -> np.ndarray:
    """The 32-bit hash of each `size`-token window, in order (one per start position)."""
    windows = len(token_hashes) - size + 1
    with np.errstate(over="ignore"):
        combined = np.zeros(max(0, windows), dtype=np.uint64)
        for offset in range(size):
            combined = (combined ^ token_hashes[offset : offset + windows]) * _COMBINE
        combined ^= combined >> _SHIFT
        combined *= _MIX_1
        combined ^= combined >> _SHIFT
        combined *= _MIX_2
        combined ^= combined >> _SHIFT
    return (combined >> _HIGH).astype(np.uint32)


def shingle_hashes(token_hashes: np.ndarray, size: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the `size`-token windows of one token-hash sequence.

    A text shorter than `size` tokens is one shingle of all its tokens; no tokens, none.
    """
    if len(token_hashes) == 0:
        return np.empty(0, dtype=np.uint32)
    return np.unique(window_hashes(token_hashes, min(size, len(token_hashes))))


def owned_windows(token_hashes: np.ndarray, owners: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, owners) of the `size`-token windows that lie inside one owner, as
    `shingle_hashes` gives them for each owner's tokens alone (with repeats): an owner with
    fewer than `size` tokens has one window of all of them."""
    count = len(token_hashes)
    if count == 0:
        return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
    hashes, kept = [], []
    if count >= size:
        inside = owners[: count - size + 1] == owners[size - 1 :]
        hashes.append(window_hashes(token_hashes, size)[inside])
        kept.append(owners[: count - size + 1][inside])
    firsts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
    lengths = np.diff(np.append(firsts, count))
    for first, length in zip(firsts[lengths < size].tolist(), lengths[lengths < size].tolist(), strict=True):
        hashes.append(window_hashes(token_hashes[first : first + length], length))
        kept.append(owners[first : first + 1])
    return np.concatenate(hashes), np.concatenate(kept)


def distinct_by_owner(hashes: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each owner's distinct hashes, sorted by owner then hash."""
    if len(hashes) == 0:  # a batch of texts without a word
        return hashes.astype(np.uint32), owners.astype(np.int64)
    composite = np.sort((owners.astype(np.uint64) << _HIGH) | hashes.astype(np.uint64))
    # np.unique would do, but hashes its input on numpy 2 and is many times slower than this.
    composite = composite[np.concatenate(([True], composite[1:] != composite[:-1]))]
    return (composite & _LOW_32).astype(np.uint32), (composite >> _HIGH).astype(np.int64)
