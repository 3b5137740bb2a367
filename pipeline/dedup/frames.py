"""The spin-robust form of a text: its *frame*, and the rare words sampled along it.

An article spinner swaps content words for synonyms, one for one or one for a few, and
leaves the grammar alone: articles, pronouns, auxiliaries, most prepositions and
conjunctions, numbers and punctuation stay where they were. The frame is that grammar:
every function word, number and punctuation mark kept, every run of content words folded
into one slot ("the _ of _ , which _ in 2015 ."). Frame n-grams match between a spun copy
and its original whatever thesaurus the spinner used, and distinct articles, even on one
subject by one author, share almost none of them (BENCHMARKS.md). Function words are read
per language (`pipeline/data/dedup/function_words.json`): each text takes the frame language
whose function words it uses most, and gets no frame when under `min_function_share` of its
words are function words of that language (other languages, word lists, scripts without
spaces).

A frame alone cannot tell a spun copy from another text poured into the same sentence
template (generated pages). The *aligned sample* can: for each rare content word, its frame
context (three frame tokens either side) is a key that names its position independently of
the words around it; a spun copy keeps many of its rare words at the same keys, a templated
text fills them with other words. Rare means outside the language's most common words, or
capitalised inside a sentence: a name, which a spinner finds no synonym for, however common
the word ("Apple", "Bush"). A bottom-k sample by key is kept per document, each entry one
uint32: the key's top 24 bits and 8 bits of the word, so two documents are compared on the
keys both sampled (`pipeline.dedup.agreement`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.dedup.shingles import owned_windows, window_hashes
from pipeline.dedup.tokens import CAPITALISED, MARK, NUMBER, SHORT, WORD, stable_hash

CONTEXT = 3  # frame tokens either side of a rare word that make its key
_SLOT = np.uint64(stable_hash("\x00slot"))  # the frame token of a content word
_EDGE = np.uint64(stable_hash("\x00edge"))  # pads frame contexts at the start and end of a text
_WORD_BITS = np.uint32(8)  # bits of the rare word in an aligned entry; the key has the other 24
_WORD_MASK = np.uint64(0xFF)


@dataclass(slots=True)
class TokenColumns:
    """The tokens of a batch of texts (line breaks removed), one array entry per token."""

    count: int  # texts in the batch
    owners: np.ndarray  # int64: the text of each token, ascending
    hashes: np.ndarray  # uint64: stable hash of the case-folded token
    kinds: np.ndarray  # uint8: `pipeline.dedup.tokens` kind flags
    function: np.ndarray  # uint8: bit l set when a function word of frame language l
    common: np.ndarray  # uint8: bit l set when a common word of frame language l
    starts_sentence: np.ndarray  # bool: the first word of a text, or after . ! ? : or a line break


@dataclass(slots=True)
class Frames:
    """Frame n-grams and aligned samples of the texts of a batch that have a frame."""

    framed: np.ndarray  # bool per text: a frame was read
    shingles: np.ndarray  # uint32 frame n-gram hashes (with repeats)
    shingle_owners: np.ndarray  # int64: the text of each
    entries: np.ndarray  # uint32 aligned entries, text by text, each text's in ascending order
    entry_owners: np.ndarray  # int64: the text of each


def read_frames(tokens: TokenColumns, languages: int, shingle_size: int, sample_size: int,
                min_function_share: float) -> Frames:
    language, framed = _frame_languages(tokens, languages, min_function_share)
    chosen = framed[tokens.owners]
    owners = tokens.owners[chosen]
    bit = language[owners].astype(np.uint8)
    kinds = tokens.kinds[chosen]
    keep = ((tokens.function[chosen] >> bit) & 1).astype(bool) | ((kinds & (NUMBER | MARK)) != 0)
    content = ~keep
    frame = np.where(keep, tokens.hashes[chosen], _SLOT)
    # A run of content words is one slot: a spinner's "for a long time" for "long" keeps the frame.
    repeated = content & np.concatenate(([False], content[:-1] & (owners[1:] == owners[:-1])))
    shingles, shingle_owners = owned_windows(frame[~repeated], owners[~repeated], shingle_size)
    common = ((tokens.common[chosen] >> bit) & 1).astype(bool)
    name = ((kinds & CAPITALISED) != 0) & ~tokens.starts_sentence[chosen]
    rare = content & ((kinds & (WORD | SHORT)) == WORD) & (~common | name)
    entries, entry_owners = _aligned_sample(frame, owners, tokens.hashes[chosen], rare, sample_size)
    return Frames(framed, shingles, shingle_owners, entries, entry_owners)


def _frame_languages(tokens: TokenColumns, languages: int,
                     min_function_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Per text: the frame language whose function words it uses most (the first on a tie),
    and whether they make at least `min_function_share` of its words."""
    words = (tokens.kinds & WORD) != 0
    totals = np.bincount(tokens.owners[words], minlength=tokens.count)
    counts = np.stack([
        np.bincount(tokens.owners[words & (((tokens.function >> bit) & 1) == 1)], minlength=tokens.count)
        for bit in range(languages)
    ]) if languages else np.zeros((1, tokens.count), dtype=np.int64)
    language = np.argmax(counts, axis=0)
    best = counts[language, np.arange(tokens.count)]
    return language, (totals > 0) & (best > 0) & (best >= min_function_share * totals)


def _aligned_sample(frame: np.ndarray, owners: np.ndarray, word_hashes: np.ndarray, rare: np.ndarray,
                    sample_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Bottom-k entries by key over each text's rare words whose key occurs once in it."""
    positions = np.flatnonzero(rare)
    if len(positions) == 0:
        return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
    # Each text padded with CONTEXT edge tokens either side, so contexts never cross texts.
    rank = np.concatenate(([0], np.cumsum(owners[1:] != owners[:-1])))
    padded = np.full(len(frame) + CONTEXT * (int(rank[-1]) + 2), _EDGE, dtype=np.uint64)
    padded[np.arange(len(frame)) + CONTEXT * (rank + 1)] = frame
    centred = window_hashes(padded, 2 * CONTEXT + 1)[positions + CONTEXT * rank[positions]]
    keys = (centred >> _WORD_BITS).astype(np.uint64)
    composite = (owners[positions].astype(np.uint64) << np.uint64(24)) | keys
    order = np.argsort(composite, kind="stable")
    composite = composite[order]
    starts = np.concatenate(([True], composite[1:] != composite[:-1]))
    ends = np.concatenate((composite[1:] != composite[:-1], [True]))
    once = order[starts & ends]  # keys that occur once in their text, in (text, key) order
    owner_of = owners[positions[once]]
    first_of_owner = np.concatenate(([True], owner_of[1:] != owner_of[:-1]))
    group_start = np.maximum.accumulate(np.where(first_of_owner, np.arange(len(once)), 0))
    sampled = once[np.arange(len(once)) - group_start < sample_size]
    words = (word_hashes[positions[sampled]] & _WORD_MASK).astype(np.uint32)
    entries = (keys[sampled].astype(np.uint32) << _WORD_BITS) | words
    return entries, owners[positions[sampled]]
