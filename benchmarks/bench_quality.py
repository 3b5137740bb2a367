"""Quality rules on real articles: how often each rule rejects real text, beside datatrove's
Gopher, C4 and FineWeb filters on the same texts.

Texts (benchmarks/real_text.py), all real articles that a corpus should keep:
- "gold": the expected article text of the 75 Readability pages and the 28 article texts
  newspaper4k ships (103 texts, 16 languages), as published by those projects;
- "pipeline": the same pages (75 + 23 with HTML) as they reach the quality stage: extracted by
  the default extractor, then normalize, boilerplate, pii, spam and language (template_lines
  is a corpus stage and needs many pages of one site, so it is left out).
The language of every text is the `language` stage's (langdetect), as in a run.

datatrove's filters run with their defaults (English stop words and tokenisation), as a
FineWeb-style pipeline applies them after keeping English; each stops at its first failing
check, so its per-check counts name that first check. Rates are given for all texts and for
those the language stage calls English.

Run: `python -m benchmarks quality` (add `--list` to name every rejected text).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from benchmarks.real_text import newspaper_pages, newspaper_texts, readability_pages
from pipeline.document import Document, Drop, Source
from pipeline.io.extract import DEFAULT_EXTRACTOR, extract_page
from pipeline.stages import REGISTRY
from pipeline.stages.quality import RULES, QualityConfig, Vocabulary, failed_rules, measure_quality

BEFORE_QUALITY = ("normalize", "boilerplate", "pii", "spam", "language")


def _doc(name: str, text: str, title: str | None = None, links=()) -> Document:  # type: ignore[no-untyped-def]
    return Document(id=name, text=text, source=Source(path=name, record=0, sha256="0" * 64, format="html"),
                    title=title, links=list(links))


def real_texts() -> dict[str, dict[str, tuple[str, str]]]:
    """{"gold": {name: (text, lang)}, "pipeline": {...}}."""
    stages = [REGISTRY[name]() for name in BEFORE_QUALITY]
    language = stages[-1]
    gold = {f"readability/{page.name}": page.gold for page in readability_pages()}
    gold |= {f"newspaper4k/{name}": text for name, text in newspaper_texts().items()}
    sets: dict[str, dict[str, tuple[str, str]]] = {"gold": {}, "pipeline": {}}
    for name, text in gold.items():
        doc = language.process(stages[0].process(_doc(name, text)))
        sets["gold"][name] = (doc.text, doc.lang["code"])
    pages = [(f"readability/{page.name}", page.html) for page in readability_pages()]
    pages += [(f"newspaper4k/{page.name}", page.html) for page in newspaper_pages()]
    for name, html in pages:
        page = extract_page(html, DEFAULT_EXTRACTOR)
        outcome: Document | Drop = _doc(name, page.text, page.title, page.links)
        for stage in stages:
            outcome = stage.process(outcome)
            if isinstance(outcome, Drop):
                print(f"note: {name} dropped before quality by {stage.name}: {outcome.reason}",
                      file=sys.stderr)
                break
        else:
            sets["pipeline"][name] = (outcome.text, outcome.lang["code"])
    return sets


def ours(texts: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    vocabulary, config = Vocabulary.load(), QualityConfig()
    return {name: failed_rules(measure_quality(text, lang, vocabulary), config)
            for name, (text, lang) in texts.items()}


def datatrove_filters() -> dict[str, Callable[[str], str | None]]:
    """name -> (text -> the reason of the first failing check, or None when kept)."""
    from datatrove.data import Document as PeerDocument
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    def wrap(peer) -> Callable[[str], str | None]:  # type: ignore[no-untyped-def]
        def run(text: str) -> str | None:
            verdict = peer.filter(PeerDocument(text=text, id="x"))
            if verdict is True:
                return None
            return verdict[1] if isinstance(verdict, tuple) else "rejected"
        return run

    return {"datatrove Gopher quality": wrap(GopherQualityFilter()),
            "datatrove Gopher repetition": wrap(GopherRepetitionFilter()),
            "datatrove C4 quality": wrap(C4QualityFilter()),
            "datatrove FineWeb quality": wrap(FineWebQualityFilter())}


def _rate(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f}%)" if total else "-"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks quality", description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="name every rejected text")
    args = parser.parse_args(argv)
    sets = real_texts()
    peers = datatrove_filters()
    for set_name, texts in sets.items():
        english = {name for name, (_, lang) in texts.items() if lang == "en"}
        print(f"\n== {set_name}: {len(texts)} real article texts ({len(english)} English), "
              f"{len({lang for _, lang in texts.values()})} languages")
        start = time.process_time()
        failures = ours(texts)
        our_seconds = time.process_time() - start
        per_rule: dict[str, list[str]] = defaultdict(list)
        for name, failed in failures.items():
            for rule in failed:
                per_rule[rule].append(name)
        print(f"{'rule (ours)':36} {'all':>12} {'English':>12}")
        for rule in RULES:
            names = per_rule.get(rule, [])
            print(f"{rule:36} {_rate(len(names), len(texts)):>12} "
                  f"{_rate(sum(n in english for n in names), len(english)):>12}"
                  + (f"   {' '.join(names)}" if args.list and names else ""))
        rejected = [name for name, failed in failures.items() if failed]
        print(f"{'any rule (the stage)':36} {_rate(len(rejected), len(texts)):>12} "
              f"{_rate(sum(n in english for n in rejected), len(english)):>12}   "
              f"{len(texts) / max(our_seconds, 1e-9):.0f} texts/s")
        for peer_name, peer in peers.items():
            start = time.process_time()
            verdicts = {name: peer(text) for name, (text, _) in texts.items()}
            seconds = time.process_time() - start
            reasons = Counter(reason for reason in verdicts.values() if reason)
            dropped = [name for name, reason in verdicts.items() if reason]
            print(f"{peer_name:36} {_rate(len(dropped), len(texts)):>12} "
                  f"{_rate(sum(n in english for n in dropped), len(english)):>12}   "
                  f"{len(texts) / max(seconds, 1e-9):.0f} texts/s   first failing check: "
                  + ", ".join(f"{reason} {count}" for reason, count in reasons.most_common()))
            if args.list and dropped:
                print("    " + " ".join(dropped))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
