"""Injected keyword phrases: the page title (or a heading) pasted into running text.

SEO farms paste the page's title, with its own capitals, into the middle of sentences
("recent estimates show <Title phrase> million adults"). The sign is the case break: a
capitalised function word ("What", "For", "Of") in mid-sentence, which prose never
writes. A sentence-case phrase with that break is removed; a Title Case phrase (which
could be the name of a book or film) is removed only when a number follows it, and
otherwise flagged; a title that only recurs in lower case inside a sentence is flagged
when it reads as a query ("what is ...", "... for") rather than a noun phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.stages.spam_rules.spans import WORD, SpamSpan, fold, line_bounds, phrase_span
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary

# Title separators: "Main title | Site name", "Main title - Site".
_TITLE_PARTS = re.compile(r"\s+[|\-–—:·»]\s+")
# A heading line: short, no sentence punctuation at its end.
_TERMINAL = re.compile(r"[.!?,;:]\s*$")
# Words before a number that tie a phrase to it: "about 16 million" is not a case for the
# number rule, so the number must follow the phrase directly.
_NUMBER_AFTER = re.compile(
    r"[ \t\u00a0]+(?:\d|(?:million|billion|thousand|hundred|percent)\b)", re.IGNORECASE
)
# Heading lines looked for in the text, at most (the first ones of the page).
_MAX_HEADINGS = 200
# A line with more words than this is running text even without a full stop.
_RUNNING_TEXT_WORDS = 20
_QUESTION_WORDS = frozenset({"what", "how", "why", "where", "when", "which", "who", "best", "top"})


def keyword_phrases(text: str, title: str | None, max_words: int = 10) -> tuple[list[str], list[str]]:
    """(title phrases, heading phrases): the parts of doc.title, the first line when it is
    a short heading, and every other short heading line; each of 2..max_words words."""
    titles: list[str] = []
    headings: list[str] = []
    if title:
        titles.extend(part.strip() for part in _TITLE_PARTS.split(title))
    lines = [text[start:end].strip() for start, end, _ in line_bounds(text)]
    non_blank = [line for line in lines if line]
    for number, line in enumerate(non_blank):
        if _TERMINAL.search(line) or len(WORD.findall(line)) > max_words:
            continue
        (titles if number == 0 else headings).append(line)

    def keep(phrases: list[str]) -> list[str]:
        return sorted(
            {
                p for p in phrases
                if 2 <= len(WORD.findall(p)) <= max_words and not re.search(r"://|@|www\.", p)
            },
            key=lambda p: (-len(p), p),
        )

    return keep(titles), [p for p in keep(headings) if p not in titles]


def keyword_injection_spans(
    text: str, title: str | None, vocabulary: SpamVocabulary, max_words: int = 10
) -> list[SpamSpan]:
    titles, headings = keyword_phrases(text, title, max_words)
    # a page with hundreds of short lines is a list, not headings: its first ones are enough
    headings = headings[:_MAX_HEADINGS]
    by_folded: dict[str, list[tuple[str, bool]]] = {}
    for phrase, is_title in [(p, True) for p in titles] + [(p, False) for p in headings]:
        by_folded.setdefault(phrase.casefold(), []).append((phrase, is_title))
    if not by_folded:
        return []
    phrases = {phrase for entries in by_folded.values() for phrase, _ in entries}
    phrases = _possible_in_running_text(text, phrases)
    if not phrases:
        return []
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=lambda p: (-len(p), p)))
    pattern = _phrase_pattern(alternatives)
    spans: list[SpamSpan] = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        if not _mid_sentence(text, start, end):
            continue
        entries = by_folded.get(match.group().casefold(), [])
        exact = [entry for entry in entries if entry[0] == match.group()]
        if not entries:
            continue
        phrase, is_title = (exact or entries)[0]
        span = _judge(text, start, end, match.group(), phrase, is_title, vocabulary)
        if span is not None:
            spans.append(span)
    return spans


@lru_cache(maxsize=1024)
def _phrase_pattern(alternatives: str) -> re.Pattern[str]:
    """The pattern of a page's phrases (pages of one site share their title parts)."""
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


# Characters that IGNORECASE matching lets stand for an ASCII letter though they are not ASCII
# ("ſ" for "s", the Kelvin sign for "k"), or whose lower case is ASCII or longer ("İ"); a test
# keeps the set equal to what Python's tables say.
CASE_FOLDING_SPECIALS = frozenset("\u00df\u0130\u0131\u0149\u017f\u01f0\u1e96\u1e97\u1e98\u1e99"
                                  "\u1e9a\u212a\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")
_ASCII_RUN = re.compile(r"[a-z0-9]+")


def _possible_in_running_text(text: str, phrases: set[str]) -> set[str]:
    """The phrases that may occur in a line of running text, the only place a match counts
    (`_mid_sentence`): an ASCII phrase that is in no such line (in lower case), or another
    whose longest ASCII letter run is in none, cannot match there. Compiling the page's
    pattern costs more than this look, and most headings occur only as their own line. Every
    phrase, when a phrase spans lines or the text holds a character whose case folding is
    not one ASCII letter to one."""
    if any("\n" in phrase for phrase in phrases) or not CASE_FOLDING_SPECIALS.isdisjoint(text):
        return phrases
    running = "\n".join(line for line in text.split("\n")
                         if _TERMINAL.search(line) or len(WORD.findall(line)) > _RUNNING_TEXT_WORDS).lower()
    kept = set()
    for phrase in phrases:
        if phrase.isascii():  # every character then matches only itself in either case
            if phrase.lower() in running:
                kept.add(phrase)
            continue
        runs = _ASCII_RUN.findall(phrase.lower())
        if not runs or max(runs, key=len) in running:
            kept.add(phrase)
    return kept


def _mid_sentence(text: str, start: int, end: int) -> bool:
    """Inside running text (a line that reads as sentences, not a heading), after a word."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    # running text ends in sentence punctuation or is longer than any heading
    if not (_TERMINAL.search(line) or len(WORD.findall(line)) > _RUNNING_TEXT_WORDS):
        return False
    before = text[line_start:start]
    return bool(re.search(r"[^\W_][\"'”’)]?,?[ \t\u00a0]+$", before))


def _judge(
    text: str, start: int, end: int, found: str, phrase: str, is_title: bool, vocabulary: SpamVocabulary
) -> SpamSpan | None:
    words = WORD.findall(found)
    folded = [fold(word) for word in words]
    # capitalised, not upper case: an all-caps heading ("NO WARRANTY") carries no case information
    small_words = vocabulary.function_words | _QUESTION_WORDS
    case_break = found == phrase and any(
        word[:1].isupper() and not word.isupper() and fold(word) in small_words for word in words
    )
    if case_break:
        sentence_case = any(
            word[:1].islower() and fold(word) not in vocabulary.function_words for word in words
        )
        if sentence_case or _NUMBER_AFTER.match(text, end):
            removal = phrase_span(text, start, end)
            return SpamSpan(*removal, "keyword_injection", 0.9)
        return SpamSpan(start, end, "keyword_injection", 0.6, flag_only=True)
    if is_title and (folded[0] in _QUESTION_WORDS or folded[-1] in vocabulary.function_words):
        return SpamSpan(start, end, "title_phrase_in_text", 0.4, flag_only=True)
    return None
