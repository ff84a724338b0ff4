"""Is every document stored exactly once when an ingest is killed and run again, or when two
ingests write one database at once?

    python bench/crash_resume.py [--trials 10] [--documents 30] [--concurrent 3] [--seed 1]
        [--db postgresql://user:password@host/database | --db postgresql]
    python bench/crash_resume.py --batch dask|local [--workers 2] [--trials 10] [--documents 60]

SQLite files by default; with --db, PostgreSQL: each run (the clean one, each trial) in a
schema of its own in that database, dropped afterwards; `--db postgresql` alone starts a
throwaway server (tools/postgres_server.py).

Crash trials: an ingest of generated reports runs in a subprocess and is killed (SIGKILL)
while it stores, once a random number of the documents is stored; the database must still
open (and pass SQLite's integrity check); a second ingest of the same inputs finishes the
job. Concurrent trials: two ingests of overlapping halves of the inputs start at once into
one database; both must finish without a failure. Either way the database then holds each
input once, and each document's rows (stories, mentions, quotes, events, timexes, search
entries ...) are as many as a clean run (in this process) stores for it. Prints each trial
and the documents lost or duplicated in all.

With --batch, the crash trials run `newstrace batch` instead (no concurrent trials), killed at
a random moment while workers analyse partitions (odd trials: once a random number of the
shards is written) or while the shards are stored (even trials: once a random number of the
documents is stored), and run again with the same output folder (the workers die with it:
their session is killed); the run again must also write no error on its standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError

import newstrace
from newstrace.annotate.nlp import get_nlp
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.store.schema import (
    boilerplate,
    documents,
    events,
    mentions,
    quotes,
    search_rows,
    stories,
    timexes,
)
from newstrace.store.urls import database_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from postgres_server import ThrowawayServer, drop_schema, new_schema  # noqa: E402

# Made-up people, offices, places and outlets; reports repeat them so that entities are
# linked across documents (and two writers may store the same entity at once).
PEOPLE = ["Rasa Dambrauskaitė", "Tomas Kalnis", "Ieva Merkytė", "Oskar Lind", "Mara Ozola",
          "Peeter Tamm", "Lena Brandt", "Jonas Kairys"]
OFFICES = ["defence minister", "foreign minister", "mayor", "central bank governor"]
PLACES = ["Vilnius", "Riga", "Tallinn", "Kaunas", "Tartu"]
OUTLETS = ["the Baltic Courier", "Radio North", "the Harbour Gazette"]
CLAIMS = ["We will not change course", "The bridge opens in May",
          "Nobody told us about the plan", "The budget is balanced at last",
          "Our troops stay where they are"]
DAYS = ["on Monday", "yesterday", "last week", "on 3 March 2025", "in July last year"]
# Rows each document owns: a document stored twice, or half stored, changes their counts.
DOCUMENT_TABLES = [stories, boilerplate, mentions, quotes, events, timexes, search_rows]


class Databases:
    """A fresh database for each run: a SQLite file in ``folder``, or a schema of the
    PostgreSQL database ``server`` (dropped when the trials end)."""

    def __init__(self, folder: Path, server: str | None = None):
        self.folder, self.server, self.schemas = folder, server, []

    def new(self, name: str) -> str:
        if self.server is None:
            return str(self.folder / f"{name}.db")
        schema = f"crash_{os.getpid()}_{name}"
        self.schemas.append(schema)
        return new_schema(self.server, schema)

    def drop(self) -> None:
        for schema in self.schemas:
            drop_schema(self.server or "", schema)


def report_text(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 8)):
        person, office, place = rng.choice(PEOPLE), rng.choice(OFFICES), rng.choice(PLACES)
        sentences.append(rng.choice([
            f"“{rng.choice(CLAIMS)},” {office.capitalize()} {person} told "
            f"{rng.choice(OUTLETS)} {rng.choice(DAYS)}.",
            f"{person} said {rng.choice(DAYS)} that the council in {place} had voted "
            f"{rng.randint(20, 90)} to {rng.randint(0, 19)} to approve the plan.",
            f"The {office} of {place}, {person}, denied that {rng.randint(2, 900)} million "
            f"euros had been sent, {rng.choice(OUTLETS)} reported.",
            f"Protesters gathered in {place} {rng.choice(DAYS)}, according to police.",
        ]))
    return " ".join(sentences)


def write_inputs(folder: Path, count: int, rng: random.Random) -> list[Path]:
    """The reports as two JSONL files, the first and second half (concurrent trials give
    each writer one half and the middle quarter of the other)."""
    texts = [report_text(rng) + f" (report {n})" for n in range(count)]
    records = [{"id": f"r{n:04d}", "text": text, "published": "2025-03-07"}
               for n, text in enumerate(texts)]
    quarter = count // 4
    halves = [records[:count // 2 + quarter], records[count // 2 - quarter:]]
    paths = []
    for number, half in enumerate(halves):
        path = folder / f"part{number}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in half),
                        encoding="utf-8")
        paths.append(path)
    return paths


def ingest_command(db: str, paths: list[Path]) -> list[str]:
    return [sys.executable, "-m", "newstrace.cli", "ingest", *map(str, paths), "--db", db]


@dataclass
class Batch:
    """`newstrace batch` on an engine, with small partitions so a run has many."""

    engine: str
    workers: int
    partition_size: int = 10

    def command(self, db: str, paths: list[Path], out: Path) -> list[str]:
        return [sys.executable, "-m", "newstrace.cli", "batch", *map(str, paths), "--db",
                str(db), "--out", str(out), "--engine", self.engine, "--workers",
                str(self.workers), "--partition-size", str(self.partition_size), "-q"]


# The ingests run the newstrace this process imported, wherever it is installed.
CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
    str(Path(newstrace.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH")]))}


def stored_documents(db: str) -> int:
    if "://" not in db:
        if not Path(db).exists():
            return 0
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        except sqlite3.Error:  # not made yet, or locked for a moment
            return 0
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    except SQLAlchemyError:  # not made yet
        return 0
    finally:
        engine.dispose()


def rows_by_document(db: str) -> dict[str, Counter[str]]:
    """Each document's rows per table (and once per document: its own row)."""
    store = Store(db)
    counts: dict[str, Counter[str]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(select(documents.c.id)):
            counts.setdefault(row[0], Counter())["documents"] += 1
        for table in DOCUMENT_TABLES:
            query = select(table.c.document_id, func.count()).group_by(table.c.document_id)
            for document_id, count in conn.execute(query):
                counts.setdefault(document_id, Counter())[table.name] = count
    store.engine.dispose()
    return counts


def integrity(db: str) -> str:
    """SQLite's integrity check; a PostgreSQL server survives a killed client by itself:
    whether the store opens and counts its documents."""
    if "://" not in db:
        with sqlite3.connect(db) as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    try:
        Store(db).document_ids()
    except Exception as error:  # noqa: BLE001 - any failure is the finding
        return f"the store does not open: {error}"
    return "ok"


@dataclass
class Trial:
    name: str
    stored_at_kill: int | None = None  # crash trials: documents stored when it was killed
    shards_at_kill: int | None = None  # batch crash trials: partitions analysed by then
    lost: int = 0
    duplicated: int = 0
    wrong_rows: int = 0  # documents whose rows differ in number from the clean run's
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        status = "ok" if not (self.lost or self.duplicated or self.wrong_rows or
                              self.failures) else "FAILED"
        killed = "" if self.stored_at_kill is None else \
            f", stored when killed {self.stored_at_kill}"
        if self.shards_at_kill is not None:
            killed += f", shards {self.shards_at_kill}"
        return (f"{self.name}: {status}{killed}, lost {self.lost}, duplicated "
                f"{self.duplicated}, rows differing {self.wrong_rows}"
                + "".join(f"\n    {f}" for f in self.failures))


def compare(trial: Trial, db: str, clean: dict[str, Counter[str]]) -> None:
    found = rows_by_document(db)
    trial.lost = len(set(clean) - set(found))
    trial.duplicated = sum(1 for rows in found.values() if rows["documents"] > 1)
    trial.duplicated += len(set(found) - set(clean))  # stored under another id: twice
    trial.wrong_rows = sum(1 for key in set(clean) & set(found) if found[key] != clean[key])


def crash_trial(number: int, databases: Databases, inputs: list[Path], run_seconds: float,
                clean: dict[str, Counter[str]], rng: random.Random) -> Trial:
    trial, db = Trial(f"crash {number}"), databases.new(f"crash{number}")
    process = subprocess.Popen(ingest_command(db, inputs), env=CHILD_ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill while it stores: once a random number of the documents (not all) is stored, then
    # at a random moment of one document's time in the clean run, so that some kills land
    # inside a document's transaction.
    target = rng.randint(1, max(len(clean) - 1, 1))
    while stored_documents(db) < target and process.poll() is None:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, run_seconds / len(clean)))
    process.send_signal(signal.SIGKILL)
    process.wait()
    trial.stored_at_kill = stored_documents(db)
    if (check := integrity(db)) != "ok":
        trial.failures.append(f"integrity check after the kill: {check}")
    again = subprocess.run(ingest_command(db, inputs), env=CHILD_ENV, capture_output=True,
                           text=True)
    if again.returncode != 0 or "error" in again.stderr:
        trial.failures.append(f"the second ingest: {again.stderr.strip()[-500:]}")
    compare(trial, db, clean)
    return trial


def batch_trial(number: int, databases: Databases, inputs: list[Path], timed: TimedBatch,
                clean: dict[str, Counter[str]], rng: random.Random, batch: Batch) -> Trial:
    trial, db = Trial(f"batch crash {number}"), databases.new(f"batch{number}")
    out = databases.folder / f"batch{number}"
    command = batch.command(db, inputs, out)
    # A session of its own: the kill reaches the batch and its worker processes at once,
    # as when the machine stops.
    process = subprocess.Popen(command, env=CHILD_ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    # Odd trials are killed while partitions are analysed, once a random number of the
    # shards (not all) is written; even ones while the shards are stored, once a random
    # number of the documents (not all) is stored; then at a random moment of one
    # partition's or one document's time in the timed run, so that kills land inside a
    # shard's writing and inside a transaction.
    if number % 2:
        target = rng.randint(1, max(timed.partitions - 1, 1))

        def reached() -> bool:
            return len(list(out.glob("part-*.parquet"))) >= target
        step = timed.seconds / max(timed.partitions, 1)
    else:
        target = rng.randint(1, max(len(clean) - 1, 1))

        def reached() -> bool:
            return stored_documents(db) >= target
        step = timed.seconds / max(len(clean), 1)

    while not reached() and process.poll() is None:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, step))
    trial.shards_at_kill = len(list(out.glob("part-*.parquet")))
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    else:  # a trial all the same: the run again must store nothing twice
        trial.name += " (ended before the kill)"
    trial.stored_at_kill = stored_documents(db)
    if ("://" in db or Path(db).exists()) and (check := integrity(db)) != "ok":
        trial.failures.append(f"integrity check after the kill: {check}")
    again = subprocess.run(command, env=CHILD_ENV, capture_output=True, text=True)
    if again.returncode != 0 or "error" in again.stderr.lower():
        trial.failures.append(f"the second batch: {again.stderr.strip()[-500:]}")
    compare(trial, db, clean)
    return trial


@dataclass
class TimedBatch:
    """A whole batch of the inputs: its partitions, and the seconds from its first shard
    written to its end (its analysis and storing, its engine's close)."""

    partitions: int
    seconds: float


def timed_batch(databases: Databases, inputs: list[Path], batch: Batch) -> TimedBatch:
    out, db = databases.folder / "timed", databases.new("timed")
    process = subprocess.Popen(batch.command(db, inputs, out), env=CHILD_ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # stderr is read once it ends: a batch run quietly (-q) writes little there
    while not any(out.glob("part-*.parquet")) and process.poll() is None:
        time.sleep(0.02)
    started = time.monotonic()
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"the timed batch failed: {stderr[-500:]}")
    return TimedBatch(len(list(out.glob("part-*.parquet"))), time.monotonic() - started)


def concurrent_trial(number: int, databases: Databases, inputs: list[Path],
                     clean: dict[str, Counter[str]]) -> Trial:
    trial, db = Trial(f"concurrent {number}"), databases.new(f"concurrent{number}")
    writers = [subprocess.Popen(ingest_command(db, [path]), env=CHILD_ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for path in inputs]
    for writer in writers:
        _, stderr = writer.communicate()
        if writer.returncode != 0 or "error" in stderr:
            trial.failures.append(f"a writer failed: {stderr.strip()[-500:]}")
    compare(trial, db, clean)
    return trial


def run(trials: int, documents: int, concurrent: int, seed: int, folder: Path,
        db: str | None = None, batch: Batch | None = None) -> list[Trial]:
    """The trials, in SQLite files in ``folder`` or in schemas of the PostgreSQL database
    ``db``."""
    rng = random.Random(seed)
    inputs = write_inputs(folder, documents, rng)
    databases = Databases(folder, db)
    try:
        get_nlp()  # loaded before the clock starts: the clean run times the storing alone
        clean_db = databases.new("clean")
        started = time.monotonic()
        ingest([str(path) for path in inputs], Store(clean_db))
        run_seconds = time.monotonic() - started
        clean = rows_by_document(clean_db)
        assert len(clean) == documents, f"the clean run stored {len(clean)} of {documents}"
        if batch is not None:
            timed = timed_batch(databases, inputs, batch)
            return [batch_trial(n, databases, inputs, timed, clean, rng, batch)
                    for n in range(1, trials + 1)]
        results = [crash_trial(n, databases, inputs, run_seconds, clean, rng)
                   for n in range(1, trials + 1)]
        return results + [concurrent_trial(n, databases, inputs, clean)
                          for n in range(1, concurrent + 1)]
    finally:
        databases.drop()


@contextmanager
def server(db: str | None) -> Iterator[str | None]:
    """The database the trials run in: none (SQLite files), the URL given, or a throwaway
    server's for `--db postgresql`."""
    if db != "postgresql":
        yield db
        return
    with ThrowawayServer() as throwaway:
        yield throwaway.url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=10, help="kill-and-resume trials")
    parser.add_argument("--documents", type=int, default=30, help="reports generated")
    parser.add_argument("--batch", choices=["dask", "local"],
                        help="kill `newstrace batch` on this engine instead of ingest")
    parser.add_argument("--workers", type=int, default=2, help="the batch's workers")
    parser.add_argument("--concurrent", type=int, default=3, help="two-writer trials")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="a PostgreSQL database's URL (each trial in a schema of "
                                     "its own), or `postgresql`: a throwaway server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newstrace-crash-") as folder, \
            server(args.db) as db:
        batch = Batch(args.batch, args.workers) if args.batch else None
        results = run(args.trials, args.documents, args.concurrent, args.seed, Path(folder), db,
                      batch)
    print("PostgreSQL" if args.db else "SQLite")
    for trial in results:
        print(trial.line())
    crashes = [t for t in results if "crash" in t.name]
    print(f"{len(crashes)} crash trials, {len(results) - len(crashes)} concurrent trials, "
          f"{args.documents} documents each: lost {sum(t.lost for t in results)}, "
          f"duplicated {sum(t.duplicated for t in results)}, documents with other rows "
          f"{sum(t.wrong_rows for t in results)}, failures "
          f"{sum(len(t.failures) for t in results)}")
    if any(t.lost or t.duplicated or t.wrong_rows or t.failures for t in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
