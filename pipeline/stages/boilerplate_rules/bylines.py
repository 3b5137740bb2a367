"""Bylines and counter lines ("Posted by admin on March 3, 2021", "1,204 views",
"Added: A B - Date: ... - Views: 23036"), judged by the density of labels, dates and
counts, with at most a name between them; and the header line of a comment
("Jane Doe says:", "Jane Doe — 2 days ago")."""

from __future__ import annotations

import re

from pipeline.stages.boilerplate_rules.vocabulary import Vocabulary
from pipeline.stages.boilerplate_rules.words import (
    SENTENCE_END,
    WORD,
    LineInfo,
    covered,
    is_number,
    words_of,
)

# A numeric date or a clock time: 17.09.2021, 2021-09-17, 9/17/21, 10:57.
DATE = re.compile(r"\b(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2})\b")
# "Label: value" fields of a metadata line ("Date: ... - Views: ..."): a short label then a colon.
# A separator between a byline's name and its date.
_BYLINE_SEPARATOR = re.compile(r"\s[·|•—–-]\s|,\s")
_FIELD = re.compile(r"(?:^|[-|•·,]\s*)[^\W\d_][\w .]{0,20}?:\s*\S")


def _next_to_number(hits: list[tuple[int, int]], numbers: list[bool]) -> bool:
    size = len(numbers)
    return any((a > 0 and numbers[a - 1]) or (b < size and numbers[b]) for a, b in hits)


def _has_date(info: LineInfo, vocabulary: Vocabulary, numbers: list[bool]) -> bool:
    """A numeric date or time, or a month name beside a number."""
    words = info.words
    return bool(DATE.search(info.stripped)) or any(
        word in vocabulary.months and (
            (index > 0 and numbers[index - 1]) or (index + 1 < len(words) and numbers[index + 1]))
        for index, word in enumerate(words)
    )


def byline_rule(info: LineInfo, vocabulary: Vocabulary, max_words: int, max_name_words: int,
                edge: bool) -> str | None:
    """The rule of a byline or counter line (byline, view_counter, comment_widget), or None."""
    words = info.words
    if not words or len(words) > max_words:
        return None
    views = vocabulary.view_counters.find(words)
    comments = vocabulary.comment_counters.find(words)
    labels = vocabulary.byline_labels.find(words)
    filler = vocabulary.byline_filler.find(words)
    mask = covered(views + comments + labels + filler, len(words))
    numbers = [is_number(w) for w in words]
    for index, word in enumerate(words):
        if numbers[index] or word in vocabulary.months:
            mask[index] = True
    has_views, has_comments = _next_to_number(views, numbers), _next_to_number(comments, numbers)
    has_date = _has_date(info, vocabulary, numbers)
    leftovers = [info.cased[i] for i, c in enumerate(mask) if not c]
    has_label = bool(labels) or len(_FIELD.findall(info.stripped)) >= 2
    counter_rule = "view_counter" if has_views else "comment_widget"
    if (has_views or has_comments) and not leftovers:
        return counter_rule
    if len(leftovers) > max_name_words:
        return None
    names_only = all(w[:1].isupper() or w.isdigit() for w in leftovers)
    if not (names_only or edge):
        return None
    if (has_views or has_comments or has_date) and has_label:
        return counter_rule if (has_views or has_comments) else "byline"
    if (has_views or has_comments) and has_date and names_only:
        return counter_rule  # "Jane Doe · Jan 7 · 85474 views": a name, a date and counts
    if not edge or SENTENCE_END.search(info.stripped):
        return None
    if has_date and not leftovers:
        return "byline"  # a bare date line above or below the article
    if labels and labels[0][0] == 0 and names_only and leftovers:
        return "byline"  # "By Jane Doe", "Written by Jane Doe"
    if has_date and names_only and leftovers and _BYLINE_SEPARATOR.search(info.stripped):
        return "byline"  # "Jane Doe · 8 May 2012 · 8:56" above or below the article
    return None


def is_comment_author(info: LineInfo, vocabulary: Vocabulary, max_name_words: int) -> bool:
    """'Jane Doe says:', 'Jane Doe replied:', 'Jane Doe — 3 days ago': a comment's header."""
    if not 2 <= len(info.words) <= max_name_words + 6:
        return False
    verbs = vocabulary.author_verbs.find(info.words)
    names = info.cased[: verbs[0][0]] if verbs else []
    if verbs and verbs[-1][1] == len(info.words) and 0 < len(names) <= max_name_words:
        return all(w[:1].isupper() for w in names)
    head, separator, rest = info.stripped.partition(" — ")
    head_words = WORD.findall(head)
    return bool(separator) and 0 < len(head_words) <= max_name_words \
        and all(w[:1].isupper() for w in head_words) and bool(re.search(r"\d", rest)) \
        and len(words_of(rest)) <= 6
