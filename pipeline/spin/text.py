"""Words of a text with their offsets and where they stand (sentence start, heading, joins).

Lines, sentences and words come from the shared text model (`pipeline.text`). A spin word is
one of its words made of Latin letters only, with the parts of "don't" and "long-term" kept
together (the phrase tables list them whole); a word with digits or other letters ("COVID19",
"café") is none: the English tables cannot judge it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text import Line, text_view

# A word the phrase tables can know (parts joined by an apostrophe or a hyphen), for phrases
# read from the data files.
WORD = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")
_JOINERS = frozenset("'\u2019-")
# What may stand between two words for them to count as a phrase: spaces only. A comma, a
# bracket or a line break ends the phrase, so "pain, soreness" is never judged as one.
_PHRASE_GAP = re.compile(r"[ \t]+")
# Marks inside a sentence after which a capital is expected all the same: a colon or
# semicolon, an opening quote or bracket, a bullet, a heading or quote mark, a table bar.
_OPENING = re.compile(r"[:;\"\u201c(\[\u2022*#>|]")
# Lines with no closing punctuation and at most this many words are headings or titles, where
# capitals are the house style and no spinner artefact ("Historic Qualifications").
_HEADING_MAX_WORDS = 14


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to build
class Token:
    start: int
    end: int
    text: str
    lower: str  # lowercased, possessive "'s" removed
    joined_left: bool  # only spaces between this word and the previous one
    sentence_start: bool
    heading: bool  # on a heading/title line
    line: int  # line number, from 0
    function: bool  # a closed-class word (the, of, being ...)


def spin_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the spin words among the text model's word spans of `text`: those of
    Latin letters, two joined by one apostrophe or hyphen taken as one."""
    found: list[tuple[int, int]] = []
    joinable = False  # the last word found may take in the next
    for start, end in spans:
        piece = text[start:end]
        if not (piece.isascii() and piece.isalpha()):
            joinable = False
            continue
        if joinable and found[-1][1] + 1 == start and text[start - 1] in _JOINERS:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
        joinable = True
    return found


def tokenize(text: str, function_words: frozenset[str]) -> list[Token]:
    view = text_view(text)
    sentence_starts = {start for start, _ in view.sentences}
    words = spin_words(text, view.word_spans)
    tokens: list[Token] = []
    first = 0
    for number, line in enumerate(view.lines):
        last = first
        while last < len(words) and words[last][0] < line.end:
            last += 1
        if last > first:
            _tokenize_line(text, line, number, words[first:last], sentence_starts, function_words, tokens)
        first = last
    return tokens


def _tokenize_line(
    text: str,
    line: Line,
    number: int,
    spans: list[tuple[int, int]],
    sentence_starts: set[int],
    function_words: frozenset[str],
    tokens: list[Token],
) -> None:
    heading = len(spans) <= _HEADING_MAX_WORDS and line.text.strip()[-1] not in ".!?;,"
    previous_end = line.start
    for position, (start, end) in enumerate(spans):
        word = text[start:end]
        gap = text[previous_end:start]
        lower = word.lower().replace("\u2019", "'")
        if lower.endswith("'s"):
            lower = lower[:-2]
        if gap == " ":  # the common case, without the regular expressions
            joined = position > 0
        else:
            joined = position > 0 and _PHRASE_GAP.fullmatch(gap) is not None
        sentence_start = position == 0 or start in sentence_starts or _OPENING.search(gap) is not None
        tokens.append(
            Token(
                start,
                end,
                word,
                lower,
                joined,
                sentence_start,
                heading,
                number,
                lower in function_words,
            )
        )
        previous_end = end


def name_like(token: Token) -> bool:
    """Capitalised inside running text: a name as often as not."""
    return token.text[:1].isupper() and not token.sentence_start and not token.heading


def in_name(tokens: list[Token], index: int) -> bool:
    """Part of a run of capitalised words in running text ("Milky Way", "Long Island"): a name,
    whose words are not chosen from a thesaurus. A run may start a sentence ("Big Data ...")."""
    token = tokens[index]
    if token.heading or not token.text[:1].isupper():
        return False
    previous = tokens[index - 1] if index > 0 else None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        previous is not None and token.joined_left and previous.text[:1].isupper() and not previous.function
    ) or (
        following is not None
        and following.joined_left
        and following.text[:1].isupper()
        and not following.function
    )


def joined_right(tokens: list[Token], index: int) -> Token | None:
    following = index + 1
    if following < len(tokens) and tokens[following].joined_left:
        return tokens[following]
    return None
