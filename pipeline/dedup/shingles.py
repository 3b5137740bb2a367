"""Shingles: word n-grams of the folded text, and the common-word list.

Shingles are returned as sorted, unique 32-bit hashes (numpy), the input of the MinHash
signatures. Tokens are hashed once with blake2b (stable across processes, unlike `hash`)
and n-grams are combined in numpy, so no per-shingle Python string is built.

The spin-robust form of a text, its frame, is built from the same hashes in `frames.py`.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from itertools import islice

import numpy as np

# splitmix64 / MurmurHash3 finalizer constants: an avalanching bijection on 64 bits, so
# n-grams that differ in one token differ in about half of their hash bits.
_MIX_1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX_2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHIFT = np.uint64(33)
_HIGH = np.uint64(32)
_COMBINE = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio, odd: order-sensitive combining

_TOKEN_CACHE_LIMIT = 500_000  # tokens kept hashed; the cache is cleared past this to bound memory


class TokenHasher:
    """Stable 64-bit hashes of tokens, cached because a corpus repeats its vocabulary."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def __call__(self, tokens: list[str]) -> np.ndarray:
        cache = self._cache
        if len(cache) > _TOKEN_CACHE_LIMIT:
            cache.clear()
        learn = self._learn
        return np.array([cache[token] if token in cache else learn(token) for token in tokens],
                        dtype=np.uint64)

    def _learn(self, token: str) -> int:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = self._cache[token] = int.from_bytes(digest, "little")
        return value


def shingle_hashes(token_hashes: np.ndarray, size: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the `size`-token windows of a token-hash sequence.

    A text shorter than `size` tokens is one shingle of all its tokens; no tokens, none.
    """
    if len(token_hashes) == 0:
        return np.empty(0, dtype=np.uint32)
    return np.unique(window_hashes(token_hashes, min(size, len(token_hashes))))


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


@functools.lru_cache(maxsize=4)
def common_words(count: int) -> frozenset[str]:
    """The `count` most frequent English words: the head of the unigram counts of the Google
    Web Trillion Word Corpus that the `wordsegment` package ships (sorted by count)."""
    if count <= 0:
        return frozenset()
    counts = resources.files("wordsegment").joinpath("unigrams.txt")
    with counts.open(encoding="utf-8") as lines:
        return frozenset(line.split("\t", 1)[0] for line in islice(lines, count))
