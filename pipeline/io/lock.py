"""One run at a time per output folder.

The lock is an advisory `flock` on a hidden file beside the output. The kernel releases it
when its process ends, however it ends, so a lock left by a killed run is free at once and
the next run takes it over; the file itself says who holds it (pid, host, start time) so a
refused run can name the running one.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path


class OutputLocked(Exception):
    """Another run holds the output folder."""

    def __init__(self, output_dir: Path, holder: dict[str, object]) -> None:
        self.holder = holder
        who = (f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}, "
               f"started {holder.get('started', '?')}")
        super().__init__(f"another run is writing {output_dir} ({who}); wait for it to finish "
                         "and run again (a killed run's lock is taken over automatically)")


def lock_path(output_dir: Path) -> Path:
    return output_dir.parent / f".{output_dir.name}.lock"


@contextmanager
def output_lock(output_dir: Path) -> Iterator[dict[str, object]]:
    """Hold the output's lock for the body, or raise OutputLocked at once."""
    path = lock_path(output_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")}
    descriptor = _acquire(path, output_dir)
    try:
        os.ftruncate(descriptor, 0)
        os.write(descriptor, (json.dumps(holder) + "\n").encode())
        yield holder
    finally:
        # Unlink while still holding the lock: a run that opened the old file then finds
        # it is no longer the one at `path` and tries again (see _acquire).
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        os.close(descriptor)


def _acquire(path: Path, output_dir: Path) -> int:
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(descriptor)
            os.close(descriptor)
            raise OutputLocked(output_dir, holder) from None
        try:
            same_file = os.stat(path).st_ino == os.fstat(descriptor).st_ino
        except FileNotFoundError:
            same_file = False
        if same_file:
            return descriptor
        os.close(descriptor)  # the holder removed it between our open and our lock


def _read_holder(descriptor: int) -> dict[str, object]:
    """Who holds the lock; the holder writes it just after taking the lock, so an empty
    file is read again for a moment before giving up."""
    for _ in range(20):
        try:
            data = os.pread(descriptor, 4096, 0)
            holder = json.loads(data) if data.strip() else None
        except (OSError, ValueError):
            holder = None
        if isinstance(holder, dict):
            return holder
        time.sleep(0.01)
    return {}
