"""Which word pairs are established English phrases, and how strongly.

A spinner's output is rare while its word-by-word back-substitution is common, so the
detector needs to know phrases: the web pair counts (`wordsegment`, pairs seen at least
100,000 times) for everyday phrases, and WordNet's multi-word lemmas and the word pairs of
its glosses for terms the web table is too coarse to list ("decision tree", "kidney
disease"). The three are merged into one table of key hashes at install time
(`pipeline.spin.tables`).
"""

from __future__ import annotations

from pipeline.spin.hashed import HashedCounts
from pipeline.spin.resources import NgramCounts, read_wordnet_terms, wordnet_folder

# Pseudo-counts for pairs the web table does not list: a WordNet lemma is an established term
# (as good as a frequent web phrase); a pair seen in a gloss is real English, but weaker.
TERM_COUNT = 400_000
GLOSS_COUNT = 100_000
# Pairs kept in the look-up cache before it is emptied.
_CACHE_LIMIT = 100_000


class PhraseTable:
    """Every known pair with a count: the web's, or a pseudo-count for a WordNet term or gloss
    pair (`phrase_counts` merges them at build time, so a look-up is one search)."""

    __slots__ = ("counts", "pairs", "_cache")

    def __init__(self, counts: NgramCounts, pairs: HashedCounts) -> None:
        self.counts = counts
        self.pairs = pairs
        self._cache: dict[str, int] = {}

    @property
    def floor(self) -> int:
        return self.counts.bigram_floor

    def pair(self, left: str, right: str) -> int:
        """A count for the pair: the web's, or a pseudo-count for a WordNet term or gloss pair."""
        if "-" in left:
            left = left.rsplit("-", 1)[-1]
        if "-" in right:
            right = right.split("-", 1)[0]
        key = f"{left} {right}"
        cache = self._cache
        found = cache.get(key)
        if found is None:
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            found = cache[key] = self.pairs.get(key, 0)
        return found

    def known(self, left: str, right: str) -> bool:
        return self.pair(left, right) > 0


def wordnet_phrases(function_words: frozenset[str]) -> tuple[list[str], list[str]]:
    """(two-word terms, content-word gloss pairs) of WordNet, sorted."""
    terms, pairs = read_wordnet_terms(wordnet_folder())
    kept_pairs = []
    for pair in pairs:
        left, _, right = pair.partition(" ")
        # a pair with a function word says nothing about a swapped content word
        if len(left) > 2 and len(right) > 2 and left not in function_words and right not in function_words:
            kept_pairs.append(pair)
    # a look-up is always of two words: a longer term can never be asked for
    return sorted(t for t in terms if t.count(" ") == 1), sorted(kept_pairs)


def phrase_counts(bigrams: dict[str, int], function_words: frozenset[str]) -> dict[str, int]:
    """The web pairs with their counts, and WordNet's terms and gloss pairs the web table does
    not list, with their pseudo-counts."""
    terms, gloss_pairs = wordnet_phrases(function_words)
    merged = dict.fromkeys(gloss_pairs, GLOSS_COUNT)
    merged.update(dict.fromkeys(terms, TERM_COUNT))
    merged.update(bigrams)
    return merged
