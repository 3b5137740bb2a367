"""Dedup evaluation corpora made at benchmark time from real article text.

The originals are the `expected.txt` of the 75 real article pages in
`../shared/data/html/readability/` (read when the benchmark runs, never copied into the
project). Each original gets copies of every kind: verbatim (case and spacing changed),
boilerplate lines added, truncated, paragraphs reordered, and, for the English ones, spun by
three spinners (`dedup_spinners.py`). Different articles on one subject are the hard
negatives, at two strengths: articles of the set that share a subject (`SUBJECTS`), and the
two halves of one article (same author, names and terms; other sentences), which get spun
copies of their own.

The articles are split in two by a hash of their name: the *tuned* half, on which the
stage's settings were chosen, and the *untouched* half, only ever measured. The tortured-
phrase list is split the same way (by a hash of the correct phrase).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from benchmarks.dedup_corpus import BOILERPLATE_FOOTERS, BOILERPLATE_HEADERS, Item
from benchmarks.dedup_spinners import SHARED, moby_synonyms, spin, tortured_table, wordnet_synonyms

ARTICLES = SHARED / "data" / "html" / "readability"
PAGES = SHARED / "data" / "html" / "readability_pages.tsv"
# The second page is the first one snapshotted after its comments loaded: the same text.
SAME_TEXT_AS = {"lifehacker-post-comment-load": "lifehacker-working"}
# Articles of the set on one subject (read from their titles): distinct texts that share names
# and vocabulary, which dedup must keep apart.
SUBJECTS = {
    "facebook": ("aclu", "cnet"),
    "minecraft": ("ars-1", "tumblr"),
    "web development": ("001", "002", "lazy-image-1", "v8-blog"),
    "health": ("buzzfeed-1", "medicalnewstoday", "webmd-1", "webmd-2"),
    "foreign affairs": ("nytimes-1", "telegraph", "wapo-1", "wapo-2"),
    "tech business": ("nytimes-2", "salon-1", "seattletimes-1"),
    "mozilla": ("firefox-nightly-blog", "wikipedia"),
    "operations": ("dropbox-blog", "google-sre-book-1", "toc-missing"),
}
# Languages the set marks blank that are English all the same (checked by reading them).
BLANK_BUT_ENGLISH = frozenset({
    "blogger", "bug-1255978", "clean-links", "cnn", "keep-images", "keep-tabular-data", "links-in-tables",
    "lwn-1", "medium-1", "medium-2", "mercurial", "salon-1", "table-style-attributes",
    "tmz-1", "topicseed-1", "videos-1", "wapo-1", "wapo-2",
})
BASIC_KINDS = ("verbatim", "boilerplate", "truncated", "reordered")
# kind -> (spinner, share of all words replaced)
SPUN_KINDS = {"moby25": ("moby", 0.25), "moby40": ("moby", 0.40), "wordnet30": ("wordnet", 0.30),
              "wordnet45": ("wordnet", 0.45), "tortured": ("tortured", 0.25)}
HALF_KINDS = ("moby40", "wordnet45", "tortured")
MIN_HALF_WORDS = 150  # each half of an article split in two has at least this many words


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    english: bool
    subject: str


def articles(part: str) -> list[Article]:
    """The articles of one half ("tuned" or "untouched"), sorted by name."""
    languages = dict(line.split("\t")[:2] for line in PAGES.read_text(encoding="utf-8").splitlines()[1:])
    subject_of = {name: subject for subject, names in SUBJECTS.items() for name in names}
    found = []
    for folder in sorted(path for path in ARTICLES.iterdir() if path.is_dir()):
        name = folder.name
        if name in SAME_TEXT_AS or _part(name) != part:
            continue
        english = languages.get(name, "").startswith("en") or name in BLANK_BUT_ENGLISH
        text = (folder / "expected.txt").read_text(encoding="utf-8").strip()
        found.append(Article(name, text, english, subject_of.get(name, name)))
    return found


def _part(name: str) -> str:
    return "tuned" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "untouched"


def copies(part: str) -> list[Item]:
    """Every article of the half with one copy of each kind (spun kinds for English only)."""
    items = []
    for article in articles(part):
        items.append(Item(article.name, article.text, article.name, article.subject, "original"))
        kinds = BASIC_KINDS + (tuple(SPUN_KINDS) if article.english else ())
        items += _copies_of(article.name, article.text, article.subject, kinds, part)
    return items


def halves(part: str) -> list[Item]:
    """Each English article long enough, cut in two at the paragraph nearest its middle: the
    halves are two originals on one subject, each with spun copies."""
    items = []
    for article in articles(part):
        cut = _halves(article.text)
        if not article.english or cut is None:
            continue
        for number, text in enumerate(cut, start=1):
            base = f"{article.name}#{number}"
            items.append(Item(base, text, base, article.name, "original"))
            items += _copies_of(base, text, article.name, HALF_KINDS, part)
    return items


def _halves(text: str) -> tuple[str, str] | None:
    paragraphs = text.split("\n\n")
    total = len(text.split())
    running, best, best_gap = 0, None, total
    for index, paragraph in enumerate(paragraphs[:-1], start=1):
        running += len(paragraph.split())
        if abs(total / 2 - running) < best_gap:
            best, best_gap = index, abs(total / 2 - running)
    if best is None:
        return None
    first, second = "\n\n".join(paragraphs[:best]), "\n\n".join(paragraphs[best:])
    if min(len(first.split()), len(second.split())) < MIN_HALF_WORDS:
        return None
    return first, second


def _copies_of(base: str, text: str, subject: str, kinds: tuple[str, ...], part: str) -> list[Item]:
    seed = int.from_bytes(hashlib.sha256(base.encode("utf-8")).digest()[:4], "little")
    rng = random.Random(seed)
    made = []
    for number, kind in enumerate(kinds):
        text_of_copy = copy_of(text, kind, part, rng, seed + number)
        made.append(Item(f"{base}~{kind}", text_of_copy, base, subject, kind))
    return made


def copy_of(text: str, kind: str, part: str, rng: random.Random, seed: int) -> str:
    paragraphs = text.split("\n\n")
    if kind == "verbatim":
        return "\n\n".join(p.upper() if i == 0 else p.replace(". ", ".  ") for i, p in enumerate(paragraphs))
    if kind == "boilerplate":
        header, footer = rng.sample(BOILERPLATE_HEADERS, 2), rng.sample(BOILERPLATE_FOOTERS, 2)
        return "\n\n".join(header + paragraphs + footer)
    if kind == "truncated":
        words = text.split(" ")
        return " ".join(words[: int(len(words) * rng.uniform(0.6, 0.85))])
    if kind == "reordered":
        head, body = paragraphs[:1], paragraphs[1:]
        rng.shuffle(body)
        return "\n\n".join(head + body)
    spinner, share = SPUN_KINDS[kind]
    if spinner == "moby":
        return spin(text, moby_synonyms(), share, seed).text
    if spinner == "wordnet":
        return spin(text, wordnet_synonyms(), share, seed).text
    table = tortured_table(0 if part == "tuned" else 1)
    return spin(text, table.synonyms, share, seed, phrases=table.phrases).text
