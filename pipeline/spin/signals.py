"""Collocation evidence that a word pair was spun: pure functions over words and resources.

A spinner swaps the words of a common collocation for thesaurus neighbours, so its output is
a pair that no phrase table lists ("irregular woodland") whose word-by-word back-substitution
is an established phrase ("random forest"):

- `odd_pair`: two frequent words that chance alone would put together often, never listed;
- `word_candidates`: what a word may have replaced, from the spinner swaps learnt from real
  tortured phrases and from the Moby thesaurus read backwards;
- `back_substitution`: the best established phrase reached by swapping one or both words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.spin.phrases import PhraseTable
from pipeline.spin.resources import NgramCounts, Thesaurus
from pipeline.spin.swaps import SwapTable

_ODD_CLIP = 3.0
_GAIN_CLIP = 4.0
# Thesaurus originals tried per word, the most frequent first (the likely original is almost
# always a common word), and how many of them take part in two-word swaps (a square cost).
THESAURUS_CANDIDATES = 16
DOUBLE_SWAP_CANDIDATES = 8
# log10 prior of a thesaurus original against a learnt swap: the spinner's own table lists
# one or two originals per word; the thesaurus lists dozens, most of them never used.
THESAURUS_PRIOR = -1.5


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str
    prior: float  # log10 of how likely the spinner put the spun word in for this one
    learned: bool  # from the learnt spinner swaps (else the thesaurus)


@dataclass(frozen=True, slots=True)
class BackSubstitution:
    gain: float  # log10(count of the phrase reached / table floor) + 1, clipped; 0 when none
    left: str
    right: str
    learned: bool  # a learnt swap took part
    score: float  # gain plus the swaps' priors: what ranks the choices


NO_SUBSTITUTION = BackSubstitution(0.0, "", "", False, -math.inf)


def zipf(counts: NgramCounts, word: str) -> float:
    """Zipf frequency: log10 of occurrences per billion words (0 for unseen words)."""
    count = counts.unigram(word)
    return math.log10(count * 1e9 / counts.total) if count else 0.0


def odd_pair(table: PhraseTable, left: str, right: str) -> float:
    """How surprising it is that a pair is not listed: log10(expected count / table floor).

    Two words that are each frequent would meet often by chance alone; when no table lists
    them together, the pair is not English ("likely of"). A listed pair scores 0."""
    if table.known(left, right):
        return 0.0
    counts = table.counts
    expected = counts.unigram(left) * counts.unigram(right) / counts.total
    if expected <= table.floor:
        return 0.0
    return min(_ODD_CLIP, math.log10(expected / table.floor))


def thesaurus_originals(thesaurus: Thesaurus, counts: NgramCounts, word: str) -> tuple[str, ...]:
    """Words the spinner may have replaced by `word`; plurals are looked up by their singular."""
    found = thesaurus.originals(word)
    if found or not word.endswith("s"):
        return found
    for singular, suffixes in ((word[:-1], ("s",)), (word[:-2], ("es", "s"))):
        originals = thesaurus.originals(singular) if len(singular) > 2 else ()
        if originals:
            plural = []
            for original in originals:
                for suffix in suffixes:
                    if counts.unigram(original + suffix):
                        plural.append(original + suffix)
                        break
            return tuple(plural)
    return ()


def word_candidates(
    word: str,
    swaps: SwapTable | None,
    thesaurus: Thesaurus,
    counts: NgramCounts,
    function_words: frozenset[str],
) -> tuple[Candidate, ...]:
    """The learnt originals of `word` (priors from their counts), then thesaurus originals."""
    found: list[Candidate] = []
    seen = {word}
    if swaps is not None:
        learned = swaps.originals(word)
        total = sum(count for _, count in learned)
        for original, count in learned:
            if original not in seen:
                seen.add(original)
                found.append(Candidate(original, math.log10(count / total), True))
    for original in thesaurus_originals(thesaurus, counts, word)[:THESAURUS_CANDIDATES]:
        if original not in seen and original not in function_words:
            seen.add(original)
            found.append(Candidate(original, THESAURUS_PRIOR, False))
    return tuple(found)


def pair_gain(table: PhraseTable, left: str, right: str) -> float:
    count = table.pair(left, right)
    return min(_GAIN_CLIP, math.log10(count / table.floor) + 1.0) if count else 0.0


def back_substitution(
    table: PhraseTable,
    left: str,
    right: str,
    left_candidates: tuple[Candidate, ...],
    right_candidates: tuple[Candidate, ...],
) -> BackSubstitution:
    """The established phrase best reached by swapping one or both words of an unlisted pair.

    Every learnt candidate takes part; thesaurus candidates pair up only among the first few,
    since a two-word search costs the product of the lists."""
    if table.known(left, right):
        return NO_SUBSTITUTION
    best = NO_SUBSTITUTION
    for candidate in left_candidates:
        gain = pair_gain(table, candidate.word, right)
        if gain and gain + candidate.prior > best.score:
            best = BackSubstitution(gain, candidate.word, right, candidate.learned, gain + candidate.prior)
    for candidate in right_candidates:
        gain = pair_gain(table, left, candidate.word)
        if gain and gain + candidate.prior > best.score:
            best = BackSubstitution(gain, left, candidate.word, candidate.learned, gain + candidate.prior)
    lefts = [c for i, c in enumerate(left_candidates) if c.learned or i < DOUBLE_SWAP_CANDIDATES]
    rights = [c for i, c in enumerate(right_candidates) if c.learned or i < DOUBLE_SWAP_CANDIDATES]
    for first in lefts:
        for second in rights:
            gain = pair_gain(table, first.word, second.word)
            score = gain + first.prior + second.prior
            if gain and score > best.score:
                best = BackSubstitution(gain, first.word, second.word, first.learned or second.learned, score)
    return best
