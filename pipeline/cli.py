"""Command line: `corpus-pipeline run` cleans a folder into a corpus (or grows one);
`inspect` explains one record of a corpus; `config` prints the default configuration."""

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

A run into an existing corpus adds to it: inputs the corpus already holds (same path
and sha256) are skipped, new ones are cleaned and deduplicated against the whole corpus,
earlier documents stay. --replace builds a fresh corpus instead. A killed run restarted
with the same input and configuration reuses the shards it had finished.

Exit codes: 0 done, every record accounted for (also: nothing new to add); 1 done, but some inputs were
unreadable (listed in the summary and in rejected/), or no record was read at all (the
output is left as it was); 2 bad usage or configuration, or an --output that is not
ours to replace (a file, a folder that is not a corpus of this tool, a folder holding
the input) or a corpus built with another configuration (use --replace): nothing
written; 75 another run holds --output (its pid, host and start
time are named; retry later); 130 interrupted (Ctrl-C, SIGTERM): output left as it was.

Progress goes to stderr: a live bar on a terminal, plain lines in a pipe or log file,
or JSON lines with --log-format json.
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
    run.add_argument("--executor", choices=("local", "dask"),
                     help="where shards run: local worker processes (default) or a Dask cluster; "
                          "overrides run.executor; the output is the same bytes either way")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="with --executor dask: the scheduler to use (tcp://host:8786); without it "
                          "a LocalCluster of --workers processes is started for the run")
    run.add_argument("--replace", action="store_true",
                     help="build a fresh corpus from this input alone instead of adding to the one "
                          "in --output")
    run.add_argument("--quiet", action="store_true", help="no progress and no summary")
    run.add_argument("--log-format", choices=("text", "json"), default="text",
                     help="stderr as plain lines (default) or one JSON object a line, for a scheduler")
    inspect = commands.add_parser(
        "inspect", help="explain one record of a corpus: source, edits, scores, duplicates",
        description="Show where a kept or rejected record came from, every edit with the removed text, "
                    "its scores and spans, and its duplicates or the survivor it was removed for. "
                    "Exit 0 found, 1 no such record, 2 not a corpus.",
    )
    inspect.add_argument("--output", required=True, type=Path, metavar="DIR", help="the corpus folder")
    inspect.add_argument("id", nargs="?", help="the record's id (documents/ or rejected/)")
    inspect.add_argument("--path", help="instead of an id: the input path, relative to the input folder")
    inspect.add_argument("--record", type=int, default=0, metavar="N",
                         help="with --path: the record number inside that file (default 0)")
    inspect.add_argument("--json", action="store_true", help="one JSON object, for scripts")
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
    if args.command == "inspect":
        from pipeline.inspect import inspect_command

        return inspect_command(args)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from pipeline.config import load_config
    from pipeline.executor import executor_for
    from pipeline.incremental import CorpusMismatch
    from pipeline.io.lock import OutputLocked
    from pipeline.io.output import OutputRefused
    from pipeline.logs import JsonLog, TextLog
    from pipeline.runner import EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_USAGE, RunInterrupted, run

    log = JsonLog() if args.log_format == "json" else TextLog()
    if not args.input.is_dir():
        log.event("error", f"--input {args.input} is not a folder", "error", exit_code=EXIT_USAGE)
        return EXIT_USAGE
    if args.workers < 0:
        log.event("error", "--workers must be 0 (all cores) or more", "error", exit_code=EXIT_USAGE)
        return EXIT_USAGE
    try:
        config = load_config(args.config)
    except ConfigError as error:
        log.event("error", f"configuration: {error}", "error", exit_code=EXIT_USAGE)
        return EXIT_USAGE
    for message in config.deprecations:
        log.event("config_deprecated", f"configuration: {message}", "warning")
    executor = executor_for(args.executor or config.run.executor, args.workers,
                            args.scheduler or config.run.scheduler,
                            announce=lambda message: log.event("cluster", message))
    # A scheduler stops a job with SIGTERM: turn it into an exception so the work folder
    # and the lock are dealt with as for Ctrl-C.
    signal.signal(signal.SIGTERM, _terminate)
    if log.json:
        log.event("run_started", f"cleaning {args.input} into {args.output}", input=str(args.input),
                  output=str(args.output), replace=args.replace, workers=executor.workers,
                  config_sha256=config.digest())
    progress: Any = not args.quiet
    if isinstance(log, JsonLog) and progress:
        progress = log.progress()
    try:
        result = run(args.input, args.output, config, executor=executor, progress=progress,
                     replace=args.replace)
    except (OutputRefused, CorpusMismatch) as error:
        log.event("error", str(error), "error", exit_code=EXIT_USAGE)
        return EXIT_USAGE
    except OutputLocked as error:
        log.event("error", str(error), "error", exit_code=EXIT_LOCKED, holder=error.holder)
        return EXIT_LOCKED
    except KeyboardInterrupt as interrupt:
        kept, finished = ((interrupt.work_folder, interrupt.finished) if isinstance(interrupt, RunInterrupted)
                          else (None, 0))
        resume = (f"; {finished} finished shards are kept in {kept} for the next run "
                  "with the same input and configuration (delete it to discard them)") if kept else ""
        log.event("interrupted", f"interrupted; {args.output} was left as it was{resume}", "warning",
                  exit_code=EXIT_INTERRUPTED, work_folder=str(kept) if kept else None)
        return EXIT_INTERRUPTED
    finally:
        executor.close()
    _report_outcome(args, result, log)
    return result.exit_code


def _report_outcome(args: argparse.Namespace, result: Any, log: Any) -> None:
    if result.nothing_new:
        log.event("nothing_new", f"every input is already in {args.output}; it was left as it was",
                  exit_code=result.exit_code, inputs=result.manifest["totals"]["inputs"])
    elif not result.written:
        log.event("nothing_read", f"no records were read from {args.input}; {args.output} was left as it was",
                  "warning", exit_code=result.exit_code)
    elif log.json:
        manifest = result.manifest
        this_run = manifest["run"]
        log.event("run_finished", f"{this_run['totals']['records']} records cleaned into {args.output}",
                  exit_code=result.exit_code, run=this_run["number"],
                  new_inputs=len(this_run["new_inputs"]), skipped_inputs=this_run["skipped_inputs"],
                  resumed_shards=manifest["run"]["resumed_shards"], totals=manifest["run"]["totals"],
                  corpus=manifest["totals"], problems=manifest["run"]["problems"][:20],
                  seconds=manifest["timings"]["total_seconds"], report=str(args.output / "report.html"))
    elif not args.quiet:
        print(summary(result.manifest, args.output))


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def summary(manifest: dict[str, Any], output: Path) -> str:
    """This run's figures (the last run of the corpus in `manifest`), then the corpus's."""
    run = manifest.get("run", manifest)
    totals, corpus = run["totals"], manifest["totals"]
    lines = [
        f"{totals['records']} records from {totals['inputs']} files: "
        f"{totals['kept']} kept, {totals['rejected']} rejected -> {output}",
    ]
    if corpus != totals:
        lines.append(f"run {run['number']}: {run['skipped_inputs']} inputs already in the corpus were "
                     f"skipped; the corpus now holds {corpus['kept']} documents from "
                     f"{corpus['inputs']} inputs")
    if run.get("resumed_shards"):
        lines.append(f"resumed: {run['resumed_shards']} shard steps finished by an interrupted run "
                     "were reused")
    lines += [
        "",
        f"{'stage':<14}{'in':>9}{'kept':>9}{'dropped':>9}{'edits':>9}{'seconds':>10}",
    ]
    for name, stage in run["stages"].items():
        dropped = sum(stage["dropped"].values())
        edits = sum(stage["edits"].values())
        lines.append(f"{name:<14}{stage['entered']:>9}{stage['kept']:>9}{dropped:>9}{edits:>9}"
                     f"{stage['seconds']:>10.2f}")
    if totals["reasons"]:
        lines += ["", "rejected by reason: " + ", ".join(f"{k} {v}" for k, v in totals["reasons"].items())]
    if run["problems"]:
        lines += ["", f"{totals['unreadable']} unreadable inputs:"]
        lines += [f"  - {problem}" for problem in run["problems"][:20]]
        if totals["unreadable"] > 20:
            lines.append(f"  ... and {totals['unreadable'] - 20} more (manifest.json, rejected/)")
    timings = manifest["timings"]
    lines += ["", f"report: {output / 'report.html'}",
              f"{totals['input_bytes'] / 1e6:,.1f} MB in {timings['total_seconds']:,.1f} s wall: "
                  f"{timings['records_per_second']:,.1f} docs/s, {timings['megabytes_per_second']:,.2f} MB/s"]
    return "\n".join(lines)
