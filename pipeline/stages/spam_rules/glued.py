"""Words glued where a link was cut out: "drugit", "TMSand", "ECTwhich".

When a scraper drops an anchor and the space after it, two words run together. A split
is made only when the glued form is not a word in English, German, French or Spanish,
the tail is a clause-opening function word ("it", "and", "which") and the head is a known
word or an acronym, and only in prose (never inside identifiers, paths or addresses). Word knowledge comes
from `wordfreq` (English lists: the spam stage runs before language identification, and
the repair is deliberately narrow).
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.stages.spam_rules.spans import SpamSpan

# Candidates: a lower-case run, or an acronym (2+ capitals) followed by lower case.
# Only in prose: spaces or an opening bracket before, spaces or sentence punctuation after,
# so identifiers in code, file names, e-mail addresses and URLs are never touched.
_GLUED = re.compile(
    r"(?:(?<=^)|(?<=[\s(\"“]))"  # start of text, space, bracket or quote before
    r"(?:[a-z]{5,}|[A-Z]{2,6}[a-z]{2,})"
    r"(?=$|[\s\"”)]|[,;:.!?](?:\s|$))"  # space, bracket, quote or sentence punctuation after
)
# The tails a cut-out link leaves glued to the next word: the words that open the rest of
# a clause. Other frequent words ("all", "time", "make") end real compounds and identifiers.
_TAILS = frozenset({
    "it", "and", "which", "the", "that", "is", "was", "or", "but", "who", "when", "where", "this",
    "these", "are", "has", "have", "can", "will", "with", "for", "of", "to", "in", "as",
})
_TAIL_ENDINGS = tuple(sorted(_TAILS))
# The head must be a known word (zipf 2.5 ~ "ketamine"), so names and typos are not cut.
_HEAD_ZIPF = 2.5
# Heads of one or two letters ("a", "in") would split ordinary words at their start.
_MIN_HEAD = 3
_KNOWN_LANGUAGES = ("en", "de", "fr", "es")


def glued_word_spans(text: str, language: str = "en") -> list[SpamSpan]:
    """Zero-width insertions of a space between the two words of a glued pair."""
    spans: list[SpamSpan] = []
    for match in _GLUED.finditer(text):
        token = match.group()
        split = _split_point(token, language)
        if split is not None:
            position = match.start() + split
            spans.append(SpamSpan(position, position, "glued_words", 0.7, " ", spam=False))
    return spans


@lru_cache(maxsize=65536)
def _split_point(token: str, language: str) -> int | None:
    if not token.endswith(_TAIL_ENDINGS):
        return None  # cheap test first: most words end in no tail
    # a word of any of the project's main languages is never split ("attendus" is French)
    if any(zipf_frequency(token, known) > 0 for known in _KNOWN_LANGUAGES):
        return None
    acronym = re.match(r"[A-Z]{2,6}(?=[a-z])", token)
    if acronym:
        tail = token[acronym.end() :]
        return acronym.end() if tail in _TAILS else None
    best: tuple[float, int] | None = None
    for point in range(_MIN_HEAD, len(token) - 1):
        head, tail = token[:point], token[point:]
        if tail not in _TAILS:
            continue
        tail_zipf = zipf_frequency(tail, language)
        if zipf_frequency(head, language) >= _HEAD_ZIPF:
            if best is None or tail_zipf > best[0]:
                best = (tail_zipf, point)
    return None if best is None else best[1]
