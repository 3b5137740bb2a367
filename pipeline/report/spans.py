"""The side-by-side view of one document: its input with every removed span marked by the
rule that removed it, and its output with inserted text and spun spans marked.

The input is rebuilt from the output and the recorded edits (`revert`), then the edits are
replayed forward over a list of pieces that remember where each character came from, so
each removed span is placed in input coordinates however many edits followed it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.document import as_edit, revert


@dataclass
class Piece:
    text: str
    inserted_by: str | None = None  # "stage/rule" when an edit put this text in
    removed_by: str | None = None  # "stage/rule" when an edit took it out

    @property
    def live(self) -> bool:
        return self.removed_by is None


def pieces_of(text: str, edits: Iterable[Mapping[str, Any]]) -> list[Piece]:
    """Pieces of the document from input to output (raises ValueError if the edits do not
    match the text)."""
    parsed = [as_edit(edit) for edit in edits]
    pieces = [Piece(revert(text, parsed))]
    for edit in parsed:
        label = f"{edit.stage}/{edit.rule}"
        start = _split(pieces, edit.start)
        end = _split(pieces, edit.start + len(edit.removed))
        for piece in pieces[start:end]:
            if piece.live:
                piece.removed_by = label
        if edit.inserted:
            pieces.insert(end, Piece(edit.inserted, inserted_by=label))
    return [piece for piece in pieces if piece.text]


def _split(pieces: list[Piece], offset: int) -> int:
    """Make a piece boundary at `offset` of the current (live) text; return the index of
    the first piece after it."""
    position = 0
    for index, piece in enumerate(pieces):
        if not piece.live:
            continue
        if position == offset:
            return index
        if position < offset < position + len(piece.text):
            cut = offset - position
            pieces[index:index + 1] = [Piece(piece.text[:cut], piece.inserted_by),
                                       Piece(piece.text[cut:], piece.inserted_by)]
            return index + 1
        position += len(piece.text)
    return len(pieces)


def input_html(pieces: list[Piece], colours: Mapping[str, int]) -> str:
    """The input text, each removed span marked with the class and title of its rule."""
    out = []
    for piece in pieces:
        if piece.inserted_by is not None:
            continue  # not in the input
        text = html.escape(piece.text)
        if piece.removed_by is None:
            out.append(text)
        else:
            out.append(f'<del class="c{colours[piece.removed_by] % len(PALETTE)}" '
                       f'title="removed by {html.escape(piece.removed_by)}">{text}</del>')
    return "".join(out)


def output_html(
    pieces: list[Piece], spin_spans: Iterable[Mapping[str, Any]], colours: Mapping[str, int]
) -> str:
    """The output text: inserted text marked by rule, spun spans marked with their likely
    original (offsets of spin spans are into the output text)."""
    segments: list[tuple[str, str | None]] = [(p.text, p.inserted_by) for p in pieces if p.live]
    spans = sorted((int(s["start"]), int(s["end"]), s) for s in spin_spans if s["end"] > s["start"])
    out, position = [], 0
    for text, inserted_by in segments:
        for chunk_start, chunk_end, span in _cut(position, position + len(text), spans):
            chunk = html.escape(text[chunk_start - position:chunk_end - position])
            if inserted_by is not None:
                chunk = (f'<ins class="c{colours[inserted_by] % len(PALETTE)}" '
                         f'title="inserted by {html.escape(inserted_by)}">{chunk}</ins>')
            if span is not None:
                likely = span.get("likely")
                title = f"spun (word score {float(span.get('score') or 0):.2f})"
                title += f"; likely original: {likely}" if likely else ""
                chunk = f'<mark class="spin" title="{html.escape(title)}">{chunk}</mark>'
                if likely and chunk_end == span["end"]:
                    chunk += f'<span class="likely">{html.escape(likely)}</span>'
            out.append(chunk)
        position += len(text)
    return "".join(out)


def _cut(start: int, end: int, spans: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """[start, end) cut at the spans' edges: (from, to, span or None) in order."""
    edges = {start, end}
    for span_start, span_end, _ in spans:
        if span_end > start and span_start < end:
            edges.update(edge for edge in (span_start, span_end) if start < edge < end)
    points = sorted(edges)
    chunks = []
    for low, high in zip(points, points[1:], strict=False):
        inside = next((span for s, e, span in spans if s <= low and high <= e), None)
        chunks.append((low, high, inside))
    return chunks


# Background colours for rules (colour-blind-safe Okabe-Ito hues, lightened for text).
PALETTE = ("#f6c89f", "#a6d8f5", "#a8e0c8", "#f3ec9a", "#b3c7ea", "#f2b8a6", "#e3bfd8", "#d0d0d0")


def palette_css() -> str:
    return "\n".join(f".c{index} {{ background: {colour}; }}" for index, colour in enumerate(PALETTE))
