"""The quality measures of a text: a pure function from text and language code to named
numbers, which the quality stage compares with its thresholds."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

from pipeline.stages.quality_rules.text import (
    BULLETS,
    CHARACTERS_PER_WORD,
    ELLIPSES,
    SENTENCE_END,
    UNSEGMENTED,
    has_letter_or_digit,
    is_alphabetic_word,
    is_code_block,
    is_letter,
    is_unspaced,
    non_blank_lines,
    raw_paragraphs,
    unspaced_script,
    weighted_length,
    words_of,
)
from pipeline.text import text_view

TOP_NGRAM_SIZES = (2, 3, 4)
DUPLICATE_NGRAM_SIZES = (5, 6, 7, 8, 9, 10)
# A line or paragraph of fewer words is not counted as a repeat: real articles repeat
# "Photo", "Advertisement", a closing bracket or a SQL keyword on lines of their own, while
# a page repeated by a spammer or a template repeats whole sentences.
REPEAT_MIN_WORDS = 3
# A line without final punctuation still reads as a sentence when it is this long and holds
# two of its language's stop words: a changelog entry, a hard-wrapped paragraph, an item of
# a list of statements. Menu entries, tags and keyword lines are shorter or have none.
SENTENCE_MIN_WORDS = 8
SENTENCE_MIN_STOP_WORDS = 2


@dataclass(frozen=True)
class Vocabulary:
    """The data files: stop words per language and filler phrases as compiled patterns."""

    stop_words: dict[str, frozenset[str]]
    lorem_ipsum: re.Pattern[str]
    placeholder: re.Pattern[str]

    @classmethod
    def load(cls) -> Vocabulary:
        folder = resources.files("pipeline") / "data" / "quality"
        stop_words = json.loads((folder / "stop_words.json").read_text(encoding="utf-8"))
        phrases = json.loads((folder / "placeholders.json").read_text(encoding="utf-8"))
        return cls(
            stop_words={code: frozenset(words) for code, words in sorted(stop_words.items())
                        if not code.startswith("_")},
            lorem_ipsum=_phrase_pattern(phrases["lorem_ipsum"]),
            placeholder=_phrase_pattern(phrases["placeholder"]),
        )

    def for_language(self, lang: str) -> frozenset[str] | None:
        return self.stop_words.get(lang.split("-")[0]) or None


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = sorted((r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases),
                          key=lambda pattern: (-len(pattern), pattern))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def phrase_spans(text: str, pattern: re.Pattern[str], rule: str) -> list[tuple[int, int, str, float]]:
    """(start, end, rule, score) of every filler phrase in the text."""
    return [(match.start(), match.end(), rule, 1.0) for match in pattern.finditer(text)]


def top_ngram_characters(words: list[str], n: int) -> int:
    """Characters covered by the most frequent n-gram, times its count (Gopher)."""
    counts = Counter(zip(*(words[offset:] for offset in range(n)), strict=False))
    if not counts:
        return 0
    count = max(counts.values())
    if count < 2:
        return 0
    # the most frequent, ties broken by the n-gram itself, so the answer never depends on order
    gram = min(gram for gram, seen in counts.items() if seen == count)
    return count * (sum(map(len, gram)) + n - 1)


def duplicate_ngram_characters(words: list[str], n: int) -> int:
    """Characters of words inside n-grams already seen earlier; a repeated n-gram's words are
    counted once (Gopher, as in datatrove's `find_all_duplicate`)."""
    return duplicate_ngram_characters_by_size(words, (n,))[n]


def duplicate_ngram_characters_by_size(words: list[str], sizes: tuple[int, ...]) -> dict[int, int]:
    """`duplicate_ngram_characters` for several sizes, sharing the work.

    The walk over the words (a repeat skips its n words, anything else steps one) can only
    hit at a position whose n-gram occurs twice or more in the text; a unique n-gram steps
    one and is never looked up again, so only those positions are visited. They are found
    from the smallest size: two equal n-grams start with equal shorter grams."""
    result = dict.fromkeys(sizes, 0)
    smallest = min(sizes)
    grams = list(zip(*(words[offset:] for offset in range(smallest)), strict=False))
    counts = Counter(grams)
    if len(counts) == len(grams):  # no n-gram of the smallest size repeats: nor does a longer one
        return result
    candidates = [index for index, gram in enumerate(grams) if counts[gram] > 1]
    for n in sizes:
        keyed = [(index, tuple(words[index : index + n])) for index in candidates
                 if index <= len(words) - n]
        repeated = Counter(gram for _, gram in keyed)
        seen: set[tuple[str, ...]] = set()
        chars = next_index = 0
        for index, gram in keyed:
            if index < next_index or repeated[gram] < 2:
                continue
            if gram in seen:
                chars += sum(map(len, gram)) + n - 1
                next_index = index + n
            else:
                seen.add(gram)
                next_index = index + 1
        result[n] = chars
    return result


def _repeats(items: list[str]) -> tuple[int, int]:
    """(number of items repeating an earlier one, characters in them); items shorter than
    REPEAT_MIN_WORDS words are never repeats."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen and len(words_of(item)) >= REPEAT_MIN_WORDS:
            count += 1
            chars += len(item)
        seen.add(item)
    return count, chars


def _word_weight(words: list[str]) -> float:
    """Words in a line, an unspaced-script character counting as half a word."""
    return sum(0.5 if is_unspaced(word) else 1.0 for word in words)


def is_sentence_line(line: str, stop_words: frozenset[str] | None, words: list[str] | None = None) -> bool:
    """`words` are the line's (`words_of(line)`) when the caller has them."""
    if line.endswith(SENTENCE_END):
        return True
    words = words_of(line) if words is None else words
    unspaced = UNSEGMENTED.search(line) is not None
    if (_word_weight(words) if unspaced else len(words)) < SENTENCE_MIN_WORDS:
        return False
    if stop_words is None or (unspaced and any(map(is_unspaced, words))):
        return True
    return sum(word in stop_words for word in words) >= SENTENCE_MIN_STOP_WORDS


def measure_quality(text: str, lang: str, vocabulary: Vocabulary) -> dict[str, Any]:
    """Every quality measure of a text; `None` where a measure does not apply."""
    view = text_view(text)
    words = view.tokens
    word_count = len(words)
    per_word = max(word_count, 1)
    stop_words = vocabulary.for_language(lang)
    lines = view.non_blank_lines
    per_line = max(len(lines), 1)
    lengths = list(map(weighted_length, lines))
    per_character = max(sum(lengths), 1)
    measures: dict[str, Any] = {"words": word_count}
    measures |= _word_measures(text, words, lang, vocabulary)
    measures |= _repetition_measures(text, words, lines)
    ellipsis_lines = sum(line.endswith(ELLIPSES) for line in lines)
    measures |= {
        "bullet_line_fraction": sum(line.startswith(BULLETS) for line in lines) / per_line,
        "ellipsis_lines": ellipsis_lines,
        "ellipsis_line_fraction": ellipsis_lines / per_line,
        # Sentence-like lines (is_sentence_line), not only punctuated ones. Both weighted by
        # characters: a page of menu entries is mostly short lines, but so
        # by count is an article holding a block of code or a table of figures.
        "punctuated_line_fraction": sum(weighted_length(line) for line, line_words
                                        in zip(lines, view.line_tokens, strict=True)
                                        if is_sentence_line(line, stop_words, line_words)) / per_character,
        "short_line_fraction": sum(length for length in lengths if length <= 30) / per_character,
        "lines_per_word": len(lines) / per_word,
        "lorem_ipsum_phrases": len(phrase_spans(text, vocabulary.lorem_ipsum, "lorem_ipsum")),
        "placeholder_phrases": len(phrase_spans(text, vocabulary.placeholder, "placeholder_text")),
    }
    return {key: round(value, 4) if isinstance(value, float) else value for key, value in measures.items()}


def _word_measures(text: str, words: list[str], lang: str, vocabulary: Vocabulary) -> dict[str, Any]:
    per_word = max(len(words), 1)
    # Each distinct word and character is judged once: prose repeats most of its words.
    word_counts = Counter(words)
    alphabetic = alphabetic_chars = letter_or_digit = 0
    for word, count in word_counts.items():
        if is_alphabetic_word(word):
            alphabetic += count
            alphabetic_chars += count * len(word)
        if has_letter_or_digit(word):
            letter_or_digit += count
    non_space = non_letter = 0
    for char, count in Counter(text).items():
        if not char.isspace():
            non_space += count
            if not is_letter(char):
                non_letter += count
    return {
        # Only where most words are of an alphabetic script: a Chinese page's few Latin
        # fragments, or Korean syllable blocks, say nothing about word length.
        "mean_word_length": (alphabetic_chars / alphabetic
                             if alphabetic and alphabetic * 2 >= len(words) else None),
        "hash_word_ratio": text.count("#") / per_word,
        "ellipsis_word_ratio": sum(text.count(mark) for mark in ELLIPSES) / per_word,
        # Words with a letter or a digit: sports results, prices and tables are text, symbol
        # soup is not.
        "alpha_word_fraction": letter_or_digit / per_word,
        "non_alpha_character_ratio": non_letter / non_space if non_space else 0.0,
        "stop_words": _stop_word_count(text, word_counts, lang, vocabulary),
    }


def _repetition_measures(text: str, words: list[str], lines: list[str]) -> dict[str, Any]:
    raw = raw_paragraphs(text)
    paragraphs = [paragraph.strip() for paragraph in raw]
    # Code and tables repeat by nature (a query shown again with one more clause, a column of
    # equal values): the repetition rules read the prose paragraphs, when those hold at least
    # half the words, so a page made of code alone is still judged whole.
    prose = [paragraph.strip() for paragraph in raw if not is_code_block(paragraph)]
    if len(prose) < len(paragraphs):
        prose_words = [word for paragraph in prose for word in words_of(paragraph)]
        if len(prose_words) * 2 >= len(words):
            paragraphs, words = prose, prose_words
            lines = [line for paragraph in prose for line in non_blank_lines(paragraph)]
    line_repeats, line_repeat_chars = _repeats(lines)
    paragraph_repeats, paragraph_repeat_chars = _repeats(paragraphs)
    text_chars = max(sum(map(len, lines)), 1)
    measures: dict[str, Any] = {
        "duplicate_line_fraction": line_repeats / max(len(lines), 1),
        "duplicate_line_character_fraction": line_repeat_chars / text_chars,
        "duplicate_paragraph_fraction": paragraph_repeats / max(len(paragraphs), 1),
        "duplicate_paragraph_character_fraction": paragraph_repeat_chars / text_chars,
    }
    script = unspaced_script(words)
    scale = CHARACTERS_PER_WORD[script] if script else 1
    word_chars = max(sum(map(len, words)) + max(len(words) - 1, 0), 1)  # as if joined by single spaces
    for n in TOP_NGRAM_SIZES:
        measures[f"top_{n}gram_character_fraction"] = top_ngram_characters(words, n * scale) / word_chars
    repeated = duplicate_ngram_characters_by_size(words, tuple(n * scale for n in DUPLICATE_NGRAM_SIZES))
    for n in DUPLICATE_NGRAM_SIZES:
        measures[f"duplicate_{n}gram_character_fraction"] = repeated[n * scale] / word_chars
    return measures


def _stop_word_count(text: str, word_counts: Counter[str], lang: str, vocabulary: Vocabulary) -> int | None:
    stop_words = vocabulary.for_language(lang)
    if not stop_words:
        return None
    if lang.split("-")[0] in ("zh", "ja"):  # no spaces: count occurrences inside the text
        return sum(text.count(word) for word in stop_words)
    return sum(count for word, count in word_counts.items() if word in stop_words)
