"""The boilerplate stage's typed settings, below the rules that read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from pipeline.errors import ConfigError
from pipeline.stages.base import StageConfig
from pipeline.stages.boilerplate_rules.vocabulary import BANNER_RULES, PHRASE_RULES, VOCABULARY_KEYS

RULES = (*PHRASE_RULES, *BANNER_RULES, "byline", "view_counter", "tag_list", "breadcrumb",
         "copyright_notice", "title_repeat", "related_tail", "comment_section", "comment_header",
         "related_list")


@dataclass(frozen=True)
class BoilerplateConfig(StageConfig):
    rule_names: ClassVar[tuple[str, ...]] = RULES

    disabled_rules: list[str] = field(
        default_factory=list,
        metadata={"doc": "Rules not to apply, by name (see README: read_time, comment_widget, "
                         "related_content, share_widget, navigation, cookie_banner, newsletter_banner, "
                         "byline, view_counter, tag_list, breadcrumb, copyright_notice, title_repeat, "
                         "related_tail, comment_section, account_links, comment_header, "
                         "related_list)."},
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
    related_list_max_words: int = field(
        default=25,
        metadata={"doc": "Longest line taken as an article title under a related-list heading "
                         "('Related Stories', 'More from <site>'): headlines with a subtitle run to "
                         "about 25 words, and a title does not end a sentence."},
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
        self.check_rule_switch()
        for name in self.extra_vocabulary:
            table, _, key = name.partition(".")
            if key not in VOCABULARY_KEYS.get(table, ()):
                raise ConfigError(f"extra_vocabulary: unknown entry {name!r} (use 'table.key' as in "
                                  f"the data files, e.g. 'comment_widget.phrases')")
        for key in ("prose_min_words", "prose_long_words", "title_max_words", "related_tail_max_words",
                    "related_list_max_words",
                    "byline_max_words", "banner_min_cues", "banner_max_words", "comment_max_words"):
            if getattr(self, key) < 1:
                raise ConfigError(f"{key}: must be at least 1")
        if self.byline_max_name_words < 0:
            raise ConfigError("byline_max_name_words: must not be negative")
        if not 0.0 <= self.related_tail_min_title_case <= 1.0:
            raise ConfigError("related_tail_min_title_case: must be between 0 and 1")

