"""Furniture hints: the class, id and aria-label words that name an element as page
furniture (comment sections, share widgets, sidebars, ...). The vocabulary is data, in
pipeline/data/html_hints.txt."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from bs4 import Tag

from pipeline.io.extract.tree import HEADINGS

_CAMEL = re.compile(r"([a-z])([A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@cache
def hint_vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
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
        if isinstance(value, str) and not (attribute == "id" and _is_section_anchor(tag, value)):
            values.append(value)
    if not values:
        return None
    exact, prefixes = hint_vocabulary()
    for word in attribute_words(" ".join(values)):
        if word in exact or word.startswith(prefixes):
            return word
    return None


def _is_section_anchor(tag: Tag, value: str) -> bool:
    """An id made from the element's own heading (`<div id="sharing-with-a-team"><h2>Sharing
    with a team</h2>`, as docutils, Sphinx and Markdown renderers write them) names a section
    of the text, not a widget: its words are the heading's words."""
    heading = next((child for child in tag.find_all(HEADINGS, limit=1)), None)
    if heading is None:
        return False
    id_words = attribute_words(value)
    heading_words = attribute_words(heading.get_text(" "))
    return bool(id_words) and id_words == heading_words[: len(id_words)] and len(id_words) >= 2


def attribute_words(value: str) -> list[str]:
    value = _CAMEL.sub(r"\1 \2", value)
    value = unicodedata.normalize("NFKD", value.lower())
    value = value.replace("\u00e4", "ae").replace("\u00f6", "oe").replace("\u00fc", "ue")
    ascii_value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return [word for word in _NON_WORD.split(ascii_value) if word]
