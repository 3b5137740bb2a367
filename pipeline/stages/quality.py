"""Document quality filters: heuristics of the kind Gopher (Rae et al. 2021, "Scaling Language
Models", appendix A), C4 (Raffel et al. 2020) and FineWeb (Penedo et al. 2024) use to drop
pages that are not running text: keyword lists, menus, placeholder pages, symbol soup and
repetitive spam.

`measure_quality` is a pure function from text (and language code) to named measures;
`failed_rules` compares them with the configured thresholds. A document failing any rule is
dropped as low_quality with every failed rule named; a kept document carries its measures in
`doc.quality`.

The measures (pipeline/stages/quality_rules/) are calibrated on real articles in many
languages (README, "quality"; BENCHMARKS.md, "Quality"): scripts without spaces count each
character as a word, sentence ends of every script count, code and tables are judged apart
by the repetition rules, and line rules are weighted by characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from pipeline.document import Document, Drop, Reason
from pipeline.errors import ConfigError
from pipeline.stages.base import Stage, StageConfig
from pipeline.stages.quality_rules.measures import (  # noqa: F401  (the stage's public measures)
    DUPLICATE_NGRAM_SIZES,
    TOP_NGRAM_SIZES,
    Vocabulary,
    duplicate_ngram_characters,
    measure_quality,
    phrase_spans,
    top_ngram_characters,
)
from pipeline.stages.quality_rules.text import words_of  # noqa: F401

# Fewer lines than this ending in an ellipsis never fail `ellipsis_lines`: one truncated
# line in a three-line text is a third of its lines but not a page of teasers.
_MIN_ELLIPSIS_LINES = 2

RULES = (
    "too_few_words",
    "too_many_words",
    "short_mean_word_length",
    "long_mean_word_length",
    "symbol_word_ratio",
    "non_alpha_words",
    "non_alpha_characters",
    "few_stop_words",
    "duplicate_lines",
    "duplicate_line_characters",
    "duplicate_paragraphs",
    "duplicate_paragraph_characters",
    *(f"top_{n}gram" for n in TOP_NGRAM_SIZES),
    *(f"duplicate_{n}grams" for n in DUPLICATE_NGRAM_SIZES),
    "bullet_lines",
    "ellipsis_lines",
    "unpunctuated_lines",
    "short_lines",
    "list_like",
    "lorem_ipsum",
    "placeholder_text",
)


@dataclass(frozen=True)
class QualityConfig(StageConfig):
    rule_names: ClassVar[tuple[str, ...]] = RULES

    min_words: int = field(
        default=50,
        metadata={"doc": "Fewer words than this: not a document (Gopher's 50). A character of an "
                         "unspaced script (Chinese, Japanese, Thai) counts as one word."},
    )
    max_words: int = field(
        default=100_000,
        metadata={"doc": "More words than this: a dump, not a page (Gopher's 100,000)."},
    )
    min_mean_word_length: float = field(
        default=3.0,
        metadata={"doc": "Mean length of the words of alphabetic scripts below this: fragments, "
                         "codes, initials (Gopher's 3 characters). Not measured when those words "
                         "are under half the text (Chinese, Japanese, Korean syllable blocks)."},
    )
    max_mean_word_length: float = field(
        default=10.0,
        metadata={"doc": "Mean word length above this: glued keywords, hashes, URLs (Gopher's 10)."},
    )
    max_symbol_word_ratio: float = field(
        default=0.1,
        metadata={"doc": "'#' signs, and separately ellipses, per word above this: hashtag and "
                         "teaser lists (Gopher's 0.1)."},
    )
    min_alpha_word_fraction: float = field(
        default=0.8,
        metadata={"doc": "Share of words with at least one letter or digit below this: symbol "
                         "soup (Gopher's 80 %; numbers count as words, so results tables and "
                         "prices are text)."},
    )
    max_non_alpha_character_ratio: float = field(
        default=0.35,
        metadata={"doc": "Share of non-space characters that are not letters (digits, "
                         "punctuation, symbols) above this: symbol soup made of words that still "
                         "contain a letter. Not from a paper: prose is under 0.1, a statistics "
                         "page about 0.25, so 0.35 only catches junk."},
    )
    min_stop_words: int = field(
        default=2,
        metadata={"doc": "Fewer occurrences of the document language's stop words (pipeline/data/"
                         "quality/stop_words.json) than this: a keyword list, not prose (Gopher's "
                         "2). Skipped when the language is `und` or has no list."},
    )
    max_duplicate_line_fraction: float = field(
        default=0.3,
        metadata={"doc": "Share of non-empty lines that repeat an earlier line of three words or "
                         "more (Gopher's 0.3; blank lines are layout and not counted; code and "
                         "table paragraphs are left out while prose holds half the words)."},
    )
    max_duplicate_line_character_fraction: float = field(
        default=0.2,
        metadata={"doc": "Share of characters in repeated lines (Gopher's 0.2)."},
    )
    max_duplicate_paragraph_fraction: float = field(
        default=0.3,
        metadata={"doc": "Share of paragraphs (split at blank lines) that repeat an earlier one "
                         "(Gopher's 0.3)."},
    )
    max_duplicate_paragraph_character_fraction: float = field(
        default=0.2,
        metadata={"doc": "Share of characters in repeated paragraphs (Gopher's 0.2)."},
    )
    max_top_ngram_character_fraction: dict[str, float] = field(
        default_factory=lambda: {"2": 0.2, "3": 0.18, "4": 0.16},
        metadata={"doc": "For n = 2, 3, 4: share of word characters covered by the most frequent "
                         "n-gram above this means one phrase is hammered (Gopher's values)."},
    )
    max_duplicate_ngram_character_fraction: dict[str, float] = field(
        default_factory=lambda: {"5": 0.15, "6": 0.14, "7": 0.13, "8": 0.12, "9": 0.11, "10": 0.1},
        metadata={"doc": "For n = 5..10: share of word characters inside n-grams seen earlier in "
                         "the document above this means repeated passages (Gopher's values)."},
    )
    max_bullet_line_fraction: float = field(
        default=0.9,
        metadata={"doc": "Share of lines starting with a bullet above this: a list, not text "
                         "(Gopher's 0.9; '-', '*' and '>' count as bullets too)."},
    )
    max_ellipsis_line_fraction: float = field(
        default=0.3,
        metadata={"doc": "Share of lines ending in an ellipsis above this, with at least two "
                         "such lines: teasers of truncated posts (Gopher's 0.3)."},
    )
    min_punctuated_line_fraction: float = field(
        default=0.12,
        metadata={"doc": "Share of the text's characters in sentence-like lines below this: "
                         "menus, tag clouds, keyword lists (FineWeb's 0.12). A line is "
                         "sentence-like when it ends in sentence punctuation of any script, or "
                         "has eight words or more with two stop words (a changelog entry, a "
                         "hard-wrapped line)."},
    )
    max_short_line_fraction: float = field(
        default=0.67,
        metadata={"doc": "Share of the text's characters in lines of at most 30 characters "
                         "above this: navigation and link lists (FineWeb's 0.67 and 30, weighted "
                         "by characters so a code block cannot outvote the article; an "
                         "unspaced-script character counts as three)."},
    )
    max_lines_per_word: float = field(
        default=0.3,
        metadata={"doc": "Non-empty lines per word above this (fewer than ~3 words a line): a "
                         "list (FineWeb's list ratio 0.3)."},
    )
    max_lorem_ipsum_phrases: int = field(
        default=0,
        metadata={"doc": "Lorem ipsum phrases allowed (C4 drops any page that has one): template "
                         "filler is never content."},
    )
    max_placeholder_phrases: int = field(
        default=0,
        metadata={"doc": "Template phrases ('your text here', 'site under construction', "
                         "pipeline/data/quality/placeholders.json) allowed: none, they only occur "
                         "on unfinished pages."},
    )
    disabled_rules: list[str] = field(
        default_factory=list,
        metadata={"doc": "Rule names not to apply (see README, 'quality'); their measures are "
                         "still reported."},
    )

    def validate(self) -> None:
        self.check_rule_switch()
        for key in ("min_words", "max_words", "min_stop_words", "max_lorem_ipsum_phrases",
                    "max_placeholder_phrases"):
            if getattr(self, key) < 0:
                raise ConfigError(f"{key}: must not be negative")
        if self.min_words > self.max_words:
            raise ConfigError("min_words: must not exceed max_words")
        if not 0 <= self.min_mean_word_length <= self.max_mean_word_length:
            raise ConfigError("min_mean_word_length: must be between 0 and max_mean_word_length")
        for key in ("max_symbol_word_ratio", "min_alpha_word_fraction", "max_non_alpha_character_ratio",
                    "max_duplicate_line_fraction", "max_duplicate_line_character_fraction",
                    "max_duplicate_paragraph_fraction", "max_duplicate_paragraph_character_fraction",
                    "max_bullet_line_fraction", "max_ellipsis_line_fraction",
                    "min_punctuated_line_fraction", "max_short_line_fraction"):
            if not 0.0 <= getattr(self, key) <= 1.0:
                raise ConfigError(f"{key}: must be between 0 and 1")
        if self.max_lines_per_word <= 0:
            raise ConfigError("max_lines_per_word: must be positive")
        for key, sizes in (("max_top_ngram_character_fraction", TOP_NGRAM_SIZES),
                           ("max_duplicate_ngram_character_fraction", DUPLICATE_NGRAM_SIZES)):
            table = getattr(self, key)
            for n, limit in table.items():
                if n not in {str(size) for size in sizes}:
                    raise ConfigError(f"{key}: n-gram size {n!r} is not one of {', '.join(map(str, sizes))}")
                if not 0.0 <= limit <= 1.0:
                    raise ConfigError(f"{key}: the limit for {n}-grams must be between 0 and 1")


def failed_rules(measures: dict[str, Any], config: QualityConfig) -> list[str]:
    """Names of the rules the measures break, in the order of RULES."""
    failed = set()
    words = measures["words"]
    if words < config.min_words:
        failed.add("too_few_words")
    if words > config.max_words:
        failed.add("too_many_words")
    mean_length = measures["mean_word_length"]
    if mean_length is not None and mean_length < config.min_mean_word_length:
        failed.add("short_mean_word_length")
    if mean_length is not None and mean_length > config.max_mean_word_length:
        failed.add("long_mean_word_length")
    if max(measures["hash_word_ratio"], measures["ellipsis_word_ratio"]) > config.max_symbol_word_ratio:
        failed.add("symbol_word_ratio")
    if measures["alpha_word_fraction"] < config.min_alpha_word_fraction:
        failed.add("non_alpha_words")
    if measures["non_alpha_character_ratio"] > config.max_non_alpha_character_ratio:
        failed.add("non_alpha_characters")
    if measures["stop_words"] is not None and measures["stop_words"] < config.min_stop_words:
        failed.add("few_stop_words")
    limits = {
        "duplicate_lines": ("duplicate_line_fraction", config.max_duplicate_line_fraction),
        "duplicate_line_characters": ("duplicate_line_character_fraction",
                                      config.max_duplicate_line_character_fraction),
        "duplicate_paragraphs": ("duplicate_paragraph_fraction", config.max_duplicate_paragraph_fraction),
        "duplicate_paragraph_characters": ("duplicate_paragraph_character_fraction",
                                           config.max_duplicate_paragraph_character_fraction),
        "bullet_lines": ("bullet_line_fraction", config.max_bullet_line_fraction),
        "short_lines": ("short_line_fraction", config.max_short_line_fraction),
        "list_like": ("lines_per_word", config.max_lines_per_word),
        "lorem_ipsum": ("lorem_ipsum_phrases", config.max_lorem_ipsum_phrases),
        "placeholder_text": ("placeholder_phrases", config.max_placeholder_phrases),
    }
    limits |= {f"top_{n}gram": (f"top_{n}gram_character_fraction", limit)
               for n, limit in _by_size(config.max_top_ngram_character_fraction)}
    limits |= {f"duplicate_{n}grams": (f"duplicate_{n}gram_character_fraction", limit)
               for n, limit in _by_size(config.max_duplicate_ngram_character_fraction)}
    failed |= {rule for rule, (key, limit) in limits.items() if measures[key] > limit}
    if measures["punctuated_line_fraction"] < config.min_punctuated_line_fraction:
        failed.add("unpunctuated_lines")
    if (measures["ellipsis_line_fraction"] > config.max_ellipsis_line_fraction
            and measures["ellipsis_lines"] >= _MIN_ELLIPSIS_LINES):
        failed.add("ellipsis_lines")
    skipped = set(config.disabled_rules)
    return [rule for rule in RULES if rule in failed and rule not in skipped]


def _by_size(table: dict[str, float]) -> list[tuple[int, float]]:
    return sorted((int(n), limit) for n, limit in table.items())


class QualityFilter(Stage):
    """Drops pages that are not running text (Gopher, C4 and FineWeb heuristics)."""

    name = "quality"
    version = 2
    Config = QualityConfig
    config: QualityConfig

    def __init__(self, config: QualityConfig | None = None) -> None:
        super().__init__(config)
        self.vocabulary = Vocabulary.load()

    def process(self, doc: Document) -> Document | Drop:
        measures = measure_quality(doc.text, str(doc.lang.get("code", "und")), self.vocabulary)
        failed = failed_rules(measures, self.config)
        if failed:
            return Drop(Reason.LOW_QUALITY, {
                "message": f"not running text: {', '.join(failed)}",
                "failed": failed,
                "measures": measures,
            })
        doc.quality = measures
        return doc
