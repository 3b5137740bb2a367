"""Stages that are slow on purpose, importable by spawned workers (pickled by reference)."""

import re

from pipeline.document import Document
from pipeline.stages.base import Stage

MARK = "SLOW"


class LoopingStage(Stage):
    """Spins forever on a document holding MARK, in pure Python, swallowing every Exception."""

    name = "looping"

    def process(self, doc: Document) -> Document:
        while MARK in doc.text:
            try:
                sum(range(1000))
            except Exception:  # noqa: BLE001 - the budget must get through this
                pass
        return doc


class BacktrackingStage(Stage):
    """Runs a catastrophic regex on a document holding MARK (minutes of backtracking in C)."""

    name = "backtracking"

    def process(self, doc: Document) -> Document:
        if MARK in doc.text:
            re.match(r"(a+)+$", "a" * 64 + "b")
        return doc


class HalfEditingStage(Stage):
    """Edits a document holding MARK, then spins: its rejection must carry the text as it came."""

    name = "half_editing"

    def process(self, doc: Document) -> Document:
        if MARK in doc.text:
            doc.text = doc.text.replace(MARK, "edited")
            while True:
                pass
        return doc
