"""A time budget per document and stage: a real interrupt for CPU-bound work.

A slow document (a regex that backtracks, a page nested 100,000 deep) must cost the run
that document, never a stalled worker. A watchdog thread cannot stop Python code, so the
budget is a timer of the process's CPU time (`setitimer(ITIMER_PROF)`, user and system
time) armed around each stage's work on one document; its SIGPROF handler raises
`StageTimeout` in the code that is running, wherever it is, between two bytecodes or at the
next signal check of a C loop (`re` and `regex` check while they match). CPU time, not wall
time: a machine loaded by other jobs does not turn slow pages into timeouts.

Arming and disarming the timer are two system calls, about a microsecond each. Signals
reach only a process's main thread, so the budget is off when it is used from another
thread (an in-process run started from a thread); workers of the process pool run their
tasks in their main thread and always have it. A profiler that samples on SIGPROF cannot
run beside it (set run.stage_timeout = 0 to profile that way).
"""

from __future__ import annotations

import signal
import threading
import traceback
from types import FrameType, TracebackType
from typing import Any

from pipeline.document import Drop, Reason

_TIMER: int | None = getattr(signal, "ITIMER_PROF", None)
_SIGNAL: signal.Signals | None = getattr(signal, "SIGPROF", None)
# How many of the innermost frames a timeout's traceback keeps: where the time went.
_TIMEOUT_FRAMES = 6


class StageTimeout(BaseException):
    """A stage ran over its budget on one document.

    A BaseException, like KeyboardInterrupt: stage code that catches `Exception` to fall
    back on something must not swallow the interrupt and go on running."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"over the time budget of {seconds:g} s")
        self.seconds = seconds


class TimeBudget:
    """`with budget:` installs the timer's handler for a stretch of work (a shard);
    `with budget.limit():` runs one stage on one document within `seconds` of CPU time.

    `seconds` <= 0 turns the budget off; `limit()` then costs one attribute test.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.enabled = (seconds > 0 and _TIMER is not None
                        and threading.current_thread() is threading.main_thread())
        self._armed = False
        self._previous: Any = None
        self._limit = _Limit(self)

    def __enter__(self) -> TimeBudget:
        if self.enabled:
            self._previous = signal.signal(_SIGNAL, self._expired)  # type: ignore[arg-type]  # enabled only when it exists
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.enabled:
            self._disarm()
            # None: the handler was set outside Python; the default is what it was then.
            signal.signal(_SIGNAL, self._previous if  # type: ignore[arg-type]  # as above
                       self._previous is not None else signal.SIG_DFL)

    def limit(self) -> _Limit:
        return self._limit

    def _arm(self) -> None:
        self._armed = True
        signal.setitimer(_TIMER, self.seconds)  # type: ignore[arg-type]  # enabled only when it exists

    def _disarm(self) -> None:
        # Cleared before the timer is stopped: an alarm that lands in between finds the
        # budget disarmed and does nothing, so it never interrupts the next document.
        self._armed = False
        signal.setitimer(_TIMER, 0)  # type: ignore[arg-type]  # as above

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        if self._armed:
            self._armed = False
            raise StageTimeout(self.seconds)


class _Limit:
    """The context manager of one stage on one document (reused: no allocation per use)."""

    __slots__ = ("budget",)

    def __init__(self, budget: TimeBudget) -> None:
        self.budget = budget

    def __enter__(self) -> None:
        if self.budget.enabled:
            self.budget._arm()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.budget.enabled:
            self.budget._disarm()


def timeout_drop(stage: str, where: str, timeout: StageTimeout) -> Drop:
    """The rejection of a record that ran over the budget, with the frames it was in."""
    frames = traceback.format_exception(timeout, limit=-_TIMEOUT_FRAMES)
    return Drop(Reason.TIMEOUT, {
        "message": f"stage {stage} ran over run.stage_timeout ({timeout.seconds:g} s) on {where}",
        "traceback": "".join(frames)})
