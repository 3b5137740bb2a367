"""The command line: `python scripts/make_corpus.py --out DIR --docs N`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .documents import DEFAULT_SHARD_DOCS, FORMATS, SMALL_LIMIT
from .generation import _check_formats
from .writers import write_corpus

# The first line of the package's docstring, shown by --help.
DESCRIPTION = "Write a synthetic scraped-web corpus, with its ground truth, deterministically."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--docs", type=int, required=True, help="number of documents")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="comma-separated subset of txt,html,jsonl,warc (default: all)")
    parser.add_argument("--mode", choices=("auto", "small", "large"), default="auto",
                        help=f"small: spread over all formats; large: mostly JSONL shards "
                             f"(auto: small up to {SMALL_LIMIT} documents)")
    parser.add_argument("--shard-docs", type=int, default=DEFAULT_SHARD_DOCS,
                        help="JSONL lines per shard in large mode")
    args = parser.parse_args(argv)
    formats = [fmt.strip() for fmt in args.formats.split(",") if fmt.strip()]
    if args.docs < 1 or args.shard_docs < 1:
        parser.error("--docs and --shard-docs must be positive")
    try:
        _check_formats(formats)
    except ValueError as error:
        parser.error(str(error))
    started = time.perf_counter()
    written = write_corpus(args.out, args.docs, args.seed, formats, args.mode, args.shard_docs)
    size = sum((args.out / path).stat().st_size for path in written)
    print(f"wrote {args.docs} documents in {len(written)} files ({size / 1e6:.1f} MB) to {args.out} "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
