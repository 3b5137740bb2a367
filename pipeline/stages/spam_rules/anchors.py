"""Commercial anchors: a product named with a buying or geographic cue, standing outside
the grammar of the text around it ("Also try <drug> <country>" after a sentence, a
"<product> <country>" line, "<drug> for sale online" pushed inside a sentence).

A product name alone is never enough: medical prose names the same drugs. The phrase
must carry a cue, and where it sits decides: alone on a line, appended after a sentence
that has ended, or inserted between two content words of a sentence (which then needs a
stronger, keyword-like phrase: two cues, a cue and a place, or a place glued to the
product with no preposition, or a place written in lower case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.stages.spam_rules.spans import WORD, SpamSpan, fold, line_bounds, whole_lines_span
from pipeline.stages.spam_rules.vocabulary import (
    COMMERCE,
    INVITATION,
    JOINER,
    PLACE,
    PRODUCT,
    SpamVocabulary,
)

CORE = (PRODUCT, COMMERCE, PLACE)
_NO_KINDS: frozenset[str] = frozenset()
# Gap allowed between two words of one anchor phrase: spaces only (any punctuation ends it).
_SPACE_GAP = re.compile(r"[ \t\u00a0]+")
# What may surround an anchor that is alone on its line: list bullets before, "!" after.
_LINE_LEAD = re.compile(r"^[\s\-*•·>]*$")
_LINE_TAIL = re.compile(r"^[\s!]*$")
# A sentence that has ended: final punctuation, maybe a closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# Invitation words may open a phrase ("you can even try"), at most this many: a longer
# lead-in is a sentence of its own.
MAX_INVITATION_WORDS = 5


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str
    kinds: frozenset[str]


@dataclass(slots=True)
class AnchorPhrase:
    """A run of product/cue/place words (with joiners inside and invitation words before)."""

    words: list[Word]
    first_core: int  # index in `words` of the first product/cue/place word

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    def count(self, kind: str) -> int:
        return sum(1 for word in self.words[self.first_core :] if kind in word.kinds)

    @property
    def glued_place(self) -> bool:
        """A product right beside a place with no preposition: "<drug> canada"."""
        core = self.words[self.first_core :]
        return any(
            (PRODUCT in a.kinds and PLACE in b.kinds) or (PLACE in a.kinds and PRODUCT in b.kinds)
            for a, b in zip(core, core[1:], strict=False)
        )

    @property
    def lowercase_place(self) -> bool:
        """Place names are capitalised in prose; "canada" in lower case is a typed keyword."""
        return any(PLACE in word.kinds and word.text.islower() for word in self.words[self.first_core :])

    @property
    def is_candidate(self) -> bool:
        has_place = self.count(PLACE) > 0
        invited = self.first_core > 0
        return self.count(PRODUCT) > 0 and (
            self.count(COMMERCE) > 0 or self.glued_place or self.lowercase_place or (invited and has_place)
        )

    @property
    def is_keyword_like(self) -> bool:
        """Strong enough to be cut out of the middle of a sentence."""
        commerce = self.count(COMMERCE)
        return (
            commerce >= 2
            or (commerce >= 1 and self.count(PLACE) > 0)
            or self.glued_place
            or self.lowercase_place
        )


def classify_words(line: str, vocabulary: SpamVocabulary, offset: int) -> list[Word]:
    """The words of a line with their vocabulary classes; a multi-word term becomes one word."""
    raw = list(WORD.finditer(line))
    folded = [fold(match.group()) for match in raw]
    words: list[Word] = []
    index = 0
    while index < len(raw):
        found = vocabulary.phrases.matches(folded, index)
        if not found:  # most words: no list knows them
            match = raw[index]
            words.append(Word(offset + match.start(), offset + match.end(), match.group(), _NO_KINDS))
            index += 1
            continue
        length = max(size for size, _ in found)
        kinds = frozenset(kind for size, kind in found if size == length)
        start, end = raw[index].start(), raw[index + length - 1].end()
        words.append(Word(offset + start, offset + end, line[start:end], kinds))
        index += length
    return words


def _connected(line: str, offset: int, left: Word, right: Word) -> bool:
    return bool(_SPACE_GAP.fullmatch(line[left.end - offset : right.start - offset]))


def anchor_phrases(line: str, vocabulary: SpamVocabulary, offset: int = 0) -> list[AnchorPhrase]:
    """Every maximal product-cue-place run of a line that contains a product."""
    words = classify_words(line, vocabulary, offset)
    phrases: list[AnchorPhrase] = []
    seen: set[tuple[int, int]] = set()
    for index, word in enumerate(words):
        if PRODUCT not in word.kinds:
            continue
        left = index
        while left > 0 and _connected(line, offset, words[left - 1], words[left]):
            if words[left - 1].kinds & set(CORE):
                left -= 1
            elif (
                JOINER in words[left - 1].kinds
                and left > 1
                and words[left - 2].kinds & set(CORE)
                and words[left].kinds & {PRODUCT, PLACE}
                and _connected(line, offset, words[left - 2], words[left - 1])
            ):
                left -= 2
            else:
                break
        right = index
        while right + 1 < len(words) and _connected(line, offset, words[right], words[right + 1]):
            if words[right + 1].kinds & set(CORE):
                right += 1
            elif (
                JOINER in words[right + 1].kinds
                and right + 2 < len(words)
                and words[right + 2].kinds & {PRODUCT, PLACE}
                and _connected(line, offset, words[right + 1], words[right + 2])
            ):
                right += 2
            else:
                break
        if (left, right) in seen:
            continue
        seen.add((left, right))
        lead = left
        while (
            lead > 0
            and left - lead < MAX_INVITATION_WORDS
            and INVITATION in words[lead - 1].kinds
            and _connected(line, offset, words[lead - 1], words[lead])
        ):
            lead -= 1
        phrases.append(AnchorPhrase(words[lead : right + 1], first_core=left - lead))
    return phrases


def commercial_anchor_spans(text: str, vocabulary: SpamVocabulary, max_words: int = 8) -> list[SpamSpan]:
    """Spans of commercial anchors with the repair their position needs."""
    spans: list[SpamSpan] = []
    for line_start, line_end, line_stop in line_bounds(text):
        line = text[line_start:line_end]
        if not vocabulary.product_hint.search(line):
            continue  # no product word in the line: nothing to look at (the common case, and fast)
        for phrase in anchor_phrases(line, vocabulary, line_start):
            if not phrase.is_candidate or len(phrase.words) > max_words:
                continue
            span = _placed_span(text, line_start, line_end, line_stop, phrase, vocabulary)
            if span is not None:
                spans.append(span)
    return spans


def _placed_span(
    text: str,
    line_start: int,
    line_end: int,
    line_stop: int,
    phrase: AnchorPhrase,
    vocabulary: SpamVocabulary,
) -> SpamSpan | None:
    before = text[line_start : phrase.start]
    after = text[phrase.end : line_end]
    if _LINE_LEAD.match(before) and _LINE_TAIL.match(after):
        start, end = whole_lines_span(text, line_start, line_stop)
        return SpamSpan(start, end, "commercial_anchor_line", 1.0)
    if before.strip() and _SENTENCE_END.search(before):
        trailing_space = len(before) - len(before.rstrip())
        if _LINE_TAIL.match(after):
            # appended after a finished sentence, up to the end of the line
            return SpamSpan(phrase.start - trailing_space, line_end, "commercial_anchor_appended", 0.9)
        next_sentence = re.match(r"[ \t\u00a0]+(?=[A-ZÀ-Þ])", after)
        if next_sentence and all(not word.text[:1].isupper() for word in phrase.words[1:]):
            # glued between two sentences, without its own full stop
            return SpamSpan(phrase.start, phrase.end + next_sentence.end(), "commercial_anchor_appended", 0.8)
        return None
    return _inserted_span(text, line_start, before, after, phrase, vocabulary)


def _inserted_span(
    text: str, line_start: int, before: str, after: str, phrase: AnchorPhrase, vocabulary: SpamVocabulary
) -> SpamSpan | None:
    """A keyword phrase between two words of one sentence: "... depression <anchor> has ..."."""
    if phrase.first_core != 0 or not phrase.is_keyword_like or PRODUCT not in phrase.words[0].kinds:
        return None  # an inserted anchor opens with its product: "<product> for sale online"
    previous = list(WORD.finditer(before))
    if not previous or not re.fullmatch(r"[ \t\u00a0]+", before[previous[-1].end() :]):
        return None  # at the start of a sentence or after punctuation: not inside one
    left = fold(previous[-1].group())
    if left in vocabulary.function_words:
        return None  # "the <product> for sale ..." is the sentence's own noun phrase
    if left in vocabulary.object_verbs or (len(left) > 4 and left.endswith(("ed", "ing"))):
        return None  # "bought <product> online in <city>": the product is the verb's object
    following = re.match(r"[ \t\u00a0]+[^\W_]", after)
    if not following:
        return None
    return SpamSpan(phrase.start - (len(before) - len(before.rstrip())), phrase.end,
                    "commercial_anchor_inserted", 0.8)
