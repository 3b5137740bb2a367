"""The spin-robust form of a text: its *frame*, and the rare words sampled along it.

An article spinner swaps content words for synonyms, one for one or one for a few, and
leaves the grammar alone: articles, pronouns, auxiliaries, most prepositions and
conjunctions, numbers and punctuation stay where they were. The frame is that grammar:
every function word, number and punctuation mark kept, every run of content words folded
into one slot ("the _ of _ , which _ in 2015 ."). Frame n-grams match between a spun copy
and its original whatever thesaurus the spinner used, and distinct articles, even on one
subject by one author, share almost none of them (about 0.02 Jaccard on real articles, 0.3
and more between a heavily spun copy and its original: BENCHMARKS.md).

A frame alone cannot tell a spun copy from another text poured into the same sentence
template (generated pages). The *aligned sample* can: for each rare content word (outside
the most common English words), its frame context (three frame tokens either side) is a key
that names its position independently of the words around it; a spun copy keeps many of
its rare words (names, terms) at the same keys, a templated text fills them with other
words. A bottom-k sample of (key, word) pairs is kept per document, so two documents are
compared on the keys both sampled (`pipeline.dedup.agreement`).

The frame is English: text with few English function words gets no frame (only exact and
near matching apply to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from pipeline.dedup.shingles import TokenHasher, shingle_hashes, window_hashes

# Closed-class English words (determiners, pronouns, prepositions, conjunctions, auxiliaries
# and modals, negation, the pieces of contractions): the words a synonym spinner leaves in
# place. Open-class words (nouns, verbs, adjectives, adverbs) are what it swaps.
FUNCTION_WORDS = frozenset("""
a an the this that these those each every either neither some any no all both half another other
such what which whose i me my mine myself we us our ours ourselves you your yours yourself
yourselves he him his himself she her hers herself it its itself they them their theirs
themselves who whom whoever whatever whichever
about above across after against along among around as at before behind below beneath beside
between beyond but by despite down during except for from in inside into like near of off on
onto out outside over past since through throughout till to toward towards under underneath
until up upon via with within without
and or nor so yet because although though while whereas if unless whether than then when where
why how once
be is am are was were been being have has had having do does did doing done will would shall
should can could may might must not there here
s t d ll re ve m don doesn didn isn aren wasn weren won couldn shouldn wouldn hasn haven hadn
""".split())
# Words (letters and digits of any script) and the punctuation a spinner keeps; an apostrophe
# splits ("don't" -> don, t). The standard `re` is several times faster than `regex` here.
_TOKEN = re.compile(r"[^\W_]+|[.,;:!?()\"]")
_SLOT = "\x00slot"  # the token standing for a content word (never produced by _TOKEN)
_EDGE = "\x00edge"  # pads frame contexts at the start and end of the text
CONTEXT = 3  # frame tokens either side of a rare word that make its key


@dataclass(slots=True)
class Frame:
    """One text's frame shingles and aligned sample (keys sorted, words in key order)."""

    shingles: np.ndarray  # sorted unique uint32 hashes of frame n-grams
    keys: np.ndarray  # uint32, the smallest keys of unique rare-word positions
    words: np.ndarray  # uint16, hash of the rare word at each key


# What a token is to the frame: its kind decides whether it stays or becomes a slot.
_MARK, _FUNCTION, _COMMON, _RARE = 0, 1, 2, 3


class FrameReader:
    """Frames of texts under one setting. Each distinct token is classified and hashed once
    (a vocabulary of codes), so a text costs one dictionary look-up per token."""

    def __init__(self, common: frozenset[str], shingle_size: int, sample_size: int,
                 min_function_share: float) -> None:
        self._common = common
        self._shingle_size = shingle_size
        self._sample_size = sample_size
        self._min_function_share = min_function_share
        self._hasher = TokenHasher()
        self._slot, self._edge = self._hasher([_SLOT, _EDGE]).tolist()
        self._codes: dict[str, int] = {}
        self._kinds = np.zeros(1024, dtype=np.int8)
        self._frame_hashes = np.zeros(1024, dtype=np.uint64)  # the token, or the slot
        self._word_hashes = np.zeros(1024, dtype=np.uint16)  # the token, for the aligned sample

    def __call__(self, case_folded: str) -> Frame | None:
        """The frame of a text (NFKC and case-folded, `normalize.fold_case`), or None when too few
        of its words are English function words."""
        codes = self._codes
        if len(codes) > 500_000:  # bound the vocabulary on an endless stream of new tokens
            codes.clear()
        learn = self._learn
        found = np.array([codes[token] if token in codes else learn(token)
                          for token in _TOKEN.findall(case_folded)],
                         dtype=np.int64)
        kinds = self._kinds[found]
        words = np.count_nonzero(kinds != _MARK)
        if words == 0 or np.count_nonzero(kinds == _FUNCTION) < self._min_function_share * words:
            return None
        hashes = self._frame_hashes[found]
        content = kinds >= _COMMON
        collapsed = hashes[~(content & np.concatenate(([False], content[:-1])))]
        keys, rare_words = self._sample(found, hashes, kinds)
        return Frame(shingle_hashes(collapsed, self._shingle_size), keys, rare_words)

    def _learn(self, token: str) -> int:
        code = len(self._codes)
        self._codes[token] = code
        if code >= len(self._kinds):
            self._kinds = np.resize(self._kinds, 2 * code)
            self._frame_hashes = np.resize(self._frame_hashes, 2 * code)
            self._word_hashes = np.resize(self._word_hashes, 2 * code)
        kind = self._kind(token)
        token_hash = int(self._hasher([token])[0])
        self._kinds[code] = kind
        self._frame_hashes[code] = token_hash if kind <= _FUNCTION else self._slot
        self._word_hashes[code] = token_hash & 0xFFFF
        return code

    def _kind(self, token: str) -> int:
        if not token.isalnum():
            return _MARK
        if token in FUNCTION_WORDS or any(character.isdigit() for character in token):
            return _FUNCTION
        return _COMMON if token in self._common or len(token) < 3 else _RARE

    def _sample(
        self, found: np.ndarray, hashes: np.ndarray, kinds: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Bottom-k (key, word) pairs over the rare words whose key occurs once in the text."""
        positions = np.flatnonzero(kinds == _RARE)
        if len(positions) == 0:
            return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.uint16)
        edge = np.full(CONTEXT, self._edge, dtype=np.uint64)
        padded = np.concatenate((edge, hashes, edge))
        windows = window_hashes(padded, 2 * CONTEXT + 1)[positions]  # centred on each position
        unique, first, counts = np.unique(windows, return_index=True, return_counts=True)
        once = counts == 1
        keys, chosen = unique[once][: self._sample_size], positions[first[once][: self._sample_size]]
        return keys, self._word_hashes[found[chosen]]
