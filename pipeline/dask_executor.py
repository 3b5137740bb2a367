"""Shard tasks on a Dask cluster (`--executor dask`): the same `map` as the local pool, so
the runner, the work folder and the output are those of a local run.

The client only submits tasks and collects their reports; documents go from the input
folder to the work and output folders on the workers, so every worker must see the same
paths (a shared file system, as on a Slurm cluster)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# A task whose worker dies is moved to another worker; a shard that kills this many in a
# row is taken for the culprit (a crash in native code, the memory limit) and fails the run.
ALLOWED_FAILURES = 3

_installed: str | None = None  # the setup last installed in this worker process


def _run_installed(setup: tuple[str, Callable[..., None] | None, tuple[Any, ...]],
                   fn: Callable[[T], R], task: T) -> R:
    """Install the segment's stages once per worker process, then run one task. Dask runs
    the tasks of one worker in its thread pool: workers must be started with one thread
    (`--nthreads 1`), as the stages are installed per process."""
    global _installed
    token, initializer, initargs = setup
    if _installed != token:
        if initializer is not None:
            initializer(*initargs)
        _installed = token
    return fn(task)


class DaskExecutor:
    """Runs shard tasks on the scheduler at `address`, or on a LocalCluster of `workers`
    processes (one thread each) started on first use and closed by `close`."""

    def __init__(self, workers: int = 0, address: str | None = None,
                 announce: Callable[[str], None] | None = None) -> None:
        import os

        self.address = address or None
        self._requested = workers if workers > 0 else (os.cpu_count() or 1)
        self.workers = self._requested
        self._announce = announce or (lambda message: None)
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def client(self) -> Any:
        """The Dask client, connecting (or starting the LocalCluster) the first time."""
        if self._client is not None:
            return self._client
        import dask
        from distributed import Client, LocalCluster

        dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
        if self.address:
            self._client = Client(self.address)
            self.workers = len(self._client.scheduler_info().get("workers", {})) or self._requested
        else:
            # Processes, not threads: the stages hold per-process state and the time budget
            # needs a process of its own; no memory limit, as the local pool has none.
            self._cluster = LocalCluster(n_workers=self._requested, threads_per_worker=1, processes=True,
                                         memory_limit=0, dashboard_address=":0")
            self._client = Client(self._cluster)
        dashboard = self._client.dashboard_link
        self._announce(f"Dask scheduler {self._client.scheduler.address}, {self.workers} workers"
                       + (f"; dashboard {dashboard}" if dashboard else ""))
        return self._client

    def map(
        self,
        fn: Callable[[T], R],
        tasks: Iterable[T],
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> Iterator[R]:
        tasks = list(tasks)
        if not tasks:
            return
        client = self.client()
        # The setup (a fitted corpus stage may be large) travels to each worker once.
        setup = client.scatter((uuid.uuid4().hex, initializer, initargs), broadcast=True, hash=False)
        batch = uuid.uuid4().hex[:8]
        futures = [client.submit(_run_installed, setup, fn, task, pure=False, key=f"shard-{batch}-{number}")
                   for number, task in enumerate(tasks)]
        try:
            for future in futures:
                yield future.result()
        except BaseException:
            client.cancel(futures)
            raise
        finally:
            client.cancel(setup)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
