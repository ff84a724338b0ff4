"""Where partitions are analysed: in this process, in local worker processes, or on Dask
(a local cluster of worker processes, or a running cluster's scheduler).

An engine gives a `Submit`: it starts `function(*args)` somewhere and returns something
whose `result()` waits for the value (a `concurrent.futures.Future` or a Dask future), and
the number of partitions it analyses at once. Each worker process loads the spaCy model,
the gazetteer and the attribution model once, when it starts (`pipeline.warm_up`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import dask
from distributed import Client, LocalCluster
from distributed.core import Status
from distributed.diagnostics.plugin import WorkerPlugin

from newstrace.config import Options
from newstrace.errors import BatchError
from newstrace.pipeline import warm_up, worker_pool

ENGINES = ("dask", "local")


class Pending(Protocol):
    def done(self) -> bool: ...
    def result(self) -> Any: ...


Submit = Callable[..., Pending]


@dataclass
class Engine:
    submit: Submit
    slots: int  # partitions analysed at once


@contextmanager
def start_engine(engine: str, options: Options, workers: int,
                 scheduler: str | None = None) -> Iterator[Engine]:
    """`workers` processes on this machine that analyse beside this one, which stores (0, on
    the local engine: this process analyses too, as `ingest --workers 0`), or the workers
    of the Dask cluster whose `scheduler` address is given."""
    if engine == "dask":
        if workers < 1 and scheduler is None:
            raise BatchError("a local Dask cluster needs --workers 1 or more (--workers 0, "
                             "this process analysing, is --engine local's)")
        with dask_workers(options, workers, scheduler) as started:
            yield started
    elif workers == 0:
        warm_up(options)
        yield Engine(here, 1)
    else:
        pool = LocalWorkers(options, workers)
        try:
            yield Engine(pool.submit, workers)
        finally:
            pool.close()


def here(function: Callable[..., Any], *args: Any) -> Future[Any]:
    """Run now, in this process (where the time budget holds: the main thread)."""
    future: Future[Any] = Future()
    try:
        future.set_result(function(*args))
    except Exception as error:  # noqa: BLE001 - handed to whoever waits, as a pool would
        future.set_exception(error)
    return future


class LocalWorkers:
    """`pipeline.worker_pool`, started again when a worker's death broke it."""

    def __init__(self, options: Options, workers: int):
        self.options, self.workers = options, workers
        self.pool: ProcessPoolExecutor = worker_pool(options, workers)

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        try:
            return self.pool.submit(function, *args)
        except BrokenProcessPool:  # what it held fails on its own; the rest go on
            self.pool.shutdown(cancel_futures=True)
            self.pool = worker_pool(self.options, self.workers)
            return self.pool.submit(function, *args)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class WarmUp(WorkerPlugin):
    """Loads the models in each Dask worker as it starts (and as it starts again), and
    keeps its closing quiet (`QuietWhileClosing`)."""

    def __init__(self, options: Options):
        self.options = options
        self.quiet: QuietWhileClosing | None = None

    def setup(self, worker: Any) -> None:
        warm_up(self.options)
        self.quiet = QuietWhileClosing(worker)
        logging.getLogger("distributed.worker").addFilter(self.quiet)

    def teardown(self, worker: Any) -> None:
        """Replaced by the next batch on a running cluster: one filter a worker. A closing
        worker keeps it (its plugins are torn down first, its heartbeat may fail after)."""
        if self.quiet is not None and worker.status not in CLOSING:
            logging.getLogger("distributed.worker").removeFilter(self.quiet)


# A worker's states once it is told to close.
CLOSING = {Status.closing, Status.closing_gracefully, Status.closed}


class QuietWhileClosing(logging.Filter):
    """Drops what a worker logs once it is closing. A heartbeat on its way to the scheduler
    as the cluster closes fails, and the worker logs the failure as an error with its
    traceback, onto the batch's standard error at the end of a run that went well (1 run in
    20 or so here)."""

    def __init__(self, worker: Any):
        super().__init__()
        self.worker = worker

    def filter(self, record: logging.LogRecord) -> bool:
        return self.worker.status not in CLOSING


# Dask's own housekeeping, made rarer: the event loops' tick (every 20 ms), the resource
# monitors (psutil, every 0.1 to 0.5 s) and each worker's sampling profiler (every 10 ms) cost
# the loading process 16 to 23 ms of processor time a BBC story in Dask's threads (3 after),
# beside its 14 of storing, and a worker 18 ms beyond its tasks (2 after): one worker, 200
# stories. They feed the dashboard, which newstrace does not start; memory is still watched
# each second.
#
# And glibc's own heap management: Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536,
# so that they give memory back to the system sooner. Setting it also fixes glibc's mmap
# threshold at 128 kB: spaCy's every larger array is then mapped and unmapped, page by page,
# and its parse costs some 20 ms more processor time a BBC story (32 times the page faults,
# mostly in the kernel). The workers keep glibc's defaults instead.
QUIET_DASK = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@contextmanager
def dask_workers(options: Options, workers: int, scheduler: str | None) -> Iterator[Engine]:
    """A Dask client: of the cluster at `scheduler`, else of a local cluster of `workers`
    processes with a thread each (spaCy holds the interpreter's lock while it parses, so
    threads would take turns)."""
    # the local cluster's workers are given the settings too; its nannies, which run in
    # this process, set the workers' variables (OMP_NUM_THREADS, PYTHONHASHSEED ...) in this
    # process's environment before they start them: the caller's is given back after
    with dask.config.set(QUIET_DASK), environment_kept():
        cluster = None if scheduler else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR)
        client = Client(scheduler or cluster)
        try:
            client.register_plugin(WarmUp(options), name="newstrace-warm-up")
            slots = sum(client.nthreads().values()) or workers
            yield Engine(lambda function, *args: client.submit(function, *args, pure=False),
                         slots)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


@contextmanager
def environment_kept() -> Iterator[None]:
    """This process's environment variables as they were before the block, after it."""
    before = dict(os.environ)
    try:
        yield
    finally:
        for name in set(os.environ) - set(before):
            del os.environ[name]
        os.environ.update(before)
