"""Words of a text with their offsets and where they stand (sentence start, heading, joins)."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")
# What may stand between two words for them to count as a phrase: spaces only. A comma, a
# bracket or a line break ends the phrase, so "pain, soreness" is never judged as one.
_PHRASE_GAP = re.compile(r"[ \t]+")
# Text before a word that makes it the first of a sentence (capitals expected there).
_SENTENCE_BREAK = re.compile(r"[.!?:;\"\u201c(\[\n\u2022*#>|]")
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


def tokenize(text: str, function_words: frozenset[str]) -> list[Token]:
    tokens: list[Token] = []
    offset = 0
    for line_number, line in enumerate(text.split("\n")):
        matches = list(WORD.finditer(line))
        stripped = line.strip()
        heading = bool(matches) and len(matches) <= _HEADING_MAX_WORDS and stripped[-1] not in ".!?;,"
        previous_end = 0
        for position, match in enumerate(matches):
            word = match.group()
            gap = line[previous_end : match.start()]
            lower = word.lower().replace("\u2019", "'")
            if lower.endswith("'s"):
                lower = lower[:-2]
            if gap == " ":  # the common case, without the regular expressions
                joined, sentence_start = position > 0, position == 0
            else:
                joined = position > 0 and _PHRASE_GAP.fullmatch(gap) is not None
                sentence_start = position == 0 or _SENTENCE_BREAK.search(gap) is not None
            tokens.append(
                Token(
                    offset + match.start(),
                    offset + match.end(),
                    word,
                    lower,
                    joined,
                    sentence_start,
                    heading,
                    line_number,
                    lower in function_words,
                )
            )
            previous_end = match.end()
        offset += len(line) + 1
    return tokens


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
