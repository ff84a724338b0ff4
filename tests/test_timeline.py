"""The timeline view: an event told by several reports keeps the date most of them give, the
others' dates as support, and a conflict only where reports name different days; amounts of
different kinds (a total so far, a new sum) are two figures, not a disagreement."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import insert, select

from newstrace.cli import main
from newstrace.pipeline import ingest
from newstrace.store import Store, counts
from newstrace.store.schema import documents, events
from newstrace.views.timeline import (
    EventFilter,
    best_date,
    conflicts,
    timeline_page,
    timeline_rows,
)


def store_reports(folder: Path, store: Store, *reports: tuple[str, date]) -> None:
    for n, (text, published) in enumerate(reports):
        path = folder / f"report{n}.txt"
        path.write_text(text, encoding="utf-8")
        ingest([str(path)], store, published)


def vote_row(store: Store) -> dict[str, Any]:
    (row,) = [r for r in timeline_rows(store) if r["type"] == "treaty_vote"]
    return row


def test_an_undated_report_does_not_hide_the_date_the_others_give(
    tmp_path: Path, store: Store
) -> None:
    store_reports(
        tmp_path, store,
        ("The Saeima voted to leave the Ottawa Convention by 61 votes to 10.",
         date(2025, 4, 17)),
        ("The Saeima voted on 16 April to leave the Ottawa Convention.", date(2025, 4, 17)),
        ("On 16 April 2025 the Saeima voted to quit the Ottawa Convention.", date(2025, 4, 20)),
    )
    row = vote_row(store)
    assert row["date"] == "2025-04-16"
    assert [s["date"] for s in row["date_support"]] == ["2025-04-16", "2025-04-16"]
    assert "date" not in row["conflicts"] and len(row["reports"]) == 3


def test_a_month_supports_the_day_and_different_days_are_a_conflict(
    tmp_path: Path, store: Store
) -> None:
    store_reports(
        tmp_path, store,
        ("In April the Saeima voted to leave the Ottawa Convention.", date(2025, 5, 2)),
        ("The Saeima voted on 16 April to leave the Ottawa Convention.", date(2025, 4, 17)),
        ("The Saeima voted on 15 April to leave the Ottawa Convention.", date(2025, 4, 18)),
    )
    row = vote_row(store)
    # Each day has two reports behind it (its own and the month's): the earlier report wins.
    assert row["date"] == "2025-04-16"
    assert {s["date"] for s in row["date_support"]} == {"2025-04", "2025-04-16"}
    assert row["conflicts"]["date"] == ["2025-04-16", "2025-04-15"]


def test_the_timeline_command_shows_the_supporting_dates(tmp_path: Path, fresh_db: str) -> None:
    store_reports(
        tmp_path, Store(fresh_db),
        ("The Saeima voted to leave the Ottawa Convention.", date(2025, 4, 17)),
        ("The Saeima voted on 16 April to leave the Ottawa Convention.", date(2025, 4, 17)),
    )
    result = CliRunner().invoke(main, ["timeline", "--db", fresh_db, "--format", "json"])
    (row,) = [r for r in json.loads(result.output) if r["type"] == "treaty_vote"]
    assert row["date"] == "2025-04-16" and len(row["date_support"]) == 1
    table = CliRunner().invoke(main, ["timeline", "--db", fresh_db], env={"COLUMNS": "250"})
    assert "date_support" in table.output and "UNKNOWN" not in table.output.upper()


def test_the_date_most_reports_give_wins_over_the_first() -> None:
    values = ["2025-04-15", "2025-04-16", None, "2025-04-16", "2025-04"]
    published = [date(2025, 4, 16), date(2025, 4, 17), None, date(2025, 4, 18), None]
    chosen = best_date(values, published)
    assert chosen.value == "2025-04-16"
    assert chosen.support == [(1, "2025-04-16"), (3, "2025-04-16"), (4, "2025-04")]
    assert chosen.contradicting == ["2025-04-15"]


def test_only_a_month_or_no_date_is_no_conflict() -> None:
    chosen = best_date(["2025-04", None, "2025-04-16"], [None, None, None])
    assert (chosen.value, chosen.contradicting) == ("2025-04-16", [])
    assert best_date([None, None], [None, None]).value is None


def test_a_total_and_a_new_sum_are_no_conflict_but_two_totals_are() -> None:
    def report(amount: dict[str, Any]) -> dict[str, Any]:
        return {"args": {"amount": amount}}

    total = {"value": 6e8, "currency": "EUR", "kind": "total"}
    new = {"value": 1.5e7, "currency": "EUR", "kind": "new"}
    unqualified = {"value": 1.5e7, "currency": "EUR"}
    assert conflicts([report(total), report(new), report(unqualified)]) == {}
    other_total = {"value": 5.8e8, "currency": "EUR", "kind": "total"}
    assert conflicts([report(total), report(new), report(other_total)]) == {
        "amount": [total, other_total]}


def test_a_page_of_the_timeline_is_the_page_of_the_whole_sorted_timeline(tmp_path: Path) -> None:
    """Pages of any size, after any row, with or without a date range, are the whole
    timeline's sorted rows cut there: with many events on one day, events told by reports
    of different dates (dated later than their earliest report), undated events and steps."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from synthetic import build
    finally:
        sys.path.pop(0)
    store = build(str(tmp_path / "synthetic.db"), 40)
    with store.writing() as conn:
        documents_stored = [row[0] for row in conn.execute(
            select(documents.c.id).order_by(documents.c.id))]

        def report(n: int, event_id: str, day: str | None, step: str | None = None
                   ) -> dict[str, Any]:
            return {"document_id": documents_stored[n % len(documents_stored)],
                    "event_id": event_id, "type": "meeting", "date": day, "date_text": day,
                    "status": "happened", "plover": "CONSULT", "args": {},
                    "evidence_start": 0, "evidence_end": 10, "step": step}

        added = [report(n, f"evt_busy_{n:03d}", "2023-05-10") for n in range(30)]
        # more than a chunk of events first told on one day, dated by most reports later
        added += [report(n, f"evt_late_{n:03d}", day) for n in range(24)
                  for day in ("2023-04-20", "2023-05-12", "2023-05-12")]
        added += [report(n, "evt_steps", day, step) for n, (day, step) in enumerate(
            [("2023-05-10", "decision"), ("2023-05-11", "notice"), ("2023-06-01", "effect")])]
        added += [report(n, f"evt_undated_{n:03d}", None) for n in range(5)]
        conn.execute(insert(events), added)
        counts.recount(conn)
    for chosen in [EventFilter(), EventFilter(since=date(2023, 4, 15), until=date(2023, 5, 28)),
                   EventFilter(since=date(2023, 5, 10), until=date(2023, 5, 12))]:
        whole = timeline_page(store, chosen)
        assert len(whole) > 30 and len({key[:2] for key, _ in whole}) < len(whole)
        for limit in (1, 2, 5, 19, 20, 21, 31, len(whole) + 1):
            assert timeline_page(store, chosen, limit) == whole[:limit], (chosen, limit)
        for at in range(0, len(whole), 3):
            assert timeline_page(store, chosen, 7, whole[at][0]) == whole[at + 1:at + 8]
