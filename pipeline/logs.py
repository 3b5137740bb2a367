"""What a run tells its operator on stderr: plain lines for people (`--log-format text`),
or one JSON object a line for a scheduler (`--log-format json`).

Every JSON line has `time` (ISO 8601 UTC), `level` (info, warning, error) and `event`
(run_started, phase, phase_finished, run_finished, nothing_new, nothing_read,
interrupted, error, config_deprecated); the other keys depend on the event and are listed in the README.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from typing import IO, Any

from pipeline.progress import LOG_STEPS, Phase, Progress


class TextLog:
    """People's log: the message alone (errors prefixed), progress as the progress module draws it."""

    json = False

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr

    def event(self, event: str, message: str, level: str = "info", **fields: Any) -> None:
        prefix = "error: " if level == "error" else "warning: " if level == "warning" else ""
        self.stream.write(f"{prefix}{message}\n")
        self.stream.flush()


class JsonLog:
    """A scheduler's log: one JSON object a line, flushed at once."""

    json = True

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr

    def event(self, event: str, message: str, level: str = "info", **fields: Any) -> None:
        line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "level": level, "event": event, "message": message, **fields}
        self.stream.write(json.dumps(line, ensure_ascii=False, default=str, allow_nan=False) + "\n")
        self.stream.flush()

    def progress(self) -> Progress:
        return JsonProgress(self)


class JsonProgress:
    def __init__(self, log: JsonLog) -> None:
        self.log = log

    def phase(self, name: str, steps: int | None, size: int = 0) -> Phase:
        return _JsonPhase(self.log, name, steps)


class _JsonPhase:
    """An event at each tenth of the phase (each 10,000 documents when its length is
    unknown) and one when it ends, as the plain log does."""

    def __init__(self, log: JsonLog, name: str, steps: int | None) -> None:
        self.log, self.name, self.steps = log, name, steps
        self.done = self.records = self.size = self.reported = 0
        self.started = time.perf_counter()
        self.closed = False

    def advance(self, records: int, size: int = 0, steps: int = 1) -> None:
        self.done += steps
        self.records += records
        self.size += size
        mark = self.done * LOG_STEPS // self.steps if self.steps else self.records // 10_000
        if mark > self.reported and self.done != self.steps:
            self.reported = mark
            self._emit("phase")

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._emit("phase_finished")

    def _emit(self, event: str) -> None:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        self.log.event(
            event, f"{self.name}: {self.records:,} docs in {seconds:.1f} s", phase=self.name,
            shards_done=self.done if self.steps else None, shards=self.steps, documents=self.records,
            seconds=round(seconds, 3), documents_per_second=round(self.records / seconds, 1),
            megabytes_per_second=round(self.size / 1e6 / seconds, 3) if self.size else None,
        )
