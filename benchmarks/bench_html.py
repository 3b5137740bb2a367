"""HTML main-content extraction: token precision, recall and F1 against hand-labelled pages,
and pages per CPU second, for our extractors and trafilatura, side by side.

The labelled set is benchmarks/data/html/NAME.html with its gold main text NAME.gold.txt
(see README.md there). Scores are bag-of-tokens: both texts are lower-cased and split into
word tokens (`\\w+`), and the overlap is the multiset intersection, so order and layout do
not count, only which words were kept. Precision = overlap / extracted tokens, recall =
overlap / gold tokens. "macro" averages the per-page F1; "micro" pools every page's counts.

Run: `python -m benchmarks html` (defaults), or `python -m benchmarks.bench_html --per-page --rounds N`.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from pipeline.io.html import extract_page

DATA = Path(__file__).parent / "data" / "html"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class LabelledPage:
    name: str
    html: str
    gold: str


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def load_pages(folder: Path = DATA) -> list[LabelledPage]:
    pages = []
    for path in sorted(folder.glob("*.html")):
        gold = path.with_name(path.stem + ".gold.txt").read_text(encoding="utf-8")
        pages.append(LabelledPage(path.stem, path.read_text(encoding="utf-8"), gold))
    return pages


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def overlap_counts(extracted: str, gold: str) -> tuple[int, int, int]:
    """(shared tokens, extracted tokens, gold tokens), counted as multisets."""
    found, expected = tokens(extracted), tokens(gold)
    return sum((found & expected).values()), sum(found.values()), sum(expected.values())


def score(shared: int, extracted: int, gold: int) -> Score:
    precision = shared / extracted if extracted else 0.0
    recall = shared / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _trafilatura_library(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


def _get_text(html: str) -> str:
    return BeautifulSoup(html, "lxml").get_text(" ")


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "builtin (ours)": lambda html: extract_page(html, "builtin").text,
    "trafilatura (library call)": _trafilatura_library,
    "trafilatura (via extract_page)": lambda html: extract_page(html, "trafilatura").text,
    "plain (our fallback)": lambda html: extract_page(html, "plain").text,
    "BeautifulSoup get_text()": _get_text,
}


@dataclass(frozen=True)
class Result:
    name: str
    macro: Score
    micro: Score
    pages_per_second: float
    per_page: dict[str, Score]


def evaluate(name: str, extract: Callable[[str], str], pages: list[LabelledPage], rounds: int) -> Result:
    extract(pages[0].html)  # warm-up: first-use imports and caches are not extraction time
    outputs: dict[str, str] = {}
    # CPU time of this process, not wall time: the reference machine is shared, and other
    # jobs' load would otherwise show up as extraction time.
    start = time.process_time()
    for _ in range(rounds):
        for page in pages:
            outputs[page.name] = extract(page.html)
    elapsed = time.process_time() - start
    per_page: dict[str, Score] = {}
    pooled = [0, 0, 0]
    for page in pages:
        counts = overlap_counts(outputs[page.name], page.gold)
        per_page[page.name] = score(*counts)
        pooled = [total + count for total, count in zip(pooled, counts, strict=True)]
    macro = Score(*(sum(getattr(s, key) for s in per_page.values()) / len(pages)
                    for key in ("precision", "recall", "f1")))
    return Result(name, macro, score(*pooled), len(pages) * rounds / elapsed, per_page)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks html", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="passes over the set when timing")
    parser.add_argument("--per-page", action="store_true", help="also print each page's F1")
    args = parser.parse_args(argv)
    pages = load_pages()
    results = [evaluate(name, extract, pages, args.rounds) for name, extract in EXTRACTORS.items()]
    print(f"{len(pages)} labelled pages, {sum(sum(tokens(p.gold).values()) for p in pages)} gold tokens, "
          f"{args.rounds} timing rounds")
    print(f"{'extractor':32} {'P':>6} {'R':>6} {'F1':>6}   "
          f"{'micro P':>7} {'micro R':>7} {'micro F1':>8}   pages/s")
    for result in results:
        macro, micro = result.macro, result.micro
        print(f"{result.name:32} {macro.precision:6.3f} {macro.recall:6.3f} {macro.f1:6.3f}"
              f"   {micro.precision:7.3f} {micro.recall:7.3f} {micro.f1:8.3f}"
              f"   {result.pages_per_second:7.1f}")
    ours, reference = results[0], results[1]
    print(f"ratio builtin / trafilatura: macro F1 {ours.macro.f1 / reference.macro.f1:.3f}, "
          f"speed {ours.pages_per_second / reference.pages_per_second:.2f}x")
    if args.per_page:
        names = [result.name.split(" ")[0] for result in results]
        print(f"\n{'page':30} " + " ".join(f"{name[:11]:>11}" for name in names))
        for page in pages:
            scores = " ".join(f"{result.per_page[page.name].f1:11.3f}" for result in results)
            print(f"{page.name:30} {scores}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
