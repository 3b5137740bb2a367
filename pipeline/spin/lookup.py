"""The detector's model and its cached look-ups over the loaded resources.

`SpinResources` holds everything the detector reads, loaded once per process, and caches the
per-word and per-pair work, which repeats across documents (bounded: a cache is emptied when
it outgrows _CACHE_LIMIT entries).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.spin.artefacts import SpinVocabulary
from pipeline.spin.phrases import PhraseTable
from pipeline.spin.resources import Thesaurus
from pipeline.spin.signals import (
    NO_SUBSTITUTION,
    BackSubstitution,
    Candidate,
    back_substitution,
    odd_pair,
    word_candidates,
    zipf,
)
from pipeline.spin.swaps import SwapTable

_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Logistic:
    weights: tuple[float, ...]
    bias: float

    def logit(self, features: list[float]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))

    def __call__(self, features: list[float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, self.logit(features)))))


@dataclass(frozen=True, slots=True)
class SpinModel:
    word: Logistic  # over FEATURES
    context: Logistic  # over context_features(): the word's logit and its neighbours'
    document: Logistic  # over document_features()
    general_word: Logistic  # the same three, fitted with the learnt features held at 0
    general_context: Logistic
    general_document: Logistic

    def parts(self, use_swaps: bool) -> tuple[Logistic, Logistic, Logistic]:
        if use_swaps:
            return self.word, self.context, self.document
        return self.general_word, self.general_context, self.general_document


@dataclass(slots=True)
class SpinResources:
    """Everything the detector reads, loaded once per process; caches the per-word and
    per-pair work, which repeats across documents."""

    phrases: PhraseTable
    thesaurus: Thesaurus
    swaps: SwapTable
    vocabulary: SpinVocabulary
    model: SpinModel
    candidate_cache: dict
    pair_cache: dict
    termness_cache: dict
    word_cache: dict

    def candidates(self, word: str, use_swaps: bool) -> tuple[Candidate, ...]:
        key = (word, use_swaps)
        found = self.candidate_cache.get(key)
        if found is None:
            if len(self.candidate_cache) > _CACHE_LIMIT:
                self.candidate_cache.clear()
            found = self.candidate_cache[key] = word_candidates(
                word,
                self.swaps if use_swaps else None,
                self.thesaurus,
                self.phrases.counts,
                self.vocabulary.function_words,
            )
        return found

    def word_facts(self, word: str, use_swaps: bool) -> tuple[float, ...]:
        """The features of a word that do not depend on its neighbours (cached): spinner odds,
        learnt swap, spinner and term lifts, rarity, thesaurus entry, termness."""
        key = (word, use_swaps)
        found = self.word_cache.get(key)
        if found is None:
            if len(self.word_cache) > _CACHE_LIMIT:
                self.word_cache.clear()
            counts = self.phrases.counts
            frequency = zipf(counts, word)
            rarity = min(3.0, max(0.0, 5.5 - frequency)) if frequency else 0.0
            thesaurus = float(any(not c.learned for c in self.candidates(word, False)))
            if use_swaps:
                lifts = self.swaps.lifts(word, counts.unigram(word) / counts.total)
                found = (
                    self.swaps.spinner_odds(word),
                    float(bool(self.swaps.originals(word))),
                    *lifts,
                    rarity,
                    thesaurus,
                    self.termness(word),
                )
            else:
                found = (0.0, 0.0, 0.0, 0.0, rarity, thesaurus, 0.0)
            self.word_cache[key] = found
        return found

    def termness(self, word: str) -> float:
        """How typical of ordinary terms ("forest", "network") the word's most term-like
        candidate original is: a spinner swaps the words of terms, so a dictionary synonym of a
        term word, standing where the term word would, is suspect ("woodland")."""
        found = self.termness_cache.get(word)
        if found is None:
            if len(self.termness_cache) > _CACHE_LIMIT:
                self.termness_cache.clear()
            odds = self.swaps.spinner_odds
            found = self.termness_cache[word] = max(
                (max(0.0, -odds(c.word)) for c in self.candidates(word, True)), default=0.0
            )
        return found

    def pair(
        self, left: str, right: str, content: bool, use_swaps: bool
    ) -> tuple[bool, float, BackSubstitution]:
        """(listed, odd_pair, back-substitution) of a joined pair; content: both words scored."""
        key = (left, right, content, use_swaps)
        found = self.pair_cache.get(key)
        if found is None:
            if len(self.pair_cache) > _CACHE_LIMIT:
                self.pair_cache.clear()
            listed = self.phrases.known(left, right)
            substitution = NO_SUBSTITUTION
            if not listed and content:
                substitution = back_substitution(
                    self.phrases,
                    left,
                    right,
                    self.candidates(left, use_swaps),
                    self.candidates(right, use_swaps),
                )
            found = self.pair_cache[key] = (listed, odd_pair(self.phrases, left, right), substitution)
        return found
