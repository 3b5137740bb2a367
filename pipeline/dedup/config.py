"""The one config of the dedup steps (`pipeline/dedup/`) and of the stage that runs them.

It lives below the steps that read it, so `fingerprint.py` and `resolve.py` import it
without importing the stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.dedup.tokens import function_words
from pipeline.errors import ConfigError
from pipeline.stage_config import StageConfig

_MAX_SAMPLE = 1024  # aligned entries per document: the binomial table is built up to this


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
        metadata={"doc": "Also match spun copies (words swapped for synonyms) on their frame: the "
                         "function words, numbers and punctuation a spinner leaves in place, with "
                         "the rare words along it as a check (see the frame_* keys)."},
    )
    frame_languages: list[str] = field(
        default_factory=lambda: ["en", "de", "fr", "es"],
        metadata={"doc": "Languages whose function words make frames (lists in "
                         "pipeline/data/dedup/function_words.json). Each text takes the one whose "
                         "function words it uses most; text in other languages gets exact and near "
                         "matching only."},
    )
    frame_shingle_size: int = field(
        default=6,
        metadata={"doc": "Frame tokens per spin-robust shingle (a run of content words is one "
                         "token). 6 keeps the frames of distinct real articles, even two halves "
                         "of one, under 0.03 Jaccard, while a copy with 40% of its words swapped "
                         "keeps 0.3 and more."},
    )
    frame_jaccard_threshold: float = field(
        default=0.3,
        metadata={"doc": "Spin-robust threshold on frame-shingle Jaccard, verified on every candidate. "
                         "Distinct real articles share under 0.03 of their frames, texts that share a "
                         "fifth of their sentences verbatim (stock phrases of generated pages) about "
                         "0.2, a copy with 40% of its words swapped 0.3 to 0.5, one with 25% swapped "
                         "0.45 and more. Text from one sentence template passes it too, which is what "
                         "the aligned-word test is for."},
    )
    min_frame_shingles: int = field(
        default=20,
        metadata={"doc": "Texts with fewer frame shingles (about 40 words) get no spin-robust "
                         "signature: a short frame is common to many texts."},
    )
    min_function_share: float = field(
        default=0.25,
        metadata={"doc": "A frame is only read from text in which at least this share of the words "
                         "are function words of its frame language (running prose has 0.4 to 0.5); "
                         "other languages, word lists and scripts without spaces get exact and near "
                         "matching only."},
    )
    common_words: int = field(
        default=5000,
        metadata={"doc": "Words outside the N most frequent words of the text's frame language "
                         "(the wordfreq package's lists) are the rare words of the aligned sample, "
                         "and so is a capitalised word inside a sentence (a name): names and terms "
                         "a spinner mostly keeps, and a template fills anew."},
    )
    aligned_sample: int = field(
        default=192,
        metadata={"doc": "Rare words kept per document with their frame position (a bottom-k "
                         "sample by position, 4 bytes each). 192 lets a long copy whose spinner "
                         "made half of its words rare still share 40 and more positions with its "
                         "original."},
    )
    chance_agreement: float = field(
        default=0.25,
        metadata={"doc": "How often the same rare word stands at the same frame position in two "
                         "different texts, taken high: measured at 0.1 (median) and 0.27 (90th "
                         "percentile) on generated template articles, 0.19 between the two halves "
                         "of one real article."},
    )
    agreement_evidence: float = field(
        default=1e-6,
        metadata={"doc": "A frame match is accepted when its rare-word agreement is at most this "
                         "likely by chance (binomial tail at `chance_agreement`): small enough that "
                         "millions of candidate pairs yield about no chance match. 10 of 10 "
                         "positions pass, and 41 of 80."},
    )
    template_entry_documents: int = field(
        default=64,
        metadata={"doc": "Spin-robust candidates are the pairs that share 10 or more aligned "
                         "entries (a rare word at one frame position), the fewest the test can "
                         "accept. An entry found in more documents than this is a template's "
                         "filling, not one text's copies: it proposes no pairs (it still counts in "
                         "the test), which bounds the work on template-built corpora."},
    )

    def validate(self) -> None:
        if not 16 <= self.num_perm <= 1024:
            raise ConfigError(f"num_perm: must be between 16 and 1024, not {self.num_perm}")
        counts = ("shingle_size", "frame_shingle_size", "min_frame_shingles", "min_containment_shingles",
                  "aligned_sample", "template_entry_documents")
        for key in counts:
            if getattr(self, key) < 1:
                raise ConfigError(f"{key}: must be at least 1, not {getattr(self, key)}")
        for key in ("jaccard_threshold", "frame_jaccard_threshold", "containment_threshold",
                    "min_function_share", "chance_agreement", "agreement_evidence"):
            value = getattr(self, key)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{key}: must be in (0, 1], not {value}")
        if self.common_words < 0:
            raise ConfigError(f"common_words: must not be negative, not {self.common_words}")
        if self.aligned_sample > _MAX_SAMPLE:
            raise ConfigError(f"aligned_sample: must be at most {_MAX_SAMPLE}, not {self.aligned_sample}")
        known = function_words()
        for index, language in enumerate(self.frame_languages):
            if language not in known:
                raise ConfigError(f"frame_languages[{index}]: no function words for {language!r} "
                                  f"(known: {', '.join(sorted(known))})")
        if len(set(self.frame_languages)) != len(self.frame_languages) or len(self.frame_languages) > 8:
            raise ConfigError("frame_languages: at most 8 languages, each once")
