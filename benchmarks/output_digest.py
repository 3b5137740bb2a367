"""Digests of the pipeline's output on `raw/` and on a generated corpus, to show that a
reshaping commit leaves every output byte as it was: run it at both commits and compare.

`python -m benchmarks.output_digest [--docs N] [--seed S]`

The generated corpus (`scripts/make_corpus.py`) goes through the text-editing stages only
(normalize, template_lines, boilerplate, pii, spam), which are the ones a reshaping of the
cleaning rules can change; `raw/` goes through the default configuration.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EDITING_STAGES = ("normalize", "template_lines", "boilerplate", "pii", "spam")


def folder_digest(folder: Path) -> str:
    """sha256 over the relative names and bytes of every file of `folder`, in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(input_folder: Path, output: Path, config: Path | None) -> None:
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(input_folder),
               "--output", str(output), "--quiet"]
    if config is not None:
        command += ["--config", str(config)]
    subprocess.run(command, check=True, cwd=REPO)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        subprocess.run([sys.executable, "scripts/make_corpus.py", "--out", str(work / "corpus"),
                        "--docs", str(options.docs), "--seed", str(options.seed)],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        config = work / "editing.toml"
        config.write_text("[run]\nstages = [" + ", ".join(f'"{s}"' for s in EDITING_STAGES) + "]\n")
        run(REPO / "raw", work / "raw-out", None)
        run(work / "corpus", work / "corpus-out", config)
        for label, out in (("raw/ (default stages)", work / "raw-out"),
                           (f"generated {options.docs} docs, seed {options.seed} (editing stages)",
                            work / "corpus-out")):
            for part in ("documents", "rejected"):
                folder = out / part
                digest = folder_digest(folder) if folder.is_dir() else "(none)"
                print(f"{label} {part}: {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
