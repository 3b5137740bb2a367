"""The span every detector returns, and the text helpers they share."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# A word: letters/digits, with inner apostrophes or hyphens ("5-meo-dmt", "it's").
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


class SpamSpan(NamedTuple):
    """A finding: replace text[start:end] with `inserted` (or only report it when `flag_only`).

    `score` is the detector's confidence in [0, 1]; `spam` says whether the removed
    characters count towards the document's spam score (a glued-word repair or a bare
    URL policy is cleaning, not spam).
    """

    start: int
    end: int
    rule: str
    score: float
    inserted: str = ""
    spam: bool = True
    flag_only: bool = False


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every vocabulary lookup."""
    if text.isascii():
        return text.lower().replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def line_bounds(text: str) -> list[tuple[int, int, int]]:
    """(start, end without newline, end with newline) of every line."""
    bounds = []
    start = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        bounds.append((start, start + len(stripped), start + len(line)))
        start += len(line)
    return bounds


def whole_lines_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removal of whole lines [start, end) (end after the last newline, or at the
    end of text) so that no run of blank lines is left behind: trailing blank lines go
    with it; at the end of the text the preceding blank lines go instead."""
    stop = end
    while stop < len(text):
        next_newline = text.find("\n", stop)
        line_end = len(text) if next_newline < 0 else next_newline + 1
        if text[stop:line_end].strip():
            break
        stop = line_end
    if stop < len(text) or start == 0:
        return start, stop
    kept = text[:start].rstrip()
    # the last kept line keeps its newline if the text ended with one
    ends_with_newline = text.endswith("\n")
    begin = len(kept) + 1 if ends_with_newline and text[len(kept) : len(kept) + 1] == "\n" else len(kept)
    return min(begin, start), stop


def phrase_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen the removal of a phrase inside a line by one neighbouring space, so the
    sentence around it is left with single spaces ("a X b" -> "a b")."""
    if start > 0 and text[start - 1] in " \t\u00a0":
        return start - 1, end
    if end < len(text) and text[end] in " \t\u00a0":
        return start, end + 1
    return start, end
