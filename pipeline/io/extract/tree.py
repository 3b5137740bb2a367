"""Parsing and tree-walking helpers shared by every extractor: the soup, the page's title
and links, and iterative walks (never recursive, so arbitrarily deep nesting cannot exhaust
the stack)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from pipeline.document import Link

# Elements that are never visible text.
INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "head", "title", "meta", "link",
})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_SPACES = re.compile(r"\s+")


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def body_of(soup: BeautifulSoup) -> Tag:
    return soup.body or soup


def page_title(soup: BeautifulSoup) -> str | None:
    head = soup.head
    tag = head.find("title") if head is not None else soup.find("title")
    if tag is None:
        return None
    return clean_inline(tag.get_text()) or None


def all_links(soup: BeautifulSoup) -> list[Link]:
    """Every `<a href>` of the page in page order, whatever the extractor keeps."""
    return [link_of(anchor) for anchor in soup.find_all("a", href=True)]


def link_of(anchor: Tag) -> Link:
    return Link(href=str(anchor.get("href", "")).strip(), text=clean_inline(anchor.get_text()))


def clean_inline(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def is_text(node: PageElement) -> bool:
    """A visible text node: not a comment, doctype, CDATA or processing instruction."""
    return type(node) is NavigableString


def iter_tags(root: Tag, removed: set[int]) -> Iterator[Tag]:
    """Every tag under `root` (itself included) in page order, skipping removed subtrees."""
    stack: list[Tag] = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in reversed(node.contents)
                     if isinstance(child, Tag) and id(child) not in removed)


def subtree_ids(root: Tag, removed: set[int]) -> set[int]:
    return {id(tag) for tag in iter_tags(root, removed)}


def post_order(root: Tag, skip: set[int], skip_names: frozenset[str] = frozenset()) -> Iterator[Tag]:
    """Tags under `root` children first, skipping the given subtrees."""
    stack: list[tuple[Tag, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            yield node
            continue
        stack.append((node, True))
        for child in node.contents:
            if isinstance(child, Tag) and id(child) not in skip and child.name not in skip_names:
                stack.append((child, False))


def own_text_length(node: Tag) -> int:
    return sum(len(clean_inline(str(child))) for child in node.contents if is_text(child))
