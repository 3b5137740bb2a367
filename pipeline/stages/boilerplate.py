"""Page furniture in text: bylines and counters, widgets, banners, breadcrumbs, repeated
titles and related-link tails, removed line by line and judged by structure.

A line goes only as a whole. Widget lines are recognised by vocabulary *coverage*: every
word of the line must belong to one rule's phrases, its filler words or be a number, so a
sentence of article prose that merely contains "comments" or "share" is never covered.
Position matters too: the head of a page (before its first line of prose) and its tail
(after the last) are where furniture lives, so weaker evidence (a lone "Comments", a date
line, a short title-case link text) is trusted there and nowhere else.

The vocabularies are data, one TOML file per language in `pipeline/data/boilerplate/`
(documented in its README.md), extendable from the configuration.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

from pipeline.document import Document, Replacement
from pipeline.errors import ConfigError
from pipeline.stages.base import Stage, StageConfig

# ---------------------------------------------------------------------------------------
# Lines, spans and line removal (shared with the template_lines and pii stages)


class Span(NamedTuple):
    """A finding: text[start:end] is furniture of kind `rule`; `score` is how sure (0..1)."""

    start: int
    end: int
    rule: str
    score: float


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offset of the first character
    end: int  # offset just past the last character, before the line break ("\n" or "\r\n")
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Every line with its offsets; a text ending in a line break has a final empty line."""
    lines = []
    start = 0
    for piece in text.split("\n"):
        content = piece[:-1] if piece.endswith("\r") else piece
        lines.append(Line(start, start + len(content), content))
        start += len(piece) + 1
    return lines


def line_removals(text: str, spans: Iterable[Span]) -> list[Replacement]:
    """Replacements that delete whole lines together with their line breaks.

    `spans` must each cover one line's content (as `Span(line.start, line.end, ...)`).
    Blank lines between removed lines go with them; between the kept neighbours the larger
    of the two separators survives, so removing a paragraph never leaves a run of blank
    lines, never glues two paragraphs together and never leaves blank lines at either end.
    Each removed line is its own edit (it carries its rule); separators ride along with it.
    """
    by_start = {span.start: span for span in spans}
    if not by_start:
        return []
    lines = split_lines(text)
    removed = [line.start in by_start and not line.is_blank for line in lines]
    replacements: list[Replacement] = []
    index = 0
    while index < len(lines):
        if not removed[index]:
            index += 1
            continue
        block = [index]  # removed lines of one block; blank lines between them are absorbed
        probe = index + 1
        while probe < len(lines) and (removed[probe] or lines[probe].is_blank):
            if removed[probe]:
                block.append(probe)
            probe += 1
        previous = _previous_kept(lines, removed, block[0])
        following = probe if probe < len(lines) else None
        start, end = _block_extent(text, lines, previous, block, following)
        cuts = [start] + [lines[i].start for i in block[1:]] + [end]
        for number, line_index in enumerate(block):
            span = by_start[lines[line_index].start]
            replacements.append(Replacement(cuts[number], cuts[number + 1], span.rule))
        index = probe
    return replacements


def _previous_kept(lines: list[Line], removed: list[bool], first: int) -> int | None:
    for index in range(first - 1, -1, -1):
        if not lines[index].is_blank and not removed[index]:
            return index
    return None


def _block_extent(
    text: str, lines: list[Line], previous: int | None, block: list[int], following: int | None
) -> tuple[int, int]:
    first, last = block[0], block[-1]
    if previous is None and following is None:
        return 0, len(text)
    if previous is None:
        return 0, lines[following].start
    if following is None:
        final_break = 2 if text.endswith("\r\n") else 1 if text.endswith("\n") else 0
        return lines[previous].end, len(text) - final_break
    blank_before = first - previous - 1
    blank_after = following - last - 1
    if blank_before >= blank_after:
        return lines[first].start, lines[following].start
    return lines[previous + 1].start, lines[last + 1].start


# ---------------------------------------------------------------------------------------
# Words and phrases

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[km]|st|nd|rd|th|er|e|º|°)?")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_NO_TITLE_END = re.compile(r"[.…:;,]$")  # a title may ask or exclaim; it does not end a sentence
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
# A list item ("- Coarse sand", "2. Water weekly"): list content, never a related-link title.
_LIST_ITEM = re.compile(r"^(?:[-*•–·▪]|\d{1,2}[.)])\s")


def words_of(text: str) -> list[str]:
    """The case-folded words of a text: the unit every vocabulary phrase is matched on."""
    return _WORD.findall(text.casefold())


def is_number(word: str) -> bool:
    return bool(_NUMBER.fullmatch(word))


class PhraseSet:
    """Phrases (word sequences) found greedily, longest first, in a list of words."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in {tuple(words_of(p)) for p in phrases}:
            if phrase:
                self._by_first.setdefault(phrase[0], []).append(phrase)
        for options in self._by_first.values():
            options.sort(key=lambda p: (-len(p), p))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) word ranges of phrase occurrences."""
        found = []
        index = 0
        while index < len(words):
            for phrase in self._by_first.get(words[index], ()):
                if tuple(words[index : index + len(phrase)]) == phrase:
                    found.append((index, index + len(phrase)))
                    index += len(phrase)
                    break
            else:
                index += 1
        return found


def _covered(hits: list[tuple[int, int]], size: int) -> list[bool]:
    mask = [False] * size
    for start, end in hits:
        for index in range(start, end):
            mask[index] = True
    return mask


# ---------------------------------------------------------------------------------------
# Vocabulary

# Tables and keys a vocabulary file may have; the loader rejects anything else.
PHRASE_RULES = ("read_time", "comment_widget", "related_content", "share_widget", "navigation")
BANNER_RULES = ("cookie_banner", "newsletter_banner")
VOCABULARY_KEYS: dict[str, tuple[str, ...]] = {
    **{rule: ("phrases", "edge_phrases", "filler") for rule in PHRASE_RULES},
    **{rule: ("anchors", "voice", "cues") for rule in BANNER_RULES},
    "byline": ("labels", "filler", "relative", "months"),
    "view_counter": ("words",),
    "comment_counter": ("words", "author_verbs"),
    "tag_list": ("labels",),
    "breadcrumb": ("home",),
    "copyright_notice": ("phrases",),
}


def load_vocabulary(extra: dict[str, list[str]] | None = None) -> dict[str, dict[str, list[str]]]:
    """Every language file of the package merged, plus `extra` entries ("table.key": [...])."""
    merged: dict[str, dict[str, list[str]]] = {
        table: {key: [] for key in keys} for table, keys in VOCABULARY_KEYS.items()
    }
    folder = resources.files("pipeline").joinpath("data", "boilerplate")
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        for table, values in data.items():
            for key, phrases in values.items():
                if key not in VOCABULARY_KEYS.get(table, ()):
                    raise ValueError(f"{entry.name}: unknown vocabulary entry {table}.{key}")
                merged[table][key].extend(phrases)
    for name, phrases in (extra or {}).items():
        table, _, key = name.partition(".")
        merged[table][key].extend(phrases)
    return merged


@dataclass(frozen=True)
class _PhraseRule:
    rule: str
    phrases: PhraseSet
    edge_phrases: PhraseSet
    filler: frozenset[str]


@dataclass(frozen=True)
class _BannerRule:
    rule: str
    anchors: PhraseSet
    voice: PhraseSet
    cues: PhraseSet


class Vocabulary:
    """The compiled vocabulary: phrase sets built once per stage, shared by every line."""

    def __init__(self, tables: dict[str, dict[str, list[str]]]) -> None:
        self.phrase_rules = [
            _PhraseRule(rule, PhraseSet(tables[rule]["phrases"]), PhraseSet(tables[rule]["edge_phrases"]),
                        frozenset(w for p in tables[rule]["filler"] for w in words_of(p)))
            for rule in PHRASE_RULES
        ]
        self.banner_rules = [
            _BannerRule(rule, PhraseSet(tables[rule]["anchors"]), PhraseSet(tables[rule]["voice"]),
                        PhraseSet(tables[rule]["cues"]))
            for rule in BANNER_RULES
        ]
        byline = tables["byline"]
        self.byline_labels = PhraseSet(byline["labels"])
        self.byline_filler = PhraseSet(byline["filler"] + byline["relative"])
        self.months = frozenset(w for p in byline["months"] for w in words_of(p))
        self.view_counters = PhraseSet(tables["view_counter"]["words"])
        self.comment_counters = PhraseSet(tables["comment_counter"]["words"])
        self.author_verbs = PhraseSet(tables["comment_counter"]["author_verbs"])
        self.tag_labels = PhraseSet(tables["tag_list"]["labels"])
        self.home_words = frozenset(" ".join(words_of(p)) for p in tables["breadcrumb"]["home"])
        self.copyright = PhraseSet(tables["copyright_notice"]["phrases"])


# ---------------------------------------------------------------------------------------
# Configuration


@dataclass(frozen=True)
class BoilerplateConfig(StageConfig):
    disabled_rules: list[str] = field(
        default_factory=list,
        metadata={"doc": "Rules not to apply, by name (see README: read_time, comment_widget, "
                         "related_content, share_widget, navigation, cookie_banner, newsletter_banner, "
                         "byline, view_counter, tag_list, breadcrumb, copyright_notice, title_repeat, "
                         "related_tail, comment_section)."},
    )
    extra_vocabulary: dict[str, list[str]] = field(
        default_factory=dict,
        metadata={"doc": "Phrases added to the shipped vocabulary, keyed 'table.key' as in the "
                         "data files, e.g. {\"comment_widget.phrases\" = [\"leave a note\"]}."},
    )
    prose_min_words: int = field(
        default=5,
        metadata={"doc": "A line ending a sentence with at least this many words is prose; the "
                         "page's head and tail are the lines before the first and after the last "
                         "prose line. Five keeps 'More research is needed.' prose while widget "
                         "labels ('Leave a Reply') have fewer words and no full stop."},
    )
    prose_long_words: int = field(
        default=20,
        metadata={"doc": "A line this long is prose even without end punctuation (a paragraph cut "
                         "off by the scraper): no widget, byline or link text runs to 20 words."},
    )
    title_max_words: int = field(
        default=15,
        metadata={"doc": "The first line counts as the title only if it is at most this long and "
                         "not a sentence: headlines run to about a dozen words."},
    )
    related_tail_max_words: int = field(
        default=12,
        metadata={"doc": "Longest line taken as a related-link title in the tail: article titles "
                         "run to about a dozen words; a closing sentence is not title-case anyway."},
    )
    related_tail_min_title_case: float = field(
        default=0.6,
        metadata={"doc": "Share of the line's words of four letters or more that must start with a "
                         "capital for a tail line to read as a link title; 0.6 tolerates one "
                         "lower-case word in a short title."},
    )
    comment_max_words: int = field(
        default=60,
        metadata={"doc": "A comment section (after a comment widget or a 'Jane Doe says:' line in "
                         "the second half of a page) is taken to the end only if no line after it is "
                         "longer than this: comments are a few sentences, article paragraphs longer."},
    )
    byline_max_words: int = field(
        default=24,
        metadata={"doc": "Longest line judged as a byline or counter line: 'Posted by A B on 3 "
                         "March 2021 in News - 12 comments - 1,204 views' is about 16 words."},
    )
    byline_max_name_words: int = field(
        default=4,
        metadata={"doc": "Words in a byline that are not labels, dates or counters (the author's "
                         "name, a category) may number at most this; more means a sentence."},
    )
    banner_min_cues: int = field(
        default=3,
        metadata={"doc": "Distinct banner phrases (anchor, site voice, action) a cookie or newsletter "
                         "line needs: an anchor and a site-voice phrase alone still fit a sentence "
                         "about cookies; a banner also asks the reader to do something."},
    )
    banner_max_words: int = field(
        default=80,
        metadata={"doc": "Longest line judged as a banner; cookie notices run to about 60 words, "
                         "longer lines are paragraphs about the topic."},
    )

    def validate(self) -> None:
        known = set(RULES)
        for rule in self.disabled_rules:
            if rule not in known:
                raise ConfigError(
                    f"disabled_rules: unknown rule {rule!r} (known: {', '.join(sorted(known))})")
        for name in self.extra_vocabulary:
            table, _, key = name.partition(".")
            if key not in VOCABULARY_KEYS.get(table, ()):
                raise ConfigError(f"extra_vocabulary: unknown entry {name!r} (use 'table.key' as in "
                                  f"the data files, e.g. 'comment_widget.phrases')")
        for key in ("prose_min_words", "prose_long_words", "title_max_words", "related_tail_max_words",
                    "byline_max_words", "banner_min_cues", "banner_max_words", "comment_max_words"):
            if getattr(self, key) < 1:
                raise ConfigError(f"{key}: must be at least 1")
        if self.byline_max_name_words < 0:
            raise ConfigError("byline_max_name_words: must not be negative")
        if not 0.0 <= self.related_tail_min_title_case <= 1.0:
            raise ConfigError("related_tail_min_title_case: must be between 0 and 1")


RULES = (*PHRASE_RULES, *BANNER_RULES, "byline", "view_counter", "tag_list", "breadcrumb",
         "copyright_notice", "title_repeat", "related_tail", "comment_section")


# ---------------------------------------------------------------------------------------
# The rules


@dataclass(slots=True)
class _LineInfo:
    line: Line
    words: list[str]  # case-folded
    cased: list[str]  # the same words as written
    stripped: str


class BoilerplateFinder:
    """The pure part of the stage: text (and title, link texts) in, furniture spans out."""

    def __init__(self, config: BoilerplateConfig, vocabulary: Vocabulary) -> None:
        self.config = config
        self.vocabulary = vocabulary
        self.enabled = set(RULES) - set(config.disabled_rules)

    def find(self, text: str, title: str | None = None, link_texts: Iterable[str] = ()) -> list[Span]:
        infos = [self._info(line) for line in split_lines(text)]
        found: dict[int, Span] = {}
        for index, info in enumerate(infos):  # evidence that holds anywhere on the page
            if info.words:
                span = self._anywhere(info)
                if span is not None:
                    found[index] = span
        found.update(self._comment_section(infos, found))
        prose = [i for i, info in enumerate(infos) if i not in found and self._is_prose(info)]
        if not prose:  # no article text to stand beside: position says nothing
            return sorted(found.values())
        first_prose, last_prose = prose[0], prose[-1]
        titles = self._titles(infos, title)
        links = {tuple(words_of(t)) for t in link_texts if words_of(t)}
        seen_titles: set[tuple[str, ...]] = set()
        for index, info in enumerate(infos):
            if index in found or not info.words or first_prose <= index <= last_prose:
                continue
            tail = index > last_prose
            span = self._at_edge(info, tail, titles, seen_titles, links)
            if span is not None:
                found[index] = span
        return sorted(found.values())

    def _comment_section(self, infos: list[_LineInfo], found: dict[int, Span]) -> dict[int, Span]:
        """The page's comment section: from a comment widget or a comment author line
        ("Jane Doe says:") in the second half of the page to its end, when every line after it
        is furniture or short (comment bodies) and commenters' author lines are among them."""
        if "comment_section" not in self.enabled:
            return {}
        content = [i for i, info in enumerate(infos) if info.words]
        if len(content) < 4:
            return {}
        authors = {i for i in content if self._is_comment_author(infos[i])}
        for position, start in enumerate(content[len(content) // 2 :], start=len(content) // 2):
            widget = start in found and found[start].rule == "comment_widget"
            if not (widget or start in authors):
                continue
            section = content[position:]
            # After a widget one commenter is enough; without one it takes two, since a single
            # "Jane Doe says:" above a paragraph may be an interview quote.
            if len(authors.intersection(section)) < (1 if widget else 2):
                return {}
            if all(i in found or i in authors or len(infos[i].words) <= self.config.comment_max_words
                   for i in section):
                return {i: Span(infos[i].line.start, infos[i].line.end, "comment_section", 0.9)
                        for i in section if i not in found}
            return {}
        return {}

    def _is_comment_author(self, info: _LineInfo) -> bool:
        """'Jane Doe says:', 'Jane Doe replied:', 'Jane Doe — 3 days ago': a comment's header."""
        if not 2 <= len(info.words) <= self.config.byline_max_name_words + 6:
            return False
        verbs = self.vocabulary.author_verbs.find(info.words)
        names = info.cased[: verbs[0][0]] if verbs else []
        if verbs and verbs[-1][1] == len(info.words) and 0 < len(names) <= self.config.byline_max_name_words:
            return all(w[:1].isupper() for w in names)
        head, separator, rest = info.stripped.partition(" — ")
        head_words = _WORD.findall(head)
        return bool(separator) and 0 < len(head_words) <= self.config.byline_max_name_words \
            and all(w[:1].isupper() for w in head_words) and bool(re.search(r"\d", rest)) \
            and len(words_of(rest)) <= 6

    # -- line facts

    def _info(self, line: Line) -> _LineInfo:
        cased = _WORD.findall(line.text)
        return _LineInfo(line, [w.casefold() for w in cased], cased, line.text.strip())

    def _is_prose(self, info: _LineInfo) -> bool:
        count = len(info.words)
        if count >= self.config.prose_long_words:
            return True
        return count >= self.config.prose_min_words and bool(_SENTENCE_END.search(info.stripped))

    def _span(self, info: _LineInfo, rule: str, score: float) -> Span | None:
        if rule not in self.enabled:
            return None
        return Span(info.line.start, info.line.end, rule, round(score, 3))

    # -- rules trusted anywhere

    def _anywhere(self, info: _LineInfo) -> Span | None:
        for rule in self.vocabulary.phrase_rules:
            score = _phrase_coverage(info.words, rule, edge=False)
            if score:
                return self._span(info, rule.rule, score)
        for banner in self.vocabulary.banner_rules:
            if self._is_banner(info.words, banner):
                return self._span(info, banner.rule, 1.0)
        rule = self._byline(info, edge=False)
        if rule:
            return self._span(info, rule, 1.0)
        if self._is_tag_list(info):
            return self._span(info, "tag_list", 1.0)
        if self._is_breadcrumb(info, edge=False):
            return self._span(info, "breadcrumb", 1.0)
        if self._is_copyright(info):
            return self._span(info, "copyright_notice", 1.0)
        return None

    # -- rules trusted in the head and tail of a page only

    def _at_edge(
        self,
        info: _LineInfo,
        tail: bool,
        titles: list[tuple[str, ...]],
        seen_titles: set[tuple[str, ...]],
        links: set[tuple[str, ...]],
    ) -> Span | None:
        words = tuple(info.words)
        if words in titles:
            # The first showing of each title in the head is the headline; every other one
            # (a second copy above the headline, a stray copy in the tail) is furniture.
            if tail or words in seen_titles:
                return self._span(info, "title_repeat", 1.0)
            seen_titles.add(words)  # and judged as any other line: a first line may be a menu
        for rule in self.vocabulary.phrase_rules:
            score = _phrase_coverage(info.words, rule, edge=True)
            if score:
                return self._span(info, rule.rule, score)
        rule = self._byline(info, edge=True)
        if rule:
            return self._span(info, rule, 0.8)
        if self._is_breadcrumb(info, edge=True):
            return self._span(info, "breadcrumb", 0.8)
        if _is_menu_row(info.stripped):
            return self._span(info, "navigation", 0.8)
        if tail:
            score = self._related_tail(info, links)
            if score:
                return self._span(info, "related_tail", score)
        return None

    def _titles(self, infos: list[_LineInfo], title: str | None) -> list[tuple[str, ...]]:
        """The page title and its parts ("Headline | Site"), and the first line if it reads as one."""
        titles = []
        if title:
            titles.append(tuple(words_of(title)))
            for part in re.split(r"\s+[|–—:·-]\s+|\s*::\s*", title):
                if len(words_of(part)) >= 2:
                    titles.append(tuple(words_of(part)))
        first = next((info for info in infos if info.words), None)
        if first is not None and len(first.words) <= self.config.title_max_words \
                and not _SENTENCE_END.search(first.stripped):
            titles.append(tuple(first.words))
        return [t for t in dict.fromkeys(titles) if t]

    def _related_tail(self, info: _LineInfo, links: set[tuple[str, ...]]) -> float:
        """A short link-title line after the article: a related-articles list cut to its texts."""
        if len(info.words) > self.config.related_tail_max_words or _URL.search(info.stripped) \
                or _LIST_ITEM.match(info.stripped):
            return 0.0
        if tuple(info.words) in links:
            return 1.0
        if _NO_TITLE_END.search(info.stripped):
            return 0.0
        long_words = [w for w in info.cased if len(w) >= 4 and not w.isdigit()]
        if not long_words or not info.cased[0][:1].isupper():
            return 0.0
        share = sum(w[0].isupper() for w in long_words) / len(long_words)
        return share if share >= self.config.related_tail_min_title_case else 0.0

    def _is_banner(self, words: list[str], banner: _BannerRule) -> bool:
        if not words or len(words) > self.config.banner_max_words:
            return False
        anchors = banner.anchors.find(words)
        if not anchors:
            return False
        voice = banner.voice.find(words)
        cues = banner.cues.find(words)
        distinct = {tuple(words[a:b]) for a, b in anchors + voice + cues}
        if voice and len(distinct) >= self.config.banner_min_cues:
            return True
        # A short button or heading made only of banner phrases ("Accept all cookies").
        covered = _covered(anchors + voice + cues, len(words))
        return all(covered) and len(distinct) >= 2

    def _byline(self, info: _LineInfo, edge: bool) -> str | None:
        """Bylines and counter lines: labels, dates and counts with at most a name between them."""
        words = info.words
        if not words or len(words) > self.config.byline_max_words:
            return None
        vocabulary = self.vocabulary
        views = vocabulary.view_counters.find(words)
        comments = vocabulary.comment_counters.find(words)
        labels = vocabulary.byline_labels.find(words)
        filler = vocabulary.byline_filler.find(words)
        covered = _covered(views + comments + labels + filler, len(words))
        numbers = [is_number(w) for w in words]
        for index, word in enumerate(words):
            if numbers[index] or word in vocabulary.months:
                covered[index] = True

        def counted(hits: list[tuple[int, int]]) -> bool:
            return any((a > 0 and numbers[a - 1]) or (b < len(words) and numbers[b]) for a, b in hits)

        has_views, has_comments = counted(views), counted(comments)
        has_date = bool(_DATE.search(info.stripped)) or any(
            word in vocabulary.months and (
                (index > 0 and numbers[index - 1]) or (index + 1 < len(words) and numbers[index + 1]))
            for index, word in enumerate(words)
        )
        leftovers = [info.cased[i] for i, c in enumerate(covered) if not c]
        has_label = bool(labels) or len(_FIELD.findall(info.stripped)) >= 2
        counter_rule = "view_counter" if has_views else "comment_widget"
        if (has_views or has_comments) and not leftovers:
            return counter_rule
        if len(leftovers) > self.config.byline_max_name_words:
            return None
        names_only = all(w[:1].isupper() or w.isdigit() for w in leftovers)
        if not (names_only or edge):
            return None
        if (has_views or has_comments or has_date) and has_label:
            return counter_rule if (has_views or has_comments) else "byline"
        if (has_views or has_comments) and has_date and names_only:
            return counter_rule  # "Jane Doe · Jan 7 · 85474 views": a name, a date and counts
        if not edge or _SENTENCE_END.search(info.stripped):
            return None
        if has_date and not leftovers:
            return "byline"  # a bare date line above or below the article
        if labels and labels[0][0] == 0 and names_only and leftovers:
            return "byline"  # "By Jane Doe", "Written by Jane Doe"
        return None

    def _is_copyright(self, info: _LineInfo) -> bool:
        """'© 2024 Site. All rights reserved.': a short line with a © sign or a rights phrase."""
        if len(info.words) > _COPYRIGHT_MAX_WORDS:
            return False
        return bool(_COPYRIGHT_SIGN.search(info.stripped) or self.vocabulary.copyright.find(info.words))

    def _is_tag_list(self, info: _LineInfo) -> bool:
        """'Tags: a, b, c' - a label, a colon, then short items."""
        head, colon, rest = info.stripped.partition(":")
        if not colon or not rest.strip() or _SENTENCE_END.search(info.stripped):
            return False
        label = words_of(head)
        if not label or self.vocabulary.tag_labels.find(label) != [(0, len(label))]:
            return False
        items = [item for item in re.split(r"\s*[,;|•·]\s*", rest.strip()) if item]
        return len(info.words) <= self.config.byline_max_words and all(
            len(words_of(item)) <= 5 for item in items)

    def _is_breadcrumb(self, info: _LineInfo, edge: bool) -> bool:
        """'Home > Health > Article': short steps joined by one breadcrumb separator."""
        for separator in _CRUMB_SEPARATORS:
            parts = [part.strip() for part in separator.split(info.stripped)]
            if len(parts) < 2 or not all(parts):
                continue
            if any(len(words_of(p)) > 6 or _SENTENCE_END.search(p) for p in parts):
                continue
            starts_home = " ".join(words_of(parts[0])) in self.vocabulary.home_words
            return starts_home or (edge and len(parts) >= 3)
        return False


# A copyright footer names the site and a year or two; a longer line is a sentence about copyright.
_COPYRIGHT_MAX_WORDS = 12
_COPYRIGHT_SIGN = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\s+\d{4}", re.IGNORECASE)
# A numeric date or a clock time: 17.09.2021, 2021-09-17, 9/17/21, 10:57.
_DATE = re.compile(r"\b(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2})\b")
# "Label: value" fields of a metadata line ("Date: ... - Views: ..."): a short label then a colon.
_FIELD = re.compile(r"(?:^|[-|•·,]\s*)[^\W\d_][\w .]{0,20}?:\s*\S")
# Breadcrumb separators, each needing spaces around it so "and/or" or "a>b" never qualify.
_CRUMB_SEPARATORS = [re.compile(p) for p in (r"\s+»\s+", r"\s+›\s+", r"\s+>\s+", r"\s+→\s+", r"\s+/\s+")]


def _is_menu_row(text: str) -> bool:
    """'Home | Herbs | About': three or more short capitalised items joined by bars or dots."""
    parts = [part.strip() for part in _MENU_SEPARATOR.split(text)]
    return len(parts) >= _MENU_MIN_ITEMS and all(
        part and len(words_of(part)) <= _MENU_MAX_ITEM_WORDS and part[0].isupper()
        and not _SENTENCE_END.search(part) for part in parts)


# A menu has at least three entries (two could be "Pros | Cons" in a table), each of at most
# three words ("Privacy Policy", "Terms of Use").
_MENU_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_MENU_MIN_ITEMS = 3
_MENU_MAX_ITEM_WORDS = 3


def _phrase_coverage(words: list[str], rule: _PhraseRule, edge: bool) -> float:
    """Score > 0 if the line is made only of the rule's phrases, filler words and numbers."""
    hits = rule.phrases.find(words)
    if edge and rule.edge_phrases:
        hits = _merge_hits(hits, rule.edge_phrases.find(words))
    if not hits:
        return 0.0
    covered = _covered(hits, len(words))
    phrase_words = sum(covered)
    for index, word in enumerate(words):
        if not covered[index] and (word in rule.filler or is_number(word)):
            covered[index] = True
    if not all(covered):
        return 0.0
    return phrase_words / len(words) * 0.5 + 0.5


def _merge_hits(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken = _covered(first, max((b for _, b in first + second), default=0))
    return first + [(a, b) for a, b in second if not any(taken[a:b])]


# ---------------------------------------------------------------------------------------
# The stage


class BoilerplateRemover(Stage):
    """Removes page-furniture lines: bylines, counters, widgets, banners, titles, link tails.

    Every removed line is one edit naming its rule."""

    name = "boilerplate"
    version = 1
    Config = BoilerplateConfig

    def __init__(self, config: BoilerplateConfig | None = None) -> None:
        super().__init__(config)
        vocabulary = Vocabulary(load_vocabulary(self.config.extra_vocabulary))
        self.finder = BoilerplateFinder(self.config, vocabulary)

    def process(self, doc: Document) -> Document:
        spans = self.finder.find(doc.text, doc.title, (link.text for link in doc.links))
        doc.apply(line_removals(doc.text, spans), stage=self.name)
        return doc
