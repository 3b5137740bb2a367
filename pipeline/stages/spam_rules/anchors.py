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

from pipeline.stages.spam_rules.fragments import fragment_spans, inserted_fragment_spans
from pipeline.stages.spam_rules.product_slots import (
    GUESS,
    INVITATION_EVIDENCE,
    invites,
    mark_guesses,
    opens_with_verb,
    shape_evidence,
)
from pipeline.stages.spam_rules.spans import WORD, SpamSpan, fold, line_bounds, whole_lines_span
from pipeline.stages.spam_rules.vocabulary import (
    COMMERCE,
    INVITATION,
    JOINER,
    PLACE,
    PRODUCT,
    SpamVocabulary,
    folded_line_words,
)

CORE = (PRODUCT, COMMERCE, PLACE)
# Evidence a phrase built on a guessed product needs, by where it sits (product_slots):
# a line of its own or a phrase after a finished sentence stand outside the grammar
# already; a phrase inside a sentence must show more of the anchor's shape.
GUESS_EVIDENCE_ALONE = 2
GUESS_EVIDENCE_CAPITALISED_LINE = 4
GUESS_EVIDENCE_INSERTED = 3
# ... and with this much it may follow any word, or open with an invitation ("also try").
GUESS_EVIDENCE_STRONG = 4
_NO_KINDS: frozenset[str] = frozenset()
_PRODUCTS = frozenset({PRODUCT, GUESS})
_CUE_OR_PLACE = frozenset({COMMERCE, PLACE})
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
    def guessed(self) -> bool:
        """Built on a guessed product (listed products may stand beside it: "<x> pills")."""
        return self.count(GUESS) > 0

    def evidence(self, vocabulary: SpamVocabulary) -> int:
        return shape_evidence([w.text for w in self.words], [w.kinds for w in self.words],
                              self.first_core, vocabulary.sales_cues)

    @property
    def glued_place(self) -> bool:
        """A product right beside a place with no preposition: "<drug> canada"."""
        core = self.words[self.first_core :]
        return any(
            (a.kinds & _PRODUCTS and PLACE in b.kinds) or (PLACE in a.kinds and b.kinds & _PRODUCTS)
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
        return (self.count(PRODUCT) > 0 or self.guessed) and (
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


def classify_words(line: str, vocabulary: SpamVocabulary, offset: int, guesses: bool = False) -> list[Word]:
    """The words of a line with their vocabulary classes; a multi-word term becomes one word.
    With `guesses`, unknown lower-case words touching a cue or place are guessed products."""
    raw = list(WORD.finditer(line))
    folded = [fold(match.group()) for match in raw]
    words: list[Word] = []
    known = vocabulary.phrases.by_first
    index = 0
    while index < len(raw):
        # most words: no list knows them, nor their singular (`matches` would find nothing)
        token = folded[index]
        found = vocabulary.phrases.matches(folded, index) if token in known or (
            len(token) > 3 and token[-1] == "s" and (
                token[:-1] in known or (token.endswith("es") and token[:-2] in known))) else None
        if not found:
            match = raw[index]
            words.append(Word(offset + match.start(), offset + match.end(), match.group(), _NO_KINDS))
            index += 1
            continue
        length = max(size for size, _ in found)
        kinds = frozenset(kind for size, kind in found if size == length)
        start, end = raw[index].start(), raw[index + length - 1].end()
        words.append(Word(offset + start, offset + end, line[start:end], kinds))
        index += length
    return with_guesses(line, words, vocabulary, offset) if guesses else words


def with_guesses(line: str, words: list[Word], vocabulary: SpamVocabulary, offset: int) -> list[Word]:
    """A copy of classified words with guessed products marked (see product_slots)."""
    connected = [_connected(line, offset, a, b) for a, b in zip(words, words[1:], strict=False)]
    marked = mark_guesses([w.text for w in words], [w.kinds for w in words], connected,
                          vocabulary.function_words, vocabulary.object_verbs)
    return [w if kinds is w.kinds else Word(w.start, w.end, w.text, kinds)
            for w, kinds in zip(words, marked, strict=True)]


def _connected(line: str, offset: int, left: Word, right: Word) -> bool:
    gap = line[left.end - offset : right.start - offset]
    return gap == " " or bool(_SPACE_GAP.fullmatch(gap))


def anchor_phrases(
    line: str, vocabulary: SpamVocabulary, offset: int = 0, guesses: bool = False,
    words: list[Word] | None = None,
) -> list[AnchorPhrase]:
    """Every maximal product-cue-place run of a line that contains a product (with
    `guesses`: the runs built on a guessed product instead). `words`: the line's classified
    words, when already at hand (with guesses marked, for `guesses`)."""
    if words is None:
        words = classify_words(line, vocabulary, offset, guesses)
    seed = GUESS if guesses else PRODUCT
    core = set(CORE) | ({GUESS} if guesses else set())
    phrases: list[AnchorPhrase] = []
    covered = -1  # a seed inside the last run found has that same run: skipping it keeps this linear
    for index, word in enumerate(words):
        if seed not in word.kinds or index <= covered:
            continue
        left, right = _extent(line, offset, words, index, core)
        covered = right
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


def _extent(line: str, offset: int, words: list[Word], index: int, core: set[str]) -> tuple[int, int]:
    """The run of core words around words[index] (a joiner allowed between two of them)."""
    targets = core & {PRODUCT, PLACE, GUESS}
    left = index
    while left > 0 and _connected(line, offset, words[left - 1], words[left]):
        if words[left - 1].kinds & core:
            left -= 1
        elif (
            JOINER in words[left - 1].kinds
            and left > 1
            and words[left - 2].kinds & core
            and words[left].kinds & targets
            and _connected(line, offset, words[left - 2], words[left - 1])
        ):
            left -= 2
        else:
            break
    right = index
    while right + 1 < len(words) and _connected(line, offset, words[right], words[right + 1]):
        if words[right + 1].kinds & core:
            right += 1
        elif (
            JOINER in words[right + 1].kinds
            and right + 2 < len(words)
            and words[right + 2].kinds & targets
            and _connected(line, offset, words[right + 1], words[right + 2])
        ):
            right += 2
        else:
            break
    return left, right


def commercial_anchor_spans(text: str, vocabulary: SpamVocabulary, max_words: int = 8) -> list[SpamSpan]:
    """Spans of commercial anchors with the repair their position needs: first the phrases
    built on listed products, then, where none was found, those built on guessed ones."""
    spans: list[SpamSpan] = []
    for line_start, line_end, line_stop in line_bounds(text):
        line = text[line_start:line_end]
        found: list[SpamSpan] = []
        folded_words = folded_line_words(line)
        listed = vocabulary.product_hint.search(line, folded_words)
        cued = vocabulary.cue_hint.search(line, folded_words)
        if not (listed or cued):
            continue  # no product, cue or place word in the line: the common case, and fast
        words = classify_words(line, vocabulary, line_start)
        if not any(word.kinds & _CUE_OR_PLACE for word in words):
            continue  # every rule below needs a cue or a place (the gates only guessed one)
        if listed:
            found = _accepted(text, line_start, line_end, line_stop,
                              anchor_phrases(line, vocabulary, line_start, words=words), vocabulary,
                              max_words)
        if cued:  # a cue or place: a guessed product may stand by it
            guessed = anchor_phrases(line, vocabulary, line_start, guesses=True,
                                     words=with_guesses(line, words, vocabulary, line_start))
            free = [p for p in guessed
                    if not any(p.start < span.end and span.start < p.end for span in found)]
            found += _accepted(text, line_start, line_end, line_stop, free, vocabulary, max_words)
            # where the position bounds the anchor, it is judged whole (unknown words and all)
            fragments = fragment_spans(text, line_start, line_end, line_stop, words, vocabulary, max_words)
            fragments += inserted_fragment_spans(text, words, vocabulary, max_words)
            found += [span for span in fragments
                      if not any(s.start <= span.start and span.end <= s.end for s in found)]
        spans.extend(found)
    return spans


def _accepted(text: str, line_start: int, line_end: int, line_stop: int, phrases: list[AnchorPhrase],
              vocabulary: SpamVocabulary, max_words: int) -> list[SpamSpan]:
    spans = []
    for phrase in phrases:
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
    evidence = phrase.evidence(vocabulary)
    lower = phrase.words[0].text[:1].islower()
    if _LINE_LEAD.match(before) and _LINE_TAIL.match(after):
        if phrase.guessed and evidence < (GUESS_EVIDENCE_ALONE if lower else GUESS_EVIDENCE_CAPITALISED_LINE):
            return None
        start, end = whole_lines_span(text, line_start, line_stop)
        return SpamSpan(start, end, "commercial_anchor_line", 1.0)
    if before.strip() and _SENTENCE_END.search(before):
        if phrase.guessed and (evidence < GUESS_EVIDENCE_ALONE or not (lower or phrase.first_core > 0)):
            return None
        trailing_space = len(before) - len(before.rstrip())
        if _LINE_TAIL.match(after):
            # appended after a finished sentence, up to the end of the line
            return SpamSpan(phrase.start - trailing_space, line_end, "commercial_anchor_appended", 0.9)
        next_sentence = re.match(r"[ \t\u00a0]+(?=[A-ZÀ-Þ])", after)
        if next_sentence and all(not word.text[:1].isupper() for word in phrase.words[1:]):
            # glued between two sentences, without its own full stop
            return SpamSpan(phrase.start, phrase.end + next_sentence.end(), "commercial_anchor_appended", 0.8)
        return None
    by_shape = phrase.guessed or PRODUCT not in phrase.words[0].kinds
    if phrase.first_core > 0 and not invites([w.text for w in phrase.words[: phrase.first_core]]):
        # inside a sentence a lead-in of words prose writes before a verb is the sentence's
        # own ("visitors can buy ...")
        evidence -= INVITATION_EVIDENCE
    if by_shape:
        # No listed product opens the phrase ("<product> for sale online"): its shape must
        # carry it, all in lower case, and more of it when it opens with a buying verb.
        needed = GUESS_EVIDENCE_STRONG if opens_with_verb([w.text for w in phrase.words]) \
            else GUESS_EVIDENCE_INSERTED
        if evidence < needed or not all(w.text.islower() for w in phrase.words):
            return None
    return _inserted_span(text, line_start, before, after, phrase, vocabulary, evidence if by_shape else 0)


def _inserted_span(
    text: str, line_start: int, before: str, after: str, phrase: AnchorPhrase, vocabulary: SpamVocabulary,
    evidence: int = 0,
) -> SpamSpan | None:
    """A keyword phrase between two words of one sentence: "... depression <anchor> has ..."."""
    strong = evidence >= GUESS_EVIDENCE_STRONG
    if (phrase.first_core != 0 and not strong) or not phrase.is_keyword_like:
        return None
    previous = list(WORD.finditer(before))
    if not previous or not re.fullmatch(r"[ \t\u00a0]+", before[previous[-1].end() :]):
        return None  # at the start of a sentence or after punctuation: not inside one
    left = fold(previous[-1].group())
    # With strong evidence the phrase's own shape decides, whatever word it follows.
    if not strong and left in vocabulary.function_words:
        return None  # "the <product> for sale ..." is the sentence's own noun phrase
    if not strong and (left in vocabulary.object_verbs or (len(left) > 4 and left.endswith(("ed", "ing")))):
        return None  # "bought <product> online in <city>": the product is the verb's object
    following = re.match(r"[ \t\u00a0]+[^\W_]", after)
    if not following:
        return None
    return SpamSpan(phrase.start - (len(before) - len(before.rstrip())), phrase.end,
                    "commercial_anchor_inserted", 0.8)
