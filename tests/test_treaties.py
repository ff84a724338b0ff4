"""Treaty status derived from the gazetteer's rules and stored reports (written for these
tests), before, during and after a withdrawal period."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.views.treaties import TreatyNotFound, add_duration, first_day, treaty_status

REPORTS = [
    ("2025-06-30", "Estonia formally withdrew from the Ottawa Treaty on 27 June 2025, "
                   "notifying the UN Secretary-General, the foreign ministry in Tallinn said."),
    # a plan told later does not move the dates, and a hypothetical does not count at all
    ("2025-07-07", "The Estonian government said on Monday that the withdrawal from the Ottawa "
                   "Treaty would take effect at the end of the year. If Finland were to withdraw "
                   "from the Ottawa Treaty, Sweden would object."),
]


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    for n, (published, text) in enumerate(REPORTS):
        path = tmp_path / f"report{n}.txt"
        path.write_text(text, encoding="utf-8")
        report = ingest([str(path)], store, date.fromisoformat(published))
        assert report.added and not report.problems
    return store


def row_for(rows: list[dict], state: str) -> dict:
    return next(r for r in rows if r["state"] == state)


@pytest.mark.parametrize(("on", "status", "since"), [
    (date(2025, 6, 1), "party", None),  # only a party can withdraw
    (date(2025, 6, 27), "withdrawing", "2025-06-27"),
    (date(2025, 9, 1), "withdrawing", "2025-06-27"),
    (date(2025, 12, 26), "withdrawing", "2025-06-27"),
    (date(2025, 12, 27), "withdrawn", "2025-12-27"),  # P6M after the notification
    (date(2026, 3, 1), "withdrawn", "2025-12-27"),
])
def test_withdrawal_period(filled: Store, on: date, status: str, since: str | None) -> None:
    estonia = row_for(treaty_status(filled, "Ottawa Convention", on), "Estonia")
    assert (estonia["status"], estonia["since"]) == (status, since)
    assert [r["evidence"] for r in estonia["reports"]] == [
        "Estonia formally withdrew from the Ottawa Treaty on 27 June 2025"]


def test_hypothetical_withdrawal_changes_nothing(filled: Store) -> None:
    rows = treaty_status(filled, "Mine Ban Treaty", date(2026, 3, 1))
    # The hypothetical is stored as an event but no status rests on it.
    hypothetical = [e for a in filled.analyses() for e in a.events
                    if e.type == "treaty_withdrawal" and e.status == "hypothetical"]
    assert hypothetical
    assert not any("Finland" in report["evidence"] for r in rows for report in r["reports"])
    leaving = {r["state"] for r in rows if r["status"] in ("withdrawing", "withdrawn")}
    assert "Finland" not in leaving


def test_gazetteer_parties_without_reports(store: Store) -> None:
    rows = treaty_status(store, "cluster munitions convention", date(2024, 12, 1))
    lithuania = row_for(rows, "Lithuania")
    # recorded in the gazetteer: approved by parliament 2024-07-18, effective 2025-03-06
    assert (lithuania["status"], lithuania["since"]) == ("withdrawing", "2024-07-18")
    assert row_for(rows, "Norway")["status"] == "party"
    assert row_for(rows, "United States")["status"] == "not party"
    later = row_for(treaty_status(store, "CCM", date(2025, 3, 6)), "Lithuania")
    assert (later["status"], later["since"]) == ("withdrawn", "2025-03-06")


def test_unknown_treaty(store: Store) -> None:
    with pytest.raises(TreatyNotFound):
        treaty_status(store, "Treaty of Nowhere", date(2025, 1, 1))


def test_dates() -> None:
    assert first_day("2024-07") == date(2024, 7, 1)
    assert first_day("P6M") is None
    assert add_duration(date(2024, 8, 31), "P6M") == date(2025, 2, 28)
    assert add_duration(date(2025, 6, 27), "P6M") == date(2025, 12, 27)
    assert add_duration(date(2025, 1, 1), "P2W") == date(2025, 1, 15)


def test_cli_status(filled: Store, fresh_db: str) -> None:
    runner = CliRunner()
    args = ["status", "--treaty", "Ottawa Treaty", "--db", fresh_db]
    result = runner.invoke(main, [*args, "--on", "2025-09-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    estonia = row_for(json.loads(result.output), "Estonia")
    assert (estonia["status"], estonia["since"]) == ("withdrawing", "2025-06-27")
    table = runner.invoke(main, [*args, "--on", "2026-01-15"])
    assert table.exit_code == 0, table.output
    assert "Estonia" in table.output and "withdrawn" in table.output
    bad = runner.invoke(main, [*args, "--on", "15 January"])
    assert bad.exit_code != 0
    unknown = runner.invoke(main, ["status", "--treaty", "Nowhere Pact", "--on", "2025-01-01",
                                   "--db", fresh_db])
    assert unknown.exit_code != 0 and "NT005" in unknown.output


def test_a_treaty_from_an_extension_file_is_known_to_status(
    store: Store, fresh_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extension = tmp_path / "accords.json"
    extension.write_text(json.dumps([{
        "key": "amber-coast-accord", "type": "TREATY", "name": "Amber Coast Accord",
        "aliases": ["ACA"], "rules": {"withdrawal_takes_effect": "P3M"},
        "parties": {"FI": {"ratified": "2019-05-02", "withdrawal_notified": "2025-01-10"}},
        "parties_include": ["NO"], "non_parties_include": ["SE"],
    }]), encoding="utf-8")
    with pytest.raises(TreatyNotFound):
        treaty_status(store, "Amber Coast Accord", date(2025, 2, 1))
    args = ["status", "--treaty", "ACA", "--on", "2025-05-01", "--format", "json",
            "--db", fresh_db]
    result = CliRunner().invoke(main, [*args, "--gazetteer", str(extension)])
    assert result.exit_code == 0, result.output
    rows = {row["state"]: (row["status"], row["since"]) for row in json.loads(result.output)}
    # the parties' dates come from the extension file too, and its rules (P3M) apply
    assert rows == {"Finland": ("withdrawn", "2025-04-10"), "Norway": ("party", None),
                    "Sweden": ("not party", None)}
    monkeypatch.setenv("NEWSTRACE_GAZETTEER", str(extension))
    on_day = row_for(treaty_status(store, "Amber Coast Accord", date(2025, 2, 1)), "Finland")
    assert (on_day["status"], on_day["since"]) == ("withdrawing", "2025-01-10")


def test_a_parliament_voting_to_withdraw_is_a_report_of_its_state(
        store: Store, tmp_path: Path) -> None:
    path = tmp_path / "vote.txt"
    path.write_text("The Saeima voted on Thursday to withdraw from the Ottawa Treaty, officials "
                    "in Riga said.", encoding="utf-8")
    ingest([str(path)], store, date(2025, 4, 18))
    latvia = row_for(treaty_status(store, "Ottawa Treaty", date(2025, 5, 1)), "Latvia")
    assert [r["evidence"] for r in latvia["reports"]] == [
        "The Saeima voted on Thursday to withdraw from the Ottawa Treaty"]
