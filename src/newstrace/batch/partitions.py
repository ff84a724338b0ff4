"""Inputs cut into partitions, and a partition analysed into its shard (on a worker).

A partition is a run of consecutive inputs, named by its place and by what it holds, so a
batch started again over the same inputs cuts the same partitions and finds the shards it
wrote before. Its documents travel to a worker with their place in the partition; the
worker analyses them as `newstrace ingest` does (`pipeline.analysed_together`) and
writes the shard; the loading process reads it back in input order.
"""

from __future__ import annotations

import hashlib
import os
import resource
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from newstrace.config import Options
from newstrace.ingest import IngestProblem
from newstrace.models import Analysis, Document
from newstrace.pipeline import analysed_again, analysed_together, where_of
from newstrace.store.saving import content_hash

from .shards import shard_path, write_shard

# Inputs a partition holds: enough that a task's overhead (scheduling, a shard file) is
# small beside its analysis (a few seconds), few enough that a killed run loses little and
# that a few hundred documents still spread over several workers. A whole number of the
# parse's batches (`annotate.nlp.PIPE_BATCH`, 16): a partition of 20 parsed a last batch of
# 4, and the parse of a story cost 2% more processor time in batches of 16 than of 32 or
# more (96 BBC stories, one process, three rounds).
PARTITION_SIZE = 32

# A document to analyse: its place in the partition, its input's name, the document.
Entry = tuple[int, str, Document]


@dataclass
class Partition:
    index: int
    items: list[Document | IngestProblem]  # in input order; a problem is an unreadable input

    @cached_property
    def name(self) -> str:
        """The partition's place and a digest of its inputs (ids and contents)."""
        digest = hashlib.sha256()
        for item in self.items:
            key = (f"problem\x1f{item.where}" if isinstance(item, IngestProblem)
                   else f"{item.id}\x1f{content_hash(item.text)}")
            digest.update(key.encode("utf-8", "surrogatepass") + b"\x1e")
        return f"{self.index:06d}-{digest.hexdigest()[:12]}"


def partitions(items: Iterable[Document | IngestProblem], size: int = PARTITION_SIZE
               ) -> Iterator[Partition]:
    """Consecutive inputs, `size` to a partition."""
    batch: list[Document | IngestProblem] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield Partition(index, batch)
            index, batch = index + 1, []
    if batch:
        yield Partition(index, batch)


@dataclass
class PartitionDone:
    """What a worker reports for a partition it analysed."""

    name: str
    documents: int
    seconds: float
    # Processor seconds of the task's thread (the analysis and the shard; a partition
    # analysed again: only its handing to the fresh process): beside the worker process's
    # own, they show what the engine's housekeeping costs.
    processor_seconds: float
    worker: str
    peak_mb: float  # the worker process's largest resident size so far

    def details(self) -> dict[str, Any]:
        return {"documents": self.documents, "seconds": round(self.seconds, 3),
                "processor_seconds": round(self.processor_seconds, 3),
                "worker": self.worker, "peak_mb": round(self.peak_mb, 1)}


def entries_of(partition: Partition, new: Iterable[int]) -> list[Entry]:
    """The documents at the positions `new`, each with its input's name."""
    chosen = set(new)
    return [(position, where_of(item), item) for position, item in enumerate(partition.items)
            if position in chosen and isinstance(item, Document)]


def analyse_partition(name: str, out: str, entries: list[Entry], options: Options
                      ) -> PartitionDone:
    """Analyse the documents and write the partition's shard (run on a worker, which holds
    its model already: `pipeline.warm_up`)."""
    started = time.perf_counter(), time.thread_time()
    found = analysed_together([(where, document) for _, where, document in entries], options)
    rows = [(position, where, result)
            for (position, where, _), result in zip(entries, found, strict=True)]
    write_shard(shard_path(Path(out), name), rows)
    return _done(name, len(rows), started)


def analyse_partition_again(name: str, out: str, entries: list[Entry], options: Options
                            ) -> PartitionDone:
    """The partition whose worker died (killed, out of memory) analysed again from here in
    one fresh worker process, and a document at a time should it die again, so that only a
    document that stops its process alone fails (`pipeline.analysed_again`)."""
    started = time.perf_counter(), time.thread_time()
    found = analysed_again([[(where, document) for _, where, document in entries]], options)
    rows: list[tuple[int, str, Analysis | IngestProblem]] = [
        (position, where, result)
        for (position, _, _), (where, result) in zip(entries, found, strict=True)]
    write_shard(shard_path(Path(out), name), rows)
    return _done(name, len(rows), started)


def _done(name: str, documents: int, started: tuple[float, float]) -> PartitionDone:
    return PartitionDone(name, documents, time.perf_counter() - started[0],
                         time.thread_time() - started[1],
                         f"{socket.gethostname()}:{os.getpid()}", peak_mb())


def peak_mb() -> float:
    """This process's largest resident size (MB). Linux's VmHWM is the process's own;
    getrusage's figure (elsewhere) keeps the parent's from before a worker was spawned."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        status = ""
    high = next((line.split()[1] for line in status.splitlines()
                 if line.startswith("VmHWM:")), None)
    if high is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return int(high) / 1024  # kB
