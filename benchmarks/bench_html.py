"""HTML main-content extraction on real pages: each extractor alone and through the whole
default pipeline, side by side, with the scorer of the article-extraction benchmark.

Sets (benchmarks/real_text.py): the 75 Readability test pages of ../shared/data/html/
(tuned on), newspaper4k's 23 test pages with expected text (held out: never looked at while
tuning), and the 35 small pages written for this project (benchmarks/data/html/).

Score: word 4-gram shingles (`\\w+` tokens, case-sensitive; a text of fewer than 4 tokens is
one shingle), multiset intersection; precision is averaged over the pages with output,
recall over all pages, F1 = 2PR/(P+R) of the two averages. Through the pipeline, a page
the pipeline rejects counts as empty output; "survivor" scores a page dropped as a copy of
another by the text of the copy that was kept (the article is in the corpus once).
Speed: pages per CPU second of this process (the pipeline runs are separate processes).

Run: `python -m benchmarks html` (everything), `--no-pipeline`, `--sets readability`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.real_text import LabelledPage, newspaper_pages, readability_pages
from pipeline.io.extract import extract_page

SYNTHETIC = Path(__file__).parent / "data" / "html"
PIPELINE_EXTRACTORS = ("trafilatura", "builtin", "resiliparse")
_TOKEN = re.compile(r"\w+")


def synthetic_pages(folder: Path = SYNTHETIC) -> list[LabelledPage]:
    return [LabelledPage(path.stem, path.read_text(encoding="utf-8"),
                         path.with_name(path.stem + ".gold.txt").read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.html"))]


SETS: dict[str, Callable[[], list[LabelledPage]]] = {
    "readability": readability_pages, "newspaper4k": newspaper_pages, "synthetic": synthetic_pages,
}


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_score(predicted: str, gold: str) -> tuple[float | None, float]:
    """(precision or None when nothing was predicted, recall) of one page."""
    found, expected = shingles(predicted), shingles(gold)
    shared = sum((found & expected).values())
    precision = shared / sum(found.values()) if found else None
    return precision, shared / max(sum(expected.values()), 1)


@dataclass(frozen=True)
class Result:
    precision: float
    recall: float
    empty: int
    per_page: dict[str, tuple[float | None, float]]

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score_outputs(pages: list[LabelledPage], outputs: dict[str, str]) -> Result:
    per_page = {page.name: page_score(outputs.get(page.name, ""), page.gold) for page in pages}
    precisions = [precision for precision, _ in per_page.values() if precision is not None]
    return Result(sum(precisions) / max(len(precisions), 1),
                  sum(recall for _, recall in per_page.values()) / max(len(per_page), 1),
                  len(per_page) - len(precisions), per_page)


def page_f1(score: tuple[float | None, float]) -> float:
    precision, recall = score
    return 2 * precision * recall / (precision + recall) if precision and recall else 0.0


def _trafilatura_library(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def _resiliparse_library(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


# label -> (per-page column, extractor)
EXTRACTORS: dict[str, tuple[str, Callable[[str], str]]] = {
    "trafilatura (ours, default)": ("trafilatura", lambda html: extract_page(html, "trafilatura").text),
    "builtin (ours)": ("builtin", lambda html: extract_page(html, "builtin").text),
    "resiliparse (ours)": ("resiliparse", lambda html: extract_page(html, "resiliparse").text),
    "plain (ours)": ("plain", lambda html: extract_page(html, "plain").text),
    "trafilatura.extract() defaults": ("trafilat. lib", _trafilatura_library),
    "resiliparse main_content defaults": ("resilip. lib", _resiliparse_library),
}


def run_alone(extract: Callable[[str], str], pages: list[LabelledPage]) -> tuple[dict[str, str], float]:
    """Outputs by page name, and pages per CPU second."""
    extract(pages[0].html)  # warm-up: first-use imports and caches are not extraction time
    start = time.process_time()
    outputs = {page.name: extract(page.html) for page in pages}
    return outputs, len(pages) / max(time.process_time() - start, 1e-9)


@dataclass(frozen=True)
class PipelineRun:
    kept: dict[str, str]  # page name -> kept text
    rejected: dict[str, dict]  # page name -> {"stage", "reason", "message"}
    survivor_text: dict[str, str]  # page dropped as a copy -> the kept copy's text


def run_pipeline(pages: list[LabelledPage], extractor: str, workers: int) -> PipelineRun:
    """Every page through `corpus-pipeline run` with the default configuration but the extractor."""
    with tempfile.TemporaryDirectory(prefix="bench-html-") as work:
        folder, output = Path(work) / "pages", Path(work) / "clean"
        folder.mkdir()
        for page in pages:
            (folder / f"{page.name}.html").write_text(page.html, encoding="utf-8")
        config = Path(work) / "config.toml"
        config.write_text(f'[run]\nhtml_extractor = "{extractor}"\n', encoding="utf-8")
        command = [sys.executable, "-m", "pipeline", "run", "--input", str(folder), "--output", str(output),
                   "--config", str(config), "--quiet", "--workers", str(workers)]
        subprocess.run(command, check=False, capture_output=True)
        kept_records = _records(output / "documents")
        rejected_records = _records(output / "rejected")
    by_id = {record["id"]: record for record in kept_records}
    name = lambda record: Path(record["source"]["path"]).stem  # noqa: E731
    survivors = {}
    for record in rejected_records:
        original = by_id.get(record["detail"].get("duplicate_of", ""))
        if original is not None:
            survivors[name(record)] = original["text"]
    return PipelineRun(
        kept={name(record): record["text"] for record in kept_records},
        rejected={name(record): {"stage": record["stage"], "reason": record["reason"],
                                 "message": record["detail"].get("message", "")}
                  for record in rejected_records},
        survivor_text=survivors,
    )


def _records(folder: Path) -> list[dict]:
    records = []
    for part in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as stream:
            records.extend(json.loads(line) for line in stream)
    return records


def _summary_line(label: str, result: Result, speed: float | None = None) -> str:
    speed_text = f"{speed:8.1f}" if speed is not None else " " * 8
    return (f"{label:40} {result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f} "
            f"{result.empty:6d} {speed_text}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks html", description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--no-pipeline", action="store_true", help="skip the whole-pipeline runs")
    parser.add_argument("--workers", type=int, default=2, help="pipeline worker processes")
    args = parser.parse_args(argv)
    for set_name in args.sets:
        pages = SETS[set_name]()
        if not pages:
            print(f"\n== {set_name}: not available, skipped")
            continue
        print(f"\n== {set_name}: {len(pages)} pages")
        print(f"{'extractor':40} {'P':>6} {'R':>6} {'F1':>6} {'empty':>6} {'pages/s':>8}")
        columns: dict[str, Result] = {}
        for label, (column, extract) in EXTRACTORS.items():
            outputs, speed = run_alone(extract, pages)
            columns[column] = result = score_outputs(pages, outputs)
            print(_summary_line(label, result, speed))
        if not args.no_pipeline and set_name != "synthetic":
            for extractor in PIPELINE_EXTRACTORS if set_name == "readability" else PIPELINE_EXTRACTORS[:1]:
                columns[f"{extractor[:7]} pipe"] = _report_pipeline(pages, extractor, args.workers)
        _per_page(pages, columns)
    return 0


def _report_pipeline(pages: list[LabelledPage], extractor: str, workers: int) -> Result:
    run = run_pipeline(pages, extractor, workers)
    result = score_outputs(pages, run.kept)
    print(_summary_line(f"{extractor}: whole default pipeline", result))
    with_survivors = score_outputs(pages, {**run.survivor_text, **run.kept})
    print(_summary_line(f"{extractor}: pipeline, copies as survivor", with_survivors))
    for name, rejection in sorted(run.rejected.items()):
        print(f"    rejected {name}: {rejection['stage']} {rejection['reason']} "
              f"({rejection['message'][:90]})")
    return result


def _per_page(pages: list[LabelledPage], columns: dict[str, Result]) -> None:
    names = list(columns)
    print("\nper-page F1\n" + f"{'page':30} " + " ".join(f"{name[:13]:>13}" for name in names))
    for page in pages:
        print(f"{page.name:30} " + " ".join(f"{page_f1(columns[name].per_page[page.name]):13.3f}"
                                             for name in names))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
