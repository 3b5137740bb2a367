"""Spin detection on real spinner output, held out by cross-validation; seeds; speed and memory.

1. Quality (benchmarks/spin_eval.py): the development half of the Problematic Paper Screener's
   tortured phrases, in 5 folds by correct phrase; each fold is measured with everything built
   on the other four. Phrases sit in sentences of the real article pages in
   ../shared/data/html/readability (and, second, in the paragraphs written for the benchmark);
   pages carry 5-8 of them against plain twins. Three settings: as shipped (spinner swaps and
   known phrases), swaps without the known-phrase list, and every list off (general
   resources only).
2. Seeds: the document score and spans of the five seed pages.
3. Speed and memory (benchmarks/spin_speed.py): the stage against the stage of an earlier
   commit, on the same documents, in fresh processes.

Run: `python -m benchmarks spin [--docs N] [--baseline REV] [--skip-quality]`.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from benchmarks.spin_data import (
    FOLDS,
    load_pairs,
    page_texts,
    place,
    real_sentences,
    twins,
    written_sentences,
)
from benchmarks.spin_eval import cross_validate
from benchmarks.spin_speed import BASELINE, MEMORY_BASELINE, compare
from pipeline.stages.spin import SpinConfig, SpinDetector

OFFSET = SpinConfig().threshold_offset
SETTINGS = [
    ("as shipped: swaps + known phrases", True, True, OFFSET),
    ("swaps, known phrases off", True, False, OFFSET),
    ("every list off (general resources)", False, False, OFFSET),
    ("swaps + known phrases, fitted threshold (offset 0)", True, True, 0.0),
    ("every list off, fitted threshold (offset 0)", False, False, 0.0),
]


def quality() -> None:
    pairs = load_pairs()
    pages = page_texts()
    pages_twins = [
        t for fold in range(FOLDS) for t in twins([p for p in pairs if p.fold == fold], pages, seed=fold)
    ]
    per_fold = [sum(t.pairs[0].fold == fold for t in pages_twins) for fold in range(FOLDS)]
    print(
        f"{len(pairs)} pairs in {FOLDS} folds; {len(pages)} English pages, {len(pages_twins)} page twins "
        f"({' '.join(map(str, per_fold))} by fold)"
    )
    print(
        "\n| sentences | setting | span recall | false positives on plain phrases | likely correct "
        "| context flags / 1,000 words | document ROC AUC | AUC by fold |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, sentences, with_twins in (
        ("real pages", real_sentences(), True),
        ("written for the benchmark", written_sentences(), False),
    ):
        results = cross_validate(pairs, place(pairs, sentences), pages_twins if with_twins else [], SETTINGS)
        for setting, figures in results.items():
            row = figures.row()
            auc = f"{row['auc']:.3f}" if with_twins else "-"
            by_fold = " ".join(f"{value:.3f}" for value in row["auc_folds"]) or "-"
            print(
                f"| {name} | {setting} | {row['recall']:.3f} | {row['false_positive_rate']:.3f} "
                f"| {row['likely_correct']:.3f} | {row['context_flags_per_1000']:.2f} | {auc} | {by_fold} |",
                flush=True,
            )


def seeds() -> None:
    from pathlib import Path

    stage = SpinDetector()
    folder = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    print("\n| seed | setting | score | spans | spans (likely) |")
    print("|---|---|---|---|---|")
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for name, swaps, known, _ in (SETTINGS[0], SETTINGS[2]):
            detector = stage.reconfigured(
                replace(stage.config, use_spinner_swaps=swaps, use_known_phrases=known)
            )
            result = detector.detect(text)
            shown = "; ".join(f"{s.text} ({s.likely})" for s in result.spans[:6])
            print(f"| {path.name[:3]} | {name} | {result.score:.3f} | {len(result.spans)} | {shown} |")


def speed(docs: int, baseline: str, memory_baseline: str) -> None:
    figures = compare(docs, baseline, memory_baseline)
    print(f"\nspeed: {figures['documents']} documents, {figures['words']} words")
    print("| stage | build s | stage RSS MB | stage heap MB (tracemalloc) | best pass s | ms / document |")
    print("|---|---|---|---|---|---|")
    stages = ((baseline, figures["old"]), (memory_baseline, figures["merged"]), ("this tree", figures["new"]))
    for name, item in stages:
        per_doc = 1000 * item["seconds"] / figures["documents"]
        print(
            f"| {name} | {item['build_seconds']:.2f} | {item['stage_megabytes']:.0f} "
            f"| {item['traced_megabytes']:.0f} | {item['seconds']:.2f} | {per_doc:.2f} |"
        )
    print(f"speed-up over {baseline}: {figures['speedup']:.1f}x")
    print(f"stage RSS against {memory_baseline}: {figures['memory_ratio']:.2f}x")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks spin")
    parser.add_argument("--docs", type=int, default=300, help="generated documents for the speed run")
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare speed with")
    parser.add_argument("--memory-baseline", default=MEMORY_BASELINE, help="revision to compare memory with")
    parser.add_argument("--skip-quality", action="store_true", help="seeds and speed only")
    args = parser.parse_args(argv)
    if not args.skip_quality:
        quality()
    seeds()
    speed(args.docs, args.baseline, args.memory_baseline)
    return 0
