"""The one text layout every extractor's output is rendered in: one block (heading,
paragraph, list, table) a paragraph, blocks separated by a blank line, list items and
table rows one a line, table cells joined by " | ", preformatted text kept line by line."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import PageElement, Tag

from pipeline.io.extract.tree import HEADINGS, INVISIBLE, clean_inline, is_text

# Which block-separating break an element causes.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "figure", "figcaption", "address", "header", "footer", "nav",
    "aside", "form", "center", "details", "summary", "hr", "body", "html", "caption",
    "fieldset", "noscript", "table",
})
LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
LINE_TAGS = frozenset({"li", "dt", "dd", "tr", "br"})
CELL_TAGS = frozenset({"td", "th"})


@dataclass(slots=True)
class Line:
    """One output line: its table cells (one cell for ordinary text), the element that owns
    it, and whether a blank line (a new block) precedes it."""

    cells: list[str]
    owner: int
    new_block: bool
    heading: bool = False

    @property
    def text(self) -> str:
        return " | ".join(cell for cell in self.cells if cell)


_LINE, _BLOCK = 1, 2


class _Renderer:
    """The state of one walk: the current cell's fragments, the current line's cells, the
    block elements entered and the strongest break seen since the last line."""

    def __init__(self, root: Tag) -> None:
        self.lines: list[Line] = []
        self.fragments: list[str] = []
        self.cells: list[str] = []
        self.owners: list[Tag] = [root]
        self.pending = _BLOCK
        self.list_depth = 0
        self.pre_depth = 0
        self.line_owner = id(root)
        self.heading = False

    def finish_cell(self) -> None:
        raw = "".join(self.fragments)
        self.fragments.clear()
        self.cells.append(raw.rstrip() if self.pre_depth else clean_inline(raw))

    def finish_line(self, strength: int) -> None:
        self.finish_cell()
        if any(self.cells):
            self.lines.append(Line(list(self.cells), self.line_owner, self.pending == _BLOCK, self.heading))
            self.pending = strength
        else:
            self.pending = max(self.pending, strength)
        self.cells.clear()
        self.heading = False

    def _line_is_blank(self) -> bool:
        return not "".join(self.fragments).strip() and not any(self.cells)

    def text(self, text: str) -> None:
        if self.pre_depth:
            for index, part in enumerate(text.split("\n")):
                if index:
                    self.finish_line(_LINE)
                if part.strip() and self._line_is_blank():
                    self.line_owner = id(self.owners[-1])
                self.fragments.append(part)
            return
        if text.strip() and self._line_is_blank():
            self.line_owner = id(self.owners[-1])
            self.heading = any(owner.name in HEADINGS for owner in self.owners[-2:])
        self.fragments.append(text)

    def boundary(self, node: Tag, leaving: bool) -> None:
        name = node.name
        if name in CELL_TAGS:
            if leaving or "".join(self.fragments).strip():
                self.finish_cell()
        elif name in LIST_TAGS or name in LINE_TAGS or name in BLOCK_TAGS:
            strength = _LINE if (name in LINE_TAGS or self.list_depth) else _BLOCK
            self.finish_line(strength)

    def enter(self, node: Tag) -> None:
        name = node.name
        if name in LIST_TAGS:
            self.list_depth += 1
        if name == "pre":
            self.pre_depth += 1
        if name in BLOCK_TAGS or name in LINE_TAGS or name in LIST_TAGS or name in CELL_TAGS:
            self.owners.append(node)

    def leave(self, node: Tag) -> None:
        if node.name in LIST_TAGS:
            self.list_depth -= 1
        if node.name == "pre":
            self.pre_depth -= 1
        if self.owners and self.owners[-1] is node:
            self.owners.pop()


def render(root: Tag, removed: set[int]) -> list[Line]:
    """Lay out the visible text under `root` as lines, skipping removed subtrees."""
    state = _Renderer(root)
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if not isinstance(node, Tag):
            if is_text(node):
                state.text(str(node))
            continue
        state.boundary(node, leaving)
        if leaving:
            state.leave(node)
            continue
        state.enter(node)
        stack.append((node, True))
        for child in reversed(node.contents):
            if isinstance(child, Tag) and (id(child) in removed or child.name in INVISIBLE):
                continue
            stack.append((child, False))
    state.finish_line(_BLOCK)
    return state.lines


def join_blocks(lines: list[Line]) -> str:
    parts: list[str] = []
    for index, line in enumerate(lines):
        if index:
            parts.append("\n\n" if line.new_block else "\n")
        parts.append(line.text)
    return "".join(parts)
