"""Spam inside the body text: sales anchors, link farms, injected keywords, bare URLs.

Spam farms inject sales anchors and link lists into otherwise normal articles, and paste
the page title into running text. This stage finds them with the pure detectors of
`pipeline.stages.spam_rules`, removes them as recorded edits, scores the document by
the share of its characters that were spam, and drops pages that are mostly spam.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

from pipeline.document import Document, Drop, Reason, Replacement
from pipeline.errors import ConfigError
from pipeline.stages.base import Stage, StageConfig
from pipeline.stages.spam_rules.anchors import commercial_anchor_spans
from pipeline.stages.spam_rules.glued import glued_word_spans
from pipeline.stages.spam_rules.html_links import link_dense_spans, spam_anchor_spans
from pipeline.stages.spam_rules.keywords import keyword_injection_spans
from pipeline.stages.spam_rules.links import UrlJudge, inline_url_spans, link_farm_block_spans
from pipeline.stages.spam_rules.spans import SpamSpan
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary

# When two findings overlap, the one of the earlier rule here wins: whole blocks first,
# then phrases, then the small repairs.
RULE_PRIORITY = (
    "link_farm_block",
    "link_dense_block",
    "spam_anchor_link",
    "commercial_anchor_line",
    "commercial_anchor_appended",
    "commercial_anchor_inserted",
    "keyword_injection",
    "link_farm_url",
    "bare_url",
    "title_phrase_in_text",
    "glued_words",
)


@dataclass(frozen=True)
class SpamConfig(StageConfig):
    drop_threshold: float = field(
        default=0.5,
        metadata={"doc": "Drop the page (reason spam) when at least this share of its characters "
                         "was removed as spam: past half, the page exists for its spam."},
    )
    bare_urls: Literal["remove", "keep", "host"] = field(
        default="host",
        metadata={"doc": "URLs inside running text: remove them, keep them, or replace each with "
                         "its host name (keeps the sentence readable and the source named). Farm "
                         "links are always removed; link lists and reference entries are left alone."},
    )
    url_spam_score: float = field(
        default=1.0,
        metadata={"doc": "A URL whose host-feature weights (pipeline/data/spam/link_hosts.toml) "
                         "add up to this is a farm link: one strong feature (bucket, CDN, "
                         "shortener) or two weak ones."},
    )
    farm_share: float = field(
        default=0.5,
        metadata={"doc": "A run of link lines goes when at least this share of its URLs are farm "
                         "links: a farm often mixes in one harmless link."},
    )
    min_farm_urls: int = field(
        default=2,
        metadata={"doc": "URLs a link run needs to be judged as a block without a heading such as "
                         "'Citations:' (under one, a single URL is enough)."},
    )
    anchor_max_words: int = field(
        default=8,
        metadata={"doc": "Longest sales anchor, in words: anchors are keyword phrases, longer runs "
                         "of product and cue words are prose."},
    )
    title_max_words: int = field(
        default=10,
        metadata={"doc": "Longest title or heading looked for as an injected phrase, in words."},
    )
    split_glued_words: bool = field(
        default=True,
        metadata={"doc": "Insert the space lost where a link was cut out ('drugit' -> 'drug it'), "
                         "only in prose, when the glued form is no word in en/de/fr/es, the tail is a "
                         "clause-opening word (it, and, which, ...) and the head a known word or acronym."},
    )
    link_density: float = field(
        default=0.7,
        metadata={"doc": "HTML pages: a line whose non-space characters are at least this share "
                         "anchor text is link-dense; runs of 3 such lines (or one line with 3 "
                         "anchors) go. 0.7 leaves room for separators and bullets."},
    )
    extra_products: list[str] = field(
        default_factory=list,
        metadata={"doc": "Product terms added to pipeline/data/spam/products.txt."},
    )
    extra_commerce_cues: list[str] = field(
        default_factory=list,
        metadata={"doc": "Buying cues added to pipeline/data/spam/commerce_cues.txt."},
    )
    extra_places: list[str] = field(
        default_factory=list,
        metadata={"doc": "Place names added to pipeline/data/spam/places.txt."},
    )
    extra_link_headings: list[str] = field(
        default_factory=list,
        metadata={"doc": "Link-list headings added to pipeline/data/spam/link_headings.txt."},
    )

    def validate(self) -> None:
        for key in ("drop_threshold", "farm_share", "link_density"):
            value = getattr(self, key)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{key}: must be in (0, 1], not {value}")
        if self.url_spam_score <= 0:
            raise ConfigError(f"url_spam_score: must be positive, not {self.url_spam_score}")
        for key in ("min_farm_urls", "anchor_max_words", "title_max_words"):
            if getattr(self, key) < 1:
                raise ConfigError(f"{key}: must be at least 1, not {getattr(self, key)}")
        for key in ("extra_products", "extra_commerce_cues", "extra_places", "extra_link_headings"):
            if any(not term.strip() for term in getattr(self, key)):
                raise ConfigError(f"{key}: empty term")


class SpamStripper(Stage):
    """Removes sales anchors, link farms and injected title phrases; scores and drops spam pages."""

    name = "spam"
    version = 1
    Config = SpamConfig
    config: SpamConfig

    def __init__(self, config: SpamConfig | None = None) -> None:
        super().__init__(config)
        self.vocabulary = SpamVocabulary.load(
            extra_products=self.config.extra_products,
            extra_commerce_cues=self.config.extra_commerce_cues,
            extra_places=self.config.extra_places,
            extra_link_headings=self.config.extra_link_headings,
        )
        self.judge = UrlJudge(self.vocabulary.host_features, self.config.url_spam_score)

    def find_spans(self, text: str, title: str | None = None, links: tuple = ()) -> list[SpamSpan]:
        """Every finding of every rule on `text`, before overlaps are resolved."""
        config = self.config
        spans = [
            *link_farm_block_spans(
                text, self.vocabulary, self.judge, config.min_farm_urls, config.farm_share
            ),
            *commercial_anchor_spans(text, self.vocabulary, config.anchor_max_words),
            *keyword_injection_spans(text, title, self.vocabulary, config.title_max_words),
            *inline_url_spans(text, self.judge, config.bare_urls),
        ]
        if links:
            spans += spam_anchor_spans(text, links, self.vocabulary, self.judge, config.anchor_max_words)
            spans += link_dense_spans(text, links, config.link_density)
        if config.split_glued_words:
            spans += glued_word_spans(text)
        return spans

    def process(self, doc: Document) -> Document | Drop:
        original_length = len(doc.text)
        chosen = resolve_overlaps(self.find_spans(doc.text, doc.title, tuple(doc.links)))
        edits = [span for span in chosen if not span.flag_only]
        flags = [span for span in chosen if span.flag_only]
        flag_records = [
            {"rule": span.rule, "text": doc.text[span.start : span.end], "start": _shifted(span.start, edits),
             "end": _shifted(span.end, edits)}
            for span in flags
        ]
        spam_chars = sum(span.end - span.start for span in edits if span.spam)
        replacements = [Replacement(span.start, span.end, span.rule, span.inserted) for span in edits]
        doc.apply(replacements, stage=self.name)
        rules: dict[str, int] = {}
        for span in chosen:
            rules[span.rule] = rules.get(span.rule, 0) + 1
        score = spam_chars / original_length if original_length else 0.0
        doc.spam = {
            "score": round(score, 4),
            "removed_chars": spam_chars,
            "rules": dict(sorted(rules.items())),
            "flags": flag_records,
        }
        if score >= self.config.drop_threshold:
            return Drop(Reason.SPAM, {
                "message": f"{score:.0%} of the text was spam (threshold {self.config.drop_threshold:.0%})",
                "score": round(score, 4),
                "rules": dict(sorted(rules.items())),
            })
        return doc


def resolve_overlaps(spans: list[SpamSpan]) -> list[SpamSpan]:
    """Keep a non-overlapping set: by rule priority, then the longer span, then position."""
    rank = {rule: number for number, rule in enumerate(RULE_PRIORITY)}
    ordered = sorted(spans, key=lambda s: (rank.get(s.rule, len(rank)), -(s.end - s.start), s.start, s.end))
    kept: list[SpamSpan] = []  # sorted by position and non-overlapping: only neighbours can clash
    keys: list[tuple[int, int]] = []
    for span in ordered:
        index = bisect.bisect_left(keys, (span.start, span.end))
        neighbours = kept[max(0, index - 2) : index + 2]
        if not any(_overlaps(span, other) for other in neighbours):
            kept.insert(index, span)
            keys.insert(index, (span.start, span.end))
    return kept


def _overlaps(a: SpamSpan, b: SpamSpan) -> bool:
    if a.start == a.end or b.start == b.end:  # an insertion point clashes with a span around it
        point, other = (a, b) if a.start == a.end else (b, a)
        if other.start == other.end:
            return point.start == other.start
        return other.start <= point.start <= other.end
    return a.start < b.end and b.start < a.end


def _shifted(position: int, edits: list[SpamSpan]) -> int:
    """Where `position` lands in the text after the edits (offsets into the edited text)."""
    shift = 0
    for span in edits:
        if span.end <= position:
            shift += len(span.inserted) - (span.end - span.start)
    return position + shift
