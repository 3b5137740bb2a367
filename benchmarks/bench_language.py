"""Language identification: accuracy and speed of the `language` stage's three backends,
fastText (lid.176), langdetect and lingua, side by side on the same texts; and the speed of
the `quality` stage's measures on the same items.

Real data first: the 53 pages of ../shared/data/html whose Readability metadata names a
language (their expected main text, gold = that language), whole and as short texts (every
paragraph of 40-200 characters; a paragraph takes its page's language, so a code snippet or
a French quotation on an English page counts against the detector).
Then our own items:
The paragraphs are built from benchmarks/data/language/sentences.json (16 sentences in each
of 15 languages, written for this benchmark): the first 8 sentences alone are the short
paragraphs, 8 long paragraphs per language join 4 consecutive sentences (wrapping around),
and 8 fragments per language are the opening words of the other 8 sentences (about 25
characters, 10 for Chinese and Japanese), the kind of text a heading or a caption is.
Accuracy counts an item as right when the detected code is the expected one; an `und` answer
counts as not right, and "wrong" counts only confident wrong answers (another language, not
`und`): with target languages set, those are the documents wrongly dropped. Both are given at
the stage's defaults (where fragments are mostly `und` by design, `min_letters`) and for the
detector alone (min_letters and min_score 0).
Speed is measured after a warm-up, the backends' passes interleaved so they see the same
machine load, plus the cost of one very long page against a page the size of the stage's
sample: the bounded sample keeps the two level. Load time and the memory a backend adds to a
worker are measured in a fresh process per backend (resident set before the import and after
the first answer), so one backend's tables never count against another.

Run: `python -m benchmarks language`.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from functools import partial
from pathlib import Path

from pipeline.stages.language import UNDETERMINED, LanguageConfig, identify_language, make_detector
from pipeline.stages.quality import QualityConfig, Vocabulary, failed_rules, measure_quality

DATA = Path(__file__).resolve().parent / "data" / "language" / "sentences.json"
REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "html"
BACKENDS = ("fasttext", "langdetect", "lingua")
REAL_PARAGRAPH_CHARS = (40, 200)
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


def load_real_items() -> list[tuple[str, str, str]]:
    """(gold code, "page" | "paragraph", text) from the real pages that name their language."""
    if not (REAL / "readability_pages.tsv").is_file():
        return []
    items = []
    with open(REAL / "readability_pages.tsv", encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            code = row["lang"].split("-")[0].lower()
            if not code.isalpha() or len(code) not in (2, 3) or code == "lang":
                continue  # no language named (or a placeholder) in the page's metadata
            text = (REAL / "readability" / row["name"] / "expected.txt").read_text(encoding="utf-8")
            items.append((code, "page", text))
            low, high = REAL_PARAGRAPH_CHARS
            paragraphs = [block.strip() for block in text.split("\n\n") if low <= len(block.strip()) <= high]
            items += [(code, "paragraph", block) for block in paragraphs]
    return items


def _fragment(code: str, sentence: str) -> str:
    if code in ("zh", "ja"):
        return sentence[:FRAGMENT_CHARS_DENSE]
    cut = sentence.rfind(" ", 0, FRAGMENT_CHARS)
    return sentence[:cut if cut > 0 else FRAGMENT_CHARS]


def accuracy(detector, items: list[tuple[str, str, str]], config: LanguageConfig) -> dict:
    """Share right per kind and in all, and the mistakes (expected->found), at `config`."""
    right, total, mistakes = Counter(), Counter(), Counter()
    wrong = 0
    for code, kind, text in items:
        found, _ = identify_language(text, detector, config)
        total[kind] += 1
        right[kind] += found == code
        if found != code:
            mistakes[f"{code}->{found}"] += 1
            wrong += found != UNDETERMINED
    shares = {kind: right[kind] / total[kind] for kind in sorted(total)}
    everything = sum(right.values()) / max(len(items), 1)
    return shares | {"all": everything, "wrong": wrong / max(len(items), 1),
                     "mistakes": dict(mistakes.most_common())}


def evaluate(backend: str, sets: dict[str, list[tuple[str, str, str]]]) -> dict:
    """Accuracy of one backend on every set, at the stage's defaults and for the detector
    alone (min_letters and min_score 0: its own best guess)."""
    config = LanguageConfig(backend=backend)
    top1 = replace(config, min_score=0.0, min_letters=0)
    detector = make_detector(backend, config.seed)
    result = {"backend": backend, "detector": detector, "config": config}
    for name, items in sets.items():
        result[name] = {"stage defaults": accuracy(detector, items, config),
                        "detector alone": accuracy(detector, items, top1)}
    return result


_LOAD_PROBE = """
import json, sys, time
import psutil
from pipeline.stages.language import LanguageConfig, identify_language, make_detector
process = psutil.Process()
before = process.memory_info().rss
started = time.perf_counter()
config = LanguageConfig(backend=sys.argv[1])
detector = make_detector(sys.argv[1], config.seed)
identify_language("warm up the detector with a first sentence of text", detector, config)
print(json.dumps({"load_seconds": time.perf_counter() - started,
                  "memory_mb": (process.memory_info().rss - before) / 1e6}))
"""


def load_cost(backend: str) -> dict:
    """Seconds to import, build and first call a backend, and the resident memory it adds,
    in a fresh process."""
    completed = subprocess.run([sys.executable, "-c", _LOAD_PROBE, backend], capture_output=True,
                               text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


Item = tuple[str, str, str]


def time_backends(results: list[dict], items: list[Item], real: list[Item]) -> None:
    """Speed of each backend, rounds interleaved so all see the same machine load; the best
    round counts."""
    long_page = " ".join(text for _code, kind, text in items if kind == "long") * 10  # ~360 KB
    config = results[0]["config"]
    sample_sized_page = long_page[: config.sample_windows * config.window_chars]
    short_page = items[SHORT_PER_LANGUAGE][2]
    pages = [text for _code, kind, text in real if kind == "page"]
    for result in results:
        result |= {"seconds": float("inf"), "page_seconds": float("inf"), "long_page_chars": len(long_page),
                   "sample_chars": len(sample_sized_page)}
    for _ in range(SPEED_ROUNDS):
        for result in results:
            detector, config = result["detector"], result["config"]
            started = time.perf_counter()
            for _code, _kind, text in items:
                identify_language(text, detector, config)
            middle = time.perf_counter()
            for text in pages:
                identify_language(text, detector, config)
            finished = time.perf_counter()
            result["seconds"] = min(result["seconds"], middle - started)
            result["page_seconds"] = min(result["page_seconds"], finished - middle)
    for result in results:
        detector, config = result["detector"], result["config"]
        result["paragraphs_per_second"] = len(items) / result["seconds"]
        result["real_page_ms"] = 1000 * result["page_seconds"] / max(len(pages), 1)
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


def print_accuracy(results: list[dict], name: str, kinds: list[str]) -> None:
    print(f"| backend | settings | {' | '.join(kinds)} | all | wrong |")
    print("|---|---|" + "---|" * (len(kinds) + 2))
    for result in results:
        for label, shares in result[name].items():
            cells = " | ".join(f"{shares[kind]:.1%}" for kind in [*kinds, "all", "wrong"])
            print(f"| {result['backend']} | {label} | {cells} |")
    for result in results:
        mistakes = result[name]["detector alone"]["mistakes"] or "none"
        print(f"{result['backend']} mistakes (detector alone, expected->found): {mistakes}")
    print()


def main(argv: list[str]) -> int:
    items, real = load_paragraphs(), load_real_items()
    languages = sorted({code for code, _kind, _text in items})
    kinds = Counter(kind for _code, kind, _text in items)
    real_kinds = Counter(kind for _code, kind, _text in real)
    page_languages = dict(Counter(code for code, kind, _text in real if kind == "page"))
    print(f"real: {real_kinds['page']} pages and {real_kinds['paragraph']} short paragraphs, pages by "
          f"language {page_languages}")
    print(f"ours: {len(items)} items in {len(languages)} languages ({', '.join(languages)}): "
          + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))
    print()
    results = [evaluate(backend, {"real": real, "ours": items}) for backend in BACKENDS]
    if real:
        print("Real pages (../shared/data/html):")
        print_accuracy(results, "real", ["page", "paragraph"])
    print("Our 360 items:")
    print_accuracy(results, "ours", ["long", "short", "fragment"])
    time_backends(results, items, real)
    for result in results:
        result |= load_cost(result["backend"])
    sample_chars, long_chars = results[0]["sample_chars"], results[0]["long_page_chars"]
    print(f"| backend | items/s | real page ms | one short paragraph ms | one {sample_chars:,}-char page ms "
          f"| one {long_chars:,}-char page ms | load + first call s | memory per worker MB |")
    print("|---|---|---|---|---|---|---|---|")
    for result in results:
        print(f"| {result['backend']} | {result['paragraphs_per_second']:.0f} | "
              f"{result['real_page_ms']:.2f} | {result['short_page_ms']:.2f} | "
              f"{result['sample_sized_page_ms']:.2f} | "
              f"{result['long_page_ms']:.2f} | {result['load_seconds']:.2f} | {result['memory_mb']:.0f} |")
    fastest = max(results, key=lambda result: result["paragraphs_per_second"])
    for result in results:
        if result is not fastest:
            print(f"{fastest['backend']} / {result['backend']}: speed "
                  f"{fastest['paragraphs_per_second'] / result['paragraphs_per_second']:.1f}x")
    quality = quality_speed(items)
    print(f"quality stage: {quality['items_per_second']:.0f} items/s; one {quality['page_words']:,}-word "
          f"page {quality['page_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
