"""The text model (`pipeline/text/`) against the tokenisers it replaces, side by side.

Per document, the work the boilerplate, template_lines and quality stages did to see a text
before the text model: boilerplate split the lines and found the words of each (the
standard `re`'s \\w+); template_lines split the lines again; quality split the text into
tokens, its non-blank lines, and the tokens of each line again. With the text model one
`TextView` gives all of it, each part once. The baseline's code is read from git (the
commit before the text model), so both run in this process on the same texts.

Texts: a generated corpus (scripts/make_corpus.py) first, then the real article texts of
benchmarks/real_text.py (16 languages, with Chinese, Japanese, Thai, Hindi and Arabic), on
which the unspaced-script and combining-mark paths run. The script also checks that both
sides give the same lines, words and tokens, and says where they differ.

Run: `python -m benchmarks text_model [--docs N] [--repeat R] [--baseline REV]`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.text import TextView
from scripts.make_corpus import generate

REPO = Path(__file__).resolve().parents[1]
BASELINE = "a55d8d6"  # main before the text model
_OLD_MODULES = {"quality": "pipeline/stages/quality_rules/text.py",
                "lines": "pipeline/stages/boilerplate_rules/lines.py"}


def baseline_code(revision: str) -> dict[str, types.ModuleType] | None:
    """The baseline's tokenising modules, loaded from git; None without the history."""
    modules = {}
    for name, path in _OLD_MODULES.items():
        shown = subprocess.run(["git", "-C", str(REPO), "show", f"{revision}:{path}"],
                               capture_output=True, text=True)
        if shown.returncode != 0:
            return None
        module = types.ModuleType(f"baseline_{name}")
        sys.modules[module.__name__] = module  # dataclasses look their module up
        exec(compile(shown.stdout, f"{revision}:{path}", "exec"), module.__dict__)  # noqa: S102
        modules[name] = module
    return modules


def before(old: dict[str, types.ModuleType]) -> Callable[[str], tuple[Any, ...]]:
    import re

    word = re.compile(r"\w+")
    split_lines, words_of, non_blank = (old["lines"].split_lines, old["quality"].words_of,
                                        old["quality"].non_blank_lines)

    def see(text: str) -> tuple[Any, ...]:
        boilerplate = [word.findall(line.text) for line in split_lines(text)]
        template_lines = split_lines(text)
        lines = non_blank(text)
        quality = (words_of(text), lines, [words_of(line) for line in lines])
        return [(line.start, line.end) for line in template_lines], boilerplate, quality

    return see


def after(text: str) -> tuple[Any, ...]:
    view = TextView(text)
    boilerplate = view.line_words
    template_lines = view.lines
    quality = (view.tokens, view.non_blank_lines, view.line_tokens)
    return [(line.start, line.end) for line in template_lines], boilerplate, quality


def best_time(see: Callable[[str], object], texts: Sequence[str], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            see(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


def compare(label: str, texts: list[str], old: dict[str, types.ModuleType], repeat: int) -> None:
    see_before = before(old)
    differ = [text for text in texts if see_before(text) != after(text)]
    old_seconds = best_time(see_before, texts, repeat)
    new_seconds = best_time(after, texts, repeat)
    characters = sum(map(len, texts))
    print(f"\n{label}: {len(texts)} texts, {characters / 1e6:.2f} M characters")
    for name, seconds in (("before (split per stage)", old_seconds), ("text model (one view)", new_seconds)):
        print(f"  {name + ':':27}{seconds:7.3f} s  {characters / seconds / 1e6:6.2f} M chars/s")
    print(f"  ratio before / text model: {old_seconds / new_seconds:.2f}x")
    print(f"  texts whose lines, words or tokens differ: {len(differ)}"
          + (" (combining marks kept inside words: \\w of `re` leaves them out)" if differ else ""))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks text_model")
    parser.add_argument("--docs", type=int, default=400, help="generated documents")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; the best counts")
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the code replaced")
    options = parser.parse_args(argv)
    old = baseline_code(options.baseline)
    if old is None:
        print(f"baseline {options.baseline} is not in this checkout's history: nothing to compare")
        return 0
    generated = [doc.text for doc in generate(options.docs, 11)]
    compare(f"generated corpus ({options.docs} docs, seed 11)", generated, old, options.repeat)
    from benchmarks.real_text import newspaper_texts, readability_pages

    real = [page.gold for page in readability_pages()] + list(newspaper_texts().values())
    compare("real article texts (Readability + newspaper4k)", real, old, options.repeat)
    return 0
