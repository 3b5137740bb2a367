"""Progress that fits where it goes: a live bar with documents/s on a terminal, and plain
lines (no carriage returns) in a pipe, a file or a cron log."""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol

from tqdm import tqdm

LOG_STEPS = 10  # a log gets a line each tenth of a phase, so a long phase is not silent


class Phase(Protocol):
    def advance(self, records: int, size: int = 0, steps: int = 1) -> None:
        """`steps` units of the phase (shards) are done, with their records and input bytes."""

    def close(self) -> None: ...


class Progress(Protocol):
    def phase(self, name: str, steps: int | None, size: int = 0) -> Phase:
        """A phase of `steps` units (None: unknown) over `size` input bytes."""


def progress_for(enabled: bool, stream: IO[str] | None = None) -> Progress:
    stream = stream if stream is not None else sys.stderr
    if not enabled:
        return Silent()
    return TerminalProgress(stream) if stream.isatty() else LogProgress(stream)


class Silent:
    def phase(self, name: str, steps: int | None, size: int = 0) -> Phase:
        return _SilentPhase()


class _SilentPhase:
    def advance(self, records: int, size: int = 0, steps: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class TerminalProgress:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def phase(self, name: str, steps: int | None, size: int = 0) -> Phase:
        return _BarPhase(name, steps, self.stream)


class _BarPhase:
    def __init__(self, name: str, steps: int | None, stream: IO[str]) -> None:
        self.counts_shards = steps is not None  # a scan of unknown length counts documents
        unit = "shard" if self.counts_shards else "doc"
        self.bar = tqdm(total=steps, desc=name, unit=unit, file=stream, leave=False, dynamic_ncols=True)
        self.records = 0
        self.started = time.perf_counter()

    def advance(self, records: int, size: int = 0, steps: int = 1) -> None:
        self.records += records
        if not self.counts_shards:
            self.bar.update(records)  # tqdm itself shows documents/s
            return
        rate = self.records / max(time.perf_counter() - self.started, 1e-9)
        # a shard takes seconds: redraw at each one, with the documents it brought
        self.bar.set_postfix_str(f"{self.records:,} docs, {rate:,.0f} docs/s", refresh=False)
        self.bar.update(steps)
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


class LogProgress:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def phase(self, name: str, steps: int | None, size: int = 0) -> Phase:
        return _LogPhase(name, steps, self.stream)


class _LogPhase:
    """One line at each tenth of the phase and one at its end; for a phase of unknown
    length (a scan), one line per 10,000 records."""

    def __init__(self, name: str, steps: int | None, stream: IO[str]) -> None:
        self.name, self.steps, self.stream = name, steps, stream
        self.done = self.records = self.size = 0
        self.reported = 0
        self.started = time.perf_counter()
        self.closed = False

    def advance(self, records: int, size: int = 0, steps: int = 1) -> None:
        self.done += steps
        self.records += records
        self.size += size
        if self.steps:
            mark = self.done * LOG_STEPS // self.steps
        else:
            mark = self.records // 10_000
        if mark > self.reported and self.done != self.steps:
            self.reported = mark
            self._line()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._line()

    def _line(self) -> None:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        where = f"{self.done}/{self.steps} shards, " if self.steps else ""
        size = f", {self.size / 1e6 / seconds:.2f} MB/s" if self.size else ""
        self.stream.write(f"{self.name}: {where}{self.records:,} docs in {seconds:.1f} s, "
                          f"{self.records / seconds:,.0f} docs/s{size}\n")
        self.stream.flush()
