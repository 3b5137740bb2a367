"""Fingerprints of many documents as columns, one row per document.

A batch from `Fingerprinter.fingerprint`, the whole scan and the stored index are all this
one shape, so the scan keeps no Python object per document but its survivor facts, and the
matching steps read whole columns (signature matrices, flat aligned samples) without stacking
them first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(slots=True)
class Fingerprints:
    exact_keys: np.ndarray  # (n, 2) uint64: 16-byte digest of the folded word sequence
    signatures: np.ndarray  # (n, num_perm) uint32: MinHash of word shingles (all ones when none)
    shingles: np.ndarray  # (n,) int64: distinct word shingles; 0 means no signature
    frame_signatures: np.ndarray  # (n, num_perm) uint32: MinHash of frame shingles
    frame_shingles: np.ndarray  # (n,) int64: distinct frame shingles; 0 means no frame
    sample_offsets: np.ndarray  # (n + 1,) int64: row i's aligned entries are samples[o[i]:o[i+1]]
    samples: np.ndarray  # uint32 aligned entries (`pipeline.dedup.frames`), ascending per row

    def __len__(self) -> int:
        return len(self.shingles)

    def sample(self, row: int) -> np.ndarray:
        return self.samples[self.sample_offsets[row] : self.sample_offsets[row + 1]]

    def sample_lengths(self) -> np.ndarray:
        return np.diff(self.sample_offsets)

    def take(self, rows: np.ndarray) -> Fingerprints:
        """The given rows, in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        lengths = self.sample_lengths()[rows]
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        starts = self.sample_offsets[rows]
        index = np.repeat(starts - offsets[:-1], lengths) + np.arange(int(offsets[-1]))
        return Fingerprints(self.exact_keys[rows], self.signatures[rows], self.shingles[rows],
                            self.frame_signatures[rows], self.frame_shingles[rows], offsets,
                            self.samples[index])

    @staticmethod
    def empty(num_perm: int) -> Fingerprints:
        return Fingerprints(np.zeros((0, 2), dtype=np.uint64), np.zeros((0, num_perm), dtype=np.uint32),
                            np.zeros(0, dtype=np.int64), np.zeros((0, num_perm), dtype=np.uint32),
                            np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64),
                            np.zeros(0, dtype=np.uint32))

    @staticmethod
    def join(parts: list[Fingerprints], num_perm: int) -> Fingerprints:
        """All parts' rows in order. Empties `parts` as it copies, so the peak is the result
        plus one part, not twice the whole."""
        rows = sum(len(part) for part in parts)
        entries = sum(len(part.samples) for part in parts)
        joined = Fingerprints(
            np.empty((rows, 2), dtype=np.uint64), np.empty((rows, num_perm), dtype=np.uint32),
            np.empty(rows, dtype=np.int64), np.empty((rows, num_perm), dtype=np.uint32),
            np.empty(rows, dtype=np.int64), np.zeros(rows + 1, dtype=np.int64),
            np.empty(entries, dtype=np.uint32),
        )
        row = entry = 0
        parts.reverse()
        while parts:
            part = parts.pop()
            end, entry_end = row + len(part), entry + len(part.samples)
            joined.exact_keys[row:end] = part.exact_keys
            joined.signatures[row:end] = part.signatures
            joined.shingles[row:end] = part.shingles
            joined.frame_signatures[row:end] = part.frame_signatures
            joined.frame_shingles[row:end] = part.frame_shingles
            joined.sample_offsets[row + 1 : end + 1] = part.sample_offsets[1:] + entry
            joined.samples[entry:entry_end] = part.samples
            row, entry = end, entry_end
        return joined
