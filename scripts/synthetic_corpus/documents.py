"""The generated documents and the page model: labels, blocks, sites, articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

FORMATS = ("txt", "html", "jsonl", "warc")
# Up to this many documents the corpus is a sample spread over all formats; above it,
# a benchmark corpus written mostly as JSONL shards.
SMALL_LIMIT = 500
# JSONL lines per shard in large mode: ~25 MB files, big enough that the runner's
# byte-range sharding is exercised, small enough to inspect by hand.
DEFAULT_SHARD_DOCS = 10_000
# In large mode one page in this many goes to each of the other formats, so the
# readers for them are still measured without dominating the run.
LARGE_SIDE_FORMAT_EVERY = 100
# WARC responses per .warc.gz file in large mode.
LARGE_WARC_RECORDS = 1_000
# Fixed timestamps keep gzip and WARC bytes independent of when the script runs.
GZIP_MTIME = 0
_EPOCH = datetime(2016, 1, 1, tzinfo=UTC)
_DATE_SPAN_DAYS = 3_650

KINDS = ("clean", "defective", "near_duplicate", "spun", "junk", "non_english")
DEFECTS = (
    "byline",
    "read_time",
    "contact",
    "comment_widget",
    "related_tail",
    "repeated_title",
    "sales_anchor",
    "link_farm",
    "title_injection",
    "template_line",
)
NEAR_DUPLICATE_VARIANTS = ("reframed", "truncated", "reordered", "edited", "exact")
JUNK_KINDS = ("keyword_list", "navigation_only", "lorem_ipsum", "error_page")
LANGUAGES = ("de", "es")


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    """One generated page and its ground truth.

    `text` is the page as plain text (exactly what a .txt file or a JSONL `text` field
    holds; for HTML and WARC pages, the text before the site's layout is wrapped round
    it). `markup` is the HTML for HTML and WARC pages. `clean_text` is what a perfect
    cleaner would keep: title, headings and paragraphs, without any injected defect
    (for junk pages, empty). `injected` lists the exact strings each defect put into
    `text`, so a benchmark can check whether they survived.
    """

    id: str
    index: int
    kind: str  # one of KINDS
    format: str  # txt | html | jsonl | warc
    path: str  # relative to the output folder
    record: int  # record number inside `path`, as the project's readers count them
    url: str
    date: str  # ISO 8601, UTC
    site: str  # host name
    topic: str
    title: str
    language: str
    text: str
    clean_text: str
    markup: str | None = None
    defects: tuple[str, ...] = ()
    injected: tuple[tuple[str, str], ...] = ()  # (defect class, exact string)
    near_dup_of: str | None = None
    near_dup_variant: str | None = None
    spun_of: str | None = None
    spun_phrases: tuple[tuple[str, str], ...] = ()  # (spun phrase, original phrase)
    junk: str | None = None


@dataclass(slots=True)
class Block:
    """A unit of a page: a line or paragraph of its text, and where the HTML puts it."""

    role: str
    text: str
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, href) into text
    defect: str | None = None


@dataclass(frozen=True, slots=True)
class Site:
    host: str
    name: str
    topic: str
    layout: str  # blog | magazine | minimal
    separator: str  # between blocks in the text form
    template_lines: tuple[str, ...]
    language: str = "en"


@dataclass(slots=True)
class Article:
    title: str
    author: str
    sections: list[tuple[str | None, list[str]]]  # (heading, the sentences of one paragraph)


@dataclass(slots=True)
class Page:
    blocks: list[Block] = field(default_factory=list)
    defects: set[str] = field(default_factory=set)
    injected: list[tuple[str, str]] = field(default_factory=list)

    def add(self, role: str, text: str, defect: str | None = None,
            links: tuple[tuple[int, int, str], ...] = ()) -> None:
        self.blocks.append(Block(role, text, links, defect))
        if defect:
            self.defects.add(defect)
            self.injected.append((defect, text))
