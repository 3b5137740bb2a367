"""Main-content extraction by other libraries (trafilatura, resiliparse), rendered in our
block layout. Each is an optional install, imported on first use; each returns None where
the library is missing or finds nothing, so the caller can fall back."""

from __future__ import annotations

import importlib.util
import logging
from functools import cache
from typing import Any

from bs4 import BeautifulSoup, Tag

from pipeline.io.extract.layout import join_blocks, render
from pipeline.io.extract.tree import body_of


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def trafilatura_content(html: str) -> tuple[str, list[Tag]] | None:
    """trafilatura's main text (comments excluded, tables and links kept)."""
    if not installed("trafilatura"):
        return None
    import trafilatura  # a heavy import that the other extractors never need
    from lxml import etree

    try:
        document = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, include_links=True, with_metadata=False,
            config=_trafilatura_config(),
        )
    except Exception:  # trafilatura has many internal failure modes; each of them means "fall back"
        return None
    body = getattr(document, "body", None)
    if body is None:
        return None
    for element in body.iter():
        element.tag, attributes = _TRAFILATURA_TAGS.get(element.tag, _rename("span"))(element)
        element.attrib.clear()
        element.attrib.update(attributes)
    return _rendered(etree.tostring(body, encoding="unicode"))


@cache
def _trafilatura_config() -> Any:
    """trafilatura's defaults, except that a short article is kept as extracted: below
    MIN_EXTRACTED_SIZE (250 characters) trafilatura replaces its extraction by a "baseline"
    that runs the whole page into one paragraph and drops its links, which the line-based
    stages cannot read. On the real pages of the benchmark this changes F1 by +0.002
    (Readability pages) and -0.002 (newspaper4k pages)."""
    from trafilatura.settings import use_config

    # Its log lines report the failures the caller falls back from (an empty tree, a page too
    # short); they are expected here and would only flood a run's output.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def resiliparse_content(html: str) -> tuple[str, list[Tag]] | None:
    """resiliparse's main-content extraction, taken as its minimal HTML (headings,
    paragraphs, lists, pre, links) so that our renderer lays it out."""
    if not installed("resiliparse"):
        return None
    from resiliparse.extract.html2text import extract_plain_text

    try:
        fragment = extract_plain_text(html, preserve_formatting="minimal_html", main_content=True,
                                      list_bullets=False, alt_texts=False, links=True)
    except Exception:  # a parser failure on hostile markup means "fall back"
        return None
    return _rendered(fragment)


def _rendered(fragment: str) -> tuple[str, list[Tag]]:
    converted = BeautifulSoup(fragment, "lxml")
    text = join_blocks(render(body_of(converted), set()))
    return text, list(converted.find_all("a", href=True))


def _rename(name: str):  # type: ignore[no-untyped-def]
    return lambda element: (name, {})


def _heading_level(element) -> tuple[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    rend = str(element.get("rend", ""))
    return ("h" + rend[-1] if rend[-1:] in "123456" and rend else "h2"), {}


# trafilatura's internal XML (head, list/item, table/row/cell, quote, code, lb, ref) as HTML,
# so one renderer lays out every extractor's text.
_TRAFILATURA_TAGS = {
    "body": _rename("body"), "doc": _rename("body"), "main": _rename("div"),
    "head": _heading_level,
    "p": _rename("p"), "list": _rename("ul"), "item": _rename("li"), "table": _rename("table"),
    "row": _rename("tr"), "cell": _rename("td"), "quote": _rename("blockquote"), "code": _rename("pre"),
    "lb": _rename("br"), "hi": _rename("span"), "del": _rename("span"), "graphic": _rename("span"),
    "ref": lambda element: ("a", {"href": element.get("target", "")}),
}
