"""The cost of the output edge: projecting records onto the fixed schema, and writing Parquet
instead of gzipped JSON lines, side by side with the writer as it was (JSON lines of the
records as the stages leave them, no projection).

    python -m benchmarks output [--rounds 40] [--repeats 3]

Records are real pages (../shared/data/html, 75 Readability test pages) through every
per-document stage of the default pipeline. Each round writes them all to a fresh part, so
no part holds a record twice (a repeated text would flatter Parquet's dictionary and
zstd's long window). CPU seconds are reported beside wall seconds: the machine is shared.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pipeline.config import default_config
from pipeline.document import Document, Source
from pipeline.io.html import extract_page
from pipeline.io.schema import DOCUMENT_SCHEMA, project_document
from pipeline.io.writers import JsonlGzWriter, ParquetPartWriter
from pipeline.stages import REGISTRY
from pipeline.stages.base import CorpusStage
from pipeline.worker import ShardReport, _run_stages

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "html" / "readability"


def real_records() -> list[dict]:
    config = default_config()
    stages = [REGISTRY[name](config.stages[name]) for name in config.run.stages
              if not issubclass(REGISTRY[name], CorpusStage)]
    records = []
    for number, folder in enumerate(sorted(PAGES.iterdir())):
        page = extract_page((folder / "page.html").read_text(encoding="utf-8"), "builtin")
        doc = Document(id=f"{number:024d}", text=page.text, title=page.title, links=page.links,
                       source=Source(f"{folder.name}/page.html", 0, "0" * 64, "html"),
                       metadata={"site": folder.name, "year": 2020 if number % 2 else "2020"})
        outcome = _run_stages(doc, stages, ShardReport(0))
        if isinstance(outcome, Document):
            stamp = {"version": "0.1.0", "config_sha256": "0" * 64}
            records.append(outcome.to_record() | {"pipeline": stamp})
    return records


def measure(records: list[dict], rounds: int, repeats: int) -> dict[str, tuple[float, float, int]]:
    """Best wall and CPU seconds of each way over `rounds` parts, and the bytes of one part."""
    def jsonl(path: Path) -> JsonlGzWriter:
        return JsonlGzWriter(path / "a.jsonl.gz")

    ways = {
        "JSON lines, no projection (before)": lambda path: _write(jsonl(path), records),
        "projection only": lambda path: [project_document(r) for r in records],
        "projection + JSON lines (now)": lambda path: _write(jsonl(path), records, project_document),
        "projection + Parquet zstd": lambda path: _write(
            ParquetPartWriter(path / "a.parquet", DOCUMENT_SCHEMA), records, project_document),
    }
    results = {}
    for name, way in ways.items():
        wall = cpu = float("inf")
        size = 0
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as scratch:
                started, started_cpu = time.perf_counter(), time.process_time()
                for round_number in range(rounds):
                    folder = Path(scratch) / str(round_number)
                    folder.mkdir()
                    way(folder)
                wall = min(wall, time.perf_counter() - started)
                cpu = min(cpu, time.process_time() - started_cpu)
                size = sum(p.stat().st_size for p in (Path(scratch) / "0").iterdir())
        results[name] = (wall, cpu, size)
    return results


def _write(writer, records, project=None) -> None:  # noqa: ANN001
    with writer:
        for record in records:
            writer.write(project(record) if project else record)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks output")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if not PAGES.is_dir():
        print(f"skipped: no real pages at {PAGES}")
        return
    records = real_records()
    count = len(records) * args.rounds
    text_mb = sum(len(r["text"].encode()) for r in records) / 1e6
    print(f"{len(records)} real pages kept by the stages ({text_mb:.2f} MB of text), written "
          f"{args.rounds} times ({count:,} records); best of {args.repeats}")
    results = measure(records, args.rounds, args.repeats)
    before = results["JSON lines, no projection (before)"][1]
    print("| way | wall s | CPU s | records/s (CPU) | µs/record (CPU) | part MB | CPU vs before |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, (wall, cpu, size) in results.items():
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {count / cpu:,.0f} | {cpu / count * 1e6:,.0f} | "
              f"{size / 1e6:.2f} | {cpu / before:.2f}x |")
