"""The per-document time budget: a document over it is rejected as `timeout` naming the
stage, in the main process and in pool workers alike, and the run goes on."""

import signal
import threading

import pytest

from pipeline.budget import StageTimeout, TimeBudget
from pipeline.config import config_from_dict
from pipeline.document import Document, Reason, Source
from pipeline.errors import ConfigError
from pipeline.executor import LocalExecutor
from pipeline.io.inputs import plan
from pipeline.io.schema import project_rejection
from pipeline.io.writers import read_jsonl_gz
from pipeline.worker import (
    SegmentTask,
    ShardReport,
    _run_stages,
    install_stages,
    rejection_record,
    run_segment,
)
from tests.reliability.slow_stages import MARK, BacktrackingStage, HalfEditingStage, LoopingStage

BUDGET = 0.3


def doc(text, record=0):
    return Document(id=f"d{record}", text=text, source=Source("a.txt", record, "0" * 64, "txt"))


def test_a_looping_stage_is_stopped_and_named():
    report = ShardReport(0)
    with TimeBudget(BUDGET) as budget:
        stage, drop, text = _run_stages(doc(f"a {MARK} page"), [LoopingStage()], report, budget)
    assert (stage, drop.reason) == ("looping", Reason.TIMEOUT)
    assert "looping" in drop.detail["message"] and "0.3 s" in drop.detail["message"]
    assert "slow_stages.py" in drop.detail["traceback"]  # where the time went
    assert report.stages["looping"].dropped == {"timeout": 1} and report.problems


def test_a_backtracking_regex_is_interrupted():
    with TimeBudget(BUDGET) as budget:
        stage, drop, _ = _run_stages(doc(MARK), [BacktrackingStage()], ShardReport(0), budget)
    assert drop.reason is Reason.TIMEOUT


def test_the_next_document_runs_normally_after_a_timeout():
    stages = [LoopingStage()]
    with TimeBudget(BUDGET) as budget:
        first = _run_stages(doc(MARK, 0), stages, ShardReport(0), budget)
        second = _run_stages(doc("plain", 1), stages, ShardReport(0), budget)
    assert first[1].reason is Reason.TIMEOUT and isinstance(second, Document)


def test_a_timed_out_document_is_rejected_with_the_text_it_came_with():
    with TimeBudget(BUDGET) as budget:
        _, drop, text = _run_stages(doc(f"a {MARK} page"), [HalfEditingStage()], ShardReport(0), budget)
    assert drop.reason is Reason.TIMEOUT and text == f"a {MARK} page"


def test_a_timeout_record_fits_the_output_schema():
    with TimeBudget(BUDGET) as budget:
        stage, drop, text = _run_stages(doc(MARK), [LoopingStage()], ShardReport(0), budget)
    record = project_rejection(rejection_record("d0", doc(MARK).source, stage, drop, text))
    assert record["reason"] == "timeout" and record["stage"] == "looping"


def test_the_alarm_handler_is_put_back_after_the_work():
    before = signal.getsignal(signal.SIGPROF)
    with TimeBudget(BUDGET):
        assert signal.getsignal(signal.SIGPROF) != before
    assert signal.getsignal(signal.SIGPROF) == before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_no_alarm_fires_after_a_stage_that_finished_in_time():
    with TimeBudget(BUDGET) as budget:
        with budget.limit():
            pass
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_a_budget_of_zero_installs_nothing():
    before = signal.getsignal(signal.SIGPROF)
    with TimeBudget(0) as budget:
        assert not budget.enabled and signal.getsignal(signal.SIGPROF) == before


def test_off_the_main_thread_the_budget_is_off_instead_of_failing():
    seen = []

    def work():
        with TimeBudget(BUDGET) as budget, budget.limit():
            seen.append(budget.enabled)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [False]


def test_stage_timeout_is_not_an_exception_a_stage_could_swallow():
    assert not issubclass(StageTimeout, Exception)


def test_a_negative_stage_timeout_is_refused_naming_the_key():
    with pytest.raises(ConfigError, match="run.stage_timeout"):
        config_from_dict({"run": {"stage_timeout": -1}})


def test_the_default_budget_is_on():
    assert config_from_dict({}).run.stage_timeout > 0


def test_pool_workers_stop_a_slow_document_and_go_on(tmp_path):
    source, work = tmp_path / "in", tmp_path / "work"
    source.mkdir()
    for index in range(4):
        (source / f"{index}.txt").write_text(f"page {index} {MARK if index == 1 else 'fine'}")
    inputs, shards = plan(source, shard_bytes=10, shard_files=1)
    tasks = [SegmentTask(shard=shard, segment=0, input_root=str(source), work_dir=str(work),
                         output_dir=str(tmp_path / "out"), is_last=False, max_record_bytes=1000,
                         pipeline_fields={}, stage_timeout=BUDGET) for shard in shards]
    reports = list(LocalExecutor(2).map(run_segment, tasks, install_stages, ([LoopingStage()],)))
    dropped = sum(report.stages["looping"].dropped["timeout"] for report in reports)
    kept = sum(report.stages["looping"].kept for report in reports)
    assert (dropped, kept) == (1, 3)
    parts = sorted(work.rglob("rejected-*.jsonl.gz"))
    rejected = [record for path in parts for record in read_jsonl_gz(path)]
    assert [(r["source"]["path"], r["reason"]) for r in rejected] == [("1.txt", "timeout")]


def test_a_page_that_takes_too_long_to_read_is_a_read_timeout(tmp_path, monkeypatch):
    import pipeline.io.readers as readers
    from pipeline.runner import run

    def slow_extract(html, extractor):
        while True:
            pass

    monkeypatch.setattr(readers, "extract_page", slow_extract)
    source = tmp_path / "in"
    source.mkdir()
    (source / "slow.html").write_text("<p>a page</p>")
    (source / "fine.txt").write_text("a fine page")
    config = config_from_dict({"run": {"stages": ["normalize"], "stage_timeout": BUDGET}})
    result = run(source, tmp_path / "out", config, executor=LocalExecutor(1), progress=False)
    rejected = list(read_jsonl_gz(next((tmp_path / "out" / "rejected").glob("*.jsonl.gz"))))
    assert [(r["source"]["path"], r["stage"], r["reason"]) for r in rejected] == [
        ("slow.html", "read", "timeout")]
    assert result.manifest["totals"]["kept"] == 1 and result.exit_code == 1
