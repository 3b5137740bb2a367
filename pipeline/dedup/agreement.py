"""Do two frames carry the same rare words at the same places? A binomial test.

Two documents whose frames match (`pipeline.dedup.frames`) are compared on the keys both of
their aligned samples hold: at each such key, the rare word is the same or not. A spun copy
keeps a good share of its rare words (names, terms, words its thesaurus lacks) in place;
a different text poured into the same template agrees only by chance, when the same term
happens to fill the same slot. The pair is accepted when that many agreements would be
very unlikely by chance: P(X >= agreeing), X ~ Binomial(common keys, chance rate), at most
the configured evidence level. The test adapts to the sample size: 10 of 10 keys pass at
the default levels, and so do about half of 80.
"""

from __future__ import annotations

import functools
import math

import numpy as np


@functools.lru_cache(maxsize=8)
def required_agreements(sample_size: int, chance: float, evidence: float) -> tuple[int, ...]:
    """For each number of common keys n (0..sample_size), the fewest agreeing keys that pass;
    n + 1 (never reached) when even n of n would not."""
    needed = []
    for common in range(sample_size + 1):
        tail, passing = 0.0, common + 1
        for agreeing in range(common, -1, -1):
            tail += math.comb(common, agreeing) * chance**agreeing * (1 - chance) ** (common - agreeing)
            if tail > evidence:
                break
            passing = agreeing
        needed.append(passing)
    return tuple(needed)


def aligned_agreement(first_keys: np.ndarray, first_words: np.ndarray,
                      second_keys: np.ndarray, second_words: np.ndarray) -> tuple[int, int]:
    """(agreeing, common): how many keys both samples hold, and at how many of them the word is
    the same. A key one sample lacks is no evidence either way: it is left out, not counted
    as a disagreement."""
    if len(first_keys) == 0 or len(second_keys) == 0:
        return 0, 0
    _, first_at, second_at = np.intersect1d(first_keys, second_keys, assume_unique=True,
                                            return_indices=True)
    agreeing = int(np.count_nonzero(first_words[first_at] == second_words[second_at]))
    return agreeing, len(first_at)


def agrees(agreeing: int, common: int, needed: tuple[int, ...]) -> bool:
    return common < len(needed) and agreeing >= needed[common]


class AlignedSamples:
    """Every document's aligned sample as two padded matrices, to test many pairs at once."""

    def __init__(self, keys: list[np.ndarray], words: list[np.ndarray], sample_size: int) -> None:
        count = len(keys)
        self._lengths = np.array([len(sample) for sample in keys], dtype=np.int64)
        self._keys = np.zeros((count, sample_size), dtype=np.uint32)
        self._words = np.zeros((count, sample_size), dtype=np.uint16)
        for row, (row_keys, row_words) in enumerate(zip(keys, words, strict=True)):
            self._keys[row, : len(row_keys)] = row_keys[:sample_size]
            self._words[row, : len(row_words)] = row_words[:sample_size]

    def agreements(self, first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(agreeing, common) for each pair (first[i], second[i]), as `aligned_agreement`."""
        agreeing = np.zeros(len(first), dtype=np.int64)
        common = np.zeros(len(first), dtype=np.int64)
        order = np.argsort(first, kind="stable")
        groups = np.flatnonzero(np.concatenate(([True], first[order][1:] != first[order][:-1])))
        for start, end in zip(groups.tolist(), np.append(groups[1:], len(order)).tolist(), strict=True):
            at = order[start:end]
            row = int(first[at[0]])
            length = int(self._lengths[row])
            if length == 0:
                continue
            own_keys, own_words = self._keys[row, :length], self._words[row, :length]
            partners = second[at]
            other_keys = self._keys[partners]
            index = np.minimum(np.searchsorted(own_keys, other_keys), length - 1)
            valid = np.arange(other_keys.shape[1])[None, :] < self._lengths[partners][:, None]
            hit = valid & (own_keys[index] == other_keys)
            common[at] = np.count_nonzero(hit, axis=1)
            agreeing[at] = np.count_nonzero(hit & (own_words[index] == self._words[partners]), axis=1)
        return agreeing, common
