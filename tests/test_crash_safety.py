"""Storage survives a killed ingest and a second writer: every document stored exactly once,
the database always readable, on SQLite and PostgreSQL (bench/crash_resume.py runs the long
version)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from newstrace.models import Analysis, Document, Entity
from newstrace.pipeline import analyse, ingest
from newstrace.resolve.crossdoc import link_analysis
from newstrace.store import Store
from newstrace.store.saving import Saving
from newstrace.store.schema import documents, entities, search_rows
from newstrace.store.store import SQLITE_BUSY_SECONDS, engine_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import crash_resume  # noqa: E402

REPORT = "“The port stays open,” Harbour Master Oskar Lind told Radio North on Monday."


def analysed(text: str) -> Analysis:
    return analyse(Document(text=text))


def test_killed_ingests_resume_and_two_writers_at_once_store_each_document_once(
    tmp_path: Path,
) -> None:
    trials = crash_resume.run(trials=2, documents=6, concurrent=1, seed=7, folder=tmp_path)
    assert [t.name for t in trials] == ["crash 1", "crash 2", "concurrent 1"]
    for trial in trials:
        assert (trial.lost, trial.duplicated, trial.wrong_rows, trial.failures) == (
            0, 0, 0, []), trial.line()


def test_two_writers_at_once_store_each_document_once_on_postgresql(
    tmp_path: Path, postgres: str
) -> None:
    # a kill on PostgreSQL: test_a_run_killed_inside_a_documents_transaction_leaves_none_of_it
    trials = crash_resume.run(trials=0, documents=6, concurrent=1, seed=8, folder=tmp_path,
                              db=postgres)
    assert [t.name for t in trials] == ["concurrent 1"]
    for trial in trials:
        assert (trial.lost, trial.duplicated, trial.wrong_rows, trial.failures) == (
            0, 0, 0, []), trial.line()


def test_content_stored_by_another_run_meanwhile_is_skipped_not_failed(
    tmp_path: Path, db_url: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    ours, theirs = Store(db_url), Store(db_url)
    real_standings = ours.standings

    def stale_standings(found: Sequence[Document]) -> list[str]:
        verdicts = real_standings(found)  # "new" ...
        for document in found:  # ... then the other run
            theirs.save(analysed(document.text), link=link_analysis)
        return verdicts

    ours.standings = stale_standings  # type: ignore[method-assign]
    report = ingest([str(path)], ours)
    assert (report.added, report.skipped, report.problems) == ([], [str(path)], [])
    assert len(ours.document_ids()) == 1


def test_an_entity_another_writer_stored_first_does_not_fail_the_document(
    db_url: str,
) -> None:
    first, second = analysed(REPORT), analysed(REPORT + " He said more later.")
    shared = {e.id for e in first.entities} & {e.id for e in second.entities}
    assert shared  # the same person and outlet, found anew in each
    assert Store(db_url).save(first, link=link_analysis)
    assert Store(db_url).save(second, link=link_analysis)
    rows = Store(db_url).entity_rows()
    assert shared <= set(rows) and len(Store(db_url).document_ids()) == 2


def test_a_clash_with_another_writers_row_is_tried_again(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, calls = Store(db_url), []
    real_flush = Saving.flush

    def clash_once(self: Saving) -> None:
        calls.append([row["id"] for row in self.rows[documents]])
        if len(calls) == 1:
            raise IntegrityError("INSERT INTO entities", {}, Exception("UNIQUE failed"))
        real_flush(self)

    monkeypatch.setattr(Saving, "flush", clash_once)
    analysis = analysed(REPORT)
    assert store.save(analysis, link=link_analysis)
    assert calls == [[analysis.document.id]] * 2 and len(store.document_ids()) == 1


def test_a_writer_waits_for_another_writers_transaction(db_url: str) -> None:
    store = Store(db_url)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with Store(db_url).writing() as other:  # BEGIN IMMEDIATE, or the advisory lock
            other.execute(select(documents.c.id)).all()
            locked.set()
            release.wait(5)
            time.sleep(0.5)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    locked.wait(5)
    release.set()
    started = time.monotonic()
    assert store.save(analysed(REPORT), link=link_analysis)
    holder.join()
    assert time.monotonic() - started >= 0.4  # it waited rather than failing
    assert store.document_ids() != []


def test_a_writer_reads_what_the_writer_before_it_committed(db_url: str) -> None:
    """Linking inside the saving transaction sees the person another writer stored while
    this one waited for its turn: one entity, not two."""
    first = Analysis(Document(text="Ruta Zemaityte spoke.", id="d1"),
                     entities=[Entity("ent_1", "PERSON", "Ruta Zemaityte")])
    second = Analysis(Document(text="Zemaityte spoke again.", id="d2"),
                      entities=[Entity("ent_2", "PERSON", "Zemaityte")])
    ours = Store(db_url)
    locked, release = threading.Event(), threading.Event()

    def store_first() -> None:
        with Store(db_url).saving() as saving:
            locked.set()
            release.wait(5)
            time.sleep(0.3)
            saving.save(first)

    holder = threading.Thread(target=store_first)
    holder.start()
    locked.wait(5)
    release.set()
    assert ours.save(second, link=link_analysis)  # waits, then links to the stored person
    holder.join()
    assert set(ours.entity_rows()) == {"ent_1"}


def test_the_database_keeps_a_write_ahead_log(fresh_db: str) -> None:
    Store(fresh_db)
    with sqlite3.connect(fresh_db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_new_database_another_process_is_writing_in_rollback_mode_opens_once_it_commits(
    tmp_path: Path,
) -> None:
    # Two runs opening a new file at once: the first still writing in rollback mode, the
    # second's switch to WAL is answered "locked" at once, not after SQLite's busy wait.
    path = str(tmp_path / "new.db")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE early (a)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO early VALUES (1)")
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    Store(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM early").fetchone()[0] == 1
    other.close()


def test_a_connection_waits_for_writers_as_long_after_its_switch_to_the_log(
    tmp_path: Path,
) -> None:
    # The switch shortens the busy wait to the time it has left; later writes wait in full.
    engine = engine_for(str(tmp_path / "new.db"))
    with engine.connect() as conn:
        waits = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert waits == int(SQLITE_BUSY_SECONDS * 1000)


def test_a_text_no_database_can_store_is_reported_and_the_run_goes_on(
    tmp_path: Path, db_store: Store
) -> None:
    store = db_store
    # JSON may escape half of a surrogate pair; such a str has no UTF-8 form. It used to
    # stop the whole run (hashing it for the id and for `standing` raised).
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Riga was calm \\ud800 today."}\n'
                    '{"text": "Vilnius \\udfff was calm."}\n'
                    '{"id": "c", "text": "Tartu was calm.", "title": "Calm \\udc80"}\n'
                    '{"id": "b", "text": "Tallinn was calm."}\n', encoding="utf-8")
    report = ingest([str(path)], store)
    assert store.document_ids() == ["b"]
    assert [p.message.split(": ", 1)[1] for p in report.problems] == [
        "character 14 of the text ('\\ud800') has no UTF-8 form; no database can store it",
        "character 8 of the text ('\\udfff') has no UTF-8 form; no database can store it",
        "character 5 of the title ('\\udc80') has no UTF-8 form; no database can store it"]


DIE_MID_SAVE = """
import os, signal, sys
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.store.saving import Saving

real = Saving.flush

def write_then_die(self):
    real(self)  # the document's rows written, not committed
    os.kill(os.getpid(), signal.SIGKILL)

Saving.flush = write_then_die
ingest(sys.argv[1:-1], Store(sys.argv[-1]))
"""


def test_a_run_killed_inside_a_documents_transaction_leaves_none_of_it(
    tmp_path: Path, db_url: str
) -> None:
    paths = []
    for number, text in enumerate([REPORT, "Mayor Tomas Kalnis opened the bridge on Monday."]):
        paths.append(tmp_path / f"{number}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    source = str(Path(__file__).resolve().parents[1] / "src")
    killed = subprocess.run([sys.executable, "-c", DIE_MID_SAVE, *map(str, paths), db_url],
                            env={**os.environ, "PYTHONPATH": source}, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    if "://" not in db_url:
        with sqlite3.connect(db_url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = Store(db_url)
    with store.engine.connect() as conn:
        for table in (documents, entities, search_rows):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
    report = ingest(list(map(str, paths)), store)
    assert report.added == list(map(str, paths)) and len(store.document_ids()) == 2
    (first,) = [a for a in store.analyses() if a.document.text == REPORT]
    assert len(first.quotes) == 1
