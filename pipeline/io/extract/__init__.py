"""HTML to text: the page's main content, its title and every link.

Four extractors share one interface, `extract_page(html, extractor) -> Page`:

- "trafilatura" (the default) and "resiliparse" (libraries.py): those libraries'
  main-content extraction, rendered in our layout (resiliparse is an optional install:
  `pip install 'corpus-pipeline[resiliparse]'`);
- "builtin" (builtin.py): our main-content extraction on beautifulsoup4 + lxml;
- "plain": every visible block of the page, nothing judged; the boilerplate stage then
  decides line by line.

When the chosen extractor returns no text (or its package is missing), the others are
tried in FALLBACK_ORDER, then "plain", so a page with visible text never comes out empty;
`Page.extractor` names the one that produced the text.

Whatever the extractor, the title and the links come from one parse of the page by our own
code (layout.py and tree.py), so what later stages read from them (the spam stage's link
judgements, the boilerplate stage's title_repeat) does not depend on the choice:
`Page.links` holds every `<a href>` of the page, including those in removed blocks.

No extractor raises on malformed markup: lxml repairs it, and every walk over the tree is
iterative, so arbitrarily deep nesting cannot exhaust the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from pipeline.document import Link
from pipeline.io.extract.builtin import main_content
from pipeline.io.extract.hints import furniture_hint
from pipeline.io.extract.layout import join_blocks, render
from pipeline.io.extract.libraries import resiliparse_content, trafilatura_content
from pipeline.io.extract.tree import all_links, body_of, link_of, page_title, parse

EXTRACTORS = ("builtin", "trafilatura", "resiliparse", "plain")
DEFAULT_EXTRACTOR = "trafilatura"
# Main-content extractors in the order they are tried after the chosen one returns nothing:
# by F1 on real pages (BENCHMARKS.md, "HTML extraction").
FALLBACK_ORDER = ("trafilatura", "builtin", "resiliparse")

__all__ = ["DEFAULT_EXTRACTOR", "EXTRACTORS", "FALLBACK_ORDER", "Page", "extract_main_content",
           "extract_page", "extract_plain", "furniture_hint", "without_repeated_blocks"]


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    links: list[Link] = field(default_factory=list)  # every <a href> of the page, in page order
    content_links: list[Link] = field(default_factory=list)  # the anchors inside the kept text
    extractor: str = "plain"  # which extractor produced `text` (after any fallback)


def extract_page(html: str, extractor: str = DEFAULT_EXTRACTOR) -> Page:
    """The page's text by the named extractor, falling back when it finds nothing; its
    title and its links."""
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown HTML extractor {extractor!r} (known: {', '.join(EXTRACTORS)})")
    soup = parse(html)
    chain = [extractor] + [name for name in FALLBACK_ORDER if name != extractor] + ["plain"]
    for name in dict.fromkeys(chain):
        found = _EXTRACT[name](html, soup)
        if found is not None and found[0]:
            text, anchors = found
            if name != "plain":
                text = without_repeated_blocks(text)
            return Page(text=text, title=page_title(soup), links=all_links(soup),
                        content_links=[link_of(anchor) for anchor in anchors], extractor=name)
    return Page(text="", title=page_title(soup), links=all_links(soup), extractor=extractor)


# A block (paragraph, list, table) of at least this many words that the main content holds
# twice is one block emitted twice: a copy for another screen size, a slide-out repeat of the
# article. A headline, a caption or "Continue reading" may repeat; those are shorter and the
# boilerplate stage judges them.
REPEATED_BLOCK_MIN_WORDS = 8


def without_repeated_blocks(text: str) -> str:
    """The text with every later copy of a block of REPEATED_BLOCK_MIN_WORDS words or more removed."""
    seen: set[str] = set()
    kept: list[str] = []
    for block in text.split("\n\n"):
        if len(block.split()) >= REPEATED_BLOCK_MIN_WORDS:
            if block in seen:
                continue
            seen.add(block)
        kept.append(block)
    return "\n\n".join(kept)


def extract_main_content(html: str) -> Page:
    """The builtin extractor alone, without fallback."""
    return _single("builtin", html)


def extract_plain(html: str) -> Page:
    """Every visible block of the page as text; nothing is judged."""
    return _single("plain", html)


def _single(name: str, html: str) -> Page:
    soup = parse(html)
    text, anchors = _EXTRACT[name](html, soup) or ("", [])
    if name != "plain":
        text = without_repeated_blocks(text)
    return Page(text=text, title=page_title(soup), links=all_links(soup),
                content_links=[link_of(anchor) for anchor in anchors], extractor=name)


def _builtin(html: str, soup: BeautifulSoup) -> tuple[str, list[Tag]]:
    return main_content(body_of(soup))


def _plain(html: str, soup: BeautifulSoup) -> tuple[str, list[Tag]]:
    return join_blocks(render(body_of(soup), set())), []


_EXTRACT: dict[str, Callable[[str, BeautifulSoup], tuple[str, list[Tag]] | None]] = {
    "builtin": _builtin,
    "trafilatura": lambda html, soup: trafilatura_content(html),
    "resiliparse": lambda html, soup: resiliparse_content(html),
    "plain": _plain,
}
