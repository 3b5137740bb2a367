"""One document's dedup fingerprint: exact key, shingle signatures, survivor facts.

Joins the steps normalize -> shingles -> signatures for one text; the result is what the
stage keeps per document during the scan and what the index stores.
"""

from __future__ import annotations

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.index import IndexEntry
from pipeline.dedup.normalize import fold_text, folded_key
from pipeline.dedup.shingles import Skeleton, TokenHasher, common_words, moby_thesaurus, shingle_hashes
from pipeline.dedup.signatures import MinHasher
from pipeline.dedup.survivors import SurvivorFacts


class Fingerprinter:
    """Turns texts into `IndexEntry`s under one config."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.hasher = MinHasher(config.num_perm, config.seed)
        self._tokens = TokenHasher()
        self._skeleton = Skeleton(
            common_words(config.common_words), moby_thesaurus() if config.spin_robust else None
        )

    def settings(self) -> dict[str, object]:
        """Everything a stored signature depends on: an index is reusable only under the same."""
        config = self.config
        return {
            "num_perm": config.num_perm,
            "seed": config.seed,
            "scheme": "affine32",
            "shingle_size": config.shingle_size,
            "spin_robust": config.spin_robust,
            "common_words": config.common_words,
            "skeleton_shingle_size": config.skeleton_shingle_size,
            "min_skeleton_words": config.min_skeleton_words,
        }

    def fingerprint(self, text: str, facts: SurvivorFacts) -> IndexEntry:
        folded = fold_text(text)
        words = folded.split()
        shingles = shingle_hashes(self._tokens(words), self.config.shingle_size)
        skeleton_signature, skeleton_count = None, 0
        if self.config.spin_robust:
            skeleton_words = self._skeleton(words)
            if len(skeleton_words) >= self.config.min_skeleton_words:
                skeleton_shingles = shingle_hashes(
                    self._tokens(skeleton_words), self.config.skeleton_shingle_size
                )
                skeleton_signature = self.hasher.signature(skeleton_shingles)
                skeleton_count = len(skeleton_shingles)
        return IndexEntry(
            facts=facts,
            exact_key=folded_key(folded),
            signature=self.hasher.signature(shingles),
            shingles=len(shingles),
            skeleton_signature=skeleton_signature,
            skeleton_shingles=skeleton_count,
        )
