"""The runner: plans shards, streams them through the stages on an executor, runs the
corpus-wide scans between segments, accounts for every record and swaps the new corpus in.

An existing corpus grows: only inputs it does not hold yet are cleaned (see
pipeline/incremental.py), and a killed run restarted on the same output resumes from the
shards it had finished (see pipeline/io/work.py)."""

from __future__ import annotations

import json
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
from pipeline.incremental import PreviousCorpus, carry_over, check_compatible, read_previous
from pipeline.io.compression import InflationLimits
from pipeline.io.inputs import InputFile, Shard, plan
from pipeline.io.lock import output_lock
from pipeline.io.output import (
    check_paths,
    check_replaceable,
    recover_interrupted_swap,
    remove_debris,
    swap_in,
)
from pipeline.io.readers import JsonFields
from pipeline.io.work import WorkFolder, work_folder_path
from pipeline.io.writers import read_jsonl_gz
from pipeline.manifest import corpus_manifest, run_section, timings_of
from pipeline.progress import Phase, Progress, progress_for
from pipeline.report.facts import ReportFacts, read_facts, write_facts
from pipeline.stages import REGISTRY
from pipeline.stages.base import CorpusStage, Stage
from pipeline.worker import (
    READ_STAGE,
    SegmentTask,
    ShardReport,
    install_stages,
    intermediate_path,
    run_segment,
)

EXIT_OK = 0
EXIT_UNREADABLE = 1  # also: no record was read at all (the output is left as it was)
EXIT_USAGE = 2
EXIT_LOCKED = 75  # sysexits' EX_TEMPFAIL: another run holds the output; schedulers retry later
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM; the output is left as it was (the shell's 128 + SIGINT)
REPORT_FACTS = Path("index") / "report"  # where the report's facts wait for the next run


@dataclass
class RunResult:
    manifest: dict[str, Any]
    exit_code: int
    written: bool = True  # False when nothing was read or nothing was new: the output was left as it was
    nothing_new: bool = False  # every input was already in the corpus
    resumed_shards: int = 0  # shard segments a killed run had finished and this one reused


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM; the finished shards are kept in `work_folder` for the next run."""

    def __init__(self, work_folder: Path | None, finished: int) -> None:
        super().__init__(f"interrupted with {finished} finished shards kept")
        self.work_folder, self.finished = work_folder, finished


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
    replace: bool = False,
) -> RunResult:
    """Clean `input_dir` into `output_dir`, growing the corpus there (or, with `replace`,
    building a fresh one). Raises OutputRefused (nothing touched) when the output is not
    ours to replace or was built with another configuration, OutputLocked when another run
    holds it. `progress`: True for a bar on a terminal or lines in a log (stderr), False for
    none, or a Progress."""
    input_dir, output_dir = Path(input_dir).resolve(), Path(output_dir).resolve()
    check_paths(input_dir, output_dir)
    if isinstance(progress, bool):
        progress = progress_for(progress)
    with output_lock(output_dir):
        recover_interrupted_swap(output_dir)
        check_replaceable(output_dir)
        return _run_locked(input_dir, output_dir, config, executor or LocalExecutor(), progress, replace)


def _run_locked(
    input_dir: Path, output_dir: Path, config: Config, executor: Executor, progress: Progress, replace: bool
) -> RunResult:
    started_at = datetime.now(UTC)
    clock = time.perf_counter()
    previous = None if replace else read_previous(output_dir)
    if previous is not None:
        check_compatible(previous, config)
    timings: dict[str, float] = {}
    tick = time.perf_counter()
    inputs, shards = plan(input_dir, config.run.shard_bytes, config.run.shard_files,
                          select=None if previous is None else (lambda item: not previous.holds(item)),
                          first_index=0 if previous is None else previous.next_part)
    timings["plan"] = time.perf_counter() - tick
    new_inputs = [item for item in inputs if previous is None or not previous.holds(item)]
    if previous is not None and inputs and not new_inputs:
        remove_debris(output_dir)
        return RunResult(manifest=previous.manifest, exit_code=EXIT_OK, written=False, nothing_new=True)
    key = _work_key(config, previous, new_inputs, shards)
    work_path = work_folder_path(output_dir, key)
    remove_debris(output_dir, keep=work_path)
    try:
        work = WorkFolder(output_dir, key)
        run_plan = _Plan(new_inputs, shards, input_dir, work, previous, config, progress)
        reports, scans, resumed = _run_segments(run_plan, executor, timings)
        section = run_section(new_inputs, shards, reports, scans, config)
        if section["totals"]["records"] == 0:
            # Nothing was read: replacing a corpus with an empty one would lose it for nothing.
            shutil.rmtree(work_path)
            return RunResult(manifest=section, exit_code=EXIT_UNREADABLE, written=False)
        total = section["totals"]
        seconds = time.perf_counter() - clock
        context = {"number": _run_number(previous), "skipped_inputs": len(inputs) - len(new_inputs),
                   "resumed_shards": resumed, "next_part": _next_part(previous, shards)}
        manifest = corpus_manifest(
            previous.manifest if previous else None, section, config,
            timings_of(started_at, timings, seconds, total["records"], total["input_bytes"]),
            executor.workers, context,
        )
        _finish(run_plan, manifest, reports)
        swap_in(work_path, output_dir)
    except KeyboardInterrupt:
        # A scheduler's SIGTERM (a time limit) should not waste the work done: finished
        # shards stay for the next run with the same input and configuration to reuse.
        finished = len(list(work_path.glob("_work/done/segment-*/shard-*.pickle")))
        if not finished:
            shutil.rmtree(work_path, ignore_errors=True)
        raise RunInterrupted(work_path if finished else None, finished) from None
    except BaseException:
        shutil.rmtree(work_path, ignore_errors=True)
        raise
    exit_code = EXIT_UNREADABLE if section["totals"]["unreadable"] else EXIT_OK
    return RunResult(manifest=manifest, exit_code=exit_code, resumed_shards=resumed)


def _work_key(config: Config, previous: PreviousCorpus | None, new_inputs: list[InputFile],
              shards: list[Shard]) -> dict[str, Any]:
    """Everything the new corpus depends on: the same key gives the same bytes, so a killed
    run's finished shards can be reused."""
    return {
        "format": 1, "version": __version__, "config_sha256": config.digest(),
        "previous_manifest_sha256": previous.manifest_sha256 if previous else None,
        "inputs": [[item.path, item.sha256] for item in new_inputs],
        "first_part": shards[0].index if shards else None,
    }


def _run_number(previous: PreviousCorpus | None) -> int:
    if previous is None:
        return 1
    return len(previous.manifest.get("runs", [])) + 1 if previous.manifest.get("runs") else 2


def _next_part(previous: PreviousCorpus | None, shards: list[Shard]) -> int:
    start = previous.next_part if previous else 0
    return max([start] + [shard.index + 1 for shard in shards])


def _finish(run_plan: _Plan, manifest: dict[str, Any], reports: list[ShardReport]) -> None:
    """Everything after the parts: the previous corpus's files, the report and its facts,
    the schema, manifest and README."""
    work, previous, output_format = run_plan.work, run_plan.previous, run_plan.config.run.output_format
    work.close_work()
    facts = (read_facts(previous.folder / REPORT_FACTS) if previous else None) or ReportFacts()
    for report in reports:
        facts.merge(report.facts)
    write_facts(work.path / REPORT_FACTS, facts)
    if previous is not None:
        carry_over(previous, work.path)
    _remove_empty_folders(work.path / "index")
    # Imported here, once the workers are gone: pyarrow (the schema files) and the plotting
    # library (the report) are needed once per run, at the very end, and the main process
    # would otherwise hold them (about 50 and 35 MB) beside the workers all run long.
    from pipeline.io.schema import SCHEMAS
    from pipeline.io.writers import write_schema_file
    from pipeline.report.page import failed_report, write_report

    for name, schema in SCHEMAS.items():
        write_schema_file(work.path / "schema" / f"{name}.parquet", schema)

    try:
        write_report(work.path / "report.html", manifest, facts)
    except Exception as error:  # a broken chart must not cost a night's corpus; say so instead
        manifest["report_error"] = f"{type(error).__name__}: {error}"
        (work.path / "report.html").write_text(failed_report(manifest["report_error"]), encoding="utf-8")
    (work.path / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (work.path / "README.md").write_text(output_readme(output_format), encoding="utf-8")


@dataclass
class _Plan:
    """What every segment of one run shares."""

    inputs: list[InputFile]
    shards: list[Shard]
    input_dir: Path
    work: WorkFolder
    previous: PreviousCorpus | None  # the corpus being grown, for the corpus stages' indexes
    config: Config
    progress: Progress

    def shard_sizes(self) -> dict[int, int]:
        """Input bytes of each shard (a JSONL cut counts its byte range), by shard number."""
        sizes = {item.path: item.bytes for item in self.inputs}
        return {shard.index: sum((sizes[item.path] if item.end is None else item.end) - item.start
                                 for item in shard.items) for shard in self.shards}


def _run_segments(
    run_plan: _Plan, executor: Executor, timings: dict[str, float]
) -> tuple[list[ShardReport], dict[str, Any], int]:
    """Every segment over every shard, reusing shards a killed run had finished; returns the
    reports in (segment, shard) order, the corpus stages' scan figures and how many were reused."""
    segments = split_segments(list(run_plan.config.run.stages))
    reports: list[ShardReport] = []
    scans: dict[str, Any] = {}
    sizes = run_plan.shard_sizes()
    reused = 0
    for index, segment in enumerate(segments):
        tick = time.perf_counter()
        is_last = index == len(segments) - 1
        finished = run_plan.work.finished(index) if run_plan.work.resumed else {}
        # Workers build ordinary stages themselves (their data files load once per worker);
        # a corpus stage is built and fitted here, then shipped with its scan state.
        specs: list[Stage | tuple[str, Any]] = [(name, run_plan.config.stages[name]) for name in segment]
        if index > 0:
            specs[0] = _fitted_corpus_stage(run_plan, segment[0], index - 1, scans)
        tasks = [task for task in _segment_tasks(run_plan, index, is_last)
                 if task.shard.index not in finished]
        for task in tasks:
            run_plan.work.forget(index, task.shard.index, is_last, run_plan.config.run.output_format)
        phase = run_plan.progress.phase(f"[{index + 1}/{len(segments)}] {', '.join(segment) or 'read'}",
                                        len(run_plan.shards), sum(sizes.values()))
        first = READ_STAGE if index == 0 else segment[0]
        for report in finished.values():
            phase.advance(report.stages[first].entered, sizes[report.shard])
        done = dict(finished)
        for report in executor.map(run_segment, tasks, install_stages, (specs,)):
            run_plan.work.mark_finished(index, report)
            phase.advance(report.stages[first].entered, sizes[report.shard])
            done[report.shard] = report
        phase.close()
        reused += len(finished)
        reports += [done[number] for number in sorted(done)]
        timings[f"segment_{index + 1}"] = time.perf_counter() - tick
    return reports, scans, reused


def _fitted_corpus_stage(run_plan: _Plan, name: str, segment: int, scans: dict[str, Any]) -> CorpusStage:
    """Build a corpus stage and stream through it every document that left `segment`."""
    corpus_stage = REGISTRY[name](run_plan.config.stages[name])
    assert isinstance(corpus_stage, CorpusStage)
    previous_index = run_plan.previous.folder / "index" / name if run_plan.previous else None
    index_dir = run_plan.work.path / "index" / name
    index_dir.mkdir(parents=True, exist_ok=True)
    corpus_stage.begin_scan(previous_index if previous_index and previous_index.is_dir() else None, index_dir)
    phase = run_plan.progress.phase(f"scan for {name}", None)
    corpus_stage.scan(_documents_of(run_plan.work.work, segment, run_plan.shards, phase))
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
            work_dir=str(run_plan.work.work),
            output_dir=str(run_plan.work.path),
            is_last=is_last,
            max_record_bytes=config.run.max_record_bytes,
            html_extractor=config.run.html_extractor,
            json_fields=JsonFields(config.run.text_field, config.run.id_field),
            output_format=config.run.output_format,
            stage_timeout=config.run.stage_timeout,
            inflation=InflationLimits(config.run.max_inflated_bytes, config.run.max_inflation_ratio),
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


def _remove_empty_folders(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()


def output_readme(output_format: str = "jsonl") -> str:
    """The README written into every corpus: a dataset card header, then the layout."""
    from pipeline.io.card import front_matter  # loads pyarrow: see _finish

    body = resources.files("pipeline").joinpath("output_readme.md").read_text(encoding="utf-8")
    return front_matter(output_format) + "\n" + body
