"""Dedup fingerprints of texts: exact key, signatures, shingle counts, aligned sample.

`Fingerprinter.fingerprint(texts)` is a pure function of the texts and the config (its
vocabulary is a cache: a text gets the same fingerprint in any batch, in any process), so it
can run wherever the documents are. A batch is read in one pass: one text-model split per text,
one look-up per token, then array work over the whole batch (word shingles, frame, aligned
sample, and both MinHash signatures in one matrix product).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence

import numpy as np

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.frames import Frames, TokenColumns, read_frames
from pipeline.dedup.shingles import distinct_by_owner, owned_windows
from pipeline.dedup.signatures import SCHEME, MinHasher
from pipeline.dedup.table import Fingerprints
from pipeline.dedup.tokens import BREAK, ENDS_SENTENCE, TOKENISER, WORD, Vocabulary, tokenise

_NO_FRAMES = Frames(np.zeros(0, dtype=bool), np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64),
                    np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64))


class Fingerprinter:
    """Turns texts into `Fingerprints` under one config."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.hasher = MinHasher(config.num_perm, config.seed)
        self.vocabulary = Vocabulary(tuple(config.frame_languages), config.common_words)

    def settings(self) -> dict[str, object]:
        """Everything a stored fingerprint depends on: an index is reusable only under the same."""
        config = self.config
        return {
            "num_perm": config.num_perm,
            "seed": config.seed,
            "scheme": SCHEME,
            "tokeniser": TOKENISER,
            "shingle_size": config.shingle_size,
            "spin_robust": config.spin_robust,
            "frame_shingle_size": config.frame_shingle_size,
            "frame_languages": list(config.frame_languages),
            "min_frame_shingles": config.min_frame_shingles,
            "min_function_share": config.min_function_share,
            "common_words": config.common_words,
            "aligned_sample": config.aligned_sample,
        }

    def fingerprint(self, texts: Sequence[str]) -> Fingerprints:
        config, count = self.config, len(texts)
        tokens = self.tokens(texts)
        words = (tokens.kinds & WORD) != 0
        word_hashes, word_owners = tokens.hashes[words], tokens.owners[words]
        shingles, owners = owned_windows(word_hashes, word_owners, config.shingle_size)
        frames = _NO_FRAMES
        if config.spin_robust:
            frames = read_frames(tokens, len(config.frame_languages), config.frame_shingle_size,
                                 config.aligned_sample, config.min_function_share)
            shingles = np.concatenate((shingles, frames.shingles))
            owners = np.concatenate((owners, frames.shingle_owners + count))
        # Word shingles are sets 0..count-1, frame shingles count..2*count-1: one MinHash pass.
        distinct, distinct_owners = distinct_by_owner(shingles, owners)
        sizes = np.bincount(distinct_owners, minlength=2 * count)
        signatures = self.hasher.signatures(distinct, distinct_owners, 2 * count)
        frame_sizes = np.where(sizes[count:] >= config.min_frame_shingles, sizes[count:], 0)
        has_sample = frame_sizes[frames.entry_owners] > 0
        entry_owners = frames.entry_owners[has_sample]
        return Fingerprints(
            exact_keys=_exact_keys(word_hashes, word_owners, count),
            signatures=signatures[:count],
            shingles=sizes[:count],
            frame_signatures=signatures[count:],
            frame_shingles=frame_sizes,
            sample_offsets=np.concatenate(([0], np.cumsum(np.bincount(entry_owners, minlength=count)))),
            samples=frames.entries[has_sample],
        )

    def tokens(self, texts: Sequence[str]) -> TokenColumns:
        """The token columns of a batch of texts (`pipeline.dedup.frames.TokenColumns`)."""
        vocabulary = self.vocabulary
        vocabulary.begin()
        token_lists = list(map(tokenise, texts))
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(texts))
        codes = np.fromiter(itertools.chain.from_iterable(map(vocabulary.encode, token_lists)),
                            dtype=np.int64, count=int(lengths.sum()))
        owners = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        kinds = vocabulary.kinds[codes]
        starts = np.ones(len(codes), dtype=bool)
        starts[1:] = (kinds[:-1] & ENDS_SENTENCE) != 0
        starts[np.cumsum(lengths)[lengths > 0] - lengths[lengths > 0]] = True
        kept = (kinds & BREAK) == 0
        codes = codes[kept]
        return TokenColumns(len(texts), owners[kept], vocabulary.hashes[codes], kinds[kept],
                            vocabulary.function[codes], vocabulary.common[codes], starts[kept])


def _exact_keys(word_hashes: np.ndarray, word_owners: np.ndarray, count: int) -> np.ndarray:
    """A 16-byte digest of each text's word sequence (NFKC, case-folded, punctuation and
    symbols dropped): equal keys mean exact duplicates."""
    bounds = np.concatenate(([0], np.cumsum(np.bincount(word_owners, minlength=count))))
    sequence = word_hashes.astype("<u8").tobytes()
    keys = b"".join(hashlib.blake2b(sequence[8 * start : 8 * end], digest_size=16).digest()
                    for start, end in itertools.pairwise(bounds.tolist()))
    return np.frombuffer(keys, dtype="<u8").reshape(count, 2).copy()
