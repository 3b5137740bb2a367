"""HTML to text: the page's main content, its title and every link.

Three extractors share one interface, `extract_page(html, extractor) -> Page`:

- "builtin": main-content extraction on beautifulsoup4 + lxml. It drops page furniture by
  tag (script, nav, header, footer, aside, form, ...), by role and by class/id/aria-label
  words (comment sections, share widgets, cookie walls, sidebars, ...; the vocabulary is in
  pipeline/data/html_hints.txt), and link-dense blocks; then it keeps the part of the page
  that holds most of the prose.
- "trafilatura": the trafilatura library's extraction (comments excluded), rendered in the
  same block layout; falls back to "builtin" when trafilatura finds nothing.
- "plain": every visible block of the page, nothing judged; the boilerplate stage then
  decides line by line.

The text layout is the same for all: one block (heading, paragraph, list, table) a
paragraph, blocks separated by a blank line, list items and table rows one a line, table
cells joined by " | ". `Page.links` holds every `<a href>` of the page, including those in
removed blocks, because the spam stage judges link farms by them.

No extractor raises on malformed markup: lxml repairs it, and every walk over the tree is
iterative, so arbitrarily deep nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from pipeline.document import Link

EXTRACTORS = ("trafilatura", "builtin", "plain")
DEFAULT_EXTRACTOR = "builtin"


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    links: list[Link] = field(default_factory=list)  # every <a href> of the page, in page order
    content_links: list[Link] = field(default_factory=list)  # the anchors inside the kept text
    extractor: str = "plain"  # which extractor produced `text` (after any fallback)


def extract_page(html: str, extractor: str = DEFAULT_EXTRACTOR) -> Page:
    """The page's text by the named extractor (see EXTRACTORS), its title and its links."""
    if extractor == "trafilatura":
        return _extract_trafilatura(html)
    if extractor == "builtin":
        return extract_main_content(html)
    if extractor == "plain":
        return extract_plain(html)
    raise ValueError(f"unknown HTML extractor {extractor!r} (known: {', '.join(EXTRACTORS)})")


# --- vocabularies and thresholds ---------------------------------------------------------

# Elements that are never visible text.
_INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "head", "title", "meta", "link",
})
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
# A furniture tag or class hint is ignored on an element holding more than this share of
# the page's visible text: widgets are a minority of a page, so such an element is a wrapper
# (ASP.NET wraps whole pages in a <form>) and its furniture is removed further down.
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

# Which block-separating break an element causes.
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "figure", "figcaption", "address", "header", "footer", "nav",
    "aside", "form", "center", "details", "summary", "hr", "body", "html", "caption",
    "fieldset", "noscript", "table",
})
_LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
_LINE_TAGS = frozenset({"li", "dt", "dd", "tr", "br"})
_CELL_TAGS = frozenset({"td", "th"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_SPACES = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CAMEL = re.compile(r"([a-z])([A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@cache
def _hint_vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """(exact words, prefixes) from the shipped hint list, read once."""
    text = resources.files("pipeline").joinpath("data/html_hints.txt").read_text(encoding="utf-8")
    exact: set[str] = set()
    prefixes: list[str] = []
    for line in text.splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if word.endswith("*"):
            prefixes.append(word[:-1])
        else:
            exact.add(word)
    return frozenset(exact), tuple(sorted(prefixes))


def furniture_hint(tag: Tag) -> str | None:
    """The class/id/aria-label word that marks `tag` as page furniture, or None."""
    values: list[str] = []
    classes = tag.get("class")
    if isinstance(classes, list):
        values.extend(classes)
    elif isinstance(classes, str):
        values.append(classes)
    for attribute in ("id", "aria-label"):
        value = tag.get(attribute)
        if isinstance(value, str):
            values.append(value)
    if not values:
        return None
    exact, prefixes = _hint_vocabulary()
    for word in _attribute_words(" ".join(values)):
        if word in exact or word.startswith(prefixes):
            return word
    return None


def _attribute_words(value: str) -> list[str]:
    value = _CAMEL.sub(r"\1 \2", value)
    value = unicodedata.normalize("NFKD", value.lower())
    value = value.replace("\u00e4", "ae").replace("\u00f6", "oe").replace("\u00fc", "ue")
    ascii_value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return [word for word in _NON_WORD.split(ascii_value) if word]


# --- extractors --------------------------------------------------------------------------

def extract_plain(html: str) -> Page:
    """Every visible block of the page as text; nothing is judged."""
    soup = _parse(html)
    body = _body(soup)
    lines = _render(body, set())
    return Page(text=_join_blocks(lines), title=_title(soup), links=_all_links(soup), extractor="plain")


def extract_main_content(html: str) -> Page:
    """The page's main content: furniture, comment sections and link-dense blocks removed,
    then the part of the page that holds most of the prose."""
    soup = _parse(html)
    body = _body(soup)
    text_length, holds_landmark = _visible_text_stats(body)
    removed = _furniture(body, text_length, holds_landmark)
    _mark_link_dense(body, removed)
    lines = _render(body, removed)
    root = _main_root(body, removed, lines)
    inside = _subtree_ids(root, removed)
    kept = [line for line in lines if line.owner in inside]
    headline = _headline(body, root, removed, inside)
    if headline is not None and kept:
        kept.insert(0, headline)
    content_links = [
        _link(anchor) for anchor in _iter_tags(root, removed)
        if anchor.name == "a" and anchor.has_attr("href")
    ]
    return Page(text=_join_blocks(kept), title=_title(soup), links=_all_links(soup),
                content_links=content_links, extractor="builtin")


def _extract_trafilatura(html: str) -> Page:
    """trafilatura's main text (comments excluded) in our block layout; the builtin
    extractor when trafilatura finds nothing."""
    import trafilatura  # imported on first use: it is a heavy import that "plain" never needs
    from lxml import etree

    try:
        document = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, include_links=True, with_metadata=False,
        )
    except Exception:  # trafilatura has many internal failure modes; each of them means "fall back"
        document = None
    body = getattr(document, "body", None)
    if body is None:
        return extract_main_content(html)
    for element in body.iter():
        element.tag, attributes = _TRAFILATURA_TAGS.get(element.tag, _rename("span"))(element)
        element.attrib.clear()
        element.attrib.update(attributes)
    fragment = etree.tostring(body, encoding="unicode")
    converted = BeautifulSoup(fragment, "lxml")
    converted_body = _body(converted)
    lines = _render(converted_body, set())
    text = _join_blocks(lines)
    if not text:
        return extract_main_content(html)
    soup = _parse(html)
    content_links = [_link(anchor) for anchor in converted.find_all("a", href=True)]
    return Page(text=text, title=_title(soup), links=_all_links(soup), content_links=content_links,
                extractor="trafilatura")


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


# --- parsing helpers ---------------------------------------------------------------------

def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _body(soup: BeautifulSoup) -> Tag:
    return soup.body or soup


def _title(soup: BeautifulSoup) -> str | None:
    head = soup.head
    tag = head.find("title") if head is not None else soup.find("title")
    if tag is None:
        return None
    return _clean_inline(tag.get_text()) or None


def _all_links(soup: BeautifulSoup) -> list[Link]:
    return [_link(anchor) for anchor in soup.find_all("a", href=True)]


def _link(anchor: Tag) -> Link:
    return Link(href=str(anchor.get("href", "")).strip(), text=_clean_inline(anchor.get_text()))


def _clean_inline(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _is_text(node: PageElement) -> bool:
    """A visible text node: not a comment, doctype, CDATA or processing instruction."""
    return type(node) is NavigableString


def _iter_tags(root: Tag, removed: set[int]) -> Iterator[Tag]:
    """Every tag under `root` (itself included) in page order, skipping removed subtrees."""
    stack: list[Tag] = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in reversed(node.contents)
                     if isinstance(child, Tag) and id(child) not in removed)


def _subtree_ids(root: Tag, removed: set[int]) -> set[int]:
    return {id(tag) for tag in _iter_tags(root, removed)}


def _post_order(root: Tag, skip: set[int], skip_names: frozenset[str] = frozenset()) -> Iterator[Tag]:
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


def _own_text_length(node: Tag) -> int:
    return sum(len(_clean_inline(str(child))) for child in node.contents if _is_text(child))


# --- the builtin extractor's passes ------------------------------------------------------

def _visible_text_stats(body: Tag) -> tuple[dict[int, int], dict[int, bool]]:
    """Per element: visible text length, and whether it is or contains a main/article landmark."""
    length: dict[int, int] = {}
    landmark: dict[int, bool] = {}
    for node in _post_order(body, set(), _INVISIBLE):
        total = _own_text_length(node)
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
    if name in _INVISIBLE or _is_hidden(node):
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


def _mark_link_dense(body: Tag, removed: set[int]) -> None:
    """Add the blocks whose text is mostly anchor text to `removed`."""
    text_length: dict[int, int] = {}
    link_length: dict[int, int] = {}
    for node in _post_order(body, removed):
        own = _own_text_length(node)
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
        if (node.name in _LINK_DENSITY_BLOCKS and total
                and link_length[id(node)] / total > _MAX_LINK_DENSITY):
            removed.add(id(node))
            continue
        stack.extend(child for child in node.contents if isinstance(child, Tag) and id(child) not in removed)


@dataclass(slots=True)
class _Line:
    """One output line: its table cells (one cell for ordinary text), the element that owns
    it, and whether a blank line (a new block) precedes it."""

    cells: list[str]
    owner: int
    new_block: bool
    heading: bool = False

    @property
    def text(self) -> str:
        return " | ".join(cell for cell in self.cells if cell)


_LINE, _BLOCK = 1, 2


def _render(root: Tag, removed: set[int]) -> list[_Line]:
    """Lay out the visible text under `root` as lines, skipping removed subtrees."""
    lines: list[_Line] = []
    fragments: list[str] = []  # the current cell's raw text
    cells: list[str] = []  # finished cells of the current line
    owners: list[Tag] = [root]  # block elements entered, innermost last
    pending = _BLOCK  # the strongest break seen since the last line was finished
    state = {"list_depth": 0, "pre_depth": 0, "line_owner": id(root), "heading": False}

    def finish_cell() -> None:
        raw = "".join(fragments)
        fragments.clear()
        cell = raw.rstrip() if state["pre_depth"] else _clean_inline(raw)
        cells.append(cell)

    def finish_line(strength: int) -> None:
        nonlocal pending
        finish_cell()
        if any(cells):
            lines.append(_Line(list(cells), state["line_owner"], pending == _BLOCK, state["heading"]))
            pending = strength
        else:
            pending = max(pending, strength)
        cells.clear()
        state["heading"] = False

    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if not isinstance(node, Tag):
            if _is_text(node):
                text = str(node)
                if state["pre_depth"]:
                    parts = text.split("\n")
                    for index, part in enumerate(parts):
                        if index:
                            finish_line(_LINE)
                        if part.strip() and not "".join(fragments).strip() and not any(cells):
                            state["line_owner"] = id(owners[-1])
                        fragments.append(part)
                else:
                    if text.strip() and not "".join(fragments).strip() and not any(cells):
                        state["line_owner"] = id(owners[-1])
                        state["heading"] = any(owner.name in _HEADINGS for owner in owners[-2:])
                    fragments.append(text)
            continue
        name = node.name
        if name in _CELL_TAGS:
            if leaving or "".join(fragments).strip():
                finish_cell()
        elif name in _LIST_TAGS or name in _LINE_TAGS or name in _BLOCK_TAGS:
            strength = _LINE if (name in _LINE_TAGS or state["list_depth"]) else _BLOCK
            finish_line(strength)
        if leaving:
            if name in _LIST_TAGS:
                state["list_depth"] -= 1
            if name == "pre":
                state["pre_depth"] -= 1
            if owners and owners[-1] is node:
                owners.pop()
            continue
        if name in _LIST_TAGS:
            state["list_depth"] += 1
        if name == "pre":
            state["pre_depth"] += 1
        if name in _BLOCK_TAGS or name in _LINE_TAGS or name in _LIST_TAGS or name in _CELL_TAGS:
            owners.append(node)
        stack.append((node, True))
        for child in reversed(node.contents):
            if isinstance(child, Tag) and (id(child) in removed or child.name in _INVISIBLE):
                continue
            stack.append((child, False))
    finish_line(_BLOCK)
    return lines


def _join_blocks(lines: list[_Line]) -> str:
    parts: list[str] = []
    for index, line in enumerate(lines):
        if index:
            parts.append("\n\n" if line.new_block else "\n")
        parts.append(line.text)
    return "".join(parts)


def _main_root(body: Tag, removed: set[int], lines: list[_Line]) -> Tag:
    """The deepest element holding at least _ROOT_PROSE_SHARE of the page's prose words."""
    prose: dict[int, int] = {}
    for line in lines:
        words = len(line.text.split())
        if words >= _PROSE_MIN_WORDS:
            prose[line.owner] = prose.get(line.owner, 0) + words
    for node in _post_order(body, removed):
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


def _headline(body: Tag, root: Tag, removed: set[int], inside: set[int]) -> _Line | None:
    """The page's first-level heading when the main content does not contain it (themes put
    the headline in a banner above the article body). Only a banner (`header`) may have been
    removed around it: an h1 in a cookie dialog or a sidebar is not the page's headline, and
    a heading that is only a link is a site logo."""
    if any(id(heading) in inside for heading in root.find_all("h1")):
        return None
    for heading in body.find_all("h1"):
        if id(heading) in removed or any(
            parent.name in _INVISIBLE or (id(parent) in removed and parent.name != "header")
            for parent in heading.parents
        ):
            continue
        text = _clean_inline(heading.get_text())
        linked = _clean_inline(" ".join(a.get_text() for a in heading.find_all("a")))
        if text and linked != text:
            return _Line([text], id(root), True, True)
    return None
