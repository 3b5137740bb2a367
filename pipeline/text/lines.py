"""Lines with their offsets: the unit of the line-level rules (boilerplate, template lines,
pii) and of the edits that remove whole lines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offset of the first character
    end: int  # offset just past the last character, before the line break ("\n" or "\r\n")
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Every line with its offsets; a text ending in a line break has a final empty line.
    Lines end at "\\n" only (a "\\r" before it is left out of the line): that is what the
    normalize stage leaves, and offsets stay those of the text."""
    lines = []
    start = 0
    for piece in text.split("\n"):
        content = piece[:-1] if piece.endswith("\r") else piece
        lines.append(Line(start, start + len(content), content))
        start += len(piece) + 1
    return lines


def non_blank_lines(text: str) -> list[str]:
    """The stripped lines that hold something, split at every Unicode line boundary
    (`str.splitlines`: also U+2028, form feed, ...), as the quality measures count lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]
