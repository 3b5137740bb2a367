"""Build the spin stage's derived data from installed packages, once, at install time.

`python -m pipeline.spin.build` (run by `make` after installing the packages) writes the
compact tables of `pipeline.spin.tables` into `pipeline/data/spin/built/`, each to a scratch
file renamed into place, so a reader never sees half a file. The stage only reads them;
without them, each process builds the same tables in memory.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pipeline.spin.tables import build_files, built_folder, built_names


def write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.chmod(scratch, 0o644)
    os.replace(scratch, path)


def main(argv: list[str] | None = None) -> int:
    from pipeline.stages.spin import load_vocabulary

    function_words = load_vocabulary().function_words
    tables, thesaurus = build_files(function_words)
    folder = built_folder()
    tables_name, thesaurus_name = built_names(function_words)
    write_atomically(folder / tables_name, tables)
    write_atomically(folder / thesaurus_name, thesaurus.encode("utf-8"))
    print(f"spin: word and phrase tables and the thesaurus written to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
