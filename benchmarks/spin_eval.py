"""Held-out figures of the spin detector: cross-validation by correct phrase.

For each fold the word and document models are fitted on the other folds (benchmarks/
spin_fit.py, out-of-fold features), the spinner swaps are learnt from the other folds only,
the known-phrase list loses every entry whose correct phrase is in the fold, and the detector
then runs on the fold's placements and pages:

- span recall: share of placed tortured phrases that a reported span overlaps;
- false positives: share of placed plain phrases that a reported span overlaps;
- context flags: spans elsewhere in the plain sentences (real text), per 1,000 words;
- likely correct: among found phrases, the share where putting each overlapping span's
  `likely` in its place gives back the plain sentence (case-insensitive);
- document ROC AUC: pages with 5-8 tortured phrases against their plain twins, over all folds
  and for each fold alone.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import numpy as np

from benchmarks.spin_data import FOLDS, Pair, Placed, Twin
from benchmarks.spin_fit import (
    DOCUMENT_L2,
    fit_logistic,
    fit_word_model,
    fold_swaps,
    placement_rows,
    resources_for,
    twin_features,
)
from pipeline.spin.detector import detect_spin
from pipeline.spin.lookup import Logistic, SpinModel


@dataclass
class Figures:
    found: int = 0
    phrases: int = 0
    false_positives: int = 0
    likely_correct: int = 0
    context_spans: int = 0
    context_words: int = 0
    spun_scores: list = dataclasses.field(default_factory=list)
    plain_scores: list = dataclasses.field(default_factory=list)
    fold_aucs: list = dataclasses.field(default_factory=list)  # document AUC of each fold alone

    def row(self) -> dict[str, float]:
        return {
            "recall": self.found / max(1, self.phrases),
            "false_positive_rate": self.false_positives / max(1, self.phrases),
            "likely_correct": self.likely_correct / max(1, self.found),
            "context_flags_per_1000": 1000 * self.context_spans / max(1, self.context_words),
            "auc": roc_auc(self.plain_scores, self.spun_scores),
            "documents": len(self.spun_scores),
            "auc_folds": tuple(self.fold_aucs),
        }


def roc_auc(negatives: list[float], positives: list[float]) -> float:
    """Probability that a random spun document outscores a random plain one (ties count half)."""
    if not negatives or not positives:
        return float("nan")
    negative = np.array(negatives)
    wins = sum(float((p > negative).sum()) + 0.5 * float((p == negative).sum()) for p in positives)
    return wins / (len(positives) * len(negatives))


def _overlapping(spans, span: tuple[int, int]):
    return [s for s in spans if s.start < span[1] and span[0] < s.end]


def _normal(text: str) -> str:
    """Lowercase, parenthesised abbreviations dropped ("graphics processing unit (gpu)"),
    spaces collapsed: an abbreviation the text never had cannot be named."""
    return " ".join(re.sub(r"\s*\([^)]*\)", "", text.lower()).split())


def _rebuilt(text: str, spans) -> str:
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = text[: span.start] + (span.likely if span.likely is not None else span.text) + text[span.end :]
    return _normal(text)


def score_placements(detect, placed: list[Placed], figures: Figures) -> None:
    for item in placed:
        figures.phrases += 1
        spun = detect(item.spun)
        hits = _overlapping(spun.spans, item.spun_span)
        if hits:
            figures.found += 1
            figures.likely_correct += _rebuilt(item.spun, hits) == _normal(item.plain)
        plain = detect(item.plain)
        inside = _overlapping(plain.spans, item.plain_span)
        figures.false_positives += bool(inside)
        figures.context_spans += len(plain.spans) - len(inside)
        figures.context_words += len(item.plain.split()) - len(item.pair.correct.split())


def score_twins(detect, items: list[Twin], figures: Figures) -> None:
    for twin in items:
        figures.spun_scores.append(detect(twin.spun).score)
        figures.plain_scores.append(detect(twin.plain).score)


def _without_fold(resources, pairs: list[Pair], fold: int):
    held_out = {p.correct for p in pairs if p.fold == fold}
    vocabulary = resources.vocabulary
    known = {k: v for k, v in vocabulary.known_phrases.items() if v.lower() not in held_out}
    resources.vocabulary = dataclasses.replace(vocabulary, known_phrases=known)
    return resources


def cross_validate(
    pairs: list[Pair],
    placed: list[Placed],
    pages_twins: list[Twin],
    settings: list[tuple[str, bool, bool, float]],
) -> dict[str, Figures]:
    """settings: (name, use_swaps, use_known_phrases, threshold offset). Returns held-out
    figures per setting. Models are fitted once per fold and swap setting."""
    tables = fold_swaps(pairs)
    rows = {use: placement_rows(placed, tables, use) for use in {s[1] for s in settings}}
    results = {name: Figures() for name, _, _, _ in settings}
    fold_of_row = {use: np.array([placed[i].pair.fold for i in r.placement]) for use, r in rows.items()}
    for fold in range(FOLDS):
        train_twins = [t for t in pages_twins if all(p.fold != fold for p in t.pairs)]
        test_twins = [t for t in pages_twins if all(p.fold == fold for p in t.pairs)]
        test_placed = [p for p in placed if p.pair.fold == fold]
        fitted = {}
        for use_swaps in rows:
            parts = fit_word_model(rows[use_swaps].subset(fold_of_row[use_swaps] != fold), use_swaps)
            document = Logistic((1.0, 1.0), -3.0)  # a fixed stand-in when no page twins are given
            if train_twins:
                x, y = twin_features(train_twins, resources_for(tables[fold]), parts, use_swaps)
                document = fit_logistic(x, y, DOCUMENT_L2)
            model = SpinModel(*((parts.word, parts.context, document) * 2))
            fitted[use_swaps] = (
                _without_fold(resources_for(tables[fold], model), pairs, fold),
                parts.threshold,
            )
        for name, use_swaps, use_known, offset in settings:
            resources, threshold = fitted[use_swaps]

            def detect(
                text,
                resources=resources,
                threshold=threshold + offset,
                use_swaps=use_swaps,
                use_known=use_known,
            ):
                return detect_spin(
                    text,
                    resources,
                    word_threshold=threshold,
                    use_swaps=use_swaps,
                    use_known_phrases=use_known,
                )

            figures = results[name]
            score_placements(detect, test_placed, figures)
            before = len(figures.spun_scores)
            score_twins(detect, test_twins, figures)
            if test_twins:
                figures.fold_aucs.append(roc_auc(figures.plain_scores[before:], figures.spun_scores[before:]))
    return results
