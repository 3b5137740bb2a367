"""Near-duplicates, spun copies and junk pages."""

from __future__ import annotations

import random
import re

from .articles import _Filler, _sentence
from .documents import Article
from .phrasings import _SENTENCES
from .sites import _capitalize, _title_case
from .topics import Topic
from .word_lists import _ERROR_PAGES, _KEYWORD_MODIFIERS, _LOREM, _NAV_MENUS, _SPIN_TABLE


def _near_duplicate(article: Article, variant: str, rng: random.Random, topic: Topic) -> Article:
    sections = [(heading, list(sentences)) for heading, sentences in article.sections]
    if variant == "truncated":
        # Cut the last eighth of the sentences, as when a re-crawl lost the end of the page:
        # most of the text survives, so the copy stays a near-duplicate.
        cut = max(1, sum(len(sentences) for _, sentences in sections) // 8)
        while cut:
            heading, sentences = sections[-1]
            if len(sentences) > cut:
                sections[-1] = (heading, sentences[:-cut])
                cut = 0
            else:
                cut -= len(sentences)
                sections.pop()
    elif variant == "reordered":
        first, rest = sections[:1], sections[1:]
        rng.shuffle(rest)
        sections = first + rest
    elif variant == "edited":
        position = rng.randrange(len(sections))
        heading, sentences = sections[position]
        sentences[rng.randrange(len(sentences))] = _sentence(_Filler(topic, rng), rng.choice(_SENTENCES))
        sections[position] = (heading, sentences)
    return Article(article.title, article.author, sections)


def spin_text(text: str, rng: random.Random, rate: float = 0.7) -> tuple[str, list[tuple[str, str]]]:
    """Swap words and phrases from the synonym table, each match with probability `rate`;
    returns the spun text and the (spun, original) pairs."""
    pairs: list[tuple[str, str]] = []

    def swap(match: re.Match[str]) -> str:
        original = match.group(0)
        if rng.random() >= rate:
            return original
        replacement = rng.choice(_SPIN_LOOKUP[original.lower()])
        if original[:1].isupper():
            replacement = _capitalize(replacement)
        pairs.append((replacement, original))
        return replacement

    return _SPIN_PATTERN.sub(swap, text), pairs


_SPIN_LOOKUP = {original: options for original, options in _SPIN_TABLE}
_SPIN_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(key) for key in sorted(_SPIN_LOOKUP, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def _spun(article: Article, rng: random.Random) -> tuple[Article, list[tuple[str, str]]]:
    pairs: list[tuple[str, str]] = []
    title, found = spin_text(article.title, rng)
    pairs += found
    sections = []
    for heading, sentences in article.sections:
        spun_sentences = []
        for sentence in sentences:
            spun_sentence, found = spin_text(sentence, rng)
            pairs += found
            spun_sentences.append(spun_sentence)
        sections.append((heading, spun_sentences))
    return Article(title, article.author, sections), pairs


# --------------------------------------------------------------------------- junk


def _junk_page(kind: str, topic: Topic, rng: random.Random) -> tuple[str, list[str]]:
    """A title and the lines of a page with nothing worth keeping."""
    if kind == "keyword_list":
        words = [subject for subject in topic.subjects] + list(topic.activities)
        keywords = []
        for _ in range(rng.randint(25, 50)):
            keyword = rng.choice(words)
            modifier = rng.choice(_KEYWORD_MODIFIERS)
            keywords.append(f"{modifier} {keyword}" if rng.random() < 0.5 else f"{keyword} {modifier}")
        separator = rng.choice((", ", " | ", " - "))
        title = f"{_title_case(rng.choice(topic.subjects))} {rng.choice(_KEYWORD_MODIFIERS)}"
        return title, [separator.join(keywords[n:n + 10]) for n in range(0, len(keywords), 10)]
    if kind == "navigation_only":
        menu = list(rng.choice(_NAV_MENUS)) + [topic.label, f"{_title_case(rng.choice(topic.subjects))}"]
        return menu[0], menu
    if kind == "lorem_ipsum":
        paragraphs = []
        for _ in range(rng.randint(2, 4)):
            sentences = []
            for _ in range(rng.randint(3, 6)):
                words = [rng.choice(_LOREM) for _ in range(rng.randint(6, 14))]
                sentences.append(_capitalize(" ".join(words)) + ".")
            paragraphs.append(" ".join(sentences))
        return "Sample Page", ["Lorem ipsum dolor sit amet", *paragraphs]
    lines = list(rng.choice(_ERROR_PAGES))
    return lines[0], lines
