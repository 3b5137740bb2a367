"""Link farms and bare URLs: judge a URL by the kind of host it points to, then remove
runs of link lines that are mostly farm links (with their "Citations:"-style heading)
and handle URLs standing in running text.

A host is judged by features (a storage bucket, a CDN edge, a blog network's throwaway
subdomain, a shortener, a random-looking name, a social post), read from
`link_hosts.toml`, never by a list of known sites. Reference features (DOIs, journals,
universities, governments) weigh against, so a real reference list stays.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from fnmatch import translate
from functools import lru_cache
from typing import Literal
from urllib.parse import urlsplit

import tldextract
from wordfreq import zipf_frequency

from pipeline.stages.spam_rules.spans import (
    WORD,
    SpamSpan,
    fold,
    line_bounds,
    phrase_span,
    whole_lines_span,
)
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\[\]{}|\\^`]+", re.IGNORECASE)
# A URL usually ends before trailing sentence punctuation.
_URL_TAIL = ".,;:!?)'\"»”’"
# A reference entry: a DOI, or an author-year citation "Name, A. (2019)" / "Name et al., 2019".
DOI = re.compile(r"\b10\.\d{4,9}/\S+|\bdoi:\s*10\.", re.IGNORECASE)
_AUTHOR = re.compile(r"\b[A-Z][\w'’-]+,?\s+(?:[A-Z]\.\s*)+")
_YEAR_AHEAD = re.compile(r"(?=\(?(?:19|20)\d\d)")  # every position where a year starts
_ET_AL_YEAR = re.compile(r"\bet al\.?,?\s*\(?(?:19|20)\d\d")
# How far after the first author the year may come (a long author list). Found by looking up
# the next year after each author, not by a regex gap: one ".*?" made every "Name, A." rescan
# the rest of the line, quadratic on a hostile line.
_AUTHOR_YEAR_GAP = 300
# A bullet or number before a list entry: "- ", "* ", "1. ", "[3] ".
_LIST_MARK = re.compile(r"^\s*(?:[-*•·]|\d{1,3}[.)]|\[\d{1,3}\])?\s*")
# Words of anchor text a link line may carry; more is a sentence with a URL in it.
_LINK_TEXT_WORDS = 5
# Languages whose word lists decide whether a host label reads as words.
_LABEL_LANGUAGES = ("en", "de", "fr", "es")
# A label piece of this zipf frequency or more counts as a word (3 = about once per
# million words: common enough that random letter strings rarely hit it).
_WORD_ZIPF = 3.0

# A URL is judged on its first 2,048 characters (the longest URL browsers and sitemaps take):
# the rest cannot change its host, and every feature pattern passing over a 1 MB "URL" on a
# hostile line cost seconds.
_JUDGED_URL_CHARS = 2048

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def find_urls(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL, with trailing punctuation left outside."""
    spans = []
    for match in URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_TAIL:
            url = text[match.start() : end]
            if text[end - 1] == ")" and url.count("(") >= url.count(")"):
                break
            end -= 1
        spans.append((match.start(), end))
    return spans


def host_of(url: str) -> str:
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


class UrlJudge:
    """Scores a URL by the host features of `link_hosts.toml`; >= threshold is a farm link."""

    def __init__(self, features: dict, threshold: float = 1.0) -> None:
        self.threshold = threshold
        # each feature's shell patterns as one regex: one match per host, not one per pattern
        self.pattern_features = [
            (
                name,
                float(table["weight"]),
                _host_patterns(table.get("hosts", ())),
                tuple(re.compile(pattern, re.IGNORECASE) for pattern in table.get("urls", ())),
            )
            for name, table in sorted(features["features"].items())
        ]
        self.computed = {name: float(weight) for name, weight in features["computed"].items()}
        self._scores: dict[str, float] = {}  # a page repeats its hosts and links

    def features(self, url: str) -> dict[str, float]:
        """Feature name -> weight for every feature the URL has."""
        url = url[:_JUDGED_URL_CHARS]
        host = host_of(url)
        if not host:
            return {}
        rest = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
        path = rest[len(host) :] if rest.lower().startswith(host) else urlsplit("http://" + rest).path
        found: dict[str, float] = {}
        for name, weight, hosts, urls in self.pattern_features:
            # "x." + host lets "*.edu" match "harvard.edu" as well as "www.law.harvard.edu"
            host_match = hosts is not None and bool(hosts.match(host) or hosts.match("x." + host))
            if host_match or any(pattern.search(host + path) for pattern in urls):
                found[name] = weight
        parts = _EXTRACT(host)
        labels = [label for label in parts.subdomain.split(".") if label and label != "www"]
        if labels and "blog" in parts.domain:
            found["blog_network_subdomain"] = self.computed["blog_network_subdomain"]
        if any(_random_label(label) for label in labels) or _random_label(parts.domain):
            found["random_label"] = self.computed["random_label"]
        segments = [segment for segment in path.split("/") if segment]
        if any(_random_segment(segment) for segment in segments):
            found["random_path_segment"] = self.computed["random_path_segment"]
        if re.search(r"-\d{6,}(?:\.html?)?$|\d{8,}", path):
            found["long_digit_run"] = self.computed["long_digit_run"]
        return found

    def score(self, url: str) -> float:
        score = self._scores.get(url)
        if score is None:
            if len(self._scores) >= _SCORE_CACHE_SIZE:
                self._scores.clear()
            score = self._scores[url] = sum(self.features(url).values())
        return score

    def is_farm(self, url: str) -> bool:
        return self.score(url) >= self.threshold

    def farm_weight(self, url: str) -> float:
        """How much of a farm link the URL is, for the share of a block: 1 at the threshold,
        part of one for weaker features (a free-hosting site alone is half), none for a
        reference. A block of free-hosting pages and shorteners is a farm as a whole though
        none of its pages, one by one, would be."""
        return min(1.0, max(0.0, self.score(url) / self.threshold))


# URL scores kept by a judge before it starts afresh (a few MB at most).
_SCORE_CACHE_SIZE = 65536


def _host_patterns(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """Shell-style host patterns as one regex (`fnmatchcase` of any of them)."""
    patterns = list(patterns)
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{translate(pattern)})" for pattern in patterns))


@lru_cache(maxsize=4096)
def _uncovered_letters(label: str) -> str:
    """The label with the letters of its best segmentation into known words replaced by
    spaces: what is left is what no word explains."""
    letters = label.lower()
    # best[i]: (covered letters, uncovered text) of letters[:i]
    best: list[tuple[int, str]] = [(0, "")]
    for end in range(1, len(letters) + 1):
        candidate = (best[end - 1][0], best[end - 1][1] + letters[end - 1])
        for start in range(max(0, end - 20), end - 2):
            piece = letters[start:end]
            if best[start][0] + len(piece) > candidate[0] and _is_word(piece):
                candidate = (best[start][0] + len(piece), best[start][1] + " " * len(piece))
        best.append(candidate)
    return best[-1][1]


@lru_cache(maxsize=65536)
def _is_word(piece: str) -> bool:
    return piece.isalpha() and max(zipf_frequency(piece, lang) for lang in _LABEL_LANGUAGES) >= _WORD_ZIPF


def _random_label(label: str) -> bool:
    """A host label that does not read as words: 4+ digits, or consonants that no known
    word explains ("lorenzorbhqv", "titusbzqga"); "nightschool" or "strengths" are words."""
    digits = sum(ch.isdigit() for ch in label)
    if digits >= 4 and any(ch.isalpha() for ch in label):
        return True
    for piece in label.split("-"):
        letters = re.sub(r"\d", "", piece)
        # a run of 4 consonants is where a random string shows ("rbhqv"); words like
        # "strengths" have them too, hence the check that no word covers 3 of them
        if len(letters) >= 6 and re.search(r"[^aeiouy\W\d_]{4,}", letters.lower()):
            if re.search(r"[^aeiouy\W\d_ ]{3,}", _uncovered_letters(letters)):
                return True
    return False


def _random_segment(segment: str) -> bool:
    """A path segment like "863ghdtnk": letters and 2+ digits mixed, no word in it."""
    token = segment.split(".")[0]
    if not re.fullmatch(r"[a-z0-9]{6,}", token, re.IGNORECASE):
        return False
    digits = sum(ch.isdigit() for ch in token)
    letters = len(token) - digits
    return digits >= 2 and letters >= 3 and re.search(r"[^aeiouy\d]{4,}", token.lower()) is not None


def is_reference_entry(line: str) -> bool:
    return bool(DOI.search(line) or _ET_AL_YEAR.search(line) or _author_then_year(line))


def _author_then_year(line: str) -> bool:
    years = [match.start() for match in _YEAR_AHEAD.finditer(line)]
    if not years:
        return False
    for author in _AUTHOR.finditer(line):
        following = bisect.bisect_left(years, author.end())
        if following < len(years) and years[following] - author.end() <= _AUTHOR_YEAR_GAP:
            return True
    return False


def _link_line(line: str) -> list[tuple[int, int]] | None:
    """URLs of a line made of links only (bullets and a few words of anchor text allowed)."""
    urls = find_urls(line)
    if not urls:
        return None
    rest = line
    for start, end in reversed(urls):
        rest = rest[:start] + rest[end:]
    rest = _LIST_MARK.sub("", rest)
    # a few words of anchor text beside the URL ("Group therapy - https://..."), not a sentence
    if len(WORD.findall(rest)) > _LINK_TEXT_WORDS or re.search(r"[.!?]\s*$", rest):
        return None
    return urls


def _is_heading(line: str, vocabulary: SpamVocabulary) -> bool:
    words = [fold(word) for word in WORD.findall(line)]
    return 0 < len(words) <= 4 and " ".join(words) in vocabulary.link_headings and len(line.strip()) < 40


def link_farm_block_spans(
    text: str, vocabulary: SpamVocabulary, judge: UrlJudge, min_urls: int = 2, farm_share: float = 0.5
) -> list[SpamSpan]:
    """Runs of link lines (blank lines between allowed) whose URLs are mostly farm links (each
    counted by its `UrlJudge.farm_weight`).

    Without a heading a run needs `min_urls` URLs; under a link heading one is enough.
    A run whose lines are mostly reference entries (DOIs, author-year) is kept whatever
    its hosts."""
    bounds = line_bounds(text)
    spans: list[SpamSpan] = []
    index = 0
    while index < len(bounds):
        block: list[int] = []
        cursor = index
        while cursor < len(bounds):
            line = text[bounds[cursor][0] : bounds[cursor][1]]
            if not line.strip() and block:
                cursor += 1
                continue
            if _link_line(line) is None:
                break
            block.append(cursor)
            cursor += 1
        if not block:
            index += 1
            continue
        index = block[-1] + 1
        heading = heading_above(text, bounds, block[0], vocabulary)
        urls: list[str] = []
        references = 0
        for number in block:
            line_text = text[bounds[number][0] : bounds[number][1]]
            references += is_reference_entry(line_text)
            urls.extend(line_text[start:end] for start, end in _link_line(line_text) or [])
        farm = sum(judge.farm_weight(url) for url in urls)
        if len(urls) < (1 if heading is not None else min_urls):
            continue
        # a share, not all: one harmless link does not launder a farm
        if farm / len(urls) < farm_share or references * 2 >= len(block):
            continue
        if heading is None:
            heading = _heading_shape_above(text, bounds, block[0])
        first = heading if heading is not None else block[0]
        start, end = whole_lines_span(text, bounds[first][0], bounds[block[-1]][2])
        spans.append(SpamSpan(start, end, "link_farm_block", farm / len(urls)))
    return spans


# A heading over a link list is a few words ("Helpful resources", "Worth a look:"), without
# sentence punctuation at its end.
_FARM_HEADING_MAX_WORDS = 6
_FARM_HEADING_MAX_CHARS = 60


def _heading_shape_above(text: str, bounds: list[tuple[int, int, int]], first: int) -> int | None:
    """The line right above a farm block (one blank line between allowed) when it is shaped
    like a heading, whatever its words: a farm's heading names nothing the list holds, so it
    goes with the list once the list is judged a farm."""
    number = first - 1
    if number >= 0 and not text[bounds[number][0] : bounds[number][1]].strip():
        number -= 1
    if number < 0:
        return None
    line = text[bounds[number][0] : bounds[number][1]].strip()
    words = WORD.findall(line)
    if not 0 < len(words) <= _FARM_HEADING_MAX_WORDS or len(line) > _FARM_HEADING_MAX_CHARS:
        return None
    if re.search(r"[.!?;,]$", line) or line[:1].islower() or find_urls(line):
        return None
    return number


def heading_above(
    text: str, bounds: list[tuple[int, int, int]], first: int, vocabulary: SpamVocabulary
) -> int | None:
    """The number of the line above `first` (blank lines skipped) if it is a link heading."""
    number = first - 1
    while number >= 0 and not text[bounds[number][0] : bounds[number][1]].strip():
        number -= 1
    if number >= 0 and _is_heading(text[bounds[number][0] : bounds[number][1]], vocabulary):
        return number
    return None


def inline_url_spans(
    text: str, judge: UrlJudge, policy: Literal["remove", "keep", "host"] = "host"
) -> list[SpamSpan]:
    """URLs inside running text: farm links always go (spam); other URLs follow `policy`.

    Lines made of links only and reference entries are not running text and are left to
    the block rule."""
    spans: list[SpamSpan] = []
    for line_start, line_end, _ in line_bounds(text):
        line = text[line_start:line_end]
        if "http" not in line.lower() and "www." not in line.lower():
            continue
        if _link_line(line) is not None or is_reference_entry(line):
            continue
        for start, end in find_urls(line):
            url = line[start:end]
            absolute_start, absolute_end = line_start + start, line_start + end
            if judge.is_farm(url):
                removal = _url_removal(text, absolute_start, absolute_end)
                spans.append(SpamSpan(*removal, "link_farm_url", 0.9))
            elif policy == "remove":
                removal = _url_removal(text, absolute_start, absolute_end)
                spans.append(SpamSpan(*removal, "bare_url", 1.0, spam=False))
            elif policy == "host":
                host = host_of(url)
                spans.append(SpamSpan(absolute_start, absolute_end, "bare_url", 1.0, host, spam=False))
    return spans


def _url_removal(text: str, start: int, end: int) -> tuple[int, int]:
    """A URL with its brackets "(...)" if it filled them, and one neighbouring space."""
    if start > 0 and end < len(text) and text[start - 1] in "([<" and text[end] in ")]>":
        start, end = start - 1, end + 1
    return phrase_span(text, start, end)
