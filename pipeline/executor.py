"""Where shard tasks run. The runner only needs `map` in task order, so a distributed
engine (Dask, Ray) can replace the local pool by implementing the same two methods."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    workers: int

    def map(
        self,
        fn: Callable[[T], R],
        tasks: Iterable[T],
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> Iterator[R]:
        """Run `fn` over `tasks`, yielding results in task order. `initializer(*initargs)`
        runs once in every worker first (it receives the configured stages)."""
        ...

    def close(self) -> None:
        """Release what the executor started (a cluster); the pool of a map ends with it."""
        ...


def executor_for(kind: str, workers: int = 0, scheduler: str = "",
                 announce: Callable[[str], None] | None = None) -> Executor:
    """The executor `run.executor` names; close it when the run is over."""
    if kind == "dask":
        from pipeline.dask_executor import DaskExecutor

        return DaskExecutor(workers, scheduler or None, announce)
    return LocalExecutor(workers)


class LocalExecutor:
    """A pool of worker processes on this machine; one worker runs in-process."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers if workers > 0 else (os.cpu_count() or 1)

    def map(
        self,
        fn: Callable[[T], R],
        tasks: Iterable[T],
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> Iterator[R]:
        tasks = list(tasks)
        if self.workers == 1 or len(tasks) <= 1:
            if initializer is not None:
                initializer(*initargs)
            yield from map(fn, tasks)
            return
        # spawn, not fork: workers start from a clean interpreter, so no state leaks in
        # from the parent and results cannot depend on what the parent did before.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(tasks)),
            mp_context=context,
            initializer=initializer,
            initargs=initargs,
        )
        try:
            yield from pool.map(fn, tasks)
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM, a failed task): drop the queued shards instead
            # of running them all before the error can reach the runner's clean-up.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)

    def close(self) -> None:
        """Nothing outlives a `map`."""
