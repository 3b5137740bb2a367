"""Spin detection: span recall and precision, false flags on clean text, document ROC AUC,
throughput, and the cost of building the stage.

The labelled set (benchmarks/spin_data.py) is 64 clean paragraphs written for the benchmark,
grouped two by two into documents. The model was fitted (benchmarks/spin_fit.py) on the
even half spun with the Moby thesaurus, the detector's own; the figures that count are on
the odd half spun with WordNet 3.0 synonyms, which the detector never reads. Each test
document is spun with two seeds at two rates, with and without the case artefact (a capital
on some mid-sentence replacements), and every figure is given with the known-phrase list
off and on.

- span recall: share of substituted words covered by a reported span;
- span precision: share of reported spans that cover at least one substituted word;
- false flags: spans reported on the clean documents, per 1,000 words;
- ROC AUC: document spin score, clean documents against spun ones;
- throughput: one process, all documents, best of three passes.

Run: `python -m benchmarks spin`.
"""

from __future__ import annotations

import time
from dataclasses import replace

import psutil

from benchmarks.spin_data import SpunText, moby_synonyms, spin, split, wordnet_synonyms
from benchmarks.spin_fit import SPIN_RATES, documents
from pipeline.stages.spin import SpinDetector

TEST_SEEDS = (11, 12)
CAPITAL_RATE = 0.15  # as in training: the case artefact real spinners leave
SPEED_ROUNDS = 3
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6)


def roc_auc(negatives: list[float], positives: list[float]) -> float:
    """Probability that a random spun document outscores a random clean one (ties count half)."""
    wins = 0.0
    for positive in positives:
        for negative in negatives:
            wins += 1.0 if positive > negative else 0.5 if positive == negative else 0.0
    return wins / (len(positives) * len(negatives))


def evaluate(detector: SpinDetector, clean: list[str], spun: list[SpunText]) -> dict[str, float]:
    clean_words = clean_spans = 0
    clean_scores = []
    for text in clean:
        result = detector.detect(text)
        clean_words += result.words
        clean_spans += len(result.spans)
        clean_scores.append(result.score)
    covered = substituted = reported = correct = 0
    spun_scores = []
    for item in spun:
        result = detector.detect(item.text)
        spun_scores.append(result.score)
        for start, end in item.spans:
            substituted += 1
            covered += any(s.start < end and start < s.end for s in result.spans)
        for span in result.spans:
            reported += 1
            correct += any(start < span.end and span.start < end for start, end in item.spans)
    reject = detector.config.reject_score
    return {
        "recall": covered / max(1, substituted),
        "precision": correct / max(1, reported),
        "false_flags_per_1000": 1000.0 * clean_spans / max(1, clean_words),
        "auc": roc_auc(clean_scores, spun_scores),
        "clean_mean": sum(clean_scores) / len(clean_scores),
        "clean_max": max(clean_scores),
        "clean_rejected": sum(score >= reject for score in clean_scores) / len(clean_scores),
        "spun_rejected": sum(score >= reject for score in spun_scores) / len(spun_scores),
        "spun_mean": sum(spun_scores) / len(spun_scores),
    }


def spun_set(texts: list[str], synonyms, detector: SpinDetector, capital_rate: float) -> list[SpunText]:
    return [
        spin(text, synonyms, detector.counts, detector.vocabulary.function_words,
             rate=rate, seed=seed * 1000 + number, capital_rate=capital_rate)
        for number, text in enumerate(texts)
        for rate in SPIN_RATES
        for seed in TEST_SEEDS
    ]


def main(argv: list[str]) -> int:
    process = psutil.Process()
    memory_before = process.memory_info().rss
    started = time.perf_counter()
    detector = SpinDetector()
    build_seconds = time.perf_counter() - started
    build_megabytes = (process.memory_info().rss - memory_before) / 1e6
    print(f"stage construction: {build_seconds:.2f} s, +{build_megabytes:.0f} MB resident")

    train, test = split()
    train_documents, test_documents = documents(train), documents(test)
    started = time.perf_counter()
    wordnet = wordnet_synonyms(detector.counts)
    print(f"(WordNet spinner loaded in {time.perf_counter() - started:.1f} s)")
    moby = moby_synonyms(detector.counts)
    sets = {
        "test, WordNet-spun, case artefacts": spun_set(test_documents, wordnet, detector, CAPITAL_RATE),
        "test, WordNet-spun, no case artefacts": spun_set(test_documents, wordnet, detector, 0.0),
        "train, Moby-spun, case artefacts": spun_set(train_documents, moby, detector, CAPITAL_RATE),
    }
    detectors = {
        switch: detector.reconfigured(replace(detector.config, use_known_phrases=switch == "on"))
        for switch in ("off", "on")
    }
    print("\n| set | known phrases | span recall | span precision | clean flags / 1,000 words "
          "| doc ROC AUC | mean score clean / spun | max clean score | share >= reject_score clean / spun |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, spun in sets.items():
        clean = train_documents if name.startswith("train") else test_documents
        for switch, variant in detectors.items():
            figures = evaluate(variant, clean, spun)
            print(f"| {name} | {switch} | {figures['recall']:.2f} | {figures['precision']:.2f} "
                  f"| {figures['false_flags_per_1000']:.1f} | {figures['auc']:.3f} "
                  f"| {figures['clean_mean']:.2f} / {figures['spun_mean']:.2f} | {figures['clean_max']:.2f} "
                  f"| {figures['clean_rejected']:.2f} / {figures['spun_rejected']:.2f} |")

    print("\nword_threshold sweep (test, WordNet-spun, case artefacts, known phrases off; the document "
          "model was fitted at 0.5):")
    print("\n| word_threshold | span recall | span precision | clean flags / 1,000 words | doc ROC AUC |")
    print("|---|---|---|---|---|")
    for threshold in THRESHOLDS:
        settings = replace(detector.config, use_known_phrases=False, word_threshold=threshold)
        variant = detector.reconfigured(settings)
        figures = evaluate(variant, test_documents, sets["test, WordNet-spun, case artefacts"])
        print(f"| {threshold} | {figures['recall']:.2f} | {figures['precision']:.2f} "
              f"| {figures['false_flags_per_1000']:.1f} | {figures['auc']:.3f} |")

    spun_texts = [item.text for item in sets["test, WordNet-spun, case artefacts"]]
    texts = train_documents + test_documents + spun_texts
    words = sum(len(text.split()) for text in texts)
    best = float("inf")
    for _ in range(SPEED_ROUNDS):
        started = time.perf_counter()
        for text in texts:
            detector.detect(text)
        best = min(best, time.perf_counter() - started)
    print(f"\nthroughput (one process, {len(texts)} documents, {words} words, best of {SPEED_ROUNDS}): "
          f"{len(texts) / best:.0f} docs/s, {words / best:.0f} words/s")
    return 0
