"""Spam stage speed against an earlier commit's stage, on the same documents, with a check that
both give the same output.

    python -m benchmarks spam_speed [--docs 600] [--baseline REV]

The baseline's `pipeline/` is extracted with `git archive` into a scratch folder; both stages
run in fresh child processes of the same interpreter, one after the other, on the same texts:
the documents of a generated corpus (scripts/make_corpus.py, seed 11, every format's page
text with its title), the seed pages and, when they are beside the project, the real articles
dressed with furniture and spam (benchmarks/dressed_articles.py, all three phrase-bank sets).
Each child runs the stage (default configuration) over every text three times and reports the
best pass, and a sha256 over every output: the edited text, each edit, the spam record, or the
drop with its reason. Equal digests mean the two stages wrote the same bytes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The spam stage before its speed work; `--baseline REV` picks another.
BASELINE = "2084a73"

_CHILD = r"""
import hashlib, json, sys, time
sys.path.insert(0, sys.argv[1])
pages = json.loads(open(sys.argv[2], encoding="utf-8").read())
started = time.perf_counter()
from pipeline.document import Document, Source
from pipeline.stages.spam import SpamStripper
stage = SpamStripper()
stage.process(Document(id="w", text="Warm up: buy pills canada.", source=Source("w", 0, "0" * 64, "txt")))
build = time.perf_counter() - started
def documents():
    return [Document(id=str(n), text=text, title=title, source=Source(f"{n}.txt", 0, "0" * 64, "txt"))
            for n, (text, title) in enumerate(pages)]
best, digest = float("inf"), None
for _ in range(3):
    docs = documents()
    started = time.perf_counter()
    results = [stage.process(doc) for doc in docs]
    best = min(best, time.perf_counter() - started)
    hasher = hashlib.sha256()
    for result in results:
        if isinstance(result, Document):
            record = [result.text, [[e.stage, e.rule, e.start, e.end, e.removed, e.inserted]
                                    for e in result.edits], result.spam]
        else:
            record = ["drop", str(result.reason), result.detail]
        hasher.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode() + b"\n")
    digest = hasher.hexdigest()
print(json.dumps({"build_seconds": build, "seconds": best, "digest": digest}))
"""


def pages(count: int) -> list[tuple[str, str | None]]:
    """(text, title) of every document the stages are compared on."""
    sys.path.insert(0, str(REPO))
    from benchmarks.dressed_articles import dressed_pages, new_held_out_pages
    from scripts.make_corpus import generate

    texts = [(document.text, document.title) for document in generate(count, 11)]
    seeds = REPO.parent / "shared" / "seeds"
    texts += [(path.read_text(encoding="utf-8"), None) for path in sorted(seeds.glob("*.txt"))]
    texts += [(page.text, page.title) for page in [*dressed_pages(), *new_held_out_pages()]]
    return texts


def run_child(package_root: Path, pages_file: Path) -> dict:
    completed = subprocess.run([sys.executable, "-c", _CHILD, str(package_root), str(pages_file)],
                               capture_output=True, text=True, cwd=package_root)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def compare(count: int, baseline: str = BASELINE) -> dict:
    texts = pages(count)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        pages_file = folder / "pages.json"
        pages_file.write_text(json.dumps(texts), encoding="utf-8")
        old_root = folder / "baseline"
        old_root.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", baseline, "pipeline"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_root)], input=archive, check=True)
        old = run_child(old_root, pages_file)
        new = run_child(REPO, pages_file)
    return {"documents": len(texts), "characters": sum(len(text) for text, _ in texts), "baseline": baseline,
            "old": old, "new": new, "speedup": old["seconds"] / new["seconds"],
            "same_output": old["digest"] == new["digest"]}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks spam_speed",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=600, help="generated documents (default 600)")
    parser.add_argument("--baseline", default=BASELINE, help=f"commit to compare with (default {BASELINE})")
    args = parser.parse_args(argv)
    result = compare(args.docs, args.baseline)
    print(f"command: python -m benchmarks spam_speed --docs {args.docs} --baseline {args.baseline}")
    print(f"{result['documents']} documents, {result['characters']:,} characters, best of 3 passes, "
          "one process")
    for label in ("old", "new"):
        figures = result[label]
        name = args.baseline if label == "old" else "this tree"
        rate = result["documents"] / figures["seconds"]
        print(f"  {name}: {figures['seconds']:.2f} s ({rate:,.0f} docs/s), "
              f"build {figures['build_seconds']:.2f} s, output {figures['digest'][:16]}")
    print(f"speed-up {result['speedup']:.2f}x; same output: {result['same_output']}")
    return 0 if result["same_output"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
