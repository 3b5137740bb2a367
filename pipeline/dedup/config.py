"""The one config of the dedup steps (`pipeline/dedup/`) and of the stage that runs them.

It lives below the steps that read it, so `fingerprint.py` and `resolve.py` import it
without importing the stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.errors import ConfigError
from pipeline.stage_config import StageConfig


@dataclass(frozen=True)
class DedupConfig(StageConfig):
    num_perm: int = field(
        default=128,
        metadata={"doc": "MinHash permutations per signature. 128 gives a Jaccard estimate with a "
                         "standard error under 0.045 and 512 bytes per signature."},
    )
    seed: int = field(
        default=1,
        metadata={"doc": "Seed of the MinHash permutations. Signatures from different seeds cannot be "
                         "compared, so changing it needs a rebuilt index."},
    )
    shingle_size: int = field(
        default=5,
        metadata={"doc": "Words per shingle for near-duplicate matching: 5-grams, as datatrove, "
                         "NeMo Curator and text-dedup use, are rare enough that unrelated texts "
                         "share few of them."},
    )
    jaccard_threshold: float = field(
        default=0.5,
        metadata={"doc": "Near-duplicate threshold on word-shingle Jaccard; it sets the LSH bands "
                         "and every candidate pair is verified against it. 0.5 catches a copy that "
                         "keeps half of the original (truncated, or wrapped in boilerplate); "
                         "distinct articles on one topic share under 0.1 of their 5-grams."},
    )
    containment_threshold: float = field(
        default=0.8,
        metadata={"doc": "A candidate pair also matches when this share of the shorter text's "
                         "shingles is in the longer one (estimated from the signatures and set "
                         "sizes): a truncated copy is contained in its original."},
    )
    min_containment_shingles: int = field(
        default=50,
        metadata={"doc": "Containment only counts when the shorter text has at least this many "
                         "shingles, so a short note quoting a few common phrases is not a copy."},
    )
    spin_robust: bool = field(
        default=True,
        metadata={"doc": "Also match on the rare-word skeleton (see `common_words`), which a "
                         "synonym spinner leaves mostly intact, so spun copies join their original."},
    )
    common_words: int = field(
        default=5000,
        metadata={"doc": "The skeleton drops the N most frequent English words (web word counts "
                         "shipped by the wordsegment package): those "
                         "are the words spinners swap for synonyms. 5000 keeps topic words "
                         "(names, terms, numbers) and drops the spinnable vocabulary."},
    )
    skeleton_shingle_size: int = field(
        default=3,
        metadata={"doc": "Skeleton words per spin-robust shingle. 3 keeps word order, so distinct "
                         "articles on one topic (same terms, other sentences) share few shingles."},
    )
    spin_jaccard_threshold: float = field(
        default=0.4,
        metadata={"doc": "Spin-robust threshold on skeleton-shingle Jaccard; sets that LSH's bands "
                         "and verifies its candidates. Spinning inserts rarer synonyms into the "
                         "skeleton, so it sits below `jaccard_threshold`; distinct articles on one "
                         "topic stay under 0.1."},
    )
    min_skeleton_words: int = field(
        default=15,
        metadata={"doc": "Texts with fewer skeleton words get no spin-robust signature: too few "
                         "rare words to tell a spun copy from a text on the same subject. At 15 "
                         "words, a chance match of 40% of the skeleton 3-grams is already "
                         "far outside what distinct same-topic articles share."},
    )

    def validate(self) -> None:
        if not 16 <= self.num_perm <= 1024:
            raise ConfigError(f"num_perm: must be between 16 and 1024, not {self.num_perm}")
        counts = ("shingle_size", "skeleton_shingle_size", "min_skeleton_words", "min_containment_shingles")
        for key in counts:
            if getattr(self, key) < 1:
                raise ConfigError(f"{key}: must be at least 1, not {getattr(self, key)}")
        for key in ("jaccard_threshold", "spin_jaccard_threshold", "containment_threshold"):
            value = getattr(self, key)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{key}: must be in (0, 1], not {value}")
        if self.common_words < 0:
            raise ConfigError(f"common_words: must not be negative, not {self.common_words}")
