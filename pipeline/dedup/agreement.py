"""Do two frames carry the same rare words at the same places? A binomial test.

Two documents whose frames match (`pipeline.dedup.frames`) are compared on the keys both of
their aligned samples hold: at each such key, the rare word is the same or not. A spun copy
keeps a good share of its rare words (names, terms, words its thesaurus lacks) in place;
a different text poured into the same template agrees only by chance, when the same term
happens to fill the same slot. The pair is accepted when that many agreements would be
very unlikely by chance: P(X >= agreeing), X ~ Binomial(common keys, chance rate), at most
the configured evidence level. The test adapts to the sample size: 10 of 10 keys pass at
the default levels, and so do about half of 80.

An aligned entry is one uint32: the top 24 bits of the key, then 8 bits of the word; a
sample is sorted, so by key.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from pipeline.dedup.table import Fingerprints

_KEY_SHIFT = np.uint32(8)
_PAIR_SHIFT = np.uint64(24)
_BLOCK = 4_096  # pairs compared at once: bounds the expanded entry arrays to a few MB


@functools.lru_cache(maxsize=8)
def required_agreements(sample_size: int, chance: float, evidence: float) -> tuple[int, ...]:
    """For each number of common keys n (0..sample_size), the fewest agreeing keys that pass;
    n + 1 (never reached) when even n of n would not. Tails summed in log space."""
    log_chance, log_miss = math.log(chance), math.log1p(-chance) if chance < 1 else -math.inf
    needed = []
    for common in range(sample_size + 1):
        tail, passing = 0.0, common + 1
        for agreeing in range(common, -1, -1):
            misses = common - agreeing
            log_term = (math.lgamma(common + 1) - math.lgamma(agreeing + 1) - math.lgamma(misses + 1)
                        + agreeing * log_chance + (misses * log_miss if misses else 0.0))
            tail += math.exp(log_term)
            if tail > evidence:
                break
            passing = agreeing
        needed.append(passing)
    return tuple(needed)


def fewest_agreements(needed: tuple[int, ...]) -> int:
    """The fewest agreeing keys any pair can pass with (the candidate bar)."""
    return min((value for common, value in enumerate(needed) if value <= common), default=len(needed))


def aligned_agreement(first: np.ndarray, second: np.ndarray) -> tuple[int, int]:
    """(agreeing, common) of two samples: how many keys both hold, and at how many of them the
    word is the same. A key one sample lacks is no evidence either way."""
    if len(first) == 0 or len(second) == 0:
        return 0, 0
    common_keys = np.intersect1d(first >> _KEY_SHIFT, second >> _KEY_SHIFT, assume_unique=True)
    agreeing = np.intersect1d(first, second, assume_unique=True)
    return len(agreeing), len(common_keys)


def agrees(agreeing: int, common: int, needed: tuple[int, ...]) -> bool:
    return common < len(needed) and agreeing >= needed[common]


def pair_agreements(table: Fingerprints, first: np.ndarray,
                    second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(agreeing, common) for each pair (first[i], second[i]), as `aligned_agreement`, for all
    pairs at once: both samples of a block of pairs are laid out as (pair, key) sorted runs and
    matched with one `searchsorted`."""
    agreeing = np.zeros(len(first), dtype=np.int64)
    common = np.zeros(len(first), dtype=np.int64)
    for start in range(0, len(first), _BLOCK):
        left, right = first[start : start + _BLOCK], second[start : start + _BLOCK]
        left_entries, left_pairs = _expanded(table, left)
        right_entries, right_pairs = _expanded(table, right)
        if len(left_entries) == 0 or len(right_entries) == 0:
            continue
        left_keys = (left_pairs.astype(np.uint64) << _PAIR_SHIFT) | (left_entries >> _KEY_SHIFT)
        right_keys = (right_pairs.astype(np.uint64) << _PAIR_SHIFT) | (right_entries >> _KEY_SHIFT)
        at = np.minimum(np.searchsorted(left_keys, right_keys), len(left_keys) - 1)
        hit = left_keys[at] == right_keys
        same = hit & (left_entries[at] == right_entries)
        common[start : start + len(left)] = np.bincount(right_pairs[hit], minlength=len(left))
        agreeing[start : start + len(left)] = np.bincount(right_pairs[same], minlength=len(left))
    return agreeing, common


def _expanded(table: Fingerprints, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The samples of `rows` one after the other, and the pair number of each entry."""
    lengths = table.sample_lengths()[rows]
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    index = np.repeat(table.sample_offsets[rows] - offsets[:-1], lengths) + np.arange(int(offsets[-1]))
    return table.samples[index].astype(np.uint64), np.repeat(np.arange(len(rows)), lengths)
