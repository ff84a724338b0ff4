"""The writer stores a run's analyses several to a transaction (pipeline.store_analyses with
Store.saving): each document once, in order, with the same outcomes as one at a time."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from newstrace.ingest import IngestProblem
from newstrace.models import Analysis, Document
from newstrace.pipeline import STORED_AT_ONCE, IngestReport, store_analyses
from newstrace.store import Store
from newstrace.store.saving import Saving
from newstrace.store.schema import documents


def council_story() -> str:
    """A report long enough for wire copy (written here, numbered so no sentence repeats)."""
    return " ".join(f"The harbour council met for session {n} and voted on plan {n} for the "
                    f"east quay, with {n + 3} members in favour." for n in range(12))


def found(where: str, text: str, doc_id: str) -> tuple[str, Analysis]:
    return where, Analysis(Document(text=text, id=doc_id))


def test_one_transaction_stores_each_document_once_and_finds_copies_within_it(
    db_url: str,
) -> None:
    store = Store(db_url)
    store.save(Analysis(Document(text="An older note on the ferry timetable.", id="taken")))
    story = council_story()
    report = IngestReport()
    store_analyses([
        found("first", story, "first"),
        found("copy", "Quay News reports. " + story, "copy"),  # a copy of the one just before
        found("again", story, "again"),  # the same content as "first": skipped
        found("clash", "Another text under a stored id.", "taken"),  # refused, the rest go on
        ("broken", IngestProblem("broken", "analysis failed")),
        found("last", "A short note on the weather at the pier.", "last"),
    ], store, report, at_once=STORED_AT_ONCE)
    assert report.added == ["first", "copy", "last"]
    assert report.skipped == ["again"]
    assert report.near_duplicates == ["copy"]
    assert [p.where for p in report.problems] == ["clash", "broken"]
    assert sorted(store.document_ids()) == ["copy", "first", "last", "taken"]
    assert [(link.document_id, link.copy_of_id) for link in store.copy_links()] == [
        ("copy", "first")]
    # one change a document stored, as one at a time, and one for the older note's
    # signature, stored when the run first compared reports for wire copy
    assert store.generation() == 5


def clashing_flush(monkeypatch: pytest.MonkeyPatch, failing: dict[int, Exception]
                   ) -> list[list[str]]:
    """Saving.flush made to raise ``failing[n]`` on its n-th call (from 1); each call's
    document ids, in order."""
    flushed: list[list[str]] = []
    real_flush = Saving.flush

    def flush(self: Saving) -> None:
        flushed.append([row["id"] for row in self.rows[documents]])
        if len(flushed) in failing:
            raise failing[len(flushed)]
        real_flush(self)

    monkeypatch.setattr(Saving, "flush", flush)
    return flushed


def clash() -> IntegrityError:
    return IntegrityError("INSERT INTO entities", {}, Exception("UNIQUE failed"))


def test_a_clash_rolls_the_transaction_back_and_stores_each_document_alone(
    db_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Store(db_url)
    flushed = clashing_flush(monkeypatch, {1: clash()})  # the transaction's rows clash
    report = IngestReport()
    store_analyses([found(f"r{n}", f"Report {n} on the quay repairs.", f"r{n}")
                    for n in range(3)], store, report, at_once=STORED_AT_ONCE)
    assert flushed == [["r0", "r1", "r2"], ["r0"], ["r1"], ["r2"]]  # rolled back, then alone
    assert report.added == ["r0", "r1", "r2"] and report.problems == []
    assert sorted(store.document_ids()) == ["r0", "r1", "r2"]
    assert store.generation() == 3


def test_documents_stored_alone_before_a_failing_one_are_reported(
    db_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Store(db_url)
    # the transaction clashes; then, alone, the first is stored and the second fails
    clashing_flush(monkeypatch, {1: clash(), 3: OperationalError(
        "INSERT INTO documents", {}, Exception("disk I/O error"))})
    report = IngestReport()
    with pytest.raises(OperationalError):
        store_analyses([found(f"r{n}", f"Report {n} on the quay repairs.", f"r{n}")
                        for n in range(3)], store, report, at_once=STORED_AT_ONCE)
    assert store.document_ids() == ["r0"]
    assert report.added == ["r0"]  # committed, so reported


def test_a_batch_of_problems_only_builds_no_wire_copy_index(db_url: str) -> None:
    store = Store(db_url)
    store.save(Analysis(Document(text=council_story(), id="unsigned")))  # no signature
    before = store.generation()
    report = IngestReport()
    store_analyses([(f"bad{n}", IngestProblem(f"bad{n}", "analysis failed"))
                    for n in range(3)], store, report, at_once=STORED_AT_ONCE)
    assert [p.where for p in report.problems] == ["bad0", "bad1", "bad2"]
    # the index was never built: the stored document was not signed on the way
    assert store.stored_order() == {} and store.generation() == before
