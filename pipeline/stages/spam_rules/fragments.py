"""Anchors judged whole where their position gives their extent: a line of its own, the rest
of a line after a finished sentence, or a lower-case run between two sentences; and, inside a
sentence, the strongest keyword string among the runs of such words.

There the grammar around the anchor has already ended, so the anchor's words need not be
known one by one: a place or cue the lists lack ("<product> nz", "... fast delivery"), goods
of several words ("replica louis vuitton bags") are *open words* of the fragment. The
fragment is a keyword string when every word is a cue, a place, a product, a joiner inside it
or an open word (lower case or digits, no function word), with at most `MAX_OPEN_WORDS` open
words, a cue or a lower-case place, and something to sell; it is then judged by the same
points of evidence as a guessed product (`product_slots.shape_evidence`). Inside a sentence
nothing bounds it, so every run of such words between two words of the sentence is tried and
the one with most evidence kept, when it has `EVIDENCE_INSERTED`: prose writes "vendors sell
cocaine online" too, so a lead-in counts there only when prose would not write it before a
verb ("also try", not "can")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.stages.spam_rules.product_slots import GUESS, invites, opens_with_verb, shape_evidence
from pipeline.stages.spam_rules.spans import SpamSpan, fold, phrase_span, whole_lines_span
from pipeline.stages.spam_rules.vocabulary import COMMERCE, INVITATION, JOINER, PLACE, PRODUCT, SpamVocabulary

if TYPE_CHECKING:
    from pipeline.stages.spam_rules.anchors import Word

# Unknown words a fragment may hold: goods of three words and a place or cue no list has.
MAX_OPEN_WORDS = 4
MAX_INVITATION_WORDS = 5
# Evidence a fragment needs by position: alone on its line (4 when it starts with a capital, as
# a heading or a button does), after a finished sentence, between two sentences.
EVIDENCE_LINE, EVIDENCE_CAPITALISED_LINE, EVIDENCE_APPENDED = 2, 4, 2
# ... and inside a sentence, all in lower case: two signs of a typed keyword string at least
# (a lower-case place and a cue on each side of the goods; a sales cue and a rare product).
EVIDENCE_INSERTED = 4
# Between two words of a fragment: spaces, maybe after a per cent sign ("100% legit") or
# around an ampersand.
_GAP = re.compile(r"%?[ \t\u00a0]+(?:&[ \t\u00a0]+)?")
_OPEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_LINE_LEAD = re.compile(r"[\s\-*•·>]*")
_LINE_TAIL = re.compile(r"[\s!]*")
# The end of a sentence inside a line: final punctuation (maybe a closing quote or bracket),
# then spaces or nothing (an anchor glued to the full stop).
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*[ \t\u00a0]*")
_CORE = frozenset({PRODUCT, COMMERCE, PLACE})
# The kinds a word may have inside a keyword string besides an open word's.
_ANY_ROLE = _CORE | {INVITATION, JOINER}


def fragment_spans(text: str, line_start: int, line_end: int, line_stop: int, words: Sequence[Word],
                   vocabulary: SpamVocabulary, max_words: int) -> list[SpamSpan]:
    """Anchors of one line (`words`: its classified words) judged as whole fragments."""
    if not words:
        return []
    spans: list[SpamSpan] = []
    line = text[line_start:line_end]
    head, tail = line[: words[0].start - line_start], line[words[-1].end - line_start :]
    if len(words) <= max_words and _LINE_LEAD.fullmatch(head) and _LINE_TAIL.fullmatch(tail):
        capitalised = words[0].text[:1].isupper()
        needed = EVIDENCE_CAPITALISED_LINE if capitalised else EVIDENCE_LINE
        if _judge(text, words, vocabulary, max_words, needed, lower_only=False):
            start, end = whole_lines_span(text, line_start, line_stop)
            return [SpamSpan(start, end, "commercial_anchor_line", 1.0)]
    for index in range(1, len(words)):
        gap = text[words[index - 1].end : words[index].start]
        if not _SENTENCE_END.fullmatch(gap) or not gap.strip() or len(words[index - 1].text) < 2:
            continue  # no sentence end here, or an abbreviation's point ("e.g.")
        span = _after_sentence(text, words, index, line_end, vocabulary, max_words)
        if span is not None:
            spans.append(span)
    return spans


def _after_sentence(text: str, words: Sequence[Word], first: int, line_end: int,
                    vocabulary: SpamVocabulary, max_words: int) -> SpamSpan | None:
    """The run of words after a sentence end at words[first]: to the line's end (appended), or
    up to the capital that opens the next sentence (between two sentences, lower case only)."""
    last = first
    while last + 1 < len(words) and _gap(text[words[last].end : words[last + 1].start]):
        if words[last + 1].text[:1].isupper() and words[first].text[:1].islower():
            break  # the next sentence starts
        last += 1
    if last - first + 1 > max_words:
        return None
    run = words[first : last + 1]
    rest = text[run[-1].end : line_end]
    trailing_space = len(text[: run[0].start]) - len(text[: run[0].start].rstrip())
    # a sentence never starts in lower case: that is one point of evidence already
    lowercase_start = run[0].text[:1].islower()
    needed = EVIDENCE_APPENDED - lowercase_start
    if _LINE_TAIL.fullmatch(rest):
        if (lowercase_start or _invited(run)) and _judge(text, run, vocabulary, max_words, needed,
                                                          lower_only=False):
            return SpamSpan(run[0].start - trailing_space, line_end, "commercial_anchor_appended", 0.9)
        return None
    next_sentence = re.match(r"[ \t\u00a0]+(?=[A-ZÀ-Þ])", rest)
    lower = all(not word.text[:1].isupper() for word in run)
    if next_sentence and lower and _judge(text, run, vocabulary, max_words, needed, lower_only=True):
        return SpamSpan(run[0].start, run[-1].end + next_sentence.end(), "commercial_anchor_appended", 0.8)
    return None


def _invited(run: Sequence[Word]) -> bool:
    return INVITATION in run[0].kinds and len(run) > 1


def _judge(text: str, run: Sequence[Word], vocabulary: SpamVocabulary, max_words: int, needed: int,
           lower_only: bool) -> bool:
    """Whether a run of words is a keyword string with `needed` points of evidence; with
    `lower_only`, open words must be in lower case from the first (else from the second on)."""
    evidence = keyword_evidence(text, run, vocabulary, max_words, lower_only)
    return evidence is not None and evidence >= needed


def keyword_evidence(text: str, run: Sequence[Word], vocabulary: SpamVocabulary, max_words: int,
                     lower_only: bool, lead_counts: bool = True) -> int | None:
    """Points of evidence of a run that is a keyword string (None: it is not one)."""
    if not 2 <= len(run) <= max_words:
        return None
    if any(not _gap(text[a.end : b.start]) for a, b in zip(run, run[1:], strict=False)):
        return None
    lead = 0
    while lead < min(len(run) - 1, MAX_INVITATION_WORDS) and INVITATION in run[lead].kinds \
            and not run[lead].kinds & _CORE:
        lead += 1
    kinds: list[frozenset[str]] = [word.kinds for word in run[:lead]]
    open_words = 0
    for position, word in enumerate(run[lead:], start=lead):
        if word.kinds & _CORE:
            kinds.append(word.kinds)
        elif JOINER in word.kinds and lead < position < len(run) - 1:
            kinds.append(word.kinds)
        elif _is_open(word.text, vocabulary, lower_only or position > 0):
            open_words += 1
            kinds.append(frozenset({GUESS}))
        else:
            return None
    body = kinds[lead:]
    cue = any(COMMERCE in k for k in body) or any(
        PLACE in k and w.text.islower() for w, k in zip(run[lead:], body, strict=True))
    sells = open_words > 0 or any(PRODUCT in k for k in body)
    if not (cue and sells) or open_words > MAX_OPEN_WORDS:
        return None
    texts = [word.text for word in run]
    if not lead_counts and not invites(texts[:lead]):
        texts, kinds, lead = texts[lead:], kinds[lead:], 0
    return shape_evidence(texts, kinds, lead, vocabulary.sales_cues)


def inserted_fragment_spans(text: str, words: Sequence[Word], vocabulary: SpamVocabulary,
                            max_words: int) -> list[SpamSpan]:
    """Keyword strings pushed inside a sentence of one line (`words`: its classified words):
    among the runs of lower-case words between two words of a sentence that have
    `EVIDENCE_INSERTED` and do not read as the sentence's own words (`_fits_after`), the ones
    with most evidence, then the shortest (prose words beside an anchor add none)."""
    size = len(words)
    # a keyword string holds a cue or a lower-case place: only runs within `max_words` of one
    # are tried, and only the words there are looked at
    cue_positions = [i for i, word in enumerate(words)
                     if COMMERCE in word.kinds or (PLACE in word.kinds and word.text.islower())]
    if not cue_positions:
        return []
    firsts: set[int] = set()
    near: set[int] = set()
    for position in cue_positions:
        firsts.update(range(max(1, position - max_words + 1), min(position, size - 2) + 1))
        near.update(range(max(0, position - max_words), min(size, position + max_words + 1)))
    connected: list[bool] = [False] * size
    lower: list[bool] = [False] * size
    blocks: list[bool] = [True] * size
    cues: list[bool] = [False] * size
    for index in near:
        word = words[index]
        if index + 1 < size:
            connected[index] = _gap(text[word.end : words[index + 1].start])
        lower[index] = word.text.islower() or word.text.isdigit()
        # a word no keyword string can hold (a function word, a capitalised one) ends every
        # run through it
        blocks[index] = not word.kinds & _ANY_ROLE and not _is_open(word.text, vocabulary, True)
    for position in cue_positions:
        cues[position] = True
    signatures = [(word.text, word.kinds) for word in words]
    judged: dict[tuple[object, ...], int | None] = {}
    candidates: list[tuple[int, int, int, int]] = []  # (-evidence, length, first, last)
    for first in sorted(firsts):
        if not connected[first - 1] or not lower[first] or blocks[first]:
            continue
        cued = cues[first]
        for last in range(first + 1, min(size - 1, first + max_words)):
            if not connected[last - 1] or not lower[last] or blocks[last]:
                break
            cued = cued or cues[last]
            if not connected[last] or words[last + 1].text[:1].isupper() or JOINER in words[last].kinds \
                    or not cued:
                continue
            evidence = _run_evidence(text, words, first, last, vocabulary, max_words, signatures, judged)
            if evidence is not None:
                candidates.append((-evidence, last + 1 - first, first, last))
    spans: list[SpamSpan] = []
    taken: set[int] = set()
    for _, _, first, last in sorted(candidates):
        if taken.isdisjoint(range(first - 1, last + 2)):  # a word of the sentence stays between two
            taken.update(range(first, last + 1))
            spans.append(SpamSpan(*phrase_span(text, words[first].start, words[last].end),
                                  "commercial_anchor_inserted", 0.8))
    return sorted(spans)


def _run_evidence(text: str, words: Sequence[Word], first: int, last: int, vocabulary: SpamVocabulary,
                  max_words: int, signatures: list[tuple[str, frozenset[str]]],
                  judged: dict[tuple[object, ...], int | None]) -> int | None:
    """Evidence of words[first:last + 1] as a keyword string pushed in after words[first - 1]
    (None: not one). The verdict depends on those words alone (the caller has checked that
    their gaps are spaces), and a farm repeats its phrase: each distinct run is judged once."""
    key = (words[first - 1].text, *signatures[first : last + 1])
    if key in judged:
        return judged[key]
    run = words[first : last + 1]
    evidence = keyword_evidence(text, run, vocabulary, max_words, lower_only=True, lead_counts=False)
    if evidence is not None and (evidence < EVIDENCE_INSERTED
                                 or not _fits_after(words[first - 1].text, run, vocabulary)):
        evidence = None
    judged[key] = evidence
    return evidence


# Function words after which a verb is grammar ("to buy", "can order"): a phrase opening with a
# buying verb there is the sentence's own.
_VERB_TAKERS = frozenset({"to", "can", "could", "will", "would", "shall", "should", "may", "might",
                          "must", "do", "does", "did", "not", "zu", "pour", "para"})


def _fits_after(left: str, run: Sequence[Word], vocabulary: SpamVocabulary) -> bool:
    """After a content word anything may be pushed in; after a function word or a verb that
    takes an object ("the", "bought") the phrase is the sentence's own noun phrase, unless it
    opens with a buying verb where no verb can stand ("the buy ...", "these order ...")."""
    folded = fold(left)
    takes_object = folded in vocabulary.object_verbs or (len(folded) > 4 and folded.endswith(("ed", "ing")))
    if folded not in vocabulary.function_words and not takes_object:
        return True
    return opens_with_verb([word.text for word in run]) and folded not in _VERB_TAKERS and not takes_object


def _is_open(word: str, vocabulary: SpamVocabulary, lower: bool) -> bool:
    """A word the lists do not know that may still be part of a keyword string: letters or
    digits, no function word, in lower case (digits and units count: "50mg")."""
    if not _open_shape(word, vocabulary.function_words):
        return False
    return not lower or not word[:1].isupper()


@lru_cache(maxsize=65536)
def _open_shape(word: str, function_words: frozenset[str]) -> bool:
    return bool(_OPEN.fullmatch(word)) and fold(word) not in function_words


def _gap(between: str) -> bool:
    """Whether two words are one fragment apart (`_GAP`); most gaps are one space."""
    return between == " " or bool(_GAP.fullmatch(between))
