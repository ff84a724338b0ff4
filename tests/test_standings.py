"""Whether documents are stored, read for many at once (`Store.standings`, as ingest reads
them): the same answers as asking one at a time, on both databases."""

from newstrace.models import Analysis, Document
from newstrace.pipeline import STORED_AT_ONCE, IngestReport, new_documents
from newstrace.store import Store

STORED = Document(id="stored", text="Tallinn's port reopened on Monday.")


def test_standings_answer_as_standing_does_for_each(db_store: Store) -> None:
    assert db_store.save(Analysis(STORED))
    asked = [
        Document(id="new", text="Riga's bridge closed for repairs."),
        Document(id="copy", text=STORED.text),  # the same content under another id
        STORED,
        Document(id="stored", text="Other words under a stored id."),
        Document(id="new", text="Riga's bridge closed for repairs."),  # twice in one read
    ]
    assert db_store.standings(asked) == ["new", "stored", "stored", "id taken", "new"]
    assert db_store.standings(asked) == [db_store.standing(d) for d in asked]
    assert db_store.standings([]) == []


def test_new_documents_reads_more_than_a_batch_in_order(db_store: Store) -> None:
    assert db_store.save(Analysis(STORED))
    texts = [f"Report number {n} on the harbour." for n in range(STORED_AT_ONCE * 2 + 3)]
    items = [Document(id=f"d{n}", text=text) for n, text in enumerate(texts)]
    items.insert(STORED_AT_ONCE, STORED)  # stored already: skipped, at its place
    report, seen = IngestReport(), []
    new = list(new_documents(items, db_store, report, seen.append))
    assert [document.id for _, document in new] == [f"d{n}" for n in range(len(texts))]
    assert report.read == len(items) and report.skipped == ["stored"] and seen == ["stored"]
