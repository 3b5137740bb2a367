"""The report's charts, drawn with matplotlib as SVG and inlined as data URIs.

Rendering is made reproducible: matplotlib's default style whatever the user's
matplotlibrc, a fixed `svg.hashsalt` (the ids SVG elements get are otherwise random), no
date in the metadata, and text kept as text (`svg.fonttype = none`: smaller files, no
font-dependent glyph paths). Figures are built with the object API (no pyplot state), so
nothing leaks between reports.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import Any

import matplotlib
import matplotlib.style
from matplotlib.figure import Figure

# Keys typed Any: matplotlib types them as a Literal of every rc name, which a dict of str is not.
RC: dict[Any, Any] = {
    "svg.hashsalt": "corpus-pipeline",
    "svg.fonttype": "none",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 96,
}
KEPT, REJECTED = "#0072b2", "#d55e00"  # Okabe-Ito blue and vermillion


def _data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def horizontal_bars(labels: Sequence[str], values: Sequence[float], xlabel: str,
                    colour: str = KEPT) -> str:
    """One bar per label, top to bottom in the order given."""
    with matplotlib.style.context("default"), matplotlib.rc_context(RC):
        figure = _figure(7.5, 0.6 + 0.24 * max(len(labels), 1))
        axes = figure.add_subplot()
        positions = range(len(labels))
        axes.barh(list(positions), list(values), color=colour)
        axes.set_yticks(list(positions), list(labels))
        axes.invert_yaxis()
        axes.set_xlabel(xlabel)
        for position, value in zip(positions, values, strict=True):
            axes.annotate(f"{value:,.0f}" if value >= 10 else f"{value:,.2g}", (value, position),
                          xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        return _data_uri(figure)


def stacked_bars(labels: Sequence[str], kept: Sequence[int], rejected: Sequence[int], xlabel: str) -> str:
    """Kept and rejected counts per label, stacked horizontally."""
    with matplotlib.style.context("default"), matplotlib.rc_context(RC):
        figure = _figure(7.5, 0.8 + 0.24 * max(len(labels), 1))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.barh(positions, list(kept), color=KEPT, label="kept")
        axes.barh(positions, list(rejected), left=list(kept), color=REJECTED, label="rejected")
        axes.set_yticks(positions, list(labels))
        axes.invert_yaxis()
        axes.set_xlabel(xlabel)
        axes.legend(loc="lower right", frameon=False)
        return _data_uri(figure)


def histograms(panels: Sequence[tuple[str, Sequence[float], Sequence[int], Sequence[int], str]]) -> str:
    """Small multiples: (title, bin edges, kept counts, rejected counts, x label) per panel.
    Each series is one filled step outline (`stairs`), not a bar per bin: a tenth of the
    drawing time."""
    columns = 3
    rows = max(1, -(-len(panels) // columns))
    with matplotlib.style.context("default"), matplotlib.rc_context(RC):
        figure = Figure(figsize=(9.0, 2.1 * rows))
        figure.subplots_adjust(hspace=0.75, wspace=0.3)
        for index, (title, edges, kept, rejected, xlabel) in enumerate(panels):
            axes = figure.add_subplot(rows, columns, index + 1)
            stacked = [k + r for k, r in zip(kept, rejected, strict=True)]
            axes.stairs(stacked, list(edges), fill=True, color=REJECTED, label="rejected")
            axes.stairs(list(kept), list(edges), fill=True, color=KEPT, label="kept")
            axes.set_title(title, fontsize=9)
            axes.set_xlabel(xlabel, fontsize=8)
            if index == 0:
                axes.legend(frameon=False, fontsize=8)
        return _data_uri(figure)


def columns_chart(labels: Sequence[str], values: Sequence[int], xlabel: str, ylabel: str) -> str:
    """Vertical bars (cluster sizes), log count axis when the counts span orders of magnitude."""
    with matplotlib.style.context("default"), matplotlib.rc_context(RC):
        figure = _figure(7.5, 2.6)
        axes = figure.add_subplot()
        axes.bar(list(labels), list(values), color=KEPT)
        if values and max(values) > 50 * max(min(values), 1):
            axes.set_yscale("log")
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        return _data_uri(figure)
