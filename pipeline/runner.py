"""The runner: plans shards, streams them through the stages on an executor, runs the
corpus-wide scans between segments, accounts for every record and swaps the new corpus in."""

from __future__ import annotations

import json
import platform
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.config import Config
from pipeline.document import Document
from pipeline.executor import Executor, LocalExecutor
from pipeline.io.card import front_matter
from pipeline.io.inputs import InputFile, Shard, plan
from pipeline.io.lock import output_lock
from pipeline.io.output import check_paths, check_replaceable, remove_debris, swap_in, temporary_folder
from pipeline.io.readers import JsonFields
from pipeline.io.schema import SCHEMAS
from pipeline.io.writers import read_jsonl_gz, write_schema_file
from pipeline.progress import Phase, Progress, progress_for
from pipeline.stages import REGISTRY
from pipeline.stages.base import CorpusStage, Stage
from pipeline.worker import (
    READ_STAGE,
    SegmentTask,
    ShardReport,
    StageCounts,
    install_stages,
    intermediate_path,
    run_segment,
)

EXIT_OK = 0
EXIT_UNREADABLE = 1  # also: no record was read at all (the output is left as it was)
EXIT_USAGE = 2
EXIT_LOCKED = 75  # sysexits' EX_TEMPFAIL: another run holds the output; schedulers retry later
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM; the output is left as it was (the shell's 128 + SIGINT)


@dataclass
class RunResult:
    manifest: dict[str, Any]
    exit_code: int
    written: bool = True  # False when nothing was read and the output was left as it was


def split_segments(names: list[str]) -> list[list[str]]:
    """Cut the stage list before every corpus stage: the runner must stop there, let that
    stage scan the whole corpus, then go on. The first segment always starts at reading."""
    segments: list[list[str]] = [[]]
    for name in names:
        if issubclass(REGISTRY[name], CorpusStage):
            segments.append([])
        segments[-1].append(name)
    return segments


def run(
    input_dir: Path,
    output_dir: Path,
    config: Config,
    executor: Executor | None = None,
    progress: bool | Progress = True,
) -> RunResult:
    """Clean `input_dir` into `output_dir`. Raises OutputRefused (nothing touched) when the
    output is not ours to replace, OutputLocked when another run holds it. `progress`: True
    for a bar on a terminal or lines in a log (stderr), False for none, or a Progress."""
    input_dir, output_dir = Path(input_dir).resolve(), Path(output_dir).resolve()
    check_paths(input_dir, output_dir)
    if isinstance(progress, bool):
        progress = progress_for(progress)
    with output_lock(output_dir):
        remove_debris(output_dir)
        check_replaceable(output_dir)
        return _run_locked(input_dir, output_dir, config, executor or LocalExecutor(), progress)


def _run_locked(
    input_dir: Path, output_dir: Path, config: Config, executor: Executor, progress: Progress
) -> RunResult:
    started_at = datetime.now(UTC)
    clock = time.perf_counter()
    partial = temporary_folder(output_dir)
    try:
        timings: dict[str, float] = {}
        tick = time.perf_counter()
        inputs, shards = plan(input_dir, config.run.shard_bytes, config.run.shard_files)
        timings["plan"] = time.perf_counter() - tick
        previous = output_dir if output_dir.exists() else None
        run_plan = _Plan(inputs, shards, input_dir, partial, previous, config, progress)
        reports, scans = _run_segments(run_plan, executor, timings)
        manifest = _manifest(inputs, shards, reports, scans, config, started_at, timings, executor)
        _add_throughput(manifest, time.perf_counter() - clock)
        if manifest["totals"]["records"] == 0:
            # Nothing was read: replacing a corpus with an empty one would lose it for nothing.
            shutil.rmtree(partial)
            return RunResult(manifest=manifest, exit_code=EXIT_UNREADABLE, written=False)
        _finish(partial, manifest, config.run.output_format)
        swap_in(partial, output_dir)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    exit_code = EXIT_UNREADABLE if manifest["totals"]["unreadable"] else EXIT_OK
    return RunResult(manifest=manifest, exit_code=exit_code)


def _finish(partial: Path, manifest: dict[str, Any], output_format: str) -> None:
    """Everything after the parts: drop the work files; write the schema, manifest and README."""
    shutil.rmtree(partial / "_work", ignore_errors=True)
    _remove_empty_folders(partial / "index")
    for name, schema in SCHEMAS.items():
        write_schema_file(partial / "schema" / f"{name}.parquet", schema)
    (partial / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (partial / "README.md").write_text(output_readme(output_format), encoding="utf-8")


@dataclass
class _Plan:
    """What every segment of one run shares."""

    inputs: list[InputFile]
    shards: list[Shard]
    input_dir: Path
    partial: Path
    previous: Path | None  # the corpus being replaced, for the corpus stages' indexes
    config: Config
    progress: Progress

    def shard_sizes(self) -> list[int]:
        """Input bytes of each shard (a JSONL cut counts its byte range)."""
        sizes = {item.path: item.bytes for item in self.inputs}
        return [sum((sizes[item.path] if item.end is None else item.end) - item.start for item in shard.items)
                for shard in self.shards]


def _run_segments(
    run_plan: _Plan, executor: Executor, timings: dict[str, float]
) -> tuple[list[ShardReport], dict[str, Any]]:
    segments = split_segments(list(run_plan.config.run.stages))
    reports: list[ShardReport] = []
    scans: dict[str, Any] = {}
    sizes = run_plan.shard_sizes()
    for index, segment in enumerate(segments):
        tick = time.perf_counter()
        # Workers build ordinary stages themselves (their data files load once per worker);
        # a corpus stage is built and fitted here, then shipped with its scan state.
        specs: list[Stage | tuple[str, Any]] = [(name, run_plan.config.stages[name]) for name in segment]
        if index > 0:
            specs[0] = _fitted_corpus_stage(run_plan, segment[0], index - 1, scans)
        tasks = _segment_tasks(run_plan, index, is_last=index == len(segments) - 1)
        phase = run_plan.progress.phase(f"[{index + 1}/{len(segments)}] {', '.join(segment) or 'read'}",
                                        len(tasks), sum(sizes))
        for report in executor.map(run_segment, tasks, install_stages, (specs,)):
            first = READ_STAGE if index == 0 else segment[0]
            phase.advance(report.stages[first].entered, sizes[report.shard])
            reports.append(report)
        phase.close()
        timings[f"segment_{index + 1}"] = time.perf_counter() - tick
    return reports, scans


def _fitted_corpus_stage(run_plan: _Plan, name: str, segment: int, scans: dict[str, Any]) -> CorpusStage:
    """Build a corpus stage and stream through it every document that left `segment`."""
    corpus_stage = REGISTRY[name](run_plan.config.stages[name])
    assert isinstance(corpus_stage, CorpusStage)
    previous_index = run_plan.previous / "index" / name if run_plan.previous else None
    index_dir = run_plan.partial / "index" / name
    index_dir.mkdir(parents=True, exist_ok=True)
    corpus_stage.begin_scan(previous_index if previous_index and previous_index.is_dir() else None, index_dir)
    phase = run_plan.progress.phase(f"scan for {name}", None)
    corpus_stage.scan(_documents_of(run_plan.partial / "_work", segment, run_plan.shards, phase))
    phase.close()
    scans[name] = corpus_stage.finish_scan()
    return corpus_stage


def _segment_tasks(run_plan: _Plan, segment: int, is_last: bool) -> list[SegmentTask]:
    config = run_plan.config
    pipeline_fields = {"version": __version__, "config_sha256": config.digest()}
    return [
        SegmentTask(
            shard=shard,
            segment=segment,
            input_root=str(run_plan.input_dir),
            work_dir=str(run_plan.partial / "_work"),
            output_dir=str(run_plan.partial),
            is_last=is_last,
            max_record_bytes=config.run.max_record_bytes,
            html_extractor=config.run.html_extractor,
            json_fields=JsonFields(config.run.text_field, config.run.id_field),
            output_format=config.run.output_format,
            pipeline_fields=pipeline_fields,
        )
        for shard in run_plan.shards
    ]


def _documents_of(work_dir: Path, segment: int, shards: list[Shard], phase: Phase) -> Iterator[Document]:
    """Stream every document that left `segment`, in shard order."""
    for shard in shards:
        path = intermediate_path(work_dir, segment, "documents", shard.index)
        if path.exists():
            for record in read_jsonl_gz(path):
                phase.advance(1, steps=0)
                yield Document.from_record(record)


def _add_throughput(manifest: dict[str, Any], seconds: float) -> None:
    """Wall time of the whole run and what it achieved per second, for the summary."""
    totals, timings = manifest["totals"], manifest["timings"]
    timings["total_seconds"] = round(seconds, 3)
    timings["records_per_second"] = round(totals["records"] / max(seconds, 1e-9), 1)
    timings["megabytes_per_second"] = round(totals["input_bytes"] / 1e6 / max(seconds, 1e-9), 3)


def _remove_empty_folders(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()


def _manifest(
    inputs: list[InputFile],
    shards: list[Shard],
    reports: list[ShardReport],
    scans: dict[str, Any],
    config: Config,
    started_at: datetime,
    timings: dict[str, float],
    executor: Executor,
) -> dict[str, Any]:
    stage_counts: dict[str, StageCounts] = {}
    records: dict[str, int] = {}
    kept: dict[str, int] = {}
    rejected: dict[str, int] = {}
    problems: list[str] = []
    for report in reports:
        for name, counts in report.stages.items():
            stage_counts.setdefault(name, StageCounts()).merge(counts)
        for target, source in ((records, report.records_per_input), (kept, report.kept_per_input),
                               (rejected, report.rejected_per_input)):
            for path, count in source.items():
                target[path] = target.get(path, 0) + count
        problems.extend(report.problems)
    reasons: dict[str, int] = {}
    for counts in stage_counts.values():
        for reason, count in counts.dropped.items():
            reasons[reason] = reasons.get(reason, 0) + count
    total_records = sum(records.values())
    total_kept = sum(kept.values())
    total_rejected = sum(rejected.values())
    order = [READ_STAGE] + list(config.run.stages)
    return {
        "pipeline": {"version": __version__, "config_sha256": config.digest()},
        "config": config.to_dict(),
        "stages": {
            name: _stage_entry(name, stage_counts[name], scans) for name in order if name in stage_counts
        },
        "inputs": [
            {"path": item.path, "sha256": item.sha256, "bytes": item.bytes, "format": item.format,
             "records": records.get(item.path, 0), "kept": kept.get(item.path, 0),
             "rejected": rejected.get(item.path, 0)}
            for item in inputs
        ],
        "totals": {
            "inputs": len(inputs),
            "input_bytes": sum(item.bytes for item in inputs),
            "shards": len(shards),
            "records": total_records,
            "kept": total_kept,
            "rejected": total_rejected,
            "accounted": total_records == total_kept + total_rejected,
            "reasons": dict(sorted(reasons.items())),
            "unreadable": len(problems),
        },
        "problems": problems[:1000],
        "timings": {
            "started": started_at.isoformat(timespec="seconds"),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            **{f"{key}_seconds": round(value, 3) for key, value in timings.items()},
        },
        "environment": {"python": platform.python_version(), "workers": executor.workers},
    }


def _stage_entry(name: str, counts: StageCounts, scans: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": REGISTRY[name].version if name in REGISTRY else 1,
        "entered": counts.entered,
        "kept": counts.kept,
        "dropped": dict(sorted(counts.dropped.items())),
        "edits": dict(sorted(counts.rules.items())),
        "seconds": round(counts.seconds, 3),
        **({"scan": scans[name]} if name in scans else {}),
    }


def output_readme(output_format: str = "jsonl") -> str:
    """The README written into every corpus: a dataset card header, then the layout."""
    body = resources.files("pipeline").joinpath("output_readme.md").read_text(encoding="utf-8")
    return front_matter(output_format) + "\n" + body
