"""Per-word evidence, word probabilities, spans with their likely originals, a document score.

Every function is pure: text and loaded resources in, numbers and spans out. The signals of
each content word are combined by a logistic model whose coefficients ship in
`pipeline/data/spin/model.json` (fitted by `benchmarks/spin_fit.py` on real tortured phrases
placed in real sentences). The model has two word parts: one that reads the learnt spinner
swaps and one fitted without them (`use_swaps=False`), so the detector can run, and be
measured, on general resources alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.spin.artefacts import (
    SpinVocabulary,
    heading_case_artefacts,
    is_capital_artefact,
    known_phrase_hits,
    phrase_swap_matches,
)
from pipeline.spin.phrases import PhraseTable
from pipeline.spin.resources import Thesaurus
from pipeline.spin.spans import group_spans, likely_original
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
from pipeline.spin.text import Token, in_name, name_like, tokenize

FEATURES = (
    "spinner_odds",  # learnt: log-odds that the word is a spinner's swap rather than a term's word
    "learned_swap",  # learnt: the spinner is known to put this word in for another
    "neighbour_odds",  # learnt: the strongest spinner_odds of the joined content neighbours
    "unlisted",  # share of the word's pairs with its joined neighbours that no phrase table lists
    "odd",  # the strongest odd_pair of those pairs
    "back_gain",  # how established the phrase reached by swapping this word back is
    "back_learned",  # learnt: that back-substitution used a learnt swap
    "rarity",  # how much rarer than an everyday word (Zipf 5.5) it is, 0-3; 0 if unseen
    "thesaurus",  # the thesaurus lists originals for it (a dictionary word, not a name or term)
    "capital",  # a capitalised common word inside a sentence, or lowercase in a title-case heading
    "phrase_swap",  # log10 gain of a function-phrase swap ("being an" -> "as an")
)
LEARNED_FEATURES = frozenset({"spinner_odds", "learned_swap", "neighbour_odds", "back_learned"})
# Pseudo-words of plain text added to every document's count: a two-sentence text with one
# flagged word is not "10% spun"; evidence has to build up over a page before it counts.
DOCUMENT_PRIOR_WORDS = 40
# How many of the strongest word probabilities the document score averages.
DOCUMENT_TOP_WORDS = 5
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Logistic:
    weights: tuple[float, ...]
    bias: float

    def __call__(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


@dataclass(frozen=True, slots=True)
class SpinModel:
    word: Logistic  # over FEATURES
    general_word: Logistic  # fitted with the learnt features held at 0
    document: Logistic  # over document_features()
    general_document: Logistic


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

    def candidates(self, word: str, use_swaps: bool) -> tuple[Candidate, ...]:
        key = (word, use_swaps)
        found = self.candidate_cache.get(key)
        if found is None:
            if len(self.candidate_cache) > _CACHE_LIMIT:
                self.candidate_cache.clear()
            found = self.candidate_cache[key] = word_candidates(
                word, self.swaps if use_swaps else None, self.thesaurus, self.phrases.counts,
                self.vocabulary.function_words,
            )
        return found

    def pair(self, left: str, right: str, content: bool, use_swaps: bool) -> tuple[bool, float, BackSubstitution]:
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
                    self.phrases, left, right, self.candidates(left, use_swaps), self.candidates(right, use_swaps)
                )
            found = self.pair_cache[key] = (listed, odd_pair(self.phrases, left, right), substitution)
        return found


@dataclass(frozen=True, slots=True)
class SpinSpan:
    start: int
    end: int
    text: str
    likely: str | None
    score: float


@dataclass(frozen=True, slots=True)
class SpinResult:
    score: float
    spans: tuple[SpinSpan, ...]
    words: int
    flagged_words: int


def scored(tokens: list[Token], index: int) -> bool:
    """A content word the detector judges (not a function word, number, acronym or name)."""
    token = tokens[index]
    return not (token.function or token.text.isupper() or len(token.lower) < 3 or in_name(tokens, index))


def word_features(
    tokens: list[Token], resources: SpinResources, use_swaps: bool
) -> tuple[list[list[float] | None], dict[int, tuple[int, BackSubstitution]]]:
    """Feature rows (None for words not judged) and, per word, its best back-substitution with
    the index of the neighbour it pairs with."""
    judged = [scored(tokens, i) for i in range(len(tokens))]
    swaps = resources.swaps
    odds = [swaps.spinner_odds(t.lower) if use_swaps and judged[i] else 0.0 for i, t in enumerate(tokens)]
    pair_facts: dict[int, tuple[bool, float, BackSubstitution]] = {}  # by the right word's index
    for index in range(1, len(tokens)):
        left, right = tokens[index - 1], tokens[index]
        if right.joined_left and not name_like(left) and not name_like(right):
            content = judged[index - 1] and judged[index]
            pair_facts[index] = resources.pair(left.lower, right.lower, content, use_swaps)
    capitals = heading_case_artefacts(tokens, resources.thesaurus)
    phrases = phrase_swap_matches(tokens, resources.phrases.counts, resources.vocabulary)
    phrase_gain: dict[int, float] = {}
    for start, (gain, size, _) in phrases.items():
        for inside in range(start, start + size):
            phrase_gain[inside] = max(phrase_gain.get(inside, 0.0), gain)
    rows: list[list[float] | None] = []
    partners: dict[int, tuple[int, BackSubstitution]] = {}
    for index, token in enumerate(tokens):
        if not judged[index] and index not in phrase_gain:
            rows.append(None)
            continue
        sides = []
        best: tuple[int, BackSubstitution] | None = None
        for facts, neighbour, is_left in ((pair_facts.get(index), index - 1, True),
                                          (pair_facts.get(index + 1), index + 1, False)):
            if facts is None:
                continue
            sides.append(facts)
            substitution = facts[2]
            changed = (substitution.right if is_left else substitution.left) != token.lower
            if changed and (best is None or substitution.score > best[1].score):
                best = (neighbour, substitution)
        if best is not None:
            partners[index] = best
        neighbour_odds = max(
            (odds[n] for n in (index - 1, index + 1) if 0 <= n < len(tokens) and judged[n]
             and (tokens[index].joined_left if n < index else tokens[n].joined_left)),
            default=0.0,
        )
        frequency = zipf(resources.phrases.counts, token.lower)
        substitution = best[1] if best is not None else NO_SUBSTITUTION
        capital = index in capitals or is_capital_artefact(
            tokens, index, resources.phrases.counts, resources.thesaurus, resources.vocabulary
        )
        rows.append([
            odds[index],
            float(use_swaps and bool(swaps.originals(token.lower))),
            neighbour_odds,
            sum(not listed for listed, _, _ in sides) / len(sides) if sides else 0.0,
            max((odd for _, odd, _ in sides), default=0.0),
            substitution.gain,
            float(use_swaps and substitution.learned),
            min(3.0, max(0.0, 5.5 - frequency)) if frequency else 0.0,
            float(any(not c.learned for c in resources.candidates(token.lower, False))),
            float(capital),
            phrase_gain.get(index, 0.0),
        ])
    return rows, partners


def document_features(probabilities: list[float], threshold: float) -> list[float]:
    """Flagged words per 100 judged words (with a prior of plain words) and the mean of the
    strongest word probabilities (missing ones count as 0)."""
    flagged = sum(p >= threshold for p in probabilities)
    strongest = sorted(probabilities, reverse=True)[:DOCUMENT_TOP_WORDS]
    return [100.0 * flagged / (len(probabilities) + DOCUMENT_PRIOR_WORDS), sum(strongest) / DOCUMENT_TOP_WORDS]


def detect_spin(
    text: str,
    resources: SpinResources,
    *,
    word_threshold: float,
    use_swaps: bool = True,
    use_known_phrases: bool = False,
    known_phrase_score: float = 0.95,
) -> SpinResult:
    """Spans of likely spun phrases (offsets into `text`) and a document spin score in [0, 1]."""
    tokens = tokenize(text, resources.vocabulary.function_words)
    rows, partners = word_features(tokens, resources, use_swaps)
    model = resources.model.word if use_swaps else resources.model.general_word
    probability = {i: model(row) for i, row in enumerate(rows) if row is not None}
    flagged = {i for i, p in probability.items() if p >= word_threshold}
    fixed: dict[int, str] = {}
    for start, (_, size, original) in phrase_swap_matches(
        tokens, resources.phrases.counts, resources.vocabulary
    ).items():
        if any(i in flagged for i in range(start, start + size)):
            flagged.update(range(start, start + size))
            fixed.update({i: original if i == start else "" for i in range(start, start + size)})
    if use_known_phrases:
        for start, (size, original) in known_phrase_hits(tokens, resources.vocabulary).items():
            for inside in range(start, start + size):
                probability[inside] = max(probability.get(inside, 0.0), known_phrase_score)
                flagged.add(inside)
                fixed[inside] = original if inside == start else ""
    document = resources.model.document if use_swaps else resources.model.general_document
    score = document(document_features(list(probability.values()), word_threshold))
    judged = [scored(tokens, i) for i in range(len(tokens))]
    groups = group_spans(tokens, flagged, {i: n for i, (n, _) in partners.items()}, judged)
    spans = []
    for group in groups:
        options = {i: resources.candidates(tokens[i].lower, use_swaps) for i in group if judged[i]}
        likely = likely_original(resources.phrases, tokens, group, options, flagged, fixed)
        start, end = tokens[group[0]].start, tokens[group[-1]].end
        strongest = max((probability.get(i, 0.0) for i in group if i in flagged), default=0.0)
        spans.append(SpinSpan(start, end, text[start:end], likely, round(strongest, 4)))
    return SpinResult(score, tuple(spans), len(tokens), len(flagged))
