"""The span a rule returns, and whole-line removal that leaves no run of blank lines behind
(shared with the template_lines and pii stages). Lines with their offsets are the text
model's (`pipeline.text.lines`), re-exported here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from pipeline.document import Replacement
from pipeline.text.lines import Line, split_lines

__all__ = ["Line", "Span", "line_removals", "split_lines"]


class Span(NamedTuple):
    """A finding: text[start:end] is furniture of kind `rule`; `score` is how sure (0..1)."""

    start: int
    end: int
    rule: str
    score: float


def line_removals(text: str, spans: Iterable[Span]) -> list[Replacement]:
    """Replacements that delete whole lines together with their line breaks.

    `spans` must each cover one line's content (as `Span(line.start, line.end, ...)`).
    Blank lines between removed lines go with them; between the kept neighbours the larger
    of the two separators survives, so removing a paragraph never leaves a run of blank
    lines, never glues two paragraphs together and never leaves blank lines at either end.
    Each removed line is its own edit (it carries its rule); separators ride along with it.
    """
    by_start = {span.start: span for span in spans}
    if not by_start:
        return []
    lines = split_lines(text)
    removed = [line.start in by_start and not line.is_blank for line in lines]
    replacements: list[Replacement] = []
    index = 0
    while index < len(lines):
        if not removed[index]:
            index += 1
            continue
        block = [index]  # removed lines of one block; blank lines between them are absorbed
        probe = index + 1
        while probe < len(lines) and (removed[probe] or lines[probe].is_blank):
            if removed[probe]:
                block.append(probe)
            probe += 1
        previous = _previous_kept(lines, removed, block[0])
        following = probe if probe < len(lines) else None
        start, end = _block_extent(text, lines, previous, block, following)
        cuts = [start] + [lines[i].start for i in block[1:]] + [end]
        for number, line_index in enumerate(block):
            span = by_start[lines[line_index].start]
            replacements.append(Replacement(cuts[number], cuts[number + 1], span.rule))
        index = probe
    return replacements


def _previous_kept(lines: list[Line], removed: list[bool], first: int) -> int | None:
    for index in range(first - 1, -1, -1):
        if not lines[index].is_blank and not removed[index]:
            return index
    return None


def _block_extent(
    text: str, lines: list[Line], previous: int | None, block: list[int], following: int | None
) -> tuple[int, int]:
    first, last = block[0], block[-1]
    if previous is None and following is None:
        return 0, len(text)
    if previous is None:
        assert following is not None  # both None returned above
        return 0, lines[following].start
    if following is None:
        final_break = 2 if text.endswith("\r\n") else 1 if text.endswith("\n") else 0
        return lines[previous].end, len(text) - final_break
    blank_before = first - previous - 1
    blank_after = following - last - 1
    if blank_before >= blank_after:
        return lines[first].start, lines[following].start
    return lines[previous + 1].start, lines[last + 1].start
