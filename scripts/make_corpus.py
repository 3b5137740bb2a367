"""Write a synthetic scraped-web corpus, with its ground truth, deterministically.

    python scripts/make_corpus.py --out raw --docs 40 --seed 7        # the committed raw/
    python scripts/make_corpus.py --out bench-data/100k --docs 100000  # a benchmark corpus

The generator lives in the `scripts.synthetic_corpus` package (its docstring describes the
corpus); this module keeps the command line and `scripts.make_corpus.generate(...)` working.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.synthetic_corpus import (  # noqa: E402
    DEFECTS,
    FORMATS,
    JUNK_KINDS,
    KINDS,
    LANGUAGES,
    NEAR_DUPLICATE_VARIANTS,
    CorpusDocument,
    _rng,
    generate,
    main,
    spin_text,
    write_corpus,
)

__all__ = ["DEFECTS", "FORMATS", "JUNK_KINDS", "KINDS", "LANGUAGES", "NEAR_DUPLICATE_VARIANTS",
           "CorpusDocument",
           "_rng", "generate", "main", "spin_text", "write_corpus"]

if __name__ == "__main__":
    sys.exit(main())
