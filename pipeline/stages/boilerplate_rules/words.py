"""Words, numbers and phrase sets: the unit every vocabulary phrase is matched on, and the
facts of one line that every rule reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.stages.boilerplate_rules.lines import Line
from pipeline.text import SENTENCE_END as SENTENCE_END  # re-exported: the rules import it from here
from pipeline.text import WORD_RUN

WORD = WORD_RUN  # the text model's word, a run of Han or Thai being one
_NUMBER = re.compile(r"\d+(?:[km]|st|nd|rd|th|er|e|º|°)?")
NO_TITLE_END = re.compile(r"[.…:;,]$")  # a title may ask or exclaim; it does not end a sentence
URL = re.compile(r"https?://|www\.", re.IGNORECASE)
# A list item ("- Coarse sand", "2. Water weekly"): list content, never a related-link title.
LIST_ITEM = re.compile(r"^(?:[-*•–·▪]|\d{1,2}[.)])\s")


def words_of(text: str) -> list[str]:
    """The case-folded words of a text: the unit every vocabulary phrase is matched on."""
    return WORD.findall(text.casefold())


def is_number(word: str) -> bool:
    return bool(_NUMBER.fullmatch(word))


class PhraseSet:
    """Phrases (word sequences) found greedily, longest first, in a list of words."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in {tuple(words_of(p)) for p in phrases}:
            if phrase:
                self._by_first.setdefault(phrase[0], []).append(phrase)
        for options in self._by_first.values():
            options.sort(key=lambda p: (-len(p), p))
        # Every word of every phrase: a line holding none of them holds no phrase.
        self.words = frozenset(word for options in self._by_first.values() for phrase in options
                               for word in phrase)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) word ranges of phrase occurrences."""
        by_first = self._by_first
        if by_first.keys().isdisjoint(words):  # most lines: no phrase can start anywhere
            return []
        found = []
        index, size = 0, len(words)
        while index < size:
            for phrase in by_first.get(words[index], ()):
                end = index + len(phrase)
                if tuple(words[index:end]) == phrase:
                    found.append((index, end))
                    index = end
                    break
            else:
                index += 1
        return found


def covered(hits: list[tuple[int, int]], size: int) -> list[bool]:
    """Which of `size` words the (start, end) ranges cover."""
    mask = [False] * size
    for start, end in hits:
        for index in range(start, end):
            mask[index] = True
    return mask


def merge_hits(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`first`, plus the ranges of `second` that overlap none of it."""
    taken = covered(first, max((b for _, b in first + second), default=0))
    return first + [(a, b) for a, b in second if not any(taken[a:b])]


@dataclass(slots=True)
class LineInfo:
    """A line and the facts every rule reads, computed once."""

    line: Line
    words: list[str]  # case-folded
    cased: list[str]  # the same words as written
    stripped: str


def line_info(line: Line, cased: list[str] | None = None) -> LineInfo:
    """The line's facts; `cased` is its words when the caller has them (`TextView.line_words`)."""
    if cased is None:
        cased = WORD.findall(line.text)
    return LineInfo(line, [w.casefold() for w in cased], cased, line.text.strip())
