"""The page's titles (its HTML `<title>` and parts, the first line when it reads as one) and
the related-link tail: short link-title lines after the article."""

from __future__ import annotations

import re

from pipeline.stages.boilerplate_rules.words import (
    LIST_ITEM,
    NO_TITLE_END,
    SENTENCE_END,
    URL,
    LineInfo,
    words_of,
)


def page_titles(infos: list[LineInfo], title: str | None, title_max_words: int,
                furniture: frozenset[int] | set[int] = frozenset()) -> list[tuple[str, ...]]:
    """The page title and its parts ("Headline | Site"), and the first line that is not
    `furniture` (line numbers) if it reads as one."""
    titles = []
    if title:
        titles.append(tuple(words_of(title)))
        for part in re.split(r"\s+[|–—:·-]\s+|\s*::\s*", title):
            if len(words_of(part)) >= 2:
                titles.append(tuple(words_of(part)))
    first = next((info for number, info in enumerate(infos) if info.words and number not in furniture), None)
    if first is not None and len(first.words) <= title_max_words \
            and not SENTENCE_END.search(first.stripped):
        titles.append(tuple(first.words))
    return [t for t in dict.fromkeys(titles) if t]


def related_tail_score(info: LineInfo, links: set[tuple[str, ...]], max_words: int,
                       min_title_case: float) -> float:
    """A short link-title line after the article: a related-articles list cut to its texts."""
    if len(info.words) > max_words or URL.search(info.stripped) or LIST_ITEM.match(info.stripped):
        return 0.0
    if tuple(info.words) in links:
        return 1.0
    if NO_TITLE_END.search(info.stripped):
        return 0.0
    long_words = [w for w in info.cased if len(w) >= 4 and not w.isdigit()]
    if not long_words or not info.cased[0][:1].isupper():
        return 0.0
    share = sum(w[0].isupper() for w in long_words) / len(long_words)
    return share if share >= min_title_case else 0.0
