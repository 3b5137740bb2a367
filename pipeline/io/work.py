"""The work folder a run writes the new corpus into, and what lets a killed run resume.

It sits beside the output (`.NAME.work-<digest>`, on the same file system, so the final
swap is a rename) and is named by a digest of everything the result depends on: the
pipeline version, the configuration, the inputs to clean (paths and sha256) and the corpus
being grown. A run restarted with the same digest finds the folder of the killed one and
reuses every shard that had finished; anything else of that kind is debris and removed.

A shard is finished in a segment once its report is in `_work/done/` (written by rename
after its files are closed); the files of a shard without a report are deleted before it
runs again, so a half-written part never survives.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

from pipeline.io.output import MARKER, MARKER_TEXT, PART_FOLDERS
from pipeline.io.writers import PART_SUFFIXES

KEY_FILE = "key.json"
WORK = "_work"


def work_folder_path(output_dir: Path, key: dict[str, Any]) -> Path:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()
    return output_dir.parent / f".{output_dir.name}.work-{digest[:16]}"


class WorkFolder:
    """A run's work folder: fresh, or the one a killed run with the same key left."""

    def __init__(self, output_dir: Path, key: dict[str, Any]) -> None:
        self.path = work_folder_path(output_dir, key)
        self.work = self.path / WORK
        self.resumed = self._key() == key
        if not self.resumed:
            shutil.rmtree(self.path, ignore_errors=True)
            self.work.mkdir(parents=True)
            (self.path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            for name in PART_FOLDERS:
                (self.path / name).mkdir()
            _write_atomically(self.work / KEY_FILE, json.dumps(key, sort_keys=True).encode())

    def _key(self) -> dict[str, Any] | None:
        try:
            return json.loads((self.work / KEY_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def finished(self, segment: int) -> dict[int, Any]:
        """Shard number -> its report, for the shards this segment had finished."""
        folder = self.work / "done" / f"segment-{segment}"
        reports = {}
        for path in sorted(folder.glob("shard-*.pickle")) if folder.is_dir() else []:
            try:
                with open(path, "rb") as stream:
                    report = pickle.load(stream)  # written by this tool, in a folder only it uses
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                continue
            reports[report.shard] = report
        return reports

    def mark_finished(self, segment: int, report: Any) -> None:
        folder = self.work / "done" / f"segment-{segment}"
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder / f"shard-{report.shard:05d}.pickle", pickle.dumps(report))

    def forget(self, segment: int, shard: int, is_last: bool, output_format: str) -> None:
        """Delete what an unfinished attempt at this shard may have written."""
        if is_last:
            suffix = PART_SUFFIXES[output_format]
            paths = [self.path / name / f"part-{shard:05d}{suffix}" for name in PART_FOLDERS]
        else:
            folder = self.work / f"segment-{segment}"
            paths = [folder / f"{kind}-{shard:05d}.jsonl.gz" for kind in PART_FOLDERS]
        for path in paths:
            path.unlink(missing_ok=True)

    def close_work(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(temporary, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
