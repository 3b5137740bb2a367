"""Language identification: accuracy and speed of the `language` stage's two backends,
langdetect and lingua, side by side on the same paragraphs; and the speed of the `quality`
stage's measures on the same items.

The paragraphs are built from benchmarks/data/language/sentences.json (16 sentences in each
of 15 languages, written for this benchmark): the first 8 sentences alone are the short
paragraphs, 8 long paragraphs per language join 4 consecutive sentences (wrapping around),
and 8 fragments per language are the opening words of the other 8 sentences (about 25
characters, 10 for Chinese and Japanese), the kind of text a heading or a caption is.
Accuracy counts an item as right when the detected code is the expected one; an `und` answer
counts as wrong. It is given at the stage's defaults (where fragments are mostly `und` by
design, `min_letters`) and for the detector alone (min_letters and min_score 0).
Speed is measured after a warm-up (lingua loads its models on first use; that load, and the
memory the detector adds to the process, are reported separately), plus the cost of one very
long page against a page the size of the stage's sample: the bounded sample keeps the two level.

Run: `python -m benchmarks language`.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import replace
from functools import partial
from pathlib import Path

import psutil

from pipeline.stages.language import LanguageConfig, identify_language, make_detector
from pipeline.stages.quality import QualityConfig, Vocabulary, failed_rules, measure_quality

DATA = Path(__file__).resolve().parent / "data" / "language" / "sentences.json"
SHORT_PER_LANGUAGE = 8
LONG_PER_LANGUAGE = 8
SENTENCES_PER_LONG = 4
FRAGMENT_CHARS = 25  # about four words: below the stage's min_letters, where detectors guess
FRAGMENT_CHARS_DENSE = 10  # ten Han/kana characters: a short heading
SPEED_ROUNDS = 5  # the speed figure is the best of five passes, to damp the noise of other load


def load_paragraphs() -> list[tuple[str, str, str]]:
    """(expected code, "short" | "long" | "fragment", text), in a fixed order."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    items = []
    for code in sorted(key for key in data if not key.startswith("_")):
        sentences = data[code]
        for sentence in sentences[:SHORT_PER_LANGUAGE]:
            items.append((code, "short", sentence))
        for index in range(LONG_PER_LANGUAGE):
            chosen = [sentences[(2 * index + k) % len(sentences)] for k in range(SENTENCES_PER_LONG)]
            items.append((code, "long", " ".join(chosen)))
        for sentence in sentences[SHORT_PER_LANGUAGE:]:
            items.append((code, "fragment", _fragment(code, sentence)))
    return items


def _fragment(code: str, sentence: str) -> str:
    if code in ("zh", "ja"):
        return sentence[:FRAGMENT_CHARS_DENSE]
    cut = sentence.rfind(" ", 0, FRAGMENT_CHARS)
    return sentence[:cut if cut > 0 else FRAGMENT_CHARS]


def evaluate(backend: str, items: list[tuple[str, str, str]]) -> dict:
    """Load one backend and measure its accuracy; speed is timed later, interleaved."""
    config = LanguageConfig(backend=backend)
    top1 = replace(config, min_score=0.0, min_letters=0)  # the detector's own best guess
    process = psutil.Process()
    memory_before = process.memory_info().rss
    started = time.perf_counter()
    detector = make_detector(backend, config.seed)
    identify_language("warm up the detector with a first sentence of text", detector, config)
    load_seconds = time.perf_counter() - started
    right = Counter()
    right_top1 = Counter()
    total = Counter()
    mistakes = Counter()
    for code, kind, text in items:
        found, _ = identify_language(text, detector, config)
        guess, _ = identify_language(text, detector, top1)
        total[kind] += 1
        right[kind] += found == code
        right_top1[kind] += guess == code
        if guess != code:
            mistakes[f"{code}->{guess}"] += 1
    return {
        "backend": backend,
        "detector": detector,
        "config": config,
        "memory_mb": (process.memory_info().rss - memory_before) / 1e6,
        "load_seconds": load_seconds,
        "accuracy": {kind: right[kind] / total[kind] for kind in sorted(total)}
        | {"all": sum(right.values()) / len(items)},
        "accuracy_top1": {kind: right_top1[kind] / total[kind] for kind in sorted(total)}
        | {"all": sum(right_top1.values()) / len(items)},
        "mistakes": dict(mistakes.most_common()),
    }


def time_backends(results: list[dict], items: list[tuple[str, str, str]]) -> None:
    """Speed of each backend, rounds interleaved so both see the same machine load; the best
    round counts."""
    long_page = " ".join(text for _code, kind, text in items if kind == "long") * 10  # ~360 KB
    config = results[0]["config"]
    sample_sized_page = long_page[: config.sample_windows * config.window_chars]
    short_page = items[SHORT_PER_LANGUAGE][2]
    for result in results:
        result |= {"seconds": float("inf"), "long_page_chars": len(long_page),
                   "sample_chars": len(sample_sized_page)}
    for _ in range(SPEED_ROUNDS):
        for result in results:
            detector, config = result["detector"], result["config"]
            started = time.perf_counter()
            for _code, _kind, text in items:
                identify_language(text, detector, config)
            result["seconds"] = min(result["seconds"], time.perf_counter() - started)
    for result in results:
        detector, config = result["detector"], result["config"]
        result["paragraphs_per_second"] = len(items) / result["seconds"]
        for key, page in (("long_page_ms", long_page), ("short_page_ms", short_page),
                          ("sample_sized_page_ms", sample_sized_page)):
            result[key] = _milliseconds(partial(identify_language, page, detector, config))


def _milliseconds(call, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def quality_speed(items: list[tuple[str, str, str]]) -> dict:
    """The quality stage's measures and rules: items per second and one 100,000-word page
    (its cost grows with the text: every rule reads every word)."""
    vocabulary, config = Vocabulary.load(), QualityConfig()
    best = float("inf")
    for _ in range(SPEED_ROUNDS):
        started = time.perf_counter()
        for code, _kind, text in items:
            failed_rules(measure_quality(text, code, vocabulary), config)
        best = min(best, time.perf_counter() - started)
    english = [text for code, kind, text in items if code == "en" and kind == "long"]
    page = "\n\n".join(english * (100_000 // sum(len(text.split()) for text in english) + 1))
    return {
        "items_per_second": len(items) / best,
        "page_words": len(page.split()),
        "page_ms": _milliseconds(lambda: failed_rules(measure_quality(page, "en", vocabulary), config), 3),
    }


def main(argv: list[str]) -> int:
    items = load_paragraphs()
    languages = sorted({code for code, _kind, _text in items})
    kinds = Counter(kind for _code, kind, _text in items)
    print(f"{len(items)} items in {len(languages)} languages ({', '.join(languages)}): "
          + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))
    results = [evaluate(backend, items) for backend in ("langdetect", "lingua")]
    time_backends(results, items)
    print("| backend | settings | long | short | fragment | all |")
    print("|---|---|---|---|---|---|")
    for result in results:
        for label, key in (("stage defaults", "accuracy"), ("detector alone", "accuracy_top1")):
            accuracy = result[key]
            print(f"| {result['backend']} | {label} | {accuracy['long']:.1%} | {accuracy['short']:.1%} | "
                  f"{accuracy['fragment']:.1%} | {accuracy['all']:.1%} |")
    print()
    sample_chars, long_chars = results[0]["sample_chars"], results[0]["long_page_chars"]
    print(f"| backend | items/s | load + first call s | memory MB | one short paragraph ms "
          f"| one {sample_chars:,}-char page ms | one {long_chars:,}-char page ms |")
    print("|---|---|---|---|---|---|---|")
    for result in results:
        print(f"| {result['backend']} | {result['paragraphs_per_second']:.0f} | "
              f"{result['load_seconds']:.2f} | {result['memory_mb']:.0f} | {result['short_page_ms']:.2f} | "
              f"{result['sample_sized_page_ms']:.2f} | {result['long_page_ms']:.2f} |")
    langdetect, lingua = results
    speed = lingua["paragraphs_per_second"] / langdetect["paragraphs_per_second"]
    print(f"lingua / langdetect: speed {speed:.2f}x; accuracy (detector alone) "
          f"{lingua['accuracy_top1']['all']:.1%} vs {langdetect['accuracy_top1']['all']:.1%}")
    for result in results:
        mistakes = result["mistakes"] or "none"
        print(f"{result['backend']} mistakes (detector alone, expected->found): {mistakes}")
    quality = quality_speed(items)
    print(f"quality stage: {quality['items_per_second']:.0f} items/s; one {quality['page_words']:,}-word "
          f"page {quality['page_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
