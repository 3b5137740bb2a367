"""Boilerplate and PII: line-level precision and recall of removal on the labelled cases,
characters removed from each seed page (the control page 003 should lose none), and the
throughput of the template_lines, boilerplate and pii stages.

`python -m benchmarks boilerplate`
"""

from __future__ import annotations

import difflib
import itertools
import json
import time
from pathlib import Path

from pipeline.document import Document, Source
from pipeline.stages.boilerplate import BoilerplateRemover
from pipeline.stages.pii import PiiRemover
from pipeline.stages.template_lines import TemplateLineRemover

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases" / "boilerplate"
SEEDS = REPO.parent / "shared" / "seeds"
THROUGHPUT_DOCS = 3000  # enough for stable timings, a few seconds per stage on 2 cores


def removed_line_numbers(original: str, result: str) -> set[int]:
    """Non-blank lines of `original` that are gone from `result`; a line replaced one-for-one
    (a placeholder put into it) counts as kept."""
    before, after = original.split("\n"), result.split("\n")
    gone = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "delete" or (tag == "replace" and (i2 - i1) != (j2 - j1)):
            gone.update(i for i in range(i1, i2) if before[i].strip())
    return gone


def document(text: str, number: int = 0, title: str | None = None, folder: str = "bench") -> Document:
    return Document(id=f"d{number}", text=text, title=title,
                    source=Source(f"{folder}/{number}.txt", 0, "0" * 64, "txt"))


def case_figures(stages: list, folder: Path) -> dict[str, float]:
    true_positive = false_positive = false_negative = 0
    clean_cases = clean_touched = 0
    paths = sorted(folder.glob("*.json"))
    for path in paths:
        case = json.loads(path.read_text(encoding="utf-8"))
        doc = document(case["original"], title=case.get("title"))
        for stage in stages:
            doc = stage.process(doc)
        gold = removed_line_numbers(case["original"], case["expected"])
        predicted = removed_line_numbers(case["original"], doc.text)
        true_positive += len(gold & predicted)
        false_positive += len(predicted - gold)
        false_negative += len(gold - predicted)
        if case["original"] == case["expected"]:
            clean_cases += 1
            clean_touched += bool(doc.edits)
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / max(1, true_positive + false_negative)
    return {"cases": len(paths), "gold_removed_lines": true_positive + false_negative,
            "precision": precision, "recall": recall, "clean_cases": clean_cases,
            "clean_cases_changed": clean_touched}


def seed_figures() -> dict[str, dict[str, float]]:
    paths = sorted(SEEDS.glob("*.txt"))
    docs = [document(path.read_text(encoding="utf-8"), number, folder="seeds")
            for number, path in enumerate(paths)]
    templates = TemplateLineRemover()
    templates.scan(docs)
    templates.finish_scan()
    stages = [templates, BoilerplateRemover(), PiiRemover()]
    figures = {}
    for path, doc in zip(paths, docs, strict=True):
        size = len(doc.text)
        for stage in stages:
            doc = stage.process(doc)
        removed = sum(len(edit.removed) - len(edit.inserted) for edit in doc.edits)
        figures[path.name[:3]] = {"chars": size, "removed_chars": removed, "share_removed": removed / size,
                                  "edits": len(doc.edits)}
    return figures


def throughput_corpus() -> list[str]:
    texts = [json.loads(p.read_text(encoding="utf-8"))["original"] for p in sorted(CASES.glob("*.json"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [text for text, _ in zip(itertools.cycle(texts), range(THROUGHPUT_DOCS), strict=False)]


def throughput() -> dict[str, float]:
    texts = throughput_corpus()
    rates = {}
    templates = TemplateLineRemover()
    started = time.perf_counter()
    # Ten folders, so each source has a few hundred pages and learns real templates.
    templates.scan(document(text, n, folder=f"site{n % 10}") for n, text in enumerate(texts))
    templates.finish_scan()
    rates["template_lines (scan)"] = len(texts) / (time.perf_counter() - started)
    stages = (("template_lines", templates), ("boilerplate", BoilerplateRemover()), ("pii", PiiRemover()))
    for name, stage in stages:
        docs = [document(text, n, folder=f"site{n % 10}") for n, text in enumerate(texts)]
        started = time.perf_counter()
        for doc in docs:
            stage.process(doc)
        rates[name] = len(docs) / (time.perf_counter() - started)
    return rates


def main(argv: list[str]) -> int:
    print("command: python -m benchmarks boilerplate")
    for label, folder in (("development cases", CASES), ("held-out cases", CASES / "heldout")):
        figures = case_figures([BoilerplateRemover(), PiiRemover()], folder)
        print(f"{label}: {figures['cases']} ({figures['clean_cases']} clean prose), "
              f"{figures['gold_removed_lines']} lines to remove; line-level removal precision "
              f"{figures['precision']:.3f}, recall {figures['recall']:.3f}; clean cases changed: "
              f"{figures['clean_cases_changed']} of {figures['clean_cases']}")
    if SEEDS.is_dir():
        for name, seed in seed_figures().items():
            print(f"seed {name}: {seed['removed_chars']} of {seed['chars']} characters removed "
                  f"({seed['share_removed']:.2%}), {seed['edits']} edits")
    else:
        print(f"seeds not found at {SEEDS}")
    for name, rate in throughput().items():
        print(f"throughput {name}: {rate:,.0f} docs/s (one process, {THROUGHPUT_DOCS} docs)")
    return 0
