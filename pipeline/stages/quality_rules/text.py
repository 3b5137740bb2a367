"""Words, lines and scripts as the quality measures see them, for every script: words are
whitespace tokens, except in scripts written without spaces (Chinese, Japanese, Thai, Lao,
Khmer, Myanmar), where each character is one."""

from __future__ import annotations

import re
import unicodedata

import regex

from pipeline.text import SOUTHEAST_ASIAN, SYLLABIC, TERMINAL_PUNCTUATION, UNSPACED, tokens
from pipeline.text import non_blank_lines as non_blank_lines

# Characters of scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
# Myanmar): each one counts as a word.
UNSEGMENTED = UNSPACED
# A line that ends in one of these ends a sentence: C4's and FineWeb's rule, with every
# script's full stop (the text model's `TERMINAL_PUNCTUATION`).
SENTENCE_END = TERMINAL_PUNCTUATION
ELLIPSES = ("...", "…")
BULLETS = tuple("•●○◦▪▫■□‣⁃∙·-–—*>►▶➢✓✔")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# How many characters of an unspaced script make about one word, for the n-gram rules: a
# Gopher 5-gram is five words, which is about five Han or kana characters' worth of two
# characters each, and about four Thai letters each (measured on the real articles in the
# benchmark: a character n-gram of n words repeats as often in real Chinese and Thai text
# as a word n-gram does in English).
CHARACTERS_PER_WORD = {"han": 2, "southeast_asian": 4}


def words_of(text: str) -> list[str]:
    """Lower-cased words: the text model's tokens (whitespace tokens, edge punctuation
    stripped, each character of an unspaced script a word of its own)."""
    return tokens(text)


def is_letter(char: str) -> bool:
    # Combining marks count as letters: Devanagari vowel signs and Arabic vowels are part of words.
    return unicodedata.category(char)[0] in "LM"


def is_unspaced(word: str) -> bool:
    return UNSEGMENTED.search(word) is not None


def unspaced_script(words: list[str]) -> str | None:
    """"han" or "southeast_asian" when most words are characters of an unspaced script, else None."""
    if UNSEGMENTED.search(" ".join(words)) is None:
        return None
    unspaced = [word for word in words if is_unspaced(word)]
    if len(unspaced) * 2 <= len(words):
        return None
    southeast = sum(SOUTHEAST_ASIAN.match(word) is not None for word in unspaced)
    return "southeast_asian" if southeast * 2 > len(unspaced) else "han"


# Letters include combining marks (Thai and Devanagari vowel signs, Arabic vowels): in an
# unspaced script a mark is a "word" of its own here, and it is part of the text.
_LETTER = regex.compile(r"[\p{L}\p{M}]")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{M}\p{N}]")


def is_alphabetic_word(word: str) -> bool:
    """A word of an alphabetic script, whose length in characters says something (Latin,
    Greek, Cyrillic, Arabic, Hebrew, Devanagari, ...), not of a syllabic or unspaced one."""
    if word.isascii() and word.isalpha():  # most words: the regular expressions can only agree
        return True
    return (_LETTER.search(word) is not None and UNSEGMENTED.search(word) is None
            and SYLLABIC.search(word) is None)


def has_letter_or_digit(word: str) -> bool:
    if word.isascii() and word.isalnum():
        return True
    return _LETTER_OR_DIGIT.search(word) is not None


# Characters that mark a line of code, markup or a table row (`x = f(a[1]);`, `a | b | c`,
# box-drawing output) when the line does not end a sentence. Parentheses and asterisks are
# not among them: prose has captions "(Photo: ...)" and footnote marks.
_CODE_MARKS = frozenset("{}[]<>=;|\\`│─┼┌┐└┘├┤")
_PROSE_END = tuple(".!?…。！？")


def is_code_line(line: str) -> bool:
    """A line of code, markup or table data: it does not end a sentence, and it is indented
    (preformatted text keeps its indentation, extracted prose never starts with spaces),
    holds a code mark, or opens a bracket."""
    stripped = line.strip()
    if not stripped or stripped.endswith(_PROSE_END):
        return False
    return (line.startswith(("  ", "\t")) or any(char in _CODE_MARKS for char in stripped)
            or stripped.endswith(("(", "{", "[")))


def is_code_block(paragraph: str) -> bool:
    """A paragraph of code or table data: a third of its lines or more are code lines (a
    query's `SELECT *` and `FROM series` lines sit between lines with brackets)."""
    lines = [line for line in paragraph.splitlines() if line.strip()]
    return bool(lines) and sum(map(is_code_line, lines)) * 3 >= len(lines)


def weighted_length(line: str) -> int:
    """A line's length with an unspaced-script character counted as three (about a word)."""
    return len(line) + 2 * len(UNSEGMENTED.findall(line))


def paragraphs_of(text: str) -> list[str]:
    return [part.strip() for part in PARAGRAPH_BREAK.split(text.strip()) if part.strip()]


def raw_paragraphs(text: str) -> list[str]:
    """Paragraphs with their lines' indentation kept (for telling code from prose)."""
    return [part.strip("\n") for part in PARAGRAPH_BREAK.split(text) if part.strip()]
