"""HTML to text: the page's readable blocks, its title and its links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, Tag

from pipeline.document import Link

# Elements that never hold article text.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
# Elements whose text forms a block of its own, separated by a blank line.
_BLOCKS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "blockquote", "pre", "table", "tr", "dd", "dt", "figcaption", "address",
    "header", "footer", "nav", "aside", "form", "ul", "ol", "dl", "br", "hr",
}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    links: list[Link] = field(default_factory=list)


def extract_page(html: str) -> Page:
    """Every visible block of the page as text, one block a paragraph.

    This is the plain extractor: it keeps navigation and widgets, which the boilerplate
    stage then judges line by line. It never fails on malformed markup (lxml repairs it).
    """
    soup = BeautifulSoup(html, "lxml")
    title_tag = soup.find("title")
    title = _clean_inline(title_tag.get_text()) if title_tag else None
    links = [
        Link(href=str(a.get("href")).strip(), text=_clean_inline(a.get_text()))
        for a in soup.find_all("a", href=True)
    ]
    for element in soup.find_all(_INVISIBLE):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    body = soup.body or soup
    blocks: list[str] = []
    current: list[str] = []
    _collect(body, blocks, current)
    _flush(blocks, current)
    return Page(text="\n\n".join(blocks), title=title or None, links=links)


def _collect(node: Tag, blocks: list[str], current: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Tag):
            if child.name in _BLOCKS:
                _flush(blocks, current)
                _collect(child, blocks, current)
                _flush(blocks, current)
            else:
                _collect(child, blocks, current)
        elif not isinstance(child, Comment):
            current.append(str(child))


def _flush(blocks: list[str], current: list[str]) -> None:
    text = _clean_inline("".join(current))
    current.clear()
    if text:
        blocks.append(text)


def _clean_inline(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()
