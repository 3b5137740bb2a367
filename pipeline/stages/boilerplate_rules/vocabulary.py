"""The boilerplate vocabularies: one TOML file per language in `pipeline/data/boilerplate/`,
merged, extendable from the configuration, compiled once per stage."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from pipeline.stages.boilerplate_rules.words import PhraseSet, words_of

# Tables and keys a vocabulary file may have; the loader rejects anything else.
PHRASE_RULES = ("read_time", "comment_widget", "related_content", "share_widget", "navigation",
                "account_links")
BANNER_RULES = ("cookie_banner", "newsletter_banner")
VOCABULARY_KEYS: dict[str, tuple[str, ...]] = {
    **{rule: ("phrases", "edge_phrases", "filler") for rule in PHRASE_RULES},
    "related_content": ("phrases", "edge_phrases", "filler", "heading_leads"),
    **{rule: ("anchors", "voice", "cues") for rule in BANNER_RULES},
    "byline": ("labels", "filler", "relative", "months"),
    "view_counter": ("words",),
    "comment_counter": ("words", "author_verbs", "header_words", "header_links"),
    "tag_list": ("labels",),
    "breadcrumb": ("home", "labels"),
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
class PhraseRule:
    rule: str
    phrases: PhraseSet
    edge_phrases: PhraseSet
    filler: frozenset[str]


@dataclass(frozen=True)
class BannerRule:
    rule: str
    anchors: PhraseSet
    voice: PhraseSet
    cues: PhraseSet


class Vocabulary:
    """The compiled vocabulary: phrase sets built once per stage, shared by every line."""

    def __init__(self, tables: dict[str, dict[str, list[str]]]) -> None:
        self.phrase_rules = [
            PhraseRule(rule, PhraseSet(tables[rule]["phrases"]), PhraseSet(tables[rule]["edge_phrases"]),
                       frozenset(w for p in tables[rule]["filler"] for w in words_of(p)))
            for rule in PHRASE_RULES
        ]
        self.banner_rules = [
            BannerRule(rule, PhraseSet(tables[rule]["anchors"]), PhraseSet(tables[rule]["voice"]),
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
        self.breadcrumb_labels = PhraseSet(tables["breadcrumb"]["labels"])
        self.related_leads = PhraseSet(tables["related_content"]["heading_leads"])
        self.header_words = frozenset(w for p in tables["comment_counter"]["words"]
                                      + tables["comment_counter"]["header_words"] for w in words_of(p))
        links = tables["comment_counter"]["header_links"]
        self.header_links = frozenset(w for p in links for w in words_of(p))
        self.copyright = PhraseSet(tables["copyright_notice"]["phrases"])
