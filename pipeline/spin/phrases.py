"""Which word pairs are established English phrases, and how strongly.

A spinner's output is rare while its word-by-word back-substitution is common, so the
detector needs to know phrases: the web pair counts (`wordsegment`, pairs seen at least
100,000 times) for everyday phrases, and WordNet's multi-word lemmas and the word pairs of
its glosses for terms the web table is too coarse to list ("decision tree", "kidney
disease"). The WordNet part is extracted at install time into `pipeline/data/spin/built/`
(`python -m pipeline.spin.build`, run by `make`), so a worker loads it in a fraction of a
second rather than parsing 20 MB of WordNet; where it was never built (a plain wheel
install) each process extracts it in memory. The stage itself never writes a file.
"""

from __future__ import annotations

import functools
import importlib.metadata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pipeline.spin.resources import NgramCounts, read_wordnet_terms, shared_counts, wordnet_folder

# Pseudo-counts for pairs the web table does not list: a WordNet lemma is an established term
# (as good as a frequent web phrase); a pair seen in a gloss is real English, but weaker.
TERM_COUNT = 400_000
GLOSS_COUNT = 100_000
_CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class PhraseTable:
    counts: NgramCounts
    terms: frozenset[str]  # multi-word lemmas, "a b" or "a b c"
    gloss_pairs: frozenset[str]  # content-word pairs of the glosses

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
        found = self.counts.bigrams.get(key)
        if found:
            return found
        if key in self.terms:
            return TERM_COUNT
        return GLOSS_COUNT if key in self.gloss_pairs else 0

    def known(self, left: str, right: str) -> bool:
        return self.pair(left, right) > 0


def _built_folder() -> Path:
    return Path(str(resources.files("pipeline").joinpath("data", "spin", "built")))


def _cache_name() -> str:
    return f"wordnet-terms-{importlib.metadata.version('wn')}-v{_CACHE_FORMAT}.txt"


def _extract(function_words: frozenset[str]) -> tuple[list[str], list[str]]:
    terms, pairs = read_wordnet_terms(wordnet_folder())
    kept_pairs = []
    for pair in pairs:
        left, _, right = pair.partition(" ")
        # a pair with a function word says nothing about a swapped content word
        if len(left) > 2 and len(right) > 2 and left not in function_words and right not in function_words:
            kept_pairs.append(pair)
    return sorted(t for t in terms if t.count(" ") <= 2), sorted(kept_pairs)


def built_path() -> Path:
    """Where `python -m pipeline.spin.build` writes the extracted WordNet phrases."""
    return _built_folder() / _cache_name()


def wordnet_phrase_text(function_words: frozenset[str]) -> str:
    """The extracted terms and gloss pairs as the built file holds them."""
    terms, pairs = _extract(function_words)
    return "\n".join(["# terms"] + terms + ["# gloss pairs"] + pairs) + "\n"


def load_wordnet_phrases(function_words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(terms, gloss pairs): from the file built at install time, else extracted in memory
    (read-only: two workers starting together never race on a file)."""
    try:
        text = built_path().read_text(encoding="utf-8")
    except OSError:
        text = wordnet_phrase_text(function_words)
    lines = text.split("\n")
    split = lines.index("# gloss pairs")
    return frozenset(lines[1:split]), frozenset(line for line in lines[split + 1 :] if line)


@functools.lru_cache(maxsize=1)
def shared_phrases(function_words: frozenset[str]) -> PhraseTable:
    terms, pairs = load_wordnet_phrases(function_words)
    return PhraseTable(shared_counts(), terms, pairs)
