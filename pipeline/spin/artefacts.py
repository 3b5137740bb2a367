"""Spinner artefacts: traces a spinner leaves besides odd phrases.

- a capitalised common word alone inside a sentence ("stress Ailments"): the spinner's
  synonym table kept the case of the phrase it came from;
- a lowercase common word in a title-case heading ("An extensive Overview");
- function-word phrases a spinner trades for each other ("being an" for "as an"), flagged
  only where the word before takes the original far more often ("emerged like a").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.spin.resources import NgramCounts, Thesaurus
from pipeline.spin.text import Token

# A capital is a spinner artefact only on a word at least this common in lower case (about the
# 80,000 most common words): rarer capitalised words are names, brands and terms.
_CAPITAL_MIN_COUNT = 300_000
_GAIN_CLIP = 4.0


@dataclass(frozen=True, slots=True)
class SpinVocabulary:
    """Small word lists that ship as data files."""

    function_words: frozenset[str]
    always_capitalised: frozenset[str]
    phrase_swaps: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # spun words, original words
    known_phrases: dict[tuple[str, ...], str]  # spun words -> original


def in_thesaurus(thesaurus: Thesaurus, word: str) -> bool:
    """The word, or its stem under a regular English ending, has a thesaurus entry: a common
    word rather than a name ("ailments" -> "ailment", "using" -> "use")."""
    stems = [word]
    for ending, restore in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(ending) and len(word) - len(ending) > 2:
            stems.append(word[: -len(ending)] + restore)
    return any(thesaurus.has_entry(stem) for stem in stems)


def heading_case_artefacts(tokens: list[Token], thesaurus: Thesaurus) -> set[int]:
    """Lowercase common words in a heading whose other content words are all capitalised
    ("An extensive Overview"): the spinner's synonym kept its own case, not the title's."""
    lines: dict[int, list[int]] = {}
    for index, token in enumerate(tokens):
        if token.heading and not token.function:
            lines.setdefault(token.line, []).append(index)
    found: set[int] = set()
    for members in lines.values():
        lower = [i for i in members if tokens[i].text[:1].islower()]
        # one odd word among at least two capitalised ones; a heading in sentence case has many
        if len(lower) == 1 and len(members) >= 3 and in_thesaurus(thesaurus, tokens[lower[0]].lower):
            found.add(lower[0])
    return found


def is_capital_artefact(
    tokens: list[Token], index: int, counts: NgramCounts, thesaurus: Thesaurus, vocabulary: SpinVocabulary
) -> bool:
    """A common word written capitalised, alone, inside a sentence of running text."""
    token = tokens[index]
    head = token.text.split("-", 1)[0]
    if token.sentence_start or token.heading or not (head[:1].isupper() and head[1:].islower()):
        return False
    if any(part[:1].isupper() for part in token.text.split("-")[1:]) and "-" not in token.lower[1:]:
        return False
    lower = token.lower
    if lower in vocabulary.always_capitalised or lower in thesaurus.capitalised_words:
        return False
    if thesaurus.written_capitalised(lower):
        return False
    if counts.unigram(lower) < _CAPITAL_MIN_COUNT or not in_thesaurus(thesaurus, lower.split("-")[0]):
        return False
    # a run of capitalised words is a name or a term ("Long Island", "Big Data"), not an artefact
    if token.joined_left and tokens[index - 1].text[:1].isupper():
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and following.joined_left and following.text[:1].isupper():
        return False
    return True


def phrase_swap_matches(
    tokens: list[Token], counts: NgramCounts, vocabulary: SpinVocabulary
) -> dict[int, tuple[float, int, str]]:
    """Function-word phrases a spinner trades ("being an" for "as an"), judged by their context.

    Returns the index of the phrase's first word -> (log10 gain of the original phrase after
    the previous word, number of words, the original phrase). "like a" after "looks" is fine
    English; after "emerged" the original "as a" is far more frequent.
    """
    found: dict[int, tuple[float, int, str]] = {}
    floor = counts.bigram_floor
    by_first: dict[str, list] = {}
    for spun, original in vocabulary.phrase_swaps:
        by_first.setdefault(spun[0], []).append((spun, original))
    for index in range(1, len(tokens)):
        candidates = by_first.get(tokens[index].lower)
        if candidates is None or not tokens[index].joined_left:
            continue
        previous = tokens[index - 1].lower
        for spun, original in candidates:
            size = len(spun)
            window = tokens[index : index + size]
            if len(window) < size or any(t.lower != w for t, w in zip(window, spun, strict=True)):
                continue
            if any(not t.joined_left for t in window[1:]):
                continue
            here = counts.bigram(previous, spun[0]) + floor
            there = counts.bigram(previous, original[0]) + floor
            gain = min(_GAIN_CLIP, math.log10(there / here))
            if gain > found.get(index, (0.0,))[0]:
                found[index] = (gain, size, " ".join(original))
    return found


def known_phrase_hits(tokens: list[Token], vocabulary: SpinVocabulary) -> dict[int, tuple[int, str]]:
    """Listed spun phrases ("counterfeit consciousness"): first index -> (words, original)."""
    hits: dict[int, tuple[int, str]] = {}
    known = vocabulary.known_phrases
    first_words = {key[0] for key in known}
    for index, token in enumerate(tokens):
        if token.lower not in first_words:
            continue
        for size in (3, 2, 1):
            key = tuple(t.lower for t in tokens[index : index + size])
            if len(key) == size and key in known:
                if all(t.joined_left for t in tokens[index + 1 : index + size]):
                    hits[index] = (size, known[key])
                    break
    return hits
