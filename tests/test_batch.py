"""`newstrace batch` stores what `newstrace ingest` stores, on Dask and on local workers; a
second batch adds to the database without analysing the first again; a batch killed
mid-way and run again stores every document once."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster

import newstrace.batch.run as batch_run
from batch_reports import write_reports
from newstrace.batch.engines import Engine
from newstrace.batch.manifest import MANIFEST_NAME, Manifest
from newstrace.batch.run import run_batch
from newstrace.batch.shards import (
    analysis_from_json,
    analysis_json,
    read_shard,
    shard_path,
    write_shard,
)
from newstrace.config import Options
from newstrace.errors import BatchError
from newstrace.export import analysis_record
from newstrace.ingest import IngestProblem
from newstrace.models import Document
from newstrace.pipeline import analyse, ingest
from newstrace.store import Store

# Small partitions, so that a few dozen reports make several tasks and shards.
PARTITION = 6
# Reports in the first and the second input file.
FIRST, SECOND = 24, 12
ALL = FIRST + SECOND


def exported(db: Path) -> list[str]:
    return [json.dumps(analysis_record(a), sort_keys=True) for a in Store(str(db)).analyses()]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Two files of reports (the second batch's names recur from the first) and the
    database one ingest of both makes."""
    folder = tmp_path_factory.mktemp("batch")
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    write_reports(first, FIRST)
    write_reports(second, SECOND, first=FIRST)
    report = ingest([str(first), str(second)], Store(str(folder / "ingest.db")))
    assert len(report.added) == ALL and not report.problems
    return first, second, folder / "ingest.db"


def test_dask_batches_store_what_ingest_stores_and_add_to_the_database(
        inputs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    first, second, ingested = inputs
    db = Store(str(tmp_path / "batch.db"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        earlier = run_batch([str(first)], db, tmp_path / "out1", "dask",
                            scheduler=cluster.scheduler_address, partition_size=PARTITION)
        later = run_batch([str(second)], db, tmp_path / "out2", "dask",
                          scheduler=cluster.scheduler_address, partition_size=PARTITION)
    assert (earlier.partitions, earlier.analysed, len(earlier.report.added)) == (4, 4, FIRST)
    assert len(earlier.peak_mb) == 2  # both workers analysed
    # The second batch analyses its own reports only ...
    assert (later.report.read, later.analysed, len(later.report.added)) == (SECOND, 2, SECOND)
    assert len(list((tmp_path / "out2").glob("part-*.parquet"))) == 2
    # ... and its names join the entities the first stored, as one ingest joins them.
    assert exported(tmp_path / "batch.db") == exported(ingested)
    people = [{e["id"] for e in json.loads(line)["entities"] if e["type"] == "PERSON"}
              for line in exported(tmp_path / "batch.db")]
    assert set().union(*people[:FIRST]) & set().union(*people[FIRST:])


def test_local_engine_stores_what_ingest_stores_and_reuses_its_shards(
        inputs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    first, second, ingested = inputs
    out, db = tmp_path / "out", tmp_path / "local.db"
    run = run_batch([str(first), str(second)], Store(str(db)), out, "local", 1,
                    partition_size=PARTITION)
    assert (run.partitions, run.analysed, len(run.report.added)) == (6, 6, ALL)
    assert exported(db) == exported(ingested)
    again = run_batch([str(first), str(second)], Store(str(db)), out, "local", 0,
                      partition_size=PARTITION)
    assert (again.analysed, again.reused, len(again.report.skipped)) == (0, 6, ALL)
    assert exported(db) == exported(ingested)


def test_a_shard_gives_back_the_analyses_and_problems_written(tmp_path: Path) -> None:
    found = analyse(Document("Mayor Ana Kalnis said on Monday that the port would reopen.",
                             published=None, file="a.txt"))
    path = shard_path(tmp_path, "000000-abc")
    write_shard(path, [(0, "a.txt", found), (2, "b.txt", IngestProblem("b.txt", "too long"))])
    assert read_shard(path) == {0: ("a.txt", found),
                                2: ("b.txt", IngestProblem("b.txt", "too long"))}
    assert analysis_from_json(analysis_json(found)) == found and found.quotes
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_an_output_folder_serves_one_database(tmp_path: Path) -> None:
    Manifest(tmp_path, str(tmp_path / "one.db")).record_loaded("000000-abc")
    with (tmp_path / MANIFEST_NAME).open("a") as manifest:
        manifest.write('{"partition": "000001-')  # cut short by a kill
    assert Manifest(tmp_path, str(tmp_path / "one.db")).loaded == {"000000-abc"}
    with pytest.raises(BatchError, match="NT008"):
        Manifest(tmp_path, str(tmp_path / "other.db"))


def batch_command(inputs: list[Path], db: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "newstrace.cli", "batch", *map(str, inputs), "--db", str(db),
            "--out", str(out), "--engine", "local", "--workers", "0", "--partition-size",
            str(PARTITION), "-q"]


def test_a_killed_batch_run_again_stores_every_document_once(
        inputs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    first, second, ingested = inputs
    db, out = tmp_path / "killed.db", tmp_path / "out"
    command = batch_command([first, second], db, out)
    process = subprocess.Popen(command, env=os.environ, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    manifest = out / MANIFEST_NAME
    # Killed as soon as a partition's documents are stored: the rest take a partition's
    # storing each (a fixed wait after it outlasted them all on a fast machine).
    while process.poll() is None and (not manifest.exists() or manifest.read_text(
            encoding="utf-8").count('"loaded"') < 1):
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the batch ended before it was killed"
    shards_before = {path.name: path.stat().st_mtime_ns for path in out.glob("part-*")}
    again = subprocess.run(command, env=os.environ, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"{ALL} stored" not in again.stderr  # some were stored by the killed run
    assert exported(db) == exported(ingested)  # each document once, as one ingest stores it
    for name, modified in shards_before.items():  # finished shards are not written again
        assert (out / name).stat().st_mtime_ns == modified


@contextmanager
def dying_workers(_engine: str, _options: Options, _workers: int,
                  _scheduler: str | None = None) -> Iterator[Engine]:
    """An engine whose every worker dies with the partition it was given."""
    def submit(_function: Callable[..., Any], *_args: Any) -> Future[Any]:
        died: Future[Any] = Future()
        died.set_exception(BrokenProcessPool("a worker died"))
        return died

    yield Engine(submit, 1)


def test_a_partition_whose_worker_died_is_analysed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "few.jsonl"
    write_reports(inputs, 4)
    monkeypatch.setattr(batch_run, "start_engine", dying_workers)
    run = batch_run.run_batch([str(inputs)], Store(str(tmp_path / "db.db")), tmp_path / "out",
                              "local", 1)
    assert (run.analysed, len(run.report.added), run.report.problems) == (1, 4, [])
    assert len(list((tmp_path / "out").glob("part-*.parquet"))) == 1


def test_a_partition_is_recorded_loaded_only_once_its_documents_are_committed(
        inputs: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _second, _ingested = inputs
    db = str(tmp_path / "db.db")
    stored_when_recorded = []
    real_record = Manifest.record_loaded

    def record_loaded(self: Manifest, partition: str) -> None:
        # what another process sees: committed documents only
        stored_when_recorded.append(len(Store(db).document_ids()))
        real_record(self, partition)

    monkeypatch.setattr(Manifest, "record_loaded", record_loaded)
    # partitions of 6 stored 16 to a transaction: a partition's last document is given to
    # the writer before the transaction that stores it commits
    run = run_batch([str(first)], Store(db), tmp_path / "out", "local", 0,
                    partition_size=PARTITION)
    assert len(run.report.added) == FIRST
    assert [stored >= PARTITION * (n + 1) for n, stored in enumerate(stored_when_recorded)] \
        == [True] * (FIRST // PARTITION)
