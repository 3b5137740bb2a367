"""The product slot of a sales anchor: the words a phrase sells, when no list knows them.

Sales anchors follow a few shapes ("buy <x> online", "<x> for sale <place>", "cheap <x>
<place>", "also try <x> <place>"), whatever they sell: counterfeits, gambling, essays, a
drug the lists do not hold. A lower-case content word touching a buying cue or a place is
a *guessed* product. A guess alone proves nothing (prose writes "buy cheap flights
online"), so a phrase built on one must show evidence of its shape: a place in lower case,
an invitation before it, a cue only sales copy writes ("for sale", "near me"), cues on
both sides of the product, a product word that is rare in English. How much evidence is
needed depends on where the phrase sits (see `anchors`)."""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.stages.spam_rules.spans import fold
from pipeline.stages.spam_rules.vocabulary import COMMERCE, INVITATION, JOINER, PLACE, PRODUCT

GUESS = "guessed_product"
# A guessed product runs to at most three words ("1p-lsd blotters", "replica omega watches").
MAX_GUESSED_WORDS = 3
# A guess is lower case letters (digits and inner hyphens allowed: "4-aco-dmt"), 3+ long.
_GUESSABLE = re.compile(r"[a-zà-ÿ0-9]+(?:-[a-zà-ÿ0-9]+)*")
# Cues that open an anchor take the product after them: a word right before one belongs
# to the sentence ("travellers buy", "a senior cheap ..."), never to the product.
_LEADING_CUES = frozenset({"buy", "buying", "order", "purchase", "get", "try", "shop", "cheap",
                           "cheapest", "discount", "best", "top", "legit"})
# In a guessed run that holds a rare word, common words before it (zipf 4 and up:
# "regional", "local") are the sentence's, not the product's.
_COMMON_ZIPF = 4.0
_VERB_CUES = frozenset({"buy", "order", "purchase", "get", "try", "shop"})
# Zipf frequency under which a word is rare in English (about once in 1 M words: "nembutal",
# "banknotes"; "flights" or "tickets" are far above it).
_RARE_ZIPF = 3.0
# Points an invitation before the phrase ("also try", "check out") is worth.
INVITATION_EVIDENCE = 2
# Lead-in words that prose writes before a verb as readily as a farm ("visitors can buy",
# "knowing where to buy"): inside a sentence a lead-in made only of them is no evidence; an
# imperative or an adjective ("also try", "check out", "best") is.
_PROSE_LEAD_WORDS = frozenset({"you", "can", "even", "also", "here", "where", "to", "auch", "hier",
                               "jetzt", "aussi", "ici", "ou", "tambien", "aqui", "donde"})


@lru_cache(maxsize=65536)
def is_rare(word: str) -> bool:
    return zipf_frequency(word, "en") < _RARE_ZIPF


@lru_cache(maxsize=65536)
def _is_common(word: str) -> bool:
    return zipf_frequency(word, "en") >= _COMMON_ZIPF


def guessable(text: str, kinds: frozenset[str], function_words: frozenset[str],
              object_verbs: frozenset[str]) -> bool:
    return not kinds and _guessable_word(text, function_words, object_verbs)


@lru_cache(maxsize=65536)
def _guessable_word(text: str, function_words: frozenset[str], object_verbs: frozenset[str]) -> bool:
    folded = fold(text)
    return (len(text) >= 3 and bool(_GUESSABLE.fullmatch(text))
            and folded not in function_words and folded not in object_verbs)


def mark_guesses(texts: list[str], kinds: list[frozenset[str]], connected: list[bool],
                 function_words: frozenset[str], object_verbs: frozenset[str]) -> list[frozenset[str]]:
    """Kinds with GUESS added to runs of up to three guessable words that follow a cue or an
    invitation or come before a cue or a place (`connected[i]`: words i and i+1 are separated
    by spaces only)."""
    result = list(kinds)
    size = len(texts)
    candidate = [guessable(texts[i], kinds[i], function_words, object_verbs) for i in range(size)]
    # A product follows a cue or an invitation ("buy <x>", "also try <x>") and comes before a
    # cue or a place ("<x> online", "<x> uk"): a word after a place or before an invitation
    # belongs to the sentence around the anchor.
    follows = {COMMERCE, INVITATION, PRODUCT}
    precedes = {COMMERCE, PLACE, PRODUCT}
    index = 0
    while index < size:
        if not candidate[index]:
            index += 1
            continue
        end = index
        while end + 1 < size and candidate[end + 1] and connected[end]:
            end += 1
        left = index > 0 and connected[index - 1] and bool(kinds[index - 1] & follows)
        right = end + 1 < size and connected[end] and bool(kinds[end + 1] & precedes)
        before_lead = right and fold(texts[end + 1]) in _LEADING_CUES
        # Attached only on its right and inside a sentence ("... regional <x> for sale"), the
        # run's product starts at its rare word; a cue on its left ("cheap <x> <y>") or a
        # sentence start before it ("... ended. slot <x> for sale") holds the whole run.
        inside = index > 0 and connected[index - 1]
        if (left or right) and not before_lead:
            first = _product_start(texts, index, end) if inside and not left else index
            if end - first < MAX_GUESSED_WORDS:
                for position in range(first, end + 1):
                    result[position] = frozenset({GUESS})
        index = end + 1
    return result


def _product_start(texts: list[str], start: int, end: int) -> int:
    """Where the product of a guessed run starts: at its first rare word, when only common
    words come before that one."""
    for position in range(start, end + 1):
        if is_rare(fold(texts[position])):
            common = all(_is_common(fold(texts[i])) for i in range(start, position))
            return position if common else start
    return start


def shape_evidence(texts: list[str], kinds: list[frozenset[str]], first_core: int,
                   sales_cues: frozenset[str]) -> int:
    """Points of evidence that a phrase is an anchor by its shape (see module)."""
    core_texts, core_kinds = texts[first_core:], kinds[first_core:]
    points = 0
    if any(PLACE in k and t.islower() for t, k in zip(core_texts, core_kinds, strict=True)):
        points += 2
    if first_core > 0:
        points += INVITATION_EVIDENCE
    if any(COMMERCE in k and fold(t) in sales_cues for t, k in zip(core_texts, core_kinds, strict=True)):
        points += 2
    if sum(COMMERCE in k for k in core_kinds) >= 2:
        points += 1
    products = [i for i, k in enumerate(core_kinds) if k & {GUESS, PRODUCT}]
    if products:
        before = [k for k in core_kinds[: products[0]] if not k & {JOINER}]
        after = [k for k in core_kinds[products[-1] + 1 :] if not k & {JOINER}]
        if before and after:
            points += 1
        # a listed product, or a guessed one that is rare in English
        if any(PRODUCT in core_kinds[i] or is_rare(fold(core_texts[i])) for i in products):
            points += 1
    return points


def invites(texts: list[str]) -> bool:
    """A lead-in that invites inside a sentence too ("also try", "check out", "best")."""
    return any(fold(text) not in _PROSE_LEAD_WORDS for text in texts)


def opens_with_verb(texts: list[str]) -> bool:
    """The phrase opens with a buying verb ("buy <x> online"), which prose writes after its
    subject ("patients buy <x> online") as readily as a farm pastes it."""
    return bool(texts) and fold(texts[0]) in _VERB_CUES
