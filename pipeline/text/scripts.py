"""Which writing system a text is in, as far as tokenising needs to know: whether words are
separated by spaces, and whether one character is about a word, a syllable or a letter."""

from __future__ import annotations

import re
from collections import Counter

# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer (alphabetic, a
# word is several characters), kana and Han (a character is about a word).
SOUTHEAST_ASIAN_CLASS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
HAN_AND_KANA_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
UNSPACED_CLASS = SOUTHEAST_ASIAN_CLASS + HAN_AND_KANA_CLASS
UNSPACED = re.compile(f"[{UNSPACED_CLASS}]")
SOUTHEAST_ASIAN = re.compile(f"[{SOUTHEAST_ASIAN_CLASS}]")
# Hangul is written with spaces, but each character is a syllable: a Korean word of two or
# three syllables is as long as a five-letter Latin word.
SYLLABIC = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

# Runs of letters of one script; the name of the group is the script's. Latin takes the
# Latin-1, Extended-A/B and IPA blocks; "other" is any other letter (\w less digits, _ and
# the blocks above).
_SCRIPT_RANGES = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "cyrillic": "\u0400-\u052f",
    "armenian": "\u0530-\u058f",
    "hebrew": "\u0590-\u05ff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "devanagari": "\u0900-\u097f",
    "thai": "\u0e00-\u0e7f",
    "lao": "\u0e80-\u0eff",
    "myanmar": "\u1000-\u109f",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "khmer": "\u1780-\u17ff",
    "kana": "\u3040-\u30ff",
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}
_SCRIPT_RUN = re.compile(
    "|".join(f"(?P<{name}>[{ranges}]+)" for name, ranges in _SCRIPT_RANGES.items())
    + r"|(?P<other>[^\W\d_]+)"
)


def script_counts(text: str) -> Counter[str]:
    """Letters of each script in the text (digits, punctuation and spaces are in none)."""
    counts: Counter[str] = Counter()
    for match in _SCRIPT_RUN.finditer(text):
        counts[match.lastgroup or "other"] += match.end() - match.start()
    return counts


def dominant_script(text: str) -> str | None:
    """The script of most of the text's letters ("latin", "han", "kana", "thai", "arabic",
    ...; "other" for one not named here), or None for a text without letters."""
    counts = script_counts(text)
    if not counts:
        return None
    # the largest count, ties broken by name so the answer never depends on order
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def is_unspaced(word: str) -> bool:
    """The word holds a character of a script written without spaces."""
    return UNSPACED.search(word) is not None
