"""Where a sentence ends: one set of full stops for every script, one rule for a line that
ends a sentence, and sentence spans with abbreviations, initials and decimals kept whole."""

from __future__ import annotations

import re

# Full stops, question and exclamation marks of the scripts we meet: Latin, CJK (。！？．),
# Arabic and Urdu (؟ ۔), Devanagari (। ॥), Greek (; as U+037E, before NFC), Myanmar (။),
# Khmer (។), Ethiopic (።), Armenian (։), Tibetan (།).
SENTENCE_MARKS = ".!?…。！？．؟۔।॥\u037e\u104b\u17d4\u1362\u0589\u0f0d"
# What may follow the mark and still end the sentence: closing quotes and brackets.
CLOSERS = "\"'”’»)]"
# A text ending a sentence: a mark, maybe closers, maybe spaces.
SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_MARKS)}][{re.escape(CLOSERS)}]*\\s*$")
# The line-end test of C4 and FineWeb ("the line ends in terminal punctuation"), which the
# quality measures use: a line may also end in a bare closing quote (a quoted line), and in
# ';', which is what NFC makes of the Greek question mark.
TERMINAL_PUNCTUATION = tuple(SENTENCE_MARKS + "\"'”’»;")


def ends_sentence(text: str) -> bool:
    """The text ends a sentence: "Done.", "Really?!", "(as he said.)", "完成了。"."""
    return SENTENCE_END.search(text) is not None


# Marks after which a sentence ends only if a space follows ("3.5", "e.g." inside a word and
# "www.example.com" are no ends), and those that end one at once (CJK full stops).
_SPACED_MARKS = ".!?…؟۔।॥\u037e\u104b\u17d4\u1362\u0589\u0f0d"
_UNSPACED_MARKS = "。！？．"
_BOUNDARY = re.compile(
    f"[{re.escape(_SPACED_MARKS)}]+[{re.escape(CLOSERS)}]*(?=\\s|$)"
    f"|[{re.escape(_UNSPACED_MARKS)}]+[{re.escape(CLOSERS)}]*"
    "|\n"
)
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
# Abbreviations that a name or a word follows ("Dr. Smith", "vs. them"); and those that a
# number follows ("No. 5", "Fig. 2"), which are plain words before anything else ("said no.").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs gen col lt sgt capt rev hon mt ft approx ca cf al".split()
)
_NUMBER_ABBREVIATIONS = frozenset("no nos fig figs vol vols pp p ch sec art eq".split())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, spaces around it left out. A sentence ends at a full
    stop followed by a space (not after an abbreviation, an initial "J.", or before a
    lower-case word), at a CJK full stop, and at every line break: extracted web text holds
    one paragraph, heading or list item per line, and a heading has no full stop."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        is_break = match.group() == "\n"
        if not is_break and not _ends_here(text, match):
            continue
        _add_trimmed(text, start, match.start() if is_break else match.end(), spans)
        start = match.end()
    _add_trimmed(text, start, len(text), spans)
    return spans


def _ends_here(text: str, match: re.Match[str]) -> bool:
    following = text[match.end() : match.end() + 40].lstrip(" \t\u00a0")
    if following[:1].islower():
        return False
    if match.group()[0] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
    if before is None:
        return True
    word = before.group(1).casefold()
    if len(word) == 1 and word.isalpha():  # an initial, or the last letter of "e.g."
        return False
    if word in _ABBREVIATIONS:
        return False
    return not (word in _NUMBER_ABBREVIATIONS and following[:1].isdigit())


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
