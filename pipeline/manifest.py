"""manifest.json: what the corpus holds and what the last run did.

The top level describes the corpus as a whole (every input it holds with its sha256,
counts per stage and reason summed over every run, the configuration); `run` is what the
last run did (which inputs were new, its own counts and timings) and `runs` one line per
run. For a corpus built by one run the two agree.
"""

from __future__ import annotations

import platform
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from pipeline import __version__
from pipeline.config import Config
from pipeline.io.inputs import InputFile, Shard
from pipeline.stages import REGISTRY
from pipeline.worker import READ_STAGE, ShardReport, StageCounts


def run_section(
    new_inputs: list[InputFile], shards: list[Shard], reports: list[ShardReport], scans: dict[str, Any],
    config: Config,
) -> dict[str, Any]:
    """This run's own figures: its inputs, stages and totals."""
    stage_counts: dict[str, StageCounts] = {}
    per_input: dict[str, Counter] = {"records": Counter(), "kept": Counter(), "rejected": Counter()}
    problems: list[str] = []
    for report in reports:
        for name, counts in report.stages.items():
            stage_counts.setdefault(name, StageCounts()).merge(counts)
        per_input["records"].update(report.records_per_input)
        per_input["kept"].update(report.kept_per_input)
        per_input["rejected"].update(report.rejected_per_input)
        problems.extend(report.problems)
    parts: dict[str, set[int]] = {}
    for shard in shards:
        for item in shard.items:
            parts.setdefault(item.path, set()).add(shard.index)
    order = [READ_STAGE] + list(config.run.stages)
    inputs = [
        {"path": item.path, "sha256": item.sha256, "bytes": item.bytes, "format": item.format,
         **{key: per_input[key][item.path] for key in per_input}, "parts": sorted(parts.get(item.path, ()))}
        for item in new_inputs
    ]
    return {
        "stages": {name: stage_entry(name, stage_counts[name], scans)
                   for name in order if name in stage_counts},
        "inputs": inputs,
        "totals": _totals(inputs, len(shards), _reasons(stage_counts.values()), len(problems)),
        "problems": problems,
    }


def stage_entry(name: str, counts: StageCounts, scans: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": REGISTRY[name].version if name in REGISTRY else 1,
        "entered": counts.entered,
        "kept": counts.kept,
        "dropped": dict(sorted(counts.dropped.items())),
        "edits": dict(sorted(counts.rules.items())),
        "seconds": round(counts.seconds, 3),
        **({"scan": scans[name]} if name in scans else {}),
    }


def _reasons(counts: Any) -> dict[str, int]:
    reasons: Counter = Counter()
    for stage in counts:
        reasons.update(stage.dropped)
    return dict(sorted(reasons.items()))


def _totals(
    inputs: list[dict[str, Any]], shards: int, reasons: dict[str, int], unreadable: int
) -> dict[str, Any]:
    records = sum(item["records"] for item in inputs)
    kept = sum(item["kept"] for item in inputs)
    rejected = sum(item["rejected"] for item in inputs)
    return {
        "inputs": len(inputs), "input_bytes": sum(item["bytes"] for item in inputs), "shards": shards,
        "records": records, "kept": kept, "rejected": rejected, "accounted": records == kept + rejected,
        "reasons": reasons, "unreadable": unreadable,
    }


def corpus_manifest(
    previous: dict[str, Any] | None, run: dict[str, Any], config: Config, timings: dict[str, Any],
    workers: int, context: dict[str, Any],
) -> dict[str, Any]:
    """The manifest of the corpus after this run: the previous corpus's plus this run's.
    `context`: number (of this run), skipped_inputs, resumed_shards, next_part."""
    previous = previous or {}
    number = context["number"]
    inputs = [{**item, "run": item.get("run", 1)} for item in previous.get("inputs", [])]
    inputs += [{**item, "run": number} for item in run["inputs"]]
    stages = _merged_stages(previous.get("stages", {}), run["stages"])
    reasons = Counter(previous.get("totals", {}).get("reasons", {}))
    reasons.update(run["totals"]["reasons"])
    unreadable = previous.get("totals", {}).get("unreadable", 0) + run["totals"]["unreadable"]
    shards = previous.get("totals", {}).get("shards", 0) + run["totals"]["shards"]
    totals = run["totals"]
    history = list(previous.get("runs", []))
    if previous and not history:  # a corpus written before runs were recorded: one run
        history = [{"number": 1, **{key: previous["totals"][key] for key in ("records", "kept", "rejected")},
                    "started": previous.get("timings", {}).get("started")}]
    history.append({
        "number": number, "started": timings["started"], "finished": timings["finished"],
        "seconds": timings.get("total_seconds"), "new_inputs": len(run["inputs"]),
        "skipped_inputs": context["skipped_inputs"], "resumed_shards": context["resumed_shards"],
        **{key: totals[key] for key in ("records", "kept", "rejected")},
    })
    return {
        "pipeline": {"version": __version__, "config_sha256": config.digest()},
        "config": config.to_dict(),
        "stages": stages,
        "inputs": inputs,
        "totals": _totals(inputs, shards, dict(sorted(reasons.items())), unreadable),
        "problems": (previous.get("problems", []) + run["problems"])[:1000],
        "timings": timings,
        "environment": {"python": platform.python_version(), "workers": workers},
        "run": {
            "number": number, "new_inputs": [item["path"] for item in run["inputs"]],
            "skipped_inputs": context["skipped_inputs"], "resumed_shards": context["resumed_shards"],
            "totals": run["totals"], "stages": run["stages"], "problems": run["problems"][:1000],
        },
        "runs": history,
        "corpus": {"next_part": context["next_part"]},
    }


def _merged_stages(previous: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Counts summed per stage; the scan figures are this run's."""
    merged: dict[str, Any] = {}
    for name in list(current) + [name for name in previous if name not in current]:
        old, new = previous.get(name, {}), current.get(name, {})
        entry = {key: old.get(key, 0) + new.get(key, 0) for key in ("entered", "kept")}
        for key in ("dropped", "edits"):
            summed = Counter(old.get(key, {}))
            summed.update(new.get(key, {}))
            entry[key] = dict(sorted(summed.items()))
        entry["seconds"] = round(old.get("seconds", 0.0) + new.get("seconds", 0.0), 3)
        entry["version"] = new.get("version", old.get("version", 1))
        if "scan" in new:
            entry["scan"] = new["scan"]
        merged[name] = dict(sorted(entry.items()))
    return merged


def timings_of(started_at: datetime, seconds: dict[str, float], total: float, records: int,
               input_bytes: int) -> dict[str, Any]:
    """This run's timings, with its wall time and what it achieved per second."""
    return {
        "started": started_at.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        **{f"{key}_seconds": round(value, 3) for key, value in seconds.items()},
        "total_seconds": round(total, 3),
        "records_per_second": round(records / max(total, 1e-9), 1),
        "megabytes_per_second": round(input_bytes / 1e6 / max(total, 1e-9), 3),
    }
