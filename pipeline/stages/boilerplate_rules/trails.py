"""Navigation structures: tag lists ("Tags: a, b, c"), breadcrumbs ("Home > Health >
Article"), menu rows ("Home | Herbs | About") and copyright footers."""

from __future__ import annotations

import re

from pipeline.stages.boilerplate_rules.vocabulary import Vocabulary
from pipeline.stages.boilerplate_rules.words import NO_TITLE_END, SENTENCE_END, WORD, LineInfo, words_of

# A copyright footer names the site and a year or two; a longer line is a sentence about copyright.
_COPYRIGHT_MAX_WORDS = 12
_COPYRIGHT_SIGN = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\s+\d{4}", re.IGNORECASE)
# Breadcrumb separators, each needing spaces around it so "and/or" or "a>b" never qualify.
# Each with the one character it needs, so a line without it is not split at all.
_CRUMB_SEPARATORS = [(mark, re.compile(rf"\s+{re.escape(mark)}\s+")) for mark in "»›>→/"]
# A menu has at least three entries (two could be "Pros | Cons" in a table), each of at most
# three words ("Privacy Policy", "Terms of Use").
_MENU_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_MENU_MIN_ITEMS = 3
_MENU_MAX_ITEM_WORDS = 3
# A step of a trail is a section name; only its last step may be the article's own title,
# which runs to about 25 words.
_CRUMB_STEP_MAX_WORDS = 6
_CRUMB_TITLE_MAX_WORDS = 25


def is_copyright(info: LineInfo, vocabulary: Vocabulary) -> bool:
    """'© 2024 Site. All rights reserved.': a short line with a © sign or a rights phrase."""
    if len(info.words) > _COPYRIGHT_MAX_WORDS:
        return False
    return bool(_COPYRIGHT_SIGN.search(info.stripped) or vocabulary.copyright.find(info.words))


def is_tag_list(info: LineInfo, vocabulary: Vocabulary, max_words: int) -> bool:
    """'Tags: a, b, c' - a label, a colon, then short items."""
    head, colon, rest = info.stripped.partition(":")
    if not colon or not rest.strip() or SENTENCE_END.search(info.stripped):
        return False
    label = words_of(head)
    if not label or vocabulary.tag_labels.find(label) != [(0, len(label))]:
        return False
    items = [item for item in re.split(r"\s*[,;|•·]\s*", rest.strip()) if item]
    return len(info.words) <= max_words and all(len(words_of(item)) <= 5 for item in items)


def is_breadcrumb(info: LineInfo, vocabulary: Vocabulary, edge: bool) -> bool:
    """'Home > Health > Article': short steps joined by one breadcrumb separator, maybe after a
    label ("You are here:"); the last step may be the article's long title ("Home > News >
    <headline>") after two steps, or after a home step at the page's edges."""
    text = _without_label(info, vocabulary)
    for mark, separator in _CRUMB_SEPARATORS:
        if mark not in text:
            continue
        parts = [part.strip() for part in separator.split(text)]
        if len(parts) < 2 or not all(parts):
            continue
        if any(len(words_of(p)) > _CRUMB_STEP_MAX_WORDS or SENTENCE_END.search(p) for p in parts[:-1]):
            continue
        starts_home = " ".join(words_of(parts[0])) in vocabulary.home_words
        last = parts[-1]
        if len(words_of(last)) <= _CRUMB_STEP_MAX_WORDS and not SENTENCE_END.search(last):
            return starts_home or (edge and len(parts) >= 3)
        if len(words_of(last)) > _CRUMB_TITLE_MAX_WORDS or NO_TITLE_END.search(last):
            continue
        if any(part[:1].islower() for part in parts[:-1]):
            continue  # section names are capitalised; "I love it / it segfaulted / ..." is prose
        # Three steps ending in a headline are a trail anywhere: prose has no such shape.
        return len(parts) >= 3 or (starts_home and edge)
    return False


# Between the steps of a trail that ends in the page's title, any one of the symbols sites
# put there, with spaces around it.
_TRAIL_SEPARATOR = re.compile(r"\s+([›>/»→·•|~:\-–—])\s+")
_TRAIL_MAX_STEPS = 4


def is_title_trail(info: LineInfo, titles: list[tuple[str, ...]], headline: tuple[str, ...] = ()) -> bool:
    """'Home · Travel · <the page title>', 'Travel / <the page title>': up to four short
    capitalised steps joined by one separator symbol, ending in the page's own title. A line
    ending in the title is no evidence on its own (a sentence may quote it); the steps and the
    separators before it are. A line that is the whole `headline` (the HTML title:
    "Minecraft 1.8 - The Bountiful Update", whose part after the dash is a title too) is the
    headline, not a trail to it."""
    if tuple(info.words) == headline:
        return False
    for title in titles:
        if len(title) < 3 or len(info.words) <= len(title) or tuple(info.words[-len(title) :]) != title:
            continue
        title_start = list(WORD.finditer(info.stripped))[-len(title)].start()
        head = info.stripped[:title_start]
        separators = list(_TRAIL_SEPARATOR.finditer(" " + head))
        if not separators or separators[-1].end() != len(head) + 1:
            continue  # the title must follow a separator
        symbol = separators[-1].group(1)
        steps = [step.strip() for step in head[: separators[-1].start()].split(f" {symbol} ")]
        if any(_TRAIL_SEPARATOR.search(f" {step} ") for step in steps):
            continue  # one separator symbol throughout
        if len(steps) <= _TRAIL_MAX_STEPS and all(
                step[:1].isupper() and 0 < len(words_of(step)) <= _CRUMB_STEP_MAX_WORDS
                and not SENTENCE_END.search(step) for step in steps):
            return True
    return False


def _without_label(info: LineInfo, vocabulary: Vocabulary) -> str:
    """The line without a leading "You are here:" label."""
    head, colon, rest = info.stripped.partition(":")
    label = words_of(head)
    if colon and label and vocabulary.breadcrumb_labels.find(label) == [(0, len(label))]:
        return rest.strip()
    return info.stripped


def is_menu_row(text: str) -> bool:
    """'Home | Herbs | About': three or more short capitalised items joined by bars or dots."""
    parts = [part.strip() for part in _MENU_SEPARATOR.split(text)]
    return len(parts) >= _MENU_MIN_ITEMS and all(
        part and len(words_of(part)) <= _MENU_MAX_ITEM_WORDS and part[0].isupper()
        and not SENTENCE_END.search(part) for part in parts)
