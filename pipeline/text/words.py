"""Words and tokens of a text, for every script.

Two units, because the stages count two different things:
- a *word* (`word_spans`, `words`) is a run of Unicode word characters, combining marks
  included (Devanagari vowel signs, Arabic vowels, Thai tone marks stay inside their word).
  It is what vocabulary phrases are matched on. In scripts written without spaces, each Han
  or kana character is a word, and Thai, Lao, Khmer and Myanmar are cut into character
  clusters (a letter with its marks, a leading vowel with the letter after it): a
  character-class stand-in for a dictionary segmenter, so a phrase still matches inside a
  run of Thai, without a dictionary package.
- a *token* (`tokens`) is a whitespace-separated token with its edge punctuation stripped
  and symbols kept ("#tag", "$5", "e.g"): Gopher's and FineWeb's word, which the quality
  measures count (a page of "###" tokens is symbol soup; it has no words at all). Each
  character of an unspaced script is a token of its own.

`words_and_marks` is the word stream with chosen punctuation marks and line breaks as
tokens of their own between the words: dedup reads its shingles and frames from it.
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from pipeline.text.scripts import HAN_AND_KANA_CLASS, SOUTHEAST_ASIAN_CLASS, UNSPACED, UNSPACED_CLASS

# Unicode word characters and numbers: the standard `re`'s \w (letters, digits, other
# numbers such as "²") plus combining marks, which `re` leaves out ("हिन्दी" is one word).
# `regex` matches this as fast as `re` matches \w.
WORD_RUN = regex.compile(r"[\w\p{N}]+")
# The same, with unspaced scripts cut as the module docstring says.
_SCRIPT_WORD = regex.compile(
    rf"[{HAN_AND_KANA_CLASS}]"
    # a cluster: a Thai or Lao leading vowel, a letter, its marks, a following vowel
    rf"|[\u0e40-\u0e44\u0ec0-\u0ec4]?[{SOUTHEAST_ASIAN_CLASS}]\p{{M}}*"
    rf"(?:[\u0e30\u0e32\u0e33\u0e45\u0eb0\u0eb2\u0eb3]\p{{M}}*)?"
    rf"|[[\w\p{{N}}]--[{UNSPACED_CLASS}]]+",
    regex.V1,
)


def word_spans(text: str, *, split_unspaced: bool = True) -> list[tuple[int, int]]:
    """(start, end) of every word. With `split_unspaced=False`, a run of Han or Thai is one
    word, as it is between spaces."""
    pattern = _SCRIPT_WORD if split_unspaced and UNSPACED.search(text) else WORD_RUN
    return [match.span() for match in pattern.finditer(text)]


def words(text: str, *, split_unspaced: bool = True) -> list[str]:
    """The words as written (case-fold them with `str.casefold` to compare)."""
    pattern = _SCRIPT_WORD if split_unspaced and UNSPACED.search(text) else WORD_RUN
    found: list[str] = pattern.findall(text)
    return found


# The version of what `words` and `words_and_marks` return: a stored dedup index records it, so
# an index built under another word model is known to be incomparable. Bump it with any change
# to the patterns above.
WORD_MODEL = "pipeline.text/1"


def fold_case(text: str) -> str:
    """NFKC and case-folded: the form in which two texts that differ only in case and Unicode
    compatibility forms ("ﬁ" and "fi", full-width digits) compare equal."""
    return unicodedata.normalize("NFKC", text).casefold()


def words_and_marks(text: str, marks: str) -> list[str]:
    """The words of `words(text)`, with each of `marks` and each line break a token of its
    own, in text order."""
    spaced, unspaced = _word_and_mark_patterns(marks)
    pattern = unspaced if UNSPACED.search(text) else spaced
    found: list[str] = pattern.findall(text)
    return found


@functools.lru_cache(maxsize=8)
def _word_and_mark_patterns(marks: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    tail = rf"|[{regex.escape(marks)}]|\n" if marks else r"|\n"
    return (regex.compile(WORD_RUN.pattern + tail),
            regex.compile(_SCRIPT_WORD.pattern + tail, regex.V1))


# Punctuation stripped from the edges of a token (sentence marks, quotes, brackets, dashes, in
# Latin, CJK, Arabic and Devanagari use). Symbols such as # @ $ % & * stay: a token made only
# of them is a token without letters, which is what the symbol rules look for.
EDGE_PUNCTUATION = ".,;:!?'\"()[]{}<>«»“”‘’„‚‹›-–—―…•·。，、！？；：「」『』（）《》【】〈〉؟،؛۔।॥"


def tokens(text: str) -> list[str]:
    """Lower-cased tokens: whitespace tokens with edge punctuation stripped; each character of
    an unspaced script is a token of its own (a full stop such as ။ is none)."""
    if UNSPACED.search(text) is None:  # the common case: one comprehension, no per-token search
        return [token for token in (raw.strip(EDGE_PUNCTUATION) for raw in text.lower().split()) if token]
    found: list[str] = []
    for raw in text.split():
        token = raw.strip(EDGE_PUNCTUATION).lower()
        if not token:
            continue
        if UNSPACED.search(token) is None:
            found.append(token)
            continue
        _split_unspaced_token(token, found)
    return found


def _split_unspaced_token(token: str, found: list[str]) -> None:
    rest: list[str] = []
    for char in token:
        if UNSPACED.match(char):
            if rest:
                found.append("".join(rest))
                rest = []
            if unicodedata.category(char)[0] != "P":  # not a full stop such as ။ or ฯ
                found.append(char)
        elif char not in EDGE_PUNCTUATION:
            rest.append(char)
    if rest:
        found.append("".join(rest))
