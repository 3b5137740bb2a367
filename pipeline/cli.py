"""Command line: `corpus-pipeline run` cleans a folder; `corpus-pipeline config` prints the
default configuration."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import ConfigError

DESCRIPTION = """\
Turn a folder of scraped web pages into a clean, deduplicated corpus in which every
document says where it came from and every edit says which stage made it and why.

Inputs (found recursively, .gz and .zst read transparently): .txt, .html/.htm,
.jsonl and .json (JSON lines; the text in run.text_field, the record's own id in
run.id_field, "url" and "date" kept as provenance, other fields as metadata), .warc.

Exit codes: 0 done, every record accounted for; 1 done, but some inputs were
unreadable (listed in the summary and in rejected/), or no record was read at all (the
output is left as it was); 2 bad usage or configuration, or an --output that is not
ours to replace (a file, a folder that is not a corpus of this tool, a folder holding
the input): nothing written; 75 another run holds --output (its pid, host and start
time are named; retry later); 130 interrupted (Ctrl-C, SIGTERM): output left as it was.

Progress goes to stderr: a live bar on a terminal, plain lines in a pipe or log file.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpus-pipeline", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser(
        "run", help="clean a folder of raw pages into a corpus folder",
        description="Clean every input file below --input into --output (replaced atomically at the end, "
                    "only if it is absent, empty or a corpus this tool wrote).",
    )
    run.add_argument("--input", required=True, type=Path, metavar="DIR", help="folder of raw pages")
    run.add_argument("--output", required=True, type=Path, metavar="DIR",
                     help="corpus folder to write (the previous one is replaced only when the run succeeds)")
    run.add_argument("--config", type=Path, metavar="FILE",
                     help="TOML configuration; defaults for every key not given (see `config`)")
    run.add_argument("--workers", type=int, default=0, metavar="N",
                     help="worker processes (default 0: one per core); output does not depend on it")
    run.add_argument("--quiet", action="store_true", help="no progress and no summary")
    commands.add_parser(
        "config", help="print the default configuration, with what each key means",
        description="Print the default configuration as TOML, every key documented.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from pipeline.runner import EXIT_USAGE

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else 0
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "config":
        from pipeline.config import defaults_toml

        sys.stdout.write(defaults_toml())
        return 0
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from pipeline.config import load_config
    from pipeline.executor import LocalExecutor
    from pipeline.io.lock import OutputLocked
    from pipeline.io.output import OutputRefused
    from pipeline.runner import EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_USAGE, run

    if not args.input.is_dir():
        print(f"error: --input {args.input} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.workers < 0:
        print("error: --workers must be 0 (all cores) or more", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"error: configuration: {error}", file=sys.stderr)
        return EXIT_USAGE
    executor = LocalExecutor(args.workers)
    # A scheduler stops a job with SIGTERM: turn it into an exception so the temporary
    # folder and the lock are cleaned up as for Ctrl-C.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        result = run(args.input, args.output, config, executor=executor, progress=not args.quiet)
    except OutputRefused as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OutputLocked as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_LOCKED
    except KeyboardInterrupt:
        print(f"interrupted; {args.output} was left as it was", file=sys.stderr)
        return EXIT_INTERRUPTED
    if not result.written:
        print(f"no records were read from {args.input}; {args.output} was left as it was", file=sys.stderr)
    elif not args.quiet:
        print(summary(result.manifest, args.output))
    return result.exit_code


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def summary(manifest: dict[str, Any], output: Path) -> str:
    totals = manifest["totals"]
    lines = [
        f"{totals['records']} records from {totals['inputs']} files: "
        f"{totals['kept']} kept, {totals['rejected']} rejected -> {output}",
        "",
        f"{'stage':<14}{'in':>9}{'kept':>9}{'dropped':>9}{'edits':>9}{'seconds':>10}",
    ]
    for name, stage in manifest["stages"].items():
        dropped = sum(stage["dropped"].values())
        edits = sum(stage["edits"].values())
        lines.append(f"{name:<14}{stage['entered']:>9}{stage['kept']:>9}{dropped:>9}{edits:>9}"
                     f"{stage['seconds']:>10.2f}")
    if totals["reasons"]:
        lines += ["", "rejected by reason: " + ", ".join(f"{k} {v}" for k, v in totals["reasons"].items())]
    if manifest["problems"]:
        lines += ["", f"{totals['unreadable']} unreadable inputs:"]
        lines += [f"  - {problem}" for problem in manifest["problems"][:20]]
        if totals["unreadable"] > 20:
            lines.append(f"  ... and {totals['unreadable'] - 20} more (manifest.json, rejected/)")
    timings = manifest["timings"]
    lines += ["", f"{totals['input_bytes'] / 1e6:,.1f} MB in {timings['total_seconds']:,.1f} s wall: "
                  f"{timings['records_per_second']:,.1f} docs/s, {timings['megabytes_per_second']:,.2f} MB/s"]
    return "\n".join(lines)
