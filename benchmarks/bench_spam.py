"""Spam stage: precision and recall of the removed text on the spam cases, false positives on
the clean prose cases, and throughput; side by side with a naive keyword baseline.

Data: every case in tests/cases/spam/*.json (original, expected, kind spam|clean; the
"heldout" ones were written after the rules were settled and first run once, untuned), run with
`drop_threshold=1.0` so that short cases are edited rather than dropped (the drop is a
separate decision). The gold removal is the characters of `original` that are not in
`expected` (difflib opcodes); the predicted removal is the same diff taken against the
stage's output, so both are measured the same way.

- character level: precision = correctly removed characters / removed characters,
  recall = correctly removed characters / characters that should go;
- span level: a gold span counts as found when at least half its characters were removed,
  a removed span counts as correct when at least half of it should go;
- false positives: characters removed from the clean cases, and how many clean cases changed.

The baseline is what a keyword filter does: drop every line holding a product word and a
buying or place word of the same vocabularies, and every line that is only a URL.

Throughput is the best of three passes over the cases and the five seed pages (when
../shared/seeds is present), in documents and characters per second, one process; and
the time of one long page (all of them joined, 50 times), to show the cost stays linear.

Run: `python -m benchmarks spam`.
"""

from __future__ import annotations

import difflib
import json
import time
from pathlib import Path

from pipeline.document import Document, Link, Source
from pipeline.stages.spam import SpamConfig, SpamStripper
from pipeline.stages.spam_rules.anchors import classify_words
from pipeline.stages.spam_rules.links import find_urls
from pipeline.stages.spam_rules.vocabulary import COMMERCE, PLACE, PRODUCT, SpamVocabulary

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "spam"
SEEDS = ROOT.parent / "shared" / "seeds"
SPEED_ROUNDS = 3  # best of three passes, to damp the noise of other load on the machine
SPEED_REPEAT = 20  # documents per pass = (cases + seeds) x this, a few thousand pages
LONG_PAGE_REPEAT = 50  # cases and seeds joined into one page of about 1.3 M characters


def load_cases() -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(CASES.glob("*.json"))]


def make_doc(text: str, title: str | None = None, links: list | None = None) -> Document:
    return Document(
        id="bench", text=text, source=Source(path="bench.txt", record=0, sha256="0" * 64, format="txt"),
        title=title, links=[Link(href=href, text=anchor) for href, anchor in links or []],
    )


def removed_spans(original: str, result: str) -> list[tuple[int, int]]:
    """Ranges of `original` that are missing from `result`."""
    matcher = difflib.SequenceMatcher(None, original, result, autojunk=False)
    opcodes = matcher.get_opcodes()
    return [(i1, i2) for tag, i1, i2, _, _ in opcodes if tag in ("delete", "replace") and i2 > i1]


def positions(spans: list[tuple[int, int]]) -> set[int]:
    return {index for start, end in spans for index in range(start, end)}


def baseline(text: str, vocabulary: SpamVocabulary) -> str:
    kept = []
    for line in text.splitlines(keepends=True):
        kinds: set[str] = set()
        for word in classify_words(line, vocabulary, 0):
            kinds |= word.kinds
        url_only = bool(find_urls(line)) and not line.strip().replace(line.strip().split()[0], "").strip()
        if (PRODUCT in kinds and kinds & {COMMERCE, PLACE}) or url_only:
            continue
        kept.append(line)
    return "".join(kept)


def _half_covered(span: tuple[int, int], covered: set[int]) -> bool:
    return len(positions([span]) & covered) * 2 >= span[1] - span[0]


def score(cases: list[dict], outputs: list[str]) -> dict:
    true_chars = removed_chars = gold_chars = 0
    gold_found = gold_total = predicted_right = predicted_total = 0
    clean_chars = clean_changed = clean_total = 0
    for case, output in zip(cases, outputs, strict=True):
        gold = removed_spans(case["original"], case["expected"])
        predicted = removed_spans(case["original"], output)
        gold_set, predicted_set = positions(gold), positions(predicted)
        true_chars += len(gold_set & predicted_set)
        removed_chars += len(predicted_set)
        gold_chars += len(gold_set)
        gold_total += len(gold)
        gold_found += sum(_half_covered(span, predicted_set) for span in gold)
        predicted_total += len(predicted)
        predicted_right += sum(_half_covered(span, gold_set) for span in predicted)
        if case["kind"] == "clean":
            clean_total += 1
            clean_chars += len(predicted_set)
            clean_changed += output != case["original"]
    return {
        "char_precision": true_chars / removed_chars if removed_chars else 1.0,
        "char_recall": true_chars / gold_chars if gold_chars else 1.0,
        "span_precision": predicted_right / predicted_total if predicted_total else 1.0,
        "span_recall": gold_found / gold_total if gold_total else 1.0,
        "clean_fp_chars": clean_chars,
        "clean_changed": clean_changed,
        "clean_total": clean_total,
    }


def run_stage(stage: SpamStripper, case: dict) -> str:
    result = stage.process(make_doc(case["original"], case.get("title"), case.get("links")))
    return result.text if isinstance(result, Document) else ""


def main(argv: list[str]) -> int:
    cases = load_cases()
    started = time.perf_counter()
    stage = SpamStripper(SpamConfig(drop_threshold=1.0))
    load_seconds = time.perf_counter() - started
    vocabulary = stage.vocabulary
    spam_cases = sum(case["kind"] == "spam" for case in cases)
    print(f"cases: {len(cases)} ({spam_cases} spam/repair, {len(cases) - spam_cases} clean)")
    heldout = [case for case in cases if case.get("set") == "heldout"]
    development = [case for case in cases if case.get("set") != "heldout"]
    rows = {}
    for label, chosen in (("all", cases), ("development", development), ("held-out", heldout)):
        rows[f"spam stage, {label} cases"] = score(chosen, [run_stage(stage, case) for case in chosen])
    baseline_outputs = [baseline(case["original"], vocabulary) for case in cases]
    rows["keyword baseline, all cases"] = score(cases, baseline_outputs)
    print("| method | char precision | char recall | span precision | span recall | "
          "clean FP chars | clean cases changed |")
    print("|---|---|---|---|---|---|---|")
    for name, figures in rows.items():
        print(f"| {name} | {figures['char_precision']:.3f} | {figures['char_recall']:.3f} | "
              f"{figures['span_precision']:.3f} | {figures['span_recall']:.3f} | "
              f"{figures['clean_fp_chars']} | {figures['clean_changed']}/{figures['clean_total']} |")

    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    default_stage = SpamStripper()
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        result = default_stage.process(make_doc(text))
        removed = getattr(result, "spam", {}).get("removed_chars", "dropped")
        rules = getattr(result, "spam", {}).get("rules", {})
        print(f"seed {path.name[:3]}: {removed} spam characters removed of {len(text)}, "
              f"score {getattr(result, 'spam', {}).get('score')}, rules {rules}")

    texts = [(case["original"], case.get("title"), case.get("links")) for case in cases]
    texts += [(path.read_text(encoding="utf-8"), None, None) for path in seeds]
    corpus = texts * SPEED_REPEAT
    characters = sum(len(text) for text, _, _ in corpus)
    best = float("inf")
    for _ in range(SPEED_ROUNDS):
        docs = [make_doc(*item) for item in corpus]
        started = time.perf_counter()
        for doc in docs:
            default_stage.process(doc)
        best = min(best, time.perf_counter() - started)
    long_page = "\n\n".join(text for text, _, _ in texts) * LONG_PAGE_REPEAT
    started = time.perf_counter()
    default_stage.process(make_doc(long_page))
    long_seconds = time.perf_counter() - started
    print(f"one long page: {len(long_page) / 1e6:.2f} M chars in {long_seconds:.2f} s "
          f"({len(long_page) / long_seconds / 1e6:.2f} M chars/s)")
    print(f"throughput: {len(corpus) / best:,.0f} docs/s, {characters / best / 1e6:.2f} M chars/s "
          f"({len(corpus)} docs, {characters:,} chars, best of {SPEED_ROUNDS}); "
          f"stage construction (vocabularies, host table): {load_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main([]))
