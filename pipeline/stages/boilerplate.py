"""Page furniture in text: bylines and counters, widgets, banners, breadcrumbs, repeated
titles and related-link tails, removed line by line and judged by structure.

A line goes only as a whole. Widget lines are recognised by vocabulary *coverage*: every
word of the line must belong to one rule's phrases, its filler words or be a number, so a
sentence of article prose that merely contains "comments" or "share" is never covered.
Position matters too: the head of a page (before its first line of prose) and its tail
(after the last) are where furniture lives, so weaker evidence (a lone "Comments", a date
line, a short title-case link text) is trusted there and nowhere else.

The rules are pure functions in `pipeline.stages.boilerplate_rules`, one family a module;
this stage decides where each is trusted and applies what they find. The vocabularies are
data, one TOML file per language in `pipeline/data/boilerplate/` (documented in its
README.md), extendable from the configuration.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.document import Document
from pipeline.stages.base import Stage
from pipeline.stages.boilerplate_rules.bylines import byline_rule, is_comment_author
from pipeline.stages.boilerplate_rules.comments import comment_section_spans, is_comment_header
from pipeline.stages.boilerplate_rules.config import RULES, BoilerplateConfig
from pipeline.stages.boilerplate_rules.lines import Line, Span, line_removals, split_lines
from pipeline.stages.boilerplate_rules.related import orphan_list_spans, related_list_spans
from pipeline.stages.boilerplate_rules.titles import page_titles, related_tail_score
from pipeline.stages.boilerplate_rules.trails import (
    is_breadcrumb,
    is_copyright,
    is_menu_row,
    is_tag_list,
    is_title_trail,
)
from pipeline.stages.boilerplate_rules.vocabulary import Vocabulary, load_vocabulary
from pipeline.stages.boilerplate_rules.widgets import banner_span, widget_span
from pipeline.stages.boilerplate_rules.words import SENTENCE_END, LineInfo, line_info, words_of
from pipeline.text import text_view

__all__ = ["RULES", "BoilerplateConfig", "BoilerplateFinder", "BoilerplateRemover", "Line", "Span",
           "line_removals", "split_lines"]


class BoilerplateFinder:
    """The pure part of the stage: text (and title, link texts) in, furniture spans out."""

    def __init__(self, config: BoilerplateConfig, vocabulary: Vocabulary) -> None:
        self.config = config
        self.vocabulary = vocabulary
        self.enabled = set(RULES) - set(config.disabled_rules)

    def find(self, text: str, title: str | None = None, link_texts: Iterable[str] = ()) -> list[Span]:
        view = text_view(text)
        infos = [line_info(line, words) for line, words in zip(view.lines, view.line_words, strict=True)]
        found: dict[int, Span] = {}
        for index, info in enumerate(infos):  # evidence that holds anywhere on the page
            if info.words:
                span = self._anywhere(info)
                if span is not None:
                    found[index] = span
        titles = page_titles(infos, title, self.config.title_max_words, set(found))
        if "breadcrumb" in self.enabled:  # a trail ending in the page's own title, anywhere
            found.update({index: Span(info.line.start, info.line.end, "breadcrumb", 0.9)
                          for index, info in enumerate(infos)
                          if index not in found and info.words
                          and is_title_trail(info, titles, tuple(words_of(title or "")))})
        found.update(self._comment_headers(infos, found, titles))
        if "comment_section" in self.enabled:
            found.update(comment_section_spans(infos, found, self._is_comment_author,
                                               self.config.comment_max_words))
        # A headline that asks or exclaims ends like a sentence; it is still the title.
        prose = [i for i, info in enumerate(infos)
                 if i not in found and self._is_prose(info) and tuple(info.words) not in titles]
        if not prose:  # no article text to stand beside: position says nothing
            return sorted(found.values())
        first_prose, last_prose = prose[0], prose[-1]
        links = {tuple(words_of(t)) for t in link_texts if words_of(t)}
        seen_titles: set[tuple[str, ...]] = set()
        for index, info in enumerate(infos):
            if index in found or not info.words or first_prose <= index <= last_prose:
                continue
            tail = index > last_prose
            span = self._at_edge(info, tail, titles, seen_titles, links)
            if span is not None:
                found[index] = span
        _drop_lone_link_title(found, last_prose, infos, links)
        if "related_list" in self.enabled:
            found.update(related_list_spans(infos, found, self.vocabulary, last_prose + 1,
                                            self.config.related_list_max_words))
            found.update(orphan_list_spans(infos, found, last_prose + 1, self.config.related_list_max_words))
        return sorted(found.values())

    def _comment_headers(self, infos: list[LineInfo], found: dict[int, Span],
                         titles: list[tuple[str, ...]]) -> dict[int, Span]:
        if "comment_header" not in self.enabled:
            return {}
        return {index: Span(info.line.start, info.line.end, "comment_header", 1.0)
                for index, info in enumerate(infos)
                if index not in found and is_comment_header(info, self.vocabulary, titles)}

    # -- line facts

    def _is_comment_author(self, info: LineInfo) -> bool:
        return is_comment_author(info, self.vocabulary, self.config.byline_max_name_words)

    def _is_prose(self, info: LineInfo) -> bool:
        count = len(info.words)
        if count >= self.config.prose_long_words:
            return True
        return count >= self.config.prose_min_words and bool(SENTENCE_END.search(info.stripped))

    def _span(self, info: LineInfo, rule: str, score: float) -> Span | None:
        if rule not in self.enabled:
            return None
        return Span(info.line.start, info.line.end, rule, round(score, 3))

    def _enabled(self, span: Span | None) -> Span | None:
        return span if span is not None and span.rule in self.enabled else None

    def _byline(self, info: LineInfo, edge: bool) -> str | None:
        return byline_rule(info, self.vocabulary, self.config.byline_max_words,
                           self.config.byline_max_name_words, edge)

    # -- rules trusted anywhere

    def _anywhere(self, info: LineInfo) -> Span | None:
        vocabulary, config = self.vocabulary, self.config
        span = widget_span(info, vocabulary.phrase_rules, edge=False) or banner_span(
            info, vocabulary.banner_rules, config.banner_max_words, config.banner_min_cues)
        if span is not None:
            return self._enabled(span)
        rule = self._byline(info, edge=False)
        if rule:
            return self._span(info, rule, 1.0)
        if is_tag_list(info, vocabulary, config.byline_max_words):
            return self._span(info, "tag_list", 1.0)
        if is_breadcrumb(info, vocabulary, edge=False):
            return self._span(info, "breadcrumb", 1.0)
        if is_copyright(info, vocabulary):
            return self._span(info, "copyright_notice", 1.0)
        return None

    # -- rules trusted in the head and tail of a page only

    def _at_edge(
        self,
        info: LineInfo,
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
        span = widget_span(info, self.vocabulary.phrase_rules, edge=True)
        if span is not None:
            return self._enabled(span)
        rule = self._byline(info, edge=True)
        if rule:
            return self._span(info, rule, 0.8)
        if is_breadcrumb(info, self.vocabulary, edge=True):
            return self._span(info, "breadcrumb", 0.8)
        if is_menu_row(info.stripped):
            return self._span(info, "navigation", 0.8)
        if tail:
            score = related_tail_score(info, links, self.config.related_tail_max_words,
                                       self.config.related_tail_min_title_case)
            if score:
                return self._span(info, "related_tail", score)
        return None


def _drop_lone_link_title(found: dict[int, Span], last_prose: int, infos: list[LineInfo],
                          links: set[tuple[str, ...]]) -> None:
    """A single title-case line after the article, with no other furniture in the tail, is
    the article's own closing line (a caption, an author's tagline), not a related-links
    list: a list has several titles, or sits among other furniture. A line that is the text
    of one of the page's links stays found."""
    tail = [index for index in found if index > last_prose]
    if len(tail) == 1 and found[tail[0]].rule == "related_tail" and tuple(infos[tail[0]].words) not in links:
        del found[tail[0]]


class BoilerplateRemover(Stage):
    """Removes page-furniture lines: bylines, counters, widgets, banners, titles, link tails.

    Every removed line is one edit naming its rule."""

    name = "boilerplate"
    version = 1
    Config = BoilerplateConfig
    config: BoilerplateConfig

    def __init__(self, config: BoilerplateConfig | None = None) -> None:
        super().__init__(config)
        vocabulary = Vocabulary(load_vocabulary(self.config.extra_vocabulary))
        self.finder = BoilerplateFinder(self.config, vocabulary)

    def process(self, doc: Document) -> Document:
        spans = self.finder.find(doc.text, doc.title, (link.text for link in doc.links))
        doc.apply(line_removals(doc.text, spans), stage=self.name)
        return doc
