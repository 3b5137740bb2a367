"""Shared by the rule tests: two paragraphs of plain prose and the stage run on a page."""

from pipeline.document import Document, Source
from pipeline.stages.boilerplate import BoilerplateRemover

PROSE = ("The harbour authority said the new breakwater would be finished before the winter "
         "storms arrive, two years later than planned.")
PROSE_2 = "Fishing crews have asked for a second berth, which the council has promised to study."


def clean(text, title=None):
    doc = Document(id="d", text=text, title=title, source=Source("a.txt", 0, "0" * 64, "txt"))
    return BoilerplateRemover().process(doc)


def rules(doc):
    return [edit.rule for edit in doc.edits]
