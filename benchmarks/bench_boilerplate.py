"""Boilerplate and PII: token recall and precision of removal on real articles dressed with
furniture and spam (`benchmarks/dressed_articles.py`, tuned and held-out sites apart, and the
undressed articles), line-level precision and recall on the labelled cases, characters
removed from each seed page (the control page 003 should lose none), and the throughput of
the template_lines, boilerplate and pii stages.

`python -m benchmarks boilerplate`
"""

from __future__ import annotations

import collections
import difflib
import itertools
import json
import time
from pathlib import Path

from benchmarks.dressed_articles import dressed_pages, new_held_out_pages, undressed_pages
from benchmarks.dressed_score import Score, run_pages, score
from pipeline.document import Document, Source
from pipeline.stages.boilerplate import BoilerplateRemover
from pipeline.stages.pii import PiiRemover
from pipeline.stages.template_lines import TemplateLineRemover
from scripts.make_corpus import generate

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases" / "boilerplate"
SEEDS = REPO.parent / "shared" / "seeds"
THROUGHPUT_DOCS = 3000  # enough for stable timings, a few seconds per stage on 2 cores
SYNTHETIC_DOCS, SYNTHETIC_SEED = 1000, 11  # the project's synthetic corpus; ten sites, ~100 pages each
# Defect classes of the synthetic corpus these stages answer for (the others, sales anchors,
# link farms and injected titles, are the spam stage's).
OUR_CLASSES = ("byline", "read_time", "contact", "comment_widget", "related_tail", "repeated_title",
               "template_line")


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


def synthetic_figures() -> dict[str, object]:
    """template_lines + boilerplate + pii on the synthetic corpus (text pages): per defect class,
    the share of injected lines removed; and lines of the gold clean text that were removed."""
    pages = [d for d in generate(SYNTHETIC_DOCS, SYNTHETIC_SEED)
             if d.format in ("txt", "jsonl") and not d.junk]
    docs = [Document(id=d.id, text=d.text, source=Source(d.path, d.record, "0" * 64, d.format, url=d.url))
            for d in pages]
    templates = TemplateLineRemover()
    templates.scan(docs)
    templates.finish_scan()
    stages = [templates, BoilerplateRemover(), PiiRemover()]
    found, total = collections.Counter(), collections.Counter()
    gold_lines = wrongly_removed = 0
    wrong_rules: collections.Counter = collections.Counter()
    for page, doc in zip(pages, docs, strict=True):
        for stage in stages:
            doc = stage.process(doc)
        output = collections.Counter(line.strip() for line in doc.text.split("\n") if line.strip())
        original = collections.Counter(line.strip() for line in page.text.split("\n") if line.strip())
        gold = collections.Counter(line.strip() for line in page.clean_text.split("\n") if line.strip())
        for defect, injected in page.injected:
            if defect in OUR_CLASSES:
                for line in (line.strip() for line in injected.split("\n") if line.strip()):
                    total[defect] += 1
                    found[defect] += output[line] < original[line]
        for line, count in gold.items():
            gold_lines += count
            lost = min(count, original[line]) - min(count, output[line])
            if lost > 0:
                wrongly_removed += lost
                wrong_rules[next((e.rule for e in doc.edits if line in e.removed), "?")] += lost
    return {"documents": len(pages), "recall": {c: (found[c], total[c]) for c in OUR_CLASSES},
            "gold_lines": gold_lines, "wrongly_removed": wrongly_removed, "wrong_rules": dict(wrong_rules)}


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


def dressed_results() -> dict[str, Score]:
    """Scores of template_lines, boilerplate, pii and spam on the dressed real articles, by set:
    the tuned and held-out sites (scanned as one corpus, sites as sources), the new held-out set
    (all articles dressed again, a corpus of its own), and the undressed articles."""
    pages = dressed_pages()
    if not pages:
        return {}
    docs = run_pages(pages)
    results = {}
    for label, held_out in (("tuned sites", False), ("held-out sites", True)):
        chosen = [(page, doc) for page, doc in zip(pages, docs, strict=True) if page.held_out == held_out]
        results[label] = score([page for page, _ in chosen], [doc for _, doc in chosen])
    fresh = new_held_out_pages()
    results["new held-out sites"] = score(fresh, run_pages(fresh))
    plain = undressed_pages()
    results["undressed"] = score(plain, run_pages(plain))
    return results


def dressed_figures() -> None:
    results = dressed_results()
    if not results:
        print("real articles not found (expected beside the project, ../shared/data/html)")
        return
    print("real articles dressed with generated furniture and spam (token level):")
    print("| set | inserted tokens | recall (inserted removed) | precision (removed that were "
          "inserted) | spam tokens | spam recall | article tokens lost |")
    print("|---|---|---|---|---|---|---|")
    dressed = {label: result for label, result in results.items() if label != "undressed"}
    for label, result in dressed.items():
        print(f"| {label} | {result.inserted} | {result.recall:.3f} | "
              f"{result.precision:.3f} | {result.spam} | {result.spam_recall:.3f} | "
              f"{result.article_removed} of {result.article} |")
    for label, result in dressed.items():
        kinds = ", ".join(f"{kind} {result.by_kind_removed[kind] / result.by_kind[kind]:.2f}"
                          for kind in sorted(result.by_kind))
        print(f"  {label}, recall by kind: {kinds}")
        print(f"  {label}, article tokens lost by rule: {dict(result.lost_by_rule)}")
    result = results["undressed"]
    print(f"undressed articles: {result.article_removed} of {result.article} tokens removed "
          f"({result.article_removed / max(1, result.article):.2%}), by rule {dict(result.lost_by_rule)}")


def main(argv: list[str]) -> int:
    print("command: python -m benchmarks boilerplate")
    dressed_figures()
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
    synthetic = synthetic_figures()
    print(f"synthetic corpus (scripts/make_corpus.py, {SYNTHETIC_DOCS} docs, seed {SYNTHETIC_SEED}; "
          f"{synthetic['documents']} text pages):")
    for defect, (hit, count) in synthetic["recall"].items():
        print(f"  {defect}: {hit} of {count} injected lines removed ({hit / max(1, count):.1%})")
    print(f"  lines of the gold clean text removed: {synthetic['wrongly_removed']} of "
          f"{synthetic['gold_lines']} ({synthetic['wrongly_removed'] / synthetic['gold_lines']:.2%}), "
          f"by rule {synthetic['wrong_rules']}")
    for name, rate in throughput().items():
        print(f"throughput {name}: {rate:,.0f} docs/s (one process, {THROUGHPUT_DOCS} docs)")
    return 0
