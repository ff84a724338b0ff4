"""What keeps an answer of the API cheap without changing it: the reads of one answer share
one connection and one state of the store, and a date range reads no stored day outside it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event, insert

from newstrace.store import Store
from newstrace.store.connections import one_snapshot, reading_connection
from newstrace.store.reading import stored_dates
from newstrace.store.schema import value_counts


def add_dates(store: Store, values: list[str]) -> None:
    with store.writing() as conn:
        conn.execute(insert(value_counts), [{"kind": "event date", "value": value, "detail": "",
                                             "folded": value, "uses": 1} for value in values])


def test_the_reads_of_one_answer_share_a_connection_and_a_state(db_store: Store) -> None:
    add_dates(db_store, ["2020-05-01"])
    everything = (None, date(2100, 1, 1))
    with one_snapshot(db_store):
        with reading_connection(db_store) as first, reading_connection(db_store) as second:
            assert first is second
        before = stored_dates(db_store, "event date", *everything)
        add_dates(db_store, ["2020-05-02"])  # stored by another connection meanwhile
        assert stored_dates(db_store, "event date", *everything) == before == ["2020-05-01"]
    assert sorted(stored_dates(db_store, "event date", *everything)) == [
        "2020-05-01", "2020-05-02"]
    with reading_connection(db_store) as first, reading_connection(db_store) as second:
        assert first is not second  # outside an answer, each read has its own


def test_an_answer_through_the_stores_own_readers_holds_one_connection(db_store: Store) -> None:
    # A page reads through both the views' queries and Store's own readers: two pooled
    # connections a request would let a crowd of requests take the whole pool and wait.
    checked_out = []
    event.listen(db_store.engine, "checkout", lambda *_: checked_out.append(1))
    with one_snapshot(db_store):
        db_store.search("treaty")
        db_store.stored_order()
        db_store.copy_links()
        db_store.document_ids()
        stored_dates(db_store, "event date", None, None)
    assert len(checked_out) == 1


def test_a_date_range_reads_no_stored_day_outside_it(db_store: Store) -> None:
    days = [date(2019, 12, 1) + timedelta(days=n) for n in range(120)]
    add_dates(db_store, [d.isoformat() for d in days]
              + ["2020-01", "2020-W05", "2020", "202", "2020-01-31T23:30", "2020-02-01T00:10"])
    found = stored_dates(db_store, "event date", date(2020, 1, 10), date(2020, 1, 31))
    read_days = sorted(v for v in found if len(v) == 10 and v.count("-") == 2)
    assert read_days == [(date(2020, 1, 10) + timedelta(days=n)).isoformat() for n in range(22)]
    assert {"2020-01", "2020-W05", "2020", "202", "2020-01-31T23:30"} <= set(found)
    assert "2020-02-01T00:10" not in found
    # open ranges, and the last day a date can be
    assert "2019-12-01" not in stored_dates(db_store, "event date", date(2020, 1, 1), None)
    assert "2020-03-29" not in stored_dates(db_store, "event date", None, date(2020, 1, 1))
    assert "2020-03-29" in stored_dates(db_store, "event date", date(2020, 3, 1), date.max)
