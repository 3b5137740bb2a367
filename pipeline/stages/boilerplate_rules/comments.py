"""The comment section under an article: from a comment widget or a commenter's header line
in the second half of the page to its end, bodies included."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.stages.boilerplate_rules.lines import Span
from pipeline.stages.boilerplate_rules.words import LineInfo


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
        widget = start in found and found[start].rule == "comment_widget"
        if not (widget or start in authors):
            continue
        section = content[position:]
        # After a widget one commenter is enough; without one it takes two, since a single
        # "Jane Doe says:" above a paragraph may be an interview quote.
        if len(authors.intersection(section)) < (1 if widget else 2):
            return {}
        if all(i in found or i in authors or len(infos[i].words) <= max_words for i in section):
            return {i: Span(infos[i].line.start, infos[i].line.end, "comment_section", 0.9)
                    for i in section if i not in found}
        return {}
    return {}
