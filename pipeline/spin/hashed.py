"""Large string tables kept as sorted arrays of 64-bit key hashes.

The web counts, the WordNet terms and the gloss pairs hold about a million strings; as Python
dicts and sets they cost over 100 MB in every worker, as two numpy arrays about 16 bytes a
key. A key is found by binary search on its hash (BLAKE2b, 8 bytes: stable across processes,
unlike `hash()`). Two distinct keys share a hash with odds of about one in 10^7 over a table
of a million keys, and a word absent from the table is taken for a present one with odds of
about one in 10^13 a look-up: no figure the detector reports can move.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import numpy as np


def key_hash(key: str) -> int:
    """The signed 64-bit hash of a key, the same in every process and on every machine."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class HashedCounts:
    """A read-only map from strings to counts (or a set, without counts), by key hash."""

    __slots__ = ("hashes", "values")

    def __init__(self, hashes: np.ndarray, values: np.ndarray | None = None) -> None:
        self.hashes = hashes  # sorted int64
        self.values = values  # int64, in the order of hashes; None for a set

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> HashedCounts:
        hashes = np.fromiter((key_hash(key) for key in counts), dtype=np.int64, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
        order = np.argsort(hashes, kind="stable")
        return cls(hashes[order], values[order])

    @classmethod
    def from_keys(cls, keys: Iterable[str]) -> HashedCounts:
        return cls(np.unique(np.fromiter((key_hash(key) for key in keys), dtype=np.int64)))

    def _position(self, key: str) -> int:
        hashed = key_hash(key)
        position = int(self.hashes.searchsorted(hashed))
        if position < len(self.hashes) and self.hashes[position] == hashed:
            return position
        return -1

    def get(self, key: str, default: int = 0) -> int:
        position = self._position(key)
        if position < 0:
            return default
        return int(self.values[position]) if self.values is not None else 1

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._position(key) >= 0

    def __len__(self) -> int:
        return len(self.hashes)

    def smallest(self) -> int:
        """The smallest count held."""
        return int(self.values.min()) if self.values is not None and len(self.values) else 0
