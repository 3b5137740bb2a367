"""The link view of an HTML page: `doc.links` (href and anchor text, kept by the reader)
tells which words of the text were links.

- An anchor whose text is a commercial phrase (product + cue) is a sales anchor wherever
  its text appears: removed with the repair its position needs.
- A farm link (judged by its host) whose anchor text fills a line: that line goes.
- Link-dense blocks: lines whose characters are mostly anchor text, in runs (a menu,
  a list of related links), go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.document import Link
from pipeline.stages.spam_rules.anchors import anchor_phrases
from pipeline.stages.spam_rules.links import UrlJudge, heading_above
from pipeline.stages.spam_rules.spans import WORD, SpamSpan, line_bounds, phrase_span, whole_lines_span
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary

# Anchor texts shorter than this are too common ("here", "more") to locate in the text.
_MIN_ANCHOR_CHARS = 4


def _is_commercial(anchor: str, vocabulary: SpamVocabulary, max_words: int) -> bool:
    words = WORD.findall(anchor)
    if not 0 < len(words) <= max_words:
        return False
    return any(phrase.is_candidate for phrase in anchor_phrases(anchor, vocabulary))


def spam_anchor_spans(
    text: str, links: Sequence[Link], vocabulary: SpamVocabulary, judge: UrlJudge, max_words: int = 8
) -> list[SpamSpan]:
    """Occurrences of commercial anchor texts, and of farm-link anchors that fill a line."""
    spans: list[SpamSpan] = []
    commercial = sorted({link.text for link in links if _is_commercial(link.text, vocabulary, max_words)})
    farm_anchors = sorted(
        {link.text for link in links if len(link.text) >= _MIN_ANCHOR_CHARS and judge.is_farm(link.href)}
    )
    bounds = line_bounds(text)
    wanted = set(commercial) | set(farm_anchors)
    spam_lines = [
        number for number, (start, end, _) in enumerate(bounds) if text[start:end].strip() in wanted
    ]
    # consecutive spam-link lines go as one block, with a link heading ("Read more") above them
    groups: list[list[int]] = []
    for number in spam_lines:
        if groups and _adjacent(text, bounds, groups[-1][-1], number):
            groups[-1].append(number)
        else:
            groups.append([number])
    for group in groups:
        heading = heading_above(text, bounds, group[0], vocabulary)
        first = group[0] if heading is None else heading
        removal = whole_lines_span(text, bounds[first][0], bounds[group[-1]][2])
        spans.append(SpamSpan(*removal, "spam_anchor_link", 1.0))
    for anchor in commercial:
        for match in re.finditer(r"(?<!\w)" + re.escape(anchor) + r"(?!\w)", text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line = text[line_start : len(text) if line_end < 0 else line_end]
            if line.strip() == anchor:
                continue  # handled as a whole line above
            spans.append(SpamSpan(*phrase_span(text, match.start(), match.end()), "spam_anchor_link", 0.9))
    return spans


def link_dense_spans(
    text: str, links: Sequence[Link], density: float = 0.7, min_lines: int = 3, min_anchors: int = 3
) -> list[SpamSpan]:
    """Runs of `min_lines`+ lines (blank lines between allowed) each mostly anchor text,
    or a single line holding `min_anchors`+ anchors that fill most of it."""
    texts = {link.text for link in links if len(link.text) >= _MIN_ANCHOR_CHARS}
    anchors = sorted(texts, key=lambda anchor: (-len(anchor), anchor))
    if not anchors:
        return []
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(anchor) + r"(?!\w)" for anchor in anchors))
    bounds = line_bounds(text)
    dense: list[tuple[int, int]] = []  # (line number, anchors found)
    for number, (start, end, _) in enumerate(bounds):
        line = text[start:end]
        letters = sum(not ch.isspace() for ch in line)
        if not letters:
            continue
        found = list(pattern.finditer(line))
        covered = sum(sum(not ch.isspace() for ch in match.group()) for match in found)
        if covered / letters >= density and not _cites_or_states(line, found):
            dense.append((number, len(found)))
    spans: list[SpamSpan] = []
    run: list[tuple[int, int]] = []
    for item in dense + [(-10, 0)]:
        if run and not _adjacent(text, bounds, run[-1][0], item[0]):
            if len(run) >= min_lines or (len(run) == 1 and run[0][1] >= min_anchors):
                first, last = run[0][0], run[-1][0]
                start, end = whole_lines_span(text, bounds[first][0], bounds[last][2])
                spans.append(SpamSpan(start, end, "link_dense_block", 0.7))
            run = []
        run.append(item)
    return spans


# Words outside the anchors from which a line says something of its own (a table row's
# description, a sentence around a link), rather than listing links.
_OWN_WORDS = 5
_QUOTES = "\"'“”‘’«»„"


def _cites_or_states(line: str, found: list[re.Match[str]]) -> bool:
    """A link-dense line that is content: an anchor in quotation marks (a citation,
    '^ "Title".', or a quoted URL in code), or five words of its own beside the anchors (a
    table row: 'Title | 2006 | Anime based on a novel of the same name.')."""
    if any(match.start() > 0 and line[match.start() - 1] in _QUOTES for match in found):
        return True
    rest = line
    for match in reversed(found):
        rest = rest[: match.start()] + " " + rest[match.end() :]
    return len(WORD.findall(rest)) >= _OWN_WORDS


def _adjacent(text: str, bounds: list[tuple[int, int, int]], previous: int, number: int) -> bool:
    """Line `number` follows line `previous` with only blank lines between."""
    if number <= previous:
        return False
    return all(not text[bounds[k][0] : bounds[k][1]].strip() for k in range(previous + 1, number))
