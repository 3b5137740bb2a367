"""One document's dedup fingerprint: exact key, signatures, aligned sample, survivor facts.

Joins the steps normalize -> shingles and frames -> signatures for one text; the result is
what the stage keeps per document during the scan and what the index stores. Each document
is fingerprinted on its own, so this step can run wherever the documents are.
"""

from __future__ import annotations

import numpy as np

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.frames import FrameReader
from pipeline.dedup.index import IndexEntry
from pipeline.dedup.normalize import fold_case, fold_punctuation, folded_key
from pipeline.dedup.shingles import TokenHasher, common_words, shingle_hashes
from pipeline.dedup.signatures import MinHasher
from pipeline.dedup.survivors import SurvivorFacts

_NO_KEYS = np.empty(0, dtype=np.uint32)
_NO_WORDS = np.empty(0, dtype=np.uint16)


class Fingerprinter:
    """Turns texts into `IndexEntry`s under one config."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.hasher = MinHasher(config.num_perm, config.seed)
        self._tokens = TokenHasher()
        self._frames = FrameReader(common_words(config.common_words), config.frame_shingle_size,
                                   config.aligned_sample, config.min_function_share)

    def settings(self) -> dict[str, object]:
        """Everything a stored signature depends on: an index is reusable only under the same."""
        config = self.config
        return {
            "num_perm": config.num_perm,
            "seed": config.seed,
            "scheme": "affine32",
            "shingle_size": config.shingle_size,
            "spin_robust": config.spin_robust,
            "frame_shingle_size": config.frame_shingle_size,
            "min_frame_shingles": config.min_frame_shingles,
            "min_function_share": config.min_function_share,
            "common_words": config.common_words,
            "aligned_sample": config.aligned_sample,
        }

    def fingerprint(self, text: str, facts: SurvivorFacts) -> IndexEntry:
        case_folded = fold_case(text)
        folded = fold_punctuation(case_folded)
        shingles = shingle_hashes(self._tokens(folded.split()), self.config.shingle_size)
        entry = IndexEntry(
            facts=facts,
            exact_key=folded_key(folded),
            signature=self.hasher.signature(shingles),
            shingles=len(shingles),
            frame_signature=None,
            frame_shingles=0,
            frame_keys=_NO_KEYS,
            frame_words=_NO_WORDS,
        )
        if self.config.spin_robust:
            frame = self._frames(case_folded)
            if frame is not None and len(frame.shingles) >= self.config.min_frame_shingles:
                entry.frame_signature = self.hasher.signature(frame.shingles)
                entry.frame_shingles = len(frame.shingles)
                entry.frame_keys, entry.frame_words = frame.keys, frame.words
        return entry
