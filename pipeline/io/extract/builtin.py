"""The builtin main-content extractor (beautifulsoup4 + lxml).

It drops page furniture by tag (script, nav, header, footer, aside, form, ...), by role and
by class/id/aria-label words (pipeline/data/html_hints.txt), and link-dense blocks; then it
keeps the deepest container holding most of the prose, plus the page's headline if that
sits outside it.
"""

from __future__ import annotations

import re

from bs4 import Tag

from pipeline.io.extract.hints import furniture_hint
from pipeline.io.extract.layout import Line, join_blocks, render
from pipeline.io.extract.tree import (
    INVISIBLE,
    clean_inline,
    iter_tags,
    own_text_length,
    post_order,
    subtree_ids,
)

# Page furniture by tag. `header` is kept inside an article or main (there it holds the
# headline); everywhere else it is the site banner.
_FURNITURE = frozenset({
    "nav", "header", "footer", "aside", "form", "button", "select", "textarea", "input",
    "label", "dialog", "menu", "fieldset",
})
# ARIA roles of page furniture.
_FURNITURE_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    "menu", "menubar", "toolbar", "form", "tablist",
})
# Elements that hold the main content: never removed by a class-word hint, nor is anything
# that contains them (a theme's `<div id="page" class="has-sidebar">` wraps the article).
_LANDMARKS = frozenset({"main", "article"})
# Blocks judged for link density. Headings and list items are not: a listing page's
# headlines are links, and the list as a whole is judged instead.
_LINK_DENSITY_BLOCKS = frozenset({"div", "section", "ul", "ol", "dl", "p", "table", "tbody", "tr", "td"})
# A block is navigation when more than half of its text is anchor text. Prose that cites
# links rarely links more than a third of its words (jusText treats a paragraph above 0.2 as
# suspicious), while menus, tag lists and "related posts" lists sit at 0.8 to 1.0; 0.5
# leaves a margin on both sides.
_MAX_LINK_DENSITY = 0.5
# A furniture tag, class hint or high link density is ignored on an element holding more
# than this share of the page's visible text: widgets are a minority of a page, so such an
# element is a wrapper (ASP.NET wraps whole pages in a <form>; a news front wraps its
# article among long link lists) and its furniture is removed further down.
_WRAPPER_TEXT_SHARE = 2 / 3
# A line counts as prose (and votes for where the main content is) from this many words:
# menu labels, captions, ingredient lines and bylines are shorter, sentences are longer.
_PROSE_MIN_WORDS = 8
# The main-content root is the deepest element holding at least this share of the page's
# prose. Lower would cut an article split over two sibling divs; higher would keep a
# "related stories" tail the hints missed. Three quarters keeps a quarter of slack for
# unnamed furniture.
_ROOT_PROSE_SHARE = 0.75
# Elements that can be the main-content root: containers, not a single paragraph or list
# that happens to hold most of the prose (that would cut the list or heading beside it).
_ROOT_CONTAINERS = frozenset({
    "body", "div", "section", "article", "main", "table", "tbody", "tr", "td", "center", "font", "form",
})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def main_content(body: Tag) -> tuple[str, list[Tag]]:
    """The main content's text under `body`, and the anchors inside it."""
    text_length, holds_landmark = _visible_text_stats(body)
    removed = _furniture(body, text_length, holds_landmark)
    _mark_link_dense(body, removed, max(text_length.get(id(body), 0), 1))
    lines = render(body, removed)
    root = _main_root(body, removed, lines)
    inside = subtree_ids(root, removed)
    kept = [line for line in lines if line.owner in inside]
    headline = _headline(body, root, removed, inside)
    if headline is not None and kept:
        kept.insert(0, headline)
    anchors = [tag for tag in iter_tags(root, removed) if tag.name == "a" and tag.has_attr("href")]
    return join_blocks(kept), anchors


def _visible_text_stats(body: Tag) -> tuple[dict[int, int], dict[int, bool]]:
    """Per element: visible text length, and whether it is or contains a main/article landmark."""
    length: dict[int, int] = {}
    landmark: dict[int, bool] = {}
    for node in post_order(body, set(), INVISIBLE):
        total = own_text_length(node)
        has_landmark = node.name in _LANDMARKS or node.get("role") == "main"
        for child in node.contents:
            if isinstance(child, Tag) and id(child) in length:
                total += length[id(child)]
                has_landmark = has_landmark or landmark[id(child)]
        length[id(node)] = total
        landmark[id(node)] = has_landmark
    return length, landmark


def _furniture(body: Tag, text_length: dict[int, int], holds_landmark: dict[int, bool]) -> set[int]:
    """Ids of the elements to drop by tag, visibility, role and class words (their subtrees go too)."""
    removed: set[int] = set()
    page_length = max(text_length.get(id(body), 0), 1)
    stack: list[tuple[Tag, bool]] = [(body, False)]  # (element, inside an article or main)
    while stack:
        node, in_content = stack.pop()
        if node is not body and _is_furniture(node, in_content, text_length, holds_landmark, page_length):
            removed.add(id(node))
            continue
        in_content = in_content or node.name in _LANDMARKS or node.get("role") == "main"
        stack.extend((child, in_content) for child in node.contents if isinstance(child, Tag))
    return removed


def _is_furniture(node: Tag, in_content: bool, text_length: dict[int, int],
                  holds_landmark: dict[int, bool], page_length: int) -> bool:
    name = node.name
    if name in INVISIBLE or _is_hidden(node):
        return True
    if name in _LANDMARKS or holds_landmark.get(id(node), False):
        return False
    if text_length.get(id(node), 0) > _WRAPPER_TEXT_SHARE * page_length:
        return False
    if name in _FURNITURE:
        return not (name == "header" and in_content)
    role = node.get("role")
    if isinstance(role, str) and role.strip().lower() in _FURNITURE_ROLES:
        return True
    return furniture_hint(node) is not None


def _is_hidden(node: Tag) -> bool:
    if node.has_attr("hidden") or str(node.get("aria-hidden", "")).lower() == "true":
        return True
    style = node.get("style")
    return isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None


def _mark_link_dense(body: Tag, removed: set[int], page_length: int) -> None:
    """Add the blocks whose text is mostly anchor text to `removed`."""
    text_length: dict[int, int] = {}
    link_length: dict[int, int] = {}
    for node in post_order(body, removed):
        own = own_text_length(node)
        total = own
        linked = own if node.name == "a" else 0
        for child in node.contents:
            if isinstance(child, Tag) and id(child) in text_length:
                total += text_length[id(child)]
                linked += text_length[id(child)] if node.name == "a" else link_length[id(child)]
        text_length[id(node)] = total
        link_length[id(node)] = linked
    stack = [body]
    while stack:
        node = stack.pop()
        total = text_length.get(id(node), 0)
        if (node.name in _LINK_DENSITY_BLOCKS and total and total <= _WRAPPER_TEXT_SHARE * page_length
                and link_length[id(node)] / total > _MAX_LINK_DENSITY):
            removed.add(id(node))
            continue
        stack.extend(child for child in node.contents if isinstance(child, Tag) and id(child) not in removed)


def _main_root(body: Tag, removed: set[int], lines: list[Line]) -> Tag:
    """The deepest element holding at least _ROOT_PROSE_SHARE of the page's prose words."""
    prose: dict[int, int] = {}
    for line in lines:
        words = len(line.text.split())
        if words >= _PROSE_MIN_WORDS:
            prose[line.owner] = prose.get(line.owner, 0) + words
    for node in post_order(body, removed):
        total = prose.get(id(node), 0)
        for child in node.contents:
            if isinstance(child, Tag):
                total += prose.get(id(child), 0)
        prose[id(node)] = total
    page_prose = prose.get(id(body), 0)
    if not page_prose:
        return body
    node = body
    while True:
        children = [child for child in node.contents
                    if isinstance(child, Tag) and id(child) not in removed and child.name in _ROOT_CONTAINERS]
        best = max(children, key=lambda child: prose.get(id(child), 0), default=None)
        if best is None or prose.get(id(best), 0) < _ROOT_PROSE_SHARE * page_prose:
            return node
        node = best


def _headline(body: Tag, root: Tag, removed: set[int], inside: set[int]) -> Line | None:
    """The page's first-level heading when the main content does not contain it (themes put
    the headline in a banner above the article body). Only a banner (`header`) may have been
    removed around it: an h1 in a cookie dialog or a sidebar is not the page's headline, and
    a heading that is only a link is a site logo."""
    if any(id(heading) in inside for heading in root.find_all("h1")):
        return None
    for heading in body.find_all("h1"):
        if id(heading) in removed or any(
            parent.name in INVISIBLE or (id(parent) in removed and parent.name != "header")
            for parent in heading.parents
        ):
            continue
        text = clean_inline(heading.get_text())
        linked = clean_inline(" ".join(a.get_text() for a in heading.find_all("a")))
        if text and linked != text:
            return Line([text], id(root), True, True)
    return None
