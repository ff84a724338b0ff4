"""The writer stores a run's analyses several to a transaction (pipeline.store_analyses with
Store.saving): each document once, in order, with the same outcomes as one at a time."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from newstrace.ingest import IngestProblem
from newstrace.models import Analysis, Document
from newstrace.pipeline import STORED_AT_ONCE, IngestReport, store_analyses
from newstrace.store import Store


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


def test_a_clash_rolls_the_transaction_back_and_stores_each_document_alone(
    db_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, calls = Store(db_url), []
    real_save = Store._save

    def clash_once(self, conn, analysis, doc, better_names):  # type: ignore[no-untyped-def]
        calls.append(doc.id)
        if len(calls) == 2:  # the second document of the transaction clashes
            raise IntegrityError("INSERT INTO entities", {}, Exception("UNIQUE failed"))
        return real_save(self, conn, analysis, doc, better_names)

    monkeypatch.setattr(Store, "_save", clash_once)
    report = IngestReport()
    store_analyses([found(f"r{n}", f"Report {n} on the quay repairs.", f"r{n}")
                    for n in range(3)], store, report, at_once=STORED_AT_ONCE)
    assert calls == ["r0", "r1", "r0", "r1", "r2"]  # rolled back, then each alone
    assert report.added == ["r0", "r1", "r2"] and report.problems == []
    assert sorted(store.document_ids()) == ["r0", "r1", "r2"]
    assert store.generation() == 3
