"""`newstrace batch`: the inputs cut into partitions, each analysed on a worker into a
Parquet shard, the shards stored by this one process in input order.

Storing goes through `pipeline.store_analyses`, as `newstrace ingest` does: each document
linked to the stored entities by key in its saving transaction (so a batch into a database
that holds millions of documents reads only the entities its names could be) and compared
with the stored reports for wire copy; in input order, so the records are those of one
`ingest` of the same inputs.

A run killed at any point and started again with the same output folder analyses only the
partitions without a shard and skips what is stored (by content): every document ends up
stored once.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newstrace.config import Options
from newstrace.errors import BatchError
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.models import Analysis
from newstrace.pipeline import (
    STORED_AT_ONCE,
    IngestReport,
    check_setup,
    new_documents,
    store_analyses,
)
from newstrace.store import Store

from .engines import Engine, Pending, start_engine
from .manifest import Manifest
from .partitions import (
    PARTITION_SIZE,
    Entry,
    Partition,
    PartitionDone,
    analyse_partition,
    analyse_partition_again,
    entries_of,
    partitions,
)
from .shards import read_shard, shard_path

# Partitions handed out ahead of the one being stored, per worker: every worker has the
# next at hand while the loader stores, and memory holds a few partitions' documents only.
AHEAD_PER_SLOT = 2


@dataclass
class BatchRun:
    """What a batch did: the ingest report (input by input) and its partitions."""

    report: IngestReport = field(default_factory=IngestReport)
    partitions: int = 0
    analysed: int = 0  # partitions analysed in this run
    reused: int = 0  # partitions whose shard an earlier run wrote
    # Each worker process's largest resident size (MB), as it last reported it.
    peak_mb: dict[str, float] = field(default_factory=dict)
    # Seconds the loading process waited for workers, and those it was busy reading inputs,
    # handing out partitions and storing: no number of workers makes a run shorter.
    waited: float = 0.0
    busy: float = 0.0
    # Processor seconds of the loading thread (reading, handing out, storing: the rest of
    # the loading process's is the engine's own threads), and of the partitions' tasks on
    # the workers (the rest of a worker's is its start and the engine's housekeeping).
    loading_cpu: float = 0.0
    tasks_cpu: float = 0.0


def run_batch(
    paths: list[str], store: Store, out: Path, engine: str = "dask", workers: int = 2,
    scheduler: str | None = None, published: date | None = None, outlet: str | None = None,
    options: Options | None = None, columns: Mapping[str, str] | None = None,
    partition_size: int = PARTITION_SIZE, progress: Callable[[str], None] = lambda _: None,
) -> BatchRun:
    """Analyse the inputs in partitions on `engine` ("dask" or "local") with `workers`
    processes (or the cluster at `scheduler`), keep each partition's analyses in `out`, and
    store them. `out` must be readable and writable by every worker (shared storage)."""
    options = options or Options()
    check_setup(options)  # a broken gazetteer or model file stops the run once
    out.mkdir(parents=True, exist_ok=True)
    run = BatchRun()
    manifest = Manifest(out, store.db)
    items = read_inputs(paths, published, outlet, columns, run.report.not_read.append,
                        options.max_document_chars)
    with start_engine(engine, options, workers, scheduler) as started:
        loader = Loader(run, store, out, manifest, options, started, progress)
        begun, cpu = time.perf_counter(), time.thread_time()
        store_analyses(loader.in_order(partitions(items, partition_size)), store,
                       run.report, progress, STORED_AT_ONCE, loader.committed)
        run.busy = time.perf_counter() - begun - run.waited
        run.loading_cpu = time.thread_time() - cpu
    return run


# A partition handed out: the documents it sent to be analysed and the worker's answer
# (None when nothing was to be analysed: every document stored, or the shard written).
Started = tuple[Partition, list[Entry], Pending | None]


@dataclass
class Loading:
    """A partition whose analyses are given to the writer: loaded once all are given and
    committed."""

    name: str
    given: int = 0
    committed: int = 0
    all_given: bool = False


@dataclass
class Loader:
    run: BatchRun
    store: Store
    out: Path
    manifest: Manifest
    options: Options
    engine: Engine
    progress: Callable[[str], None]
    # The partitions given to the writer and not yet recorded loaded, in order.
    loading: deque[Loading] = field(default_factory=deque)

    def committed(self, count: int) -> None:
        """``count`` more of the analyses given, the first not yet committed, committed
        (`pipeline.store_analyses`); a partition all of whose analyses are, recorded loaded
        (a run killed before that reads its shard again and skips what is stored)."""
        for loading in self.loading:
            taken = min(count, loading.given - loading.committed)
            loading.committed += taken
            count -= taken
            if not count:
                break
        self._record_loaded()

    def _record_loaded(self) -> None:
        while self.loading and self.loading[0].all_given and (
                self.loading[0].committed == self.loading[0].given):
            name = self.loading.popleft().name
            if name not in self.manifest.loaded:
                self.manifest.record_loaded(name)

    def in_order(self, planned: Iterator[Partition]
                 ) -> Iterator[tuple[str, Analysis | IngestProblem]]:
        """Each input's analysis (or problem) in input order, partitions analysed ahead."""
        ahead: deque[Started] = deque()
        for partition in planned:
            self.run.partitions += 1
            ahead.append(self.start(partition))
            while len(ahead) > self.engine.slots * AHEAD_PER_SLOT:
                yield from self.load(*ahead.popleft())
        while ahead:
            yield from self.load(*ahead.popleft())

    def start(self, partition: Partition) -> Started:
        if (partition.name in self.manifest.loaded
                or shard_path(self.out, partition.name).exists()):
            return partition, [], None
        # What is stored already (an input given again) is not analysed again: asked in
        # one query for the partition.
        read = [(position, item) for position, item in enumerate(partition.items)
                if not isinstance(item, IngestProblem)]
        standings = self.store.standings([item for _, item in read])
        entries = entries_of(partition, [
            position for (position, _), standing in zip(read, standings, strict=True)
            if standing == "new"])
        if not entries:
            return partition, [], None
        return partition, entries, self.engine.submit(
            analyse_partition, partition.name, str(self.out), entries, self.options)

    def load(self, partition: Partition, entries: list[Entry], pending: Pending | None
             ) -> Iterator[tuple[str, Analysis | IngestProblem]]:
        name, report = partition.name, self.run.report
        shard = shard_path(self.out, name)
        rows: dict[int, tuple[str, Analysis | IngestProblem]] = {}
        if pending is not None:
            if not pending.done():
                # Statements joined while the workers analyse, not all at the run's end.
                self.store.settle_groups()
            waiting = time.perf_counter()
            try:
                done: PartitionDone = pending.result()
            except Exception:  # noqa: BLE001 - a worker died (killed, out of memory)
                done = analyse_partition_again(name, str(self.out), entries, self.options)
            self.run.waited += time.perf_counter() - waiting
            if not shard.exists():
                raise BatchError(f"{done.worker} wrote {shard.name}, which this process does "
                                 f"not find in {self.out}: on a cluster, --out must be storage "
                                 "every worker shares, at the same path")
            self.run.analysed += 1
            self.run.tasks_cpu += done.processor_seconds
            self.run.peak_mb[done.worker] = done.peak_mb
            self.manifest.record_analysed(name, done.details())
        elif shard.exists() or name in self.manifest.loaded:
            self.run.reused += 1
        # A partition stored whole by an earlier run is only counted: its shard is not read.
        if name not in self.manifest.loaded and shard.exists():
            rows = read_shard(shard)
        loading = Loading(name)
        self.loading.append(loading)
        for position, item in enumerate(partition.items):
            if position in rows:
                report.read += 1
                loading.given += 1
                yield rows[position]
                continue
            # Not analysed: unreadable, or stored when the partition was handed out.
            for where, _document in new_documents([item], self.store, report, self.progress):
                report.problems.append(IngestProblem(
                    where, "not analysed: it was stored when its partition was analysed, "
                           "and is not now; run the batch again with a new --out folder"))
                self.progress(where)
        loading.all_given = True
        self._record_loaded()
