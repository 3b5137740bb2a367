"""Template lines learnt from the corpus: a line that recurs across many documents of one
source (a site's footer, its disclaimer, its "subscribe" box) is boilerplate of that
site, whatever it says. This is CCNet's line-level deduplication, done per source.

A source is the URL's host when the record has a URL, else the input folder the file
sits in. The scan keeps 64-bit hashes of normalised lines with a document count each,
never the lines themselves.
"""

from __future__ import annotations

import hashlib
import math
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pipeline.document import Document
from pipeline.errors import ConfigError
from pipeline.stages.base import CorpusStage, StageConfig
from pipeline.stages.boilerplate_rules.lines import Span, line_removals
from pipeline.text import Line, text_view

_PUNCTUATION = re.compile(r"[^\w\s]+")
_DIGITS = re.compile(r"\d+")


def normalise_line(line: str) -> str:
    """CCNet's line key: case-folded, each run of digits as 0, punctuation dropped, spaces
    collapsed, so "Posted on 3 May" and "posted on 17 May" are one template."""
    return " ".join(_PUNCTUATION.sub(" ", _DIGITS.sub("0", line.casefold())).split())


def line_hash(normalised: str) -> int:
    """A stable 64-bit key (Python's own hash() differs between processes)."""
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "little")


def source_group(doc: Document) -> str:
    """The host of the document's URL (without "www."), else its input folder."""
    url = doc.source.url or doc.metadata.get("url")
    if isinstance(url, str) and url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host:
            return f"host:{host}"
    return f"folder:{posixpath.dirname(doc.source.path)}"


@dataclass(frozen=True)
class TemplateLinesConfig(StageConfig):
    min_documents: int = field(
        default=5,
        metadata={"doc": "A line must occur in at least this many documents of one source to be a "
                         "template. Two or three pages quoting one sentence is content; a site's "
                         "furniture is on every page, so five is reached on any site with a few pages."},
    )
    min_share: float = field(
        default=0.02,
        metadata={"doc": "... and in at least this share of the source's documents. On a large site a "
                         "quote or syndicated paragraph on a handful of pages is content; furniture "
                         "is on a sizeable share, and 2% still catches a template used by one section "
                         "of a site with dozens of sections."},
    )
    min_line_chars: int = field(
        default=20,
        metadata={"doc": "Shorter lines (after normalising) are never learnt: headings such as "
                         "'Summary' or 'Side effects' recur across a site's real articles; short "
                         "widgets are the boilerplate stage's vocabulary's job."},
    )
    heading_min_share: float = field(
        default=0.5,
        metadata={"doc": "A heading-like line (at most 12 words, not ending a sentence) must be on at "
                         "least this share of the source's documents: headings such as 'Frequently "
                         "Asked Questions' recur across many real articles of a site, while a site's "
                         "own short furniture (tagline, menu) is on nearly every page."},
    )
    max_removed_share: float = field(
        default=0.5,
        metadata={"doc": "If template lines would take more than this share of a document's "
                         "characters, none is removed: such a document is most likely a copy of "
                         "another (whose lines therefore recur), which dedup must see whole."},
    )
    max_tracked_lines: int = field(
        default=1_000_000,
        metadata={"doc": "Memory bound of the scan: at most this many line hashes are counted at "
                         "once (about 200 bytes each in two Python dicts, so 200 MB). When full, the "
                         "least frequent counts are forgotten (lossy counting): that can only make "
                         "the stage learn fewer templates, never more."},
    )

    def validate(self) -> None:
        if self.min_documents < 2:
            raise ConfigError("min_documents: must be at least 2 (one document is not a recurrence)")
        if not 0.0 <= self.min_share <= 1.0:
            raise ConfigError("min_share: must be between 0 and 1")
        if not 0.0 <= self.heading_min_share <= 1.0:
            raise ConfigError("heading_min_share: must be between 0 and 1")
        if self.min_line_chars < 1:
            raise ConfigError("min_line_chars: must be at least 1")
        if not 0.0 < self.max_removed_share <= 1.0:
            raise ConfigError("max_removed_share: must be above 0 and at most 1")
        if self.max_tracked_lines < 1000:
            raise ConfigError("max_tracked_lines: must be at least 1000")


@dataclass
class _GroupCounts:
    documents: int = 0
    # line hash -> documents holding it, plus (<< 32) how many of those are a different
    # article from the first one seen (see `article_fingerprint`): one int per line.
    lines: dict[int, int] = field(default_factory=dict)
    first_article: dict[int, int] = field(default_factory=dict)  # line hash -> first fingerprint
    headings: set[int] = field(default_factory=set)  # line hashes of heading-like lines


def is_heading_like(line: str) -> bool:
    """A short line that does not end a sentence: a title or a heading ("Frequently Asked
    Questions", "Is It Worth It?"), which real articles of one site share."""
    text = line.strip()
    return len(text.split()) <= _HEADING_MAX_WORDS and not text.endswith((".", "…", ":", ";"))


# Headings and titles run to about a dozen words; a longer line reads as a sentence.
_HEADING_MAX_WORDS = 12


_OTHER = 1 << 32  # the "different article" count lives above the document count


def longest_lines(keys: dict[int, Line]) -> list[int]:
    """The keys of the document's four longest lines, longest first."""
    ranked = sorted(keys.items(), key=lambda item: (-len(item[1].text.strip()), item[0]))
    return [key for key, _ in ranked[:_FINGERPRINT_LINES + 1]]


def article_fingerprint(longest: list[int], key: int) -> int:
    """The identity of the article around line `key`: its three longest other lines. Copies of
    one article (near-duplicates: truncated, reframed, reordered) keep them; a site's other
    pages do not. A line shared only by copies of one article is content for dedup, not a
    template. (Python's hash is fine: fingerprints are compared within the scan process.)"""
    return hash(tuple(other for other in longest if other != key)[:_FINGERPRINT_LINES])


# Three lines: a footer block would need more lines longer than every paragraph of the
# article to hide itself, and one edited paragraph is not enough to make a copy look new.
_FINGERPRINT_LINES = 3


class TemplateLineRemover(CorpusStage):
    """Removes lines that recur across many documents of the same source (learnt in a scan)."""

    name = "template_lines"
    version = 1
    Config = TemplateLinesConfig
    config: TemplateLinesConfig

    def __init__(self, config: TemplateLinesConfig | None = None) -> None:
        super().__init__(config)
        self.templates: dict[str, frozenset[int]] = {}  # what the workers receive: compact
        self._counts: dict[str, _GroupCounts] = {}
        self._tracked = 0
        self._prunings = 0

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_counts"] = {}  # scan-time counts stay in the main process
        return state

    def line_keys(self, text: str) -> Iterable[tuple[int, Line]]:
        """(hash, line) for each line long enough to be learnt."""
        minimum = self.config.min_line_chars
        for line in text_view(text).lines:
            normalised = normalise_line(line.text)
            if len(normalised) >= minimum:
                yield line_hash(normalised), line

    def scan(self, docs: Iterable[Document]) -> None:
        for doc in docs:
            group = self._counts.setdefault(source_group(doc), _GroupCounts())
            group.documents += 1
            keys = dict(self.line_keys(doc.text))
            longest = longest_lines(keys)
            for key in keys:
                fingerprint = article_fingerprint(longest, key)
                count = group.lines.get(key)
                if count is None:
                    self._tracked += 1
                    group.lines[key] = 1
                    group.first_article[key] = fingerprint
                    if is_heading_like(keys[key].text):
                        group.headings.add(key)
                else:
                    other = _OTHER if group.first_article[key] != fingerprint else 0
                    group.lines[key] = count + 1 + other
            if self._tracked > self.config.max_tracked_lines:
                self._prune()

    def _prune(self) -> None:
        """Forget the rarest counts until the table is at most half full."""
        floor = 1
        while self._tracked > self.config.max_tracked_lines // 2:
            for group in self._counts.values():
                rare = [key for key, count in group.lines.items() if count % _OTHER <= floor]
                for key in rare:
                    del group.lines[key]
                    del group.first_article[key]
                    group.headings.discard(key)
                self._tracked -= len(rare)
            floor += 1
        self._prunings += 1

    def finish_scan(self) -> dict[str, Any]:
        templates = {}
        for name, group in sorted(self._counts.items()):
            needed = max(self.config.min_documents, math.ceil(self.config.min_share * group.documents))
            needed_heading = max(needed, math.ceil(self.config.heading_min_share * group.documents))
            # Enough documents, and enough of them other articles than the first: a line
            # repeated only by copies of one article is left to dedup.
            learnt = frozenset(
                key for key, count in group.lines.items()
                if count % _OTHER >= (needed_heading if key in group.headings else needed)
                and count // _OTHER >= needed - 1
            )
            if learnt:
                templates[name] = learnt
        figures = {
            "sources": len(self._counts),
            "documents": sum(group.documents for group in self._counts.values()),
            "sources_with_templates": len(templates),
            "template_lines": sum(len(keys) for keys in templates.values()),
            "prunings": self._prunings,
        }
        self.templates = templates
        self._counts = {}
        self._tracked = 0
        return figures

    def find(self, doc: Document) -> list[Span]:
        """The document's lines that are templates of its source; none if they would be most of it."""
        learnt = self.templates.get(source_group(doc))
        if not learnt:
            return []
        spans = [Span(line.start, line.end, "template_line", 1.0)
                 for key, line in self.line_keys(doc.text) if key in learnt]
        removed = sum(span.end - span.start for span in spans)
        if removed > self.config.max_removed_share * len(doc.text.strip()):
            return []
        return spans

    def process(self, doc: Document) -> Document:
        spans = self.find(doc)
        if spans:
            doc.apply(line_removals(doc.text, spans), stage=self.name)
        return doc
