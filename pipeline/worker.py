"""What runs inside a worker: one shard through one segment of stages."""

from __future__ import annotations

import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.budget import StageTimeout, TimeBudget, timeout_drop
from pipeline.document import Document, Drop, Reason, document_id
from pipeline.io.compression import InflationLimits
from pipeline.io.inputs import Shard
from pipeline.io.readers import READ_STAGE, JsonFields, RawRecord, ReadLimits, read_item
from pipeline.io.writers import JsonlGzWriter, PartWriter, part_writer, read_jsonl_gz
from pipeline.report.facts import ReportFacts
from pipeline.stages.base import Stage

# Reasons that mean an input could not be read: they make the run exit 1.
UNREADABLE_REASONS = frozenset({Reason.UNREADABLE.value, Reason.TOO_LARGE.value, Reason.STAGE_ERROR.value,
                                Reason.TIMEOUT.value})


@dataclass
class StageCounts:
    entered: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)  # edits per rule
    seconds: float = 0.0

    def merge(self, other: StageCounts) -> None:
        self.entered += other.entered
        self.kept += other.kept
        self.dropped.update(other.dropped)
        self.rules.update(other.rules)
        self.seconds += other.seconds


@dataclass
class ShardReport:
    shard: int
    stages: dict[str, StageCounts] = field(default_factory=lambda: defaultdict(StageCounts))
    kept_per_input: Counter = field(default_factory=Counter)
    rejected_per_input: Counter = field(default_factory=Counter)
    records_per_input: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)  # messages of unreadable records
    facts: ReportFacts = field(default_factory=ReportFacts)  # what the run report shows


@dataclass(frozen=True)
class SegmentTask:
    """One shard through stages [first, last) of the configured list."""

    shard: Shard
    segment: int
    input_root: str
    work_dir: str
    output_dir: str
    is_last: bool
    max_record_bytes: int
    pipeline_fields: dict[str, Any]  # version and config digest stamped on every kept record
    html_extractor: str = "builtin"  # run.html_extractor: how HTML records become text
    json_fields: JsonFields = JsonFields()  # run.text_field and run.id_field
    output_format: str = "jsonl"  # run.output_format of the final parts
    stage_timeout: float = 0.0  # run.stage_timeout: seconds per stage and document, 0 for none
    inflation: InflationLimits = InflationLimits()  # run.max_inflated_bytes, run.max_inflation_ratio


_STAGES: list[Stage] = []


def install_stages(specs: list[Stage | tuple[str, Any]]) -> None:
    """Pool initializer: each worker builds the segment's stages once, not per task. A spec
    is a stage name with its config, or a corpus stage already fitted by the runner."""
    from pipeline.stages import REGISTRY

    global _STAGES
    _die_with_parent()
    _STAGES = [spec if isinstance(spec, Stage) else REGISTRY[spec[0]](spec[1]) for spec in specs]


def _die_with_parent() -> None:
    """In a pool worker on Linux, ask the kernel to kill this process when the run's main
    process dies: a worker outliving a killed run would go on writing into the work folder
    that the next run resumes."""
    import ctypes
    import multiprocessing
    import os
    import signal
    import sys

    parent = multiprocessing.parent_process()
    if parent is None or not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent.pid:  # the parent died before the request was made
        os._exit(1)


def intermediate_path(work_dir: Path, segment: int, kind: str, shard: int) -> Path:
    return work_dir / f"segment-{segment}" / f"{kind}-{shard:05d}.jsonl.gz"


def run_segment(task: SegmentTask) -> ShardReport:
    report = ShardReport(task.shard.index)
    kept, rejected = _writers(task)
    with kept, rejected, TimeBudget(task.stage_timeout) as budget:
        if task.segment == 0:
            documents = _read_shard(task, report, rejected, budget)
        else:
            documents = _earlier_segment(task, rejected)
        for doc in documents:
            outcome = _run_stages(doc, _STAGES, report, budget)
            if isinstance(outcome, Document):
                record = outcome.to_record()
                if task.is_last:
                    record["pipeline"] = task.pipeline_fields
                    report.kept_per_input[doc.source.path] += 1
                    report.facts.add_kept(outcome)
                kept.write(record)
            else:
                stage, drop, text = outcome
                report.facts.add_rejected(doc.id, doc.source, stage, drop, text, doc)
                rejected.write(rejection_record(doc.id, doc.source, stage, drop, text))
                report.rejected_per_input[doc.source.path] += 1
    return report


class _Projected:
    """A part writer that puts each record into the output schema first (the last segment)."""

    def __init__(self, writer: PartWriter, project: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        self.writer, self.project = writer, project

    def write(self, record: dict[str, Any]) -> None:
        self.writer.write(self.project(record))

    def __enter__(self) -> _Projected:
        return self

    def __exit__(self, *exc: object) -> None:
        self.writer.close()


def _writers(task: SegmentTask) -> tuple[_Projected, _Projected]:
    """The last segment writes the output parts in the output schema; earlier segments write
    work files of whole records for the next one."""
    shard = task.shard.index
    if task.is_last:
        # The output schema (pyarrow) is loaded by the workers of the last segment only.
        from pipeline.io.schema import DOCUMENT_SCHEMA, REJECTED_SCHEMA, project_document, project_rejection

        out = Path(task.output_dir)
        fmt = task.output_format
        return (_Projected(part_writer(out / "documents", shard, fmt, DOCUMENT_SCHEMA), project_document),
                _Projected(part_writer(out / "rejected", shard, fmt, REJECTED_SCHEMA), project_rejection))
    work_dir = Path(task.work_dir)
    return tuple(  # type: ignore[return-value]
        _Projected(JsonlGzWriter(intermediate_path(work_dir, task.segment, kind, shard)), _unchanged)
        for kind in ("documents", "rejected")
    )


def _unchanged(record: dict[str, Any]) -> dict[str, Any]:
    return record


def _read_shard(
    task: SegmentTask, report: ShardReport, rejected: _Projected, budget: TimeBudget
) -> Iterator[Document]:
    counts = report.stages[READ_STAGE]
    root = Path(task.input_root)
    limits = ReadLimits(task.max_record_bytes, task.inflation, budget)
    for item in task.shard.items:
        for raw in read_item(root, item, limits, task.html_extractor, task.json_fields):
            counts.entered += 1
            report.records_per_input[raw.source.path] += 1
            doc_id = document_id(raw.source.path, raw.source.sha256, raw.source.record)
            drop = raw.drop or _empty_drop(raw)
            if drop is not None:
                counts.dropped[drop.reason.value] += 1
                if drop.reason.value in UNREADABLE_REASONS:
                    report.problems.append(drop.detail.get("message", drop.reason.value))
                rejected.write(rejection_record(doc_id, raw.source, READ_STAGE, drop, raw.text))
                report.facts.add_rejected(doc_id, raw.source, READ_STAGE, drop, raw.text)
                report.rejected_per_input[raw.source.path] += 1
                continue
            counts.kept += 1
            yield Document(id=doc_id, text=raw.text or "", source=raw.source, metadata=raw.metadata,
                           links=raw.links, title=raw.title)


def _empty_drop(raw: RawRecord) -> Drop | None:
    if raw.text is not None and not raw.text.strip():
        return Drop(Reason.EMPTY, {"message": f"{raw.source.path} record {raw.source.record} has no text"})
    return None


def _earlier_segment(task: SegmentTask, rejected: _Projected) -> Iterator[Document]:
    """Documents that survived the previous segment; that segment's rejects (and, through
    it, every earlier one) are carried forward so each shard ends with one rejected part."""
    work_dir = Path(task.work_dir)
    previous_rejects = intermediate_path(work_dir, task.segment - 1, "rejected", task.shard.index)
    if previous_rejects.exists():
        for record in read_jsonl_gz(previous_rejects):
            rejected.write(record)
    previous_docs = intermediate_path(work_dir, task.segment - 1, "documents", task.shard.index)
    if previous_docs.exists():
        for record in read_jsonl_gz(previous_docs):
            yield Document.from_record(record)


_NO_BUDGET = TimeBudget(0)


def _run_stages(
    doc: Document, stages: list[Stage], report: ShardReport, budget: TimeBudget = _NO_BUDGET
) -> Document | tuple[str, Drop, str]:
    limit = budget.limit()
    for stage in stages:
        counts = report.stages[stage.name]
        counts.entered += 1
        text_before = doc.text
        edits_before = len(doc.edits)
        started = time.perf_counter()
        try:
            with limit:
                result = stage.process(doc)
            if isinstance(result, Document) and not result.text.strip():
                result = Drop(Reason.EMPTY, {"message": f"nothing left after stage {stage.name}"})
        except StageTimeout as timeout:  # a slow document costs itself, never the worker
            result = timeout_drop(stage.name, f"{doc.source.path} record {doc.source.record}", timeout)
            report.problems.append(result.detail["message"])
        except Exception as error:  # a bug in one stage must not lose the record or the run
            result = Drop(Reason.STAGE_ERROR, {
                "message": f"stage {stage.name} failed on {doc.source.path} record {doc.source.record}: "
                           f"{type(error).__name__}: {error}",
                "traceback": traceback.format_exc(limit=5)})
            report.problems.append(result.detail["message"])
        counts.seconds += time.perf_counter() - started
        if isinstance(result, Drop):
            counts.dropped[result.reason.value] += 1
            failed = result.reason in (Reason.STAGE_ERROR, Reason.TIMEOUT)  # doc may be half-edited
            return stage.name, result, text_before if failed else doc.text
        for edit in result.edits[edits_before:]:
            counts.rules[edit.rule] += 1
        counts.kept += 1
        doc = result
    return doc


def rejection_record(doc_id: str, source: Any, stage: str, drop: Drop, text: str | None) -> dict[str, Any]:
    return {
        "id": doc_id,
        "source": asdict(source),
        "stage": stage,
        "reason": drop.reason.value,
        "detail": drop.detail,
        "text": text,
    }
