"""Per-word evidence, word probabilities, spans with their likely originals, a document score.

Every function is pure: text and loaded resources in, numbers and spans out. The signals of
each content word are combined by a logistic model whose coefficients ship in
`pipeline/data/spin/model.json` (fitted by `benchmarks/spin_fit.py` on real tortured phrases
placed in real sentences). The model has two word parts: one that reads the learnt spinner
swaps and one fitted without them (`use_swaps=False`), so the detector can run, and be
measured, on general resources alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.spin.artefacts import (
    heading_case_artefacts,
    is_capital_artefact,
    known_phrase_hits,
    phrase_swap_matches,
)
from pipeline.spin.lookup import Logistic, SpinResources
from pipeline.spin.signals import NO_SUBSTITUTION, BackSubstitution
from pipeline.spin.spans import group_spans, likely_original
from pipeline.spin.text import Token, in_name, name_like, tokenize

FEATURES = (
    "spinner_odds",  # learnt: log-odds that the word is a spinner's swap rather than a term's word
    "learned_swap",  # learnt: the spinner is known to put this word in for another
    "neighbour_lift",  # learnt: the strongest spinner_lift of the joined content neighbours
    "unlisted",  # share of the word's pairs with its joined neighbours that no phrase table lists
    "odd",  # the strongest odd_pair of those pairs
    "back_gain",  # how established the phrase reached by swapping this word back is
    "back_learned",  # learnt: that back-substitution used a learnt swap
    "rarity",  # how much rarer than an everyday word (Zipf 5.5) it is, 0-3; 0 if unseen
    "thesaurus",  # the thesaurus lists originals for it (a dictionary word, not a name or term)
    "capital",  # a capitalised common word inside a sentence, or lowercase in a title-case heading
    "phrase_swap",  # log10 gain of a function-phrase swap ("being an" -> "as an")
    "lift_unlisted",  # learnt: spinner_lift (when above 0) times unlisted: a swap in an odd pair
    "neighbour_unlisted",  # learnt: neighbour_lift (when above 0) times unlisted
    "original_termness",  # learnt: how typical of ordinary terms the word's best candidate is
    "spinner_lift",  # learnt: log10 over-representation among the spinner's swaps vs English
    "term_lift",  # learnt: the same among the words of ordinary terms
)
LEARNED_FEATURES = frozenset(
    {
        "spinner_odds",
        "learned_swap",
        "neighbour_lift",
        "back_learned",
        "lift_unlisted",
        "neighbour_unlisted",
        "original_termness",
        "spinner_lift",
        "term_lift",
    }
)
# Pseudo-words of plain text added to every document's count: a two-sentence text with one
# flagged word is not "10% spun"; evidence has to build up over a page before it counts.
DOCUMENT_PRIOR_WORDS = 40
# How many of the strongest word probabilities the document score averages.
DOCUMENT_TOP_WORDS = 5


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
    lower = token.lower
    if token.function or len(lower) < 3 or "'" in lower:
        return False
    text = token.text
    # only a capitalised word can be an acronym or part of a name
    return not (text[:1].isupper() and (text.isupper() or in_name(tokens, index)))


def _pair_facts(
    tokens: list[Token], resources: SpinResources, judged: list[bool], names: list[bool], use_swaps: bool
) -> dict[int, tuple[bool, float, BackSubstitution]]:
    """(listed, odd, back-substitution) of every joined pair, by the right word's index; pairs
    with a capitalised word in running text are a blind spot of the lowercase tables, skipped."""
    found = {}
    for index in range(1, len(tokens)):
        if tokens[index].joined_left and not names[index - 1] and not names[index]:
            content = judged[index - 1] and judged[index]
            found[index] = resources.pair(tokens[index - 1].lower, tokens[index].lower, content, use_swaps)
    return found


def _sides(
    token: Token, index: int, pair_facts: dict
) -> tuple[float, float, tuple[int, BackSubstitution] | None]:
    """Over the word's joined pairs: the share no table lists, the strongest odd_pair (0 with
    no pair), and the back-substitution that changes this word with the best score, with the
    index of the neighbour it pairs with."""
    unlisted = 0
    odd = None
    best: tuple[int, BackSubstitution] | None = None
    sides = 0
    for side, neighbour, is_left in ((pair_facts.get(index), index - 1, True),
                                     (pair_facts.get(index + 1), index + 1, False)):  # fmt: skip
        if side is None:
            continue
        sides += 1
        listed, side_odd, substitution = side
        unlisted += not listed
        odd = side_odd if odd is None or side_odd > odd else odd
        changed = (substitution.right if is_left else substitution.left) != token.lower
        if changed and (best is None or substitution.score > best[1].score):
            best = (neighbour, substitution)
    return (unlisted / sides if sides else 0.0), (odd if odd is not None else 0.0), best


@dataclass(frozen=True, slots=True)
class Evidence:
    """What word_features finds in one text."""

    rows: list[list[float] | None]  # feature rows, None for words not judged
    partners: dict[int, tuple[int, BackSubstitution]]  # best back-substitution, with its neighbour
    judged: list[bool]
    phrase_swaps: dict[int, tuple[float, int, str]]  # phrase_swap_matches()


def word_features(tokens: list[Token], resources: SpinResources, use_swaps: bool) -> Evidence:
    """The signals of every judged word, and its best back-substitution with the index of the
    neighbour it pairs with."""
    judged = [scored(tokens, i) for i in range(len(tokens))]
    facts = [resources.word_facts(t.lower, use_swaps) if judged[i] else None for i, t in enumerate(tokens)]
    names = [t.text[:1].isupper() and name_like(t) for t in tokens]
    pair_facts = _pair_facts(tokens, resources, judged, names, use_swaps)
    capitals = heading_case_artefacts(tokens, resources.thesaurus)
    phrases = phrase_swap_matches(tokens, resources.phrases.counts, resources.vocabulary)
    phrase_gain: dict[int, float] = {}
    for start, (gain, size, _) in phrases.items():
        for inside in range(start, start + size):
            phrase_gain[inside] = max(phrase_gain.get(inside, 0.0), gain)
    rows: list[list[float] | None] = []
    partners: dict[int, tuple[int, BackSubstitution]] = {}
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        word = facts[index]
        if word is None and index not in phrase_gain:
            rows.append(None)
            continue
        if word is None:
            word = resources.word_facts(token.lower, use_swaps)
        unlisted, odd, best = _sides(token, index, pair_facts)
        if best is not None:
            partners[index] = best
        left = facts[index - 1] if index > 0 and token.joined_left else None
        right = facts[index + 1] if index < last and tokens[index + 1].joined_left else None
        # the left neighbour's lift, else 0; the right one's where it is higher
        neighbour_lift = left[2] if left is not None else 0.0
        if right is not None:
            neighbour_lift = max(neighbour_lift, right[2])
        substitution = best[1] if best is not None else NO_SUBSTITUTION
        capital = index in capitals or (
            names[index]
            and is_capital_artefact(
                tokens, index, resources.phrases.counts, resources.thesaurus, resources.vocabulary
            )
        )
        odds, learned, spinner_lift, term_lift, rarity, thesaurus, termness = word
        rows.append([
            odds, learned, neighbour_lift, unlisted, odd, substitution.gain,
            float(use_swaps and substitution.learned), rarity, thesaurus, float(capital),
            phrase_gain.get(index, 0.0), max(0.0, spinner_lift) * unlisted,
            max(0.0, neighbour_lift) * unlisted, termness, spinner_lift, term_lift,
        ])  # fmt: skip
    return Evidence(rows, partners, judged, phrases)


# The neighbour logit of a word with no judged neighbour joined to it.
NO_NEIGHBOUR = -8.0


def neighbours_of(tokens: list[Token], rows: list, index: int) -> tuple[int, int]:
    """The indexes of a token's joined judged neighbours, left and right (-1 for none)."""
    left = index - 1 if index > 0 and tokens[index].joined_left and rows[index - 1] is not None else -1
    right = index + 1
    if right >= len(tokens) or not tokens[right].joined_left or rows[right] is None:
        right = -1
    return left, right


def neighbours(tokens: list[Token], rows: list) -> list[tuple[int, int]]:
    return [neighbours_of(tokens, rows, i) for i in range(len(tokens))]


def word_probabilities(
    tokens: list[Token], rows: list, word: Logistic, context: Logistic
) -> dict[int, float]:
    indexes = [i for i, row in enumerate(rows) if row is not None]
    if not indexes:
        return {}
    logits = np.clip(np.array([rows[i] for i in indexes]) @ np.array(word.weights) + word.bias, -8.0, 8.0)
    position = np.full(len(tokens) + 1, len(indexes))  # the pad slot for "no neighbour"
    position[indexes] = np.arange(len(indexes))
    padded = np.append(logits, NO_NEIGHBOUR)
    sides = np.array([neighbours_of(tokens, rows, i) for i in indexes])
    around = np.maximum(padded[position[sides[:, 0]]], padded[position[sides[:, 1]]])
    weights = context.weights
    z = np.clip(context.bias + weights[0] * logits + weights[1] * around, -40.0, 40.0)
    return dict(zip(indexes, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))


def document_features(probabilities: list[float], threshold: float) -> list[float]:
    """Flagged words per 100 judged words (with a prior of plain words) and the mean of the
    strongest word probabilities (missing ones count as 0)."""
    flagged = sum(p >= threshold for p in probabilities)
    strongest = sorted(probabilities, reverse=True)[:DOCUMENT_TOP_WORDS]
    return [
        100.0 * flagged / (len(probabilities) + DOCUMENT_PRIOR_WORDS),
        sum(strongest) / DOCUMENT_TOP_WORDS,
    ]


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
    evidence = word_features(tokens, resources, use_swaps)
    word, context, document = resources.model.parts(use_swaps)
    probability = word_probabilities(tokens, evidence.rows, word, context)
    flagged = {i for i, p in probability.items() if p >= word_threshold}
    fixed: dict[int, str] = {}
    for start, (_, size, original) in evidence.phrase_swaps.items():
        if any(i in flagged for i in range(start, start + size)):
            flagged.update(range(start, start + size))
            fixed.update({i: original if i == start else "" for i in range(start, start + size)})
    if use_known_phrases:
        for start, (size, original) in known_phrase_hits(tokens, resources.vocabulary).items():
            for inside in range(start, start + size):
                probability[inside] = max(probability.get(inside, 0.0), known_phrase_score)
                flagged.add(inside)
                fixed[inside] = original if inside == start else ""
    score = document(document_features(list(probability.values()), word_threshold))
    judged = evidence.judged
    groups = group_spans(tokens, flagged, {i: n for i, (n, _) in evidence.partners.items()}, judged)
    spans = []
    for group in groups:
        options = {i: resources.candidates(tokens[i].lower, use_swaps) for i in group if judged[i]}
        likely = likely_original(resources.phrases, tokens, group, options, flagged, fixed)
        start, end = tokens[group[0]].start, tokens[group[-1]].end
        strongest = max((probability.get(i, 0.0) for i in group if i in flagged), default=0.0)
        spans.append(SpinSpan(start, end, text[start:end], likely, round(strongest, 4)))
    return SpinResult(score, tuple(spans), len(tokens), len(flagged))
