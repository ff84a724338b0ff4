"""The timeline view: an event told by several reports keeps the date most of them give, the
others' dates as support, and a conflict only where reports name different days; amounts of
different kinds (a total so far, a new sum) are two figures, not a disagreement."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newstrace.cli import main
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.views.timeline import best_date, conflicts, timeline_rows


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
