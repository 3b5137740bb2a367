"""Widget lines by vocabulary coverage ("Leave a Reply", "3 min read", "Share this:
Facebook"), and cookie and newsletter banners (an anchor, the site's voice, actions).

A widget line is made *only* of one rule's phrases, its filler words and numbers, so a
sentence of article prose that merely contains "comments" or "share" is never covered."""

from __future__ import annotations

from pipeline.stages.boilerplate_rules.lines import Span
from pipeline.stages.boilerplate_rules.vocabulary import BannerRule, PhraseRule
from pipeline.stages.boilerplate_rules.words import LineInfo, covered, is_number, merge_hits


def phrase_coverage(words: list[str], rule: PhraseRule, edge: bool) -> float:
    """Score > 0 if the line is made only of the rule's phrases, filler words and numbers."""
    edge = edge and bool(rule.edge_phrases)
    for word in words:  # a word that no phrase or filler holds: not covered, whatever is found
        if not (word in rule.phrases.words or word in rule.filler
                or (edge and word in rule.edge_phrases.words) or is_number(word)):
            return 0.0
    hits = rule.phrases.find(words)
    if edge:
        hits = merge_hits(hits, rule.edge_phrases.find(words))
    if not hits:
        return 0.0
    mask = covered(hits, len(words))
    phrase_words = sum(mask)
    for index, word in enumerate(words):
        if not mask[index] and (word in rule.filler or is_number(word)):
            mask[index] = True
    if not all(mask):
        return 0.0
    return phrase_words / len(words) * 0.5 + 0.5


def widget_span(info: LineInfo, rules: list[PhraseRule], edge: bool) -> Span | None:
    """The first widget rule whose phrases cover the line (edge phrases only when `edge`)."""
    for rule in rules:
        score = phrase_coverage(info.words, rule, edge=edge)
        if score:
            return Span(info.line.start, info.line.end, rule.rule, round(score, 3))
    return None


def is_banner(words: list[str], banner: BannerRule, max_words: int, min_cues: int) -> bool:
    """An anchor, the site's voice and `min_cues` distinct banner phrases in a line of at most
    `max_words`; or a short button made only of banner phrases ("Accept all cookies")."""
    if not words or len(words) > max_words:
        return False
    anchors = banner.anchors.find(words)
    if not anchors:
        return False
    voice = banner.voice.find(words)
    cues = banner.cues.find(words)
    distinct = {tuple(words[a:b]) for a, b in anchors + voice + cues}
    if voice and len(distinct) >= min_cues:
        return True
    mask = covered(anchors + voice + cues, len(words))
    return all(mask) and len(distinct) >= 2


def banner_span(info: LineInfo, banners: list[BannerRule], max_words: int, min_cues: int) -> Span | None:
    for banner in banners:
        if is_banner(info.words, banner, max_words, min_cues):
            return Span(info.line.start, info.line.end, banner.rule, 1.0)
    return None
