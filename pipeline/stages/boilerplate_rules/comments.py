"""The comment section under an article: from a comment widget or a commenter's header line
in the second half of the page to its end, bodies included."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.stages.boilerplate_rules.lines import Span
from pipeline.stages.boilerplate_rules.vocabulary import Vocabulary
from pipeline.stages.boilerplate_rules.words import LineInfo, is_number

# Quotation marks around the title a comment header quotes.
_QUOTE = re.compile(r"[\"“”‘’'«»„]")
# Rules that open or close a comment section.
_WIDGET_RULES = frozenset({"comment_widget", "comment_header"})
# After a widget, the first commenter's header line comes within this many lines (other
# furniture and the reply form's fields not counted): a widget followed by anything
# else ("Comments (5 posted)" above the next article) opens no section.
_AUTHOR_REACH = 3
# Lines of a form ("Name *", "Email", "Website") have one or two words: not counted in the reach.
_FIELD_WORDS = 2


def is_comment_header(info: LineInfo, vocabulary: Vocabulary, titles: list[tuple[str, ...]]) -> bool:
    """'14 thoughts on “<title>”', '3 Responses to <Title>': a count, a comment word, a link
    word, then the article's title (quoted, the page's own title, or in title case)."""
    words = info.words
    if len(words) < 4 or not (is_number(words[0]) or words[0] in ("one", "no")):
        return False
    if words[1] not in vocabulary.header_words or words[2] not in vocabulary.header_links:
        return False
    rest = info.cased[3:]
    if tuple(words[3:]) in titles or _QUOTE.search(info.stripped):
        return True
    long_words = [w for w in rest if len(w) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) * 2 > len(long_words)


def comment_section_spans(
    infos: list[LineInfo], found: dict[int, Span], is_author: Callable[[LineInfo], bool], max_words: int
) -> dict[int, Span]:
    """Line number -> span for the page's comment section: from a comment widget or a comment
    author line ("Jane Doe says:") in the second half of the page to its end, when every line
    after it is furniture or short (comment bodies) and commenters' author lines are among
    them. `found` holds the spans other rules found so far."""
    content = [i for i, info in enumerate(infos) if info.words]
    if len(content) < 4:
        return {}
    authors = {i for i in content if is_author(infos[i])}
    for position, start in enumerate(content[len(content) // 2 :], start=len(content) // 2):
        opens = start in found and found[start].rule in _WIDGET_RULES
        if not (opens or start in authors):
            continue
        following = [i for i in content[position + 1 :]
                     if i in authors or (i not in found and len(infos[i].words) > _FIELD_WORDS)]
        if opens and not authors.intersection(following[:_AUTHOR_REACH]):
            continue
        section = content[position:]
        # With a widget (before the comments or after them, as a reply form) one commenter is
        # enough; without one it takes two, since a single "Jane Doe says:" above a paragraph
        # may be an interview quote.
        widget = any(i in found and found[i].rule in _WIDGET_RULES for i in section)
        if len(authors.intersection(section)) < (1 if widget else 2):
            return {}
        if all(i in found or i in authors or len(infos[i].words) <= max_words for i in section):
            return {i: Span(infos[i].line.start, infos[i].line.end, "comment_section", 0.9)
                    for i in section if i not in found}
        return {}
    return {}
