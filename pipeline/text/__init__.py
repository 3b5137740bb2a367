"""The text model every stage reads: lines with offsets, words with offsets (script-aware:
Han and kana per character, Thai, Lao, Khmer and Myanmar per character cluster), tokens as
the quality measures count them, sentences, and the dominant script.

`text_view(text)` gives a `TextView` whose parts are computed on first use and shared by
the stages that read the same text; the functions below it are the same parts for any text.
"""

from pipeline.text.lines import Line, non_blank_lines, split_lines
from pipeline.text.scripts import (
    SOUTHEAST_ASIAN,
    SYLLABIC,
    UNSPACED,
    dominant_script,
    is_unspaced,
    script_counts,
)
from pipeline.text.sentences import (
    SENTENCE_END,
    SENTENCE_MARKS,
    TERMINAL_PUNCTUATION,
    ends_sentence,
    sentence_spans,
)
from pipeline.text.view import TextView, text_view
from pipeline.text.words import (
    EDGE_PUNCTUATION,
    WORD_MODEL,
    WORD_RUN,
    fold_case,
    tokens,
    word_spans,
    words,
    words_and_marks,
)

__all__ = [
    "EDGE_PUNCTUATION",
    "SENTENCE_END",
    "SENTENCE_MARKS",
    "SOUTHEAST_ASIAN",
    "SYLLABIC",
    "TERMINAL_PUNCTUATION",
    "UNSPACED",
    "WORD_MODEL",
    "WORD_RUN",
    "Line",
    "TextView",
    "dominant_script",
    "ends_sentence",
    "fold_case",
    "is_unspaced",
    "non_blank_lines",
    "script_counts",
    "sentence_spans",
    "split_lines",
    "text_view",
    "tokens",
    "word_spans",
    "words",
    "words_and_marks",
]
