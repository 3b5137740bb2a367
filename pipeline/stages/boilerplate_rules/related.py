"""Related-article lists: a heading ("Related Stories", "More from The Lantern") and the
article titles under it. The heading alone is vocabulary; the titles are anyone's words, so
they are judged by structure: short lines that do not end a sentence, in the heading's own
block, and past a blank line only in the page's tail and only while they still read as
titles (capitalised, no sentence end)."""

from __future__ import annotations

from pipeline.stages.boilerplate_rules.lines import Span
from pipeline.stages.boilerplate_rules.vocabulary import Vocabulary
from pipeline.stages.boilerplate_rules.words import LIST_ITEM, NO_TITLE_END, URL, LineInfo

# A heading that names a site or section after its opener is short: "More from The Lantern".
_LEAD_HEADING_MAX_WORDS = 7
# Rules whose lines may sit inside a related list (its heading, titles already found).
_LIST_RULES = frozenset({"related_content", "related_tail", "related_list"})


def is_lead_heading(info: LineInfo, vocabulary: Vocabulary) -> bool:
    """'More from The Lantern', 'Latest in Science': an opener, then only a name."""
    if not info.words or len(info.words) > _LEAD_HEADING_MAX_WORDS or info.stripped.endswith("."):
        return False
    leads = vocabulary.related_leads.find(info.words)
    if not leads or leads[0][0] != 0:
        return False
    rest = info.cased[leads[0][1] :]
    return all(word[:1].isupper() or word.isdigit() for word in rest)


def is_title_line(info: LineInfo, max_words: int, strict: bool) -> bool:
    """A line that reads as an article title: short, no sentence end, no URL; `strict` (past
    a blank line) also wants a capital or a script without case at its start."""
    if not 0 < len(info.words) <= max_words or URL.search(info.stripped):
        return False
    if NO_TITLE_END.search(info.stripped):
        return False
    first = info.stripped.lstrip("-*•–·▪ ")[:1]
    return not (strict and first.islower())


def related_list_spans(infos: list[LineInfo], found: dict[int, Span], vocabulary: Vocabulary,
                       tail_start: int, max_words: int) -> dict[int, Span]:
    """Line number -> span of each related list's heading and titles. `tail_start`: the first
    line after the article's last prose line."""
    spans: dict[int, Span] = {}
    for index, info in enumerate(infos):
        if index in spans or not info.words:
            continue
        known = index in found and found[index].rule == "related_content"
        if not known and (index in found or not is_lead_heading(info, vocabulary)):
            continue
        titles = _titles_under(infos, found, index, tail_start, max_words)
        # A lead heading is only a heading when titles follow it in its own block.
        if known or sum(1 for t, same_block in titles if same_block) >= 2:
            if not known:
                spans[index] = Span(info.line.start, info.line.end, "related_list", 0.8)
            for title, _ in titles:
                if title not in found:
                    spans[title] = Span(infos[title].line.start, infos[title].line.end, "related_list", 0.8)
    return spans


def _titles_under(infos: list[LineInfo], found: dict[int, Span], heading: int, tail_start: int,
                  max_words: int) -> list[tuple[int, bool]]:
    """(line number, in the heading's block) of the title lines after `heading`."""
    titles: list[tuple[int, bool]] = []
    same_block = True
    for number in range(heading + 1, len(infos)):
        info = infos[number]
        if not info.words:
            if info.stripped:  # symbols only: a separator row
                continue
            same_block = False
            continue
        if number in found and found[number].rule not in _LIST_RULES:
            break
        if not same_block and number < tail_start:
            break
        if not is_title_line(info, max_words, strict=not same_block):
            break
        titles.append((number, same_block))
    return titles


# A headless list (its heading already gone, e.g. learnt as a site template) needs more lines
# than one under a heading, and titles of some length: three lines, half of them of four
# words or more, so a short closing block ("Jane Doe / London") is not taken for one.
_ORPHAN_MIN_LINES = 3
_ORPHAN_LONG_WORDS = 4


def orphan_list_spans(infos: list[LineInfo], found: dict[int, Span], tail_start: int,
                      max_words: int) -> dict[int, Span]:
    """Blocks after the article's last prose line made only of article titles: a related list
    whose heading went before this stage saw it."""
    spans: dict[int, Span] = {}
    block: list[int] = []
    for number in range(tail_start, len(infos) + 1):
        info = infos[number] if number < len(infos) else None
        if info is not None and info.stripped:
            block.append(number)
            continue
        titles = [i for i in block if i not in found]
        known = [i for i in block if i in found and found[i].rule in _LIST_RULES]
        if len(titles) + len(known) == len(block) >= _ORPHAN_MIN_LINES and titles \
                and _all_titles(infos, block, max_words):
            spans.update({i: Span(infos[i].line.start, infos[i].line.end, "related_list", 0.7)
                          for i in titles})
        block = []
    return spans


def _all_titles(infos: list[LineInfo], lines: list[int], max_words: int) -> bool:
    titles = all(is_title_line(infos[i], max_words, strict=True) and not LIST_ITEM.match(infos[i].stripped)
                 for i in lines)
    return titles and sum(len(infos[i].words) >= _ORPHAN_LONG_WORDS for i in lines) * 2 >= len(lines)
