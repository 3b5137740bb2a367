"""Builders of hostile documents and inputs shared by the reliability tests."""

from pipeline.document import Document, Source


def document(text: str, path: str = "hostile.txt") -> Document:
    return Document(id="0" * 24, text=text, source=Source(path, 0, "0" * 64, "txt"))
