"""Treaty status derived from the shipped reference data (rules and membership as of
2024-01-01) and from stored reports, step by step as the law has it. The short reports
are written for these tests; the seed reports are read from ../shared, never copied."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import event as sqlalchemy_event

from conftest import SEEDS
from newstrace.cli import main
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.views.treaties import (
    STATUSES,
    TreatyNotFound,
    add_duration,
    first_day,
    in_force_after,
    state_history,
    treaty_status,
)

CUTOFF = "2024-01-01"
SEED_DATES = {"000_e24d5f9e5822f34f.txt": date(2025, 3, 7),
              "001_8eacbb188f3962ce.txt": date(2024, 7, 18)}
LATVIA = [  # a parliament's vote, then the notice to the UN; the effect follows by the rule
    ("2025-04-17", "Latvia's parliament voted on 16 April to withdraw from the Ottawa "
                   "Convention. The Saeima approved the bill by 56 votes to 32."),
    ("2025-06-28", "Latvia withdrew from the Ottawa Convention on 27 June, notifying the UN "
                   "Secretary-General, the foreign ministry in Riga said."),
]
DISTRACTORS = ("2025-05-02", "Finland will withdraw from the Ottawa Convention next year, the "
                             "prime minister said. Norway has not withdrawn from the Ottawa "
                             "Convention. If Sweden withdrew from the Ottawa Convention, "
                             "Denmark would object.")


def add_reports(store: Store, folder: Path, reports: list[tuple[str, str]]) -> None:
    for published, text in reports:
        path = folder / f"report{len(list(folder.iterdir()))}.txt"
        path.write_text(text, encoding="utf-8")
        report = ingest([str(path)], store, date.fromisoformat(published))
        assert report.added and not report.problems


def row_for(rows: list[dict], state: str) -> dict:
    return next(r for r in rows if r["state"] == state)


# --- reference data -------------------------------------------------------------------

def test_shipped_membership_holds_nothing_after_the_cutoff() -> None:
    folder = resources.files("newstrace") / "data" / "gazetteer"
    shipped = json.loads((folder / "treaty_membership.json").read_text(encoding="utf-8"))
    assert shipped["as_of"] == CUTOFF
    for key, treaty in shipped["treaties"].items():
        assert treaty["as_of"] == CUTOFF and treaty["sources"], key
        assert treaty["rules"]["withdrawal_period"].startswith("P"), key
        dates = re.findall(r"\d{4}-\d{2}-\d{2}", json.dumps(treaty))
        assert all(day <= CUTOFF for day in dates), key
    names = (folder / "treaties.json").read_text(encoding="utf-8")
    for later_fact in ("withdrawal_effective", "withdrawal_approved_by_parliament",
                       "parties_include", "2025"):
        assert later_fact not in names


def test_treaty_rules_and_membership_are_loaded_with_their_source() -> None:
    ccm = load_gazetteer().entries["ccm"]
    assert ccm.rules["withdrawal_period"] == "P6M"
    assert ccm.rules["depositary"] == "Secretary-General of the United Nations"
    assert "armed conflict" in ccm.rules["withdrawal_during_armed_conflict"]
    assert ccm.membership["membership_complete"] is True
    assert ccm.membership["states"]["LT"]["in_force"] == "2011-09-01"
    assert any("treaties.un.org" in source for source in ccm.membership["sources"])


def test_lithuania_is_party_without_reports(store: Store) -> None:
    lithuania = row_for(treaty_status(store, "Convention on Cluster Munitions",
                                      date(2025, 3, 7)), "Lithuania")
    assert lithuania == {"state": "Lithuania", "status": "party", "since": "2011-09-01",
                         "basis": "reference", "pending": None, "caveat": None,
                         "conflicts": [], "evidence": []}


def test_a_complete_list_says_not_party_an_incomplete_one_unknown(store: Store) -> None:
    ccm = treaty_status(store, "CCM", date(2023, 6, 1))
    assert row_for(ccm, "United States")["status"] == "not party"
    assert row_for(ccm, "Finland")["status"] == "not party"
    # signed in 2008, never ratified: a signatory on the depositary's list
    assert row_for(ccm, "Indonesia")["status"] == "signatory"
    bwc = treaty_status(store, "Biological Weapons Convention", date(2023, 6, 1))
    assert row_for(bwc, "Lithuania")["status"] == "party"  # listed by the IEADB
    assert row_for(bwc, "Malawi")["status"] == "unknown"  # a signature alone there: left out
    npt = treaty_status(store, "NPT", date(2023, 6, 1))
    assert row_for(npt, "Belgium")["status"] == "party"
    assert row_for(npt, "India")["status"] == "unknown"  # not listed, the list is not complete
    assert row_for(npt, "North Korea")["status"] == "unknown"  # left out, see the note


def test_a_treaty_not_in_force_has_no_parties(store: Store) -> None:
    ctbt = treaty_status(store, "Comprehensive Nuclear-Test-Ban Treaty", date(2023, 6, 1))
    assert "party" not in {r["status"] for r in ctbt}
    lithuania = row_for(ctbt, "Lithuania")
    assert lithuania["status"] == "signatory"
    assert lithuania["pending"] == "ratification deposited 2000-02-07; the treaty is not in force"


def test_entry_into_force_by_the_rule_is_derived_not_recorded(store: Store) -> None:
    # South Sudan acceded in 2023; the convention binds it from 1 February 2024 (art. 17(2))
    before = row_for(treaty_status(store, "CCM", date(2023, 12, 31)), "South Sudan")
    assert before["status"] == "not party"
    assert before["pending"] == "accession deposited 2023-08-03; in force for it from 2024-02-01"
    after = row_for(treaty_status(store, "CCM", date(2024, 2, 1)), "South Sudan")
    assert (after["status"], after["since"], after["basis"]) == ("party", "2024-02-01",
                                                                 "reference")


# --- reports --------------------------------------------------------------------------

@pytest.fixture
def latvia(store: Store, tmp_path: Path) -> Store:
    add_reports(store, tmp_path, LATVIA)
    return store


@pytest.mark.parametrize(("on", "status", "since", "pending"), [
    (date(2025, 4, 15), "party", "2006-01-01", None),
    (date(2025, 4, 16), "party", "2006-01-01", "withdrawal decided 2025-04-16"),
    (date(2025, 6, 27), "withdrawing", "2025-06-27", None),
    (date(2025, 12, 26), "withdrawing", "2025-06-27", None),
    (date(2025, 12, 27), "withdrawn", "2025-12-27", None),  # the notice + P6M, not the vote
])
def test_vote_notice_and_effect(latvia: Store, on: date, status: str, since: str,
                                pending: str | None) -> None:
    row = row_for(treaty_status(latvia, "Ottawa Convention", on), "Latvia")
    assert (row["status"], row["since"], row["pending"]) == (status, since, pending)
    assert row["basis"] == ("reference" if status == "party" else "reports")
    assert row["conflicts"] == []


def test_evidence_is_the_sentence_of_each_step(latvia: Store) -> None:
    row = row_for(treaty_status(latvia, "Ottawa Convention", date(2026, 1, 1)), "Latvia")
    documents = {a.document.id for a in latvia.analyses()}
    assert {item["document"] for item in row["evidence"]} == documents
    assert [item["sentence"] for item in row["evidence"]] == [
        "Latvia's parliament voted on 16 April to withdraw from the Ottawa Convention.",
        LATVIA[1][1]]
    # before the notice only the vote is evidence
    earlier = row_for(treaty_status(latvia, "Ottawa Convention", date(2025, 5, 1)), "Latvia")
    assert len(earlier["evidence"]) == 1


def test_treaty_reports_are_read_by_their_stored_types_not_a_prefix_of_every_type(
        latvia: Store) -> None:
    """The treaty types come from the kept counts, so events are read through the type's
    index: a LIKE on the type would read every stored event."""
    read: list[str] = []
    sqlalchemy_event.listen(latvia.engine, "before_cursor_execute",
                            lambda _conn, _cursor, statement, *_: read.append(statement))
    row = row_for(treaty_status(latvia, "Ottawa Convention", date(2026, 1, 1)), "Latvia")
    assert len(row["evidence"]) == 2
    reading_events = [sql for sql in read if "FROM events" in sql]
    assert reading_events and not any("LIKE" in sql for sql in reading_events)


def test_a_stated_effect_date_wins_and_a_disagreement_is_flagged(
    latvia: Store, tmp_path: Path
) -> None:
    add_reports(latvia, tmp_path, [(
        "2026-01-05", "Latvia's withdrawal from the Ottawa Convention took effect on "
                      "2 January, the foreign ministry said.")])
    row = row_for(treaty_status(latvia, "Ottawa Convention", date(2026, 1, 3)), "Latvia")
    assert (row["status"], row["since"]) == ("withdrawn", "2026-01-02")
    assert row["conflicts"] == [
        "effect: reported 2026-01-02, but the notification of 2025-06-27 + P6M gives 2025-12-27"]
    still = row_for(treaty_status(latvia, "Ottawa Convention", date(2025, 12, 30)), "Latvia")
    assert still["status"] == "withdrawing"
    # a later report that tells the withdrawal without its step leaves nothing pending
    add_reports(latvia, tmp_path, [("2026-02-02", "Latvia's withdrawal from the Ottawa "
                                                  "Convention worried the neighbours.")])
    later = row_for(treaty_status(latvia, "Ottawa Convention", date(2026, 3, 1)), "Latvia")
    assert (later["status"], later["pending"]) == ("withdrawn", None)


def test_a_governments_decision_is_pending_until_the_notice(store: Store, tmp_path: Path) -> None:
    add_reports(store, tmp_path, [
        ("2025-03-21", "Estonia's government approved the withdrawal from the Ottawa Convention "
                       "on 20 March."),
        ("2025-06-28", "Estonia notified the UN Secretary-General on 27 June of its withdrawal "
                       "from the Ottawa Convention.")])
    decided = row_for(treaty_status(store, "Ottawa Convention", date(2025, 5, 1)), "Estonia")
    assert (decided["status"], decided["pending"]) == ("party", "withdrawal decided 2025-03-20")
    notified = row_for(treaty_status(store, "Ottawa Convention", date(2025, 7, 1)), "Estonia")
    assert (notified["status"], notified["since"], notified["pending"]) == (
        "withdrawing", "2025-06-27", None)


def test_planned_negated_and_hypothetical_steps_change_nothing(
    store: Store, tmp_path: Path
) -> None:
    add_reports(store, tmp_path, [DISTRACTORS])
    events = {e.status for a in store.analyses() for e in a.events
              if e.type == "treaty_withdrawal"}
    assert {"planned", "negated"} <= events  # stored, but no status rests on them
    rows = treaty_status(store, "Ottawa Convention", date(2027, 1, 1))
    for state in ("Finland", "Norway", "Sweden", "Denmark"):
        row = row_for(rows, state)
        assert (row["status"], row["basis"], row["evidence"]) == ("party", "reference", [])


def test_ratification_reported_after_the_cutoff(store: Store, tmp_path: Path) -> None:
    add_reports(store, tmp_path, [("2024-05-13", "Tonga acceded to the Arms Trade Treaty "
                                                 "on 10 May.")])
    before = row_for(treaty_status(store, "ATT", date(2024, 6, 1)), "Tonga")
    assert before["status"] == "not party"
    assert before["pending"] == "accession deposited 2024-05-10; in force for it from 2024-08-08"
    after = row_for(treaty_status(store, "ATT", date(2024, 8, 8)), "Tonga")
    assert (after["status"], after["since"], after["basis"]) == ("party", "2024-08-08",
                                                                 "reports")


def test_lithuania_from_the_seed_reports(store: Store) -> None:
    for name, published in SEED_DATES.items():
        assert ingest([str(SEEDS / name)], store, published).added
    before = row_for(treaty_status(store, "CCM", date(2024, 7, 19)), "Lithuania")
    assert (before["status"], before["pending"]) == ("party", "withdrawal decided 2024-07-18")
    assert before["evidence"]
    after = row_for(treaty_status(store, "CCM", date(2025, 3, 7)), "Lithuania")
    assert (after["status"], after["since"], after["basis"]) == ("withdrawn", "2025-03-06",
                                                                 "reports")


# --- one state's history, the command, helpers ----------------------------------------

def test_one_states_history_across_treaties(latvia: Store) -> None:
    rows = state_history(latvia, "Latvia")
    assert {r["treaty"] for r in rows} >= {"Ottawa Treaty", "Chemical Weapons Convention"}
    ottawa = [(r["date"], r["step"], r["status"], r["basis"]) for r in rows
              if r["treaty"] == "Ottawa Treaty"]
    assert ottawa[-3:] == [("2025-04-16", "decision", "party", "reference"),
                           ("2025-06-27", "notification", "withdrawing", "reports"),
                           ("2025-12-27", "effect", "withdrawn", "reports")]
    cut = state_history(latvia, "Latvia", "Ottawa Convention", date(2025, 5, 1))
    assert cut[-1]["step"] == "decision" and {r["treaty"] for r in cut} == {"Ottawa Treaty"}


def test_cli_status(latvia: Store, fresh_db: str) -> None:
    runner = CliRunner()
    args = ["status", "--treaty", "Ottawa Treaty", "--db", fresh_db]
    result = runner.invoke(main, [*args, "--on", "2025-09-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert all(row["status"] in STATUSES for row in rows)
    latvia_row = row_for(rows, "Latvia")
    assert {"state", "status", "since", "basis", "pending", "conflicts", "evidence"} <= set(
        latvia_row)
    assert (latvia_row["status"], latvia_row["since"]) == ("withdrawing", "2025-06-27")
    table = runner.invoke(main, [*args, "--on", "2026-01-15"])
    assert table.exit_code == 0, table.output
    first_row = table.output.split("├")[0]  # rows resting on reports come first
    assert "Latvia" in first_row and "withdraw" in first_row and "Riga" in first_row
    history = runner.invoke(main, ["status", "--state", "Latvia", "--db", fresh_db,
                                   "--format", "json"])
    assert history.exit_code == 0, history.output
    assert {"notification", "effect"} <= {row["step"] for row in json.loads(history.output)}
    assert runner.invoke(main, [*args, "--on", "15 January"]).exit_code != 0
    assert runner.invoke(main, ["status", "--db", fresh_db]).exit_code != 0
    unknown = runner.invoke(main, ["status", "--treaty", "Nowhere Pact", "--on", "2025-01-01",
                                   "--db", fresh_db])
    assert unknown.exit_code != 0 and "NT009" in unknown.output


def test_a_treaty_from_an_extension_file_is_known_to_status(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extension = tmp_path / "accords.json"
    extension.write_text(json.dumps([{
        "key": "amber-coast-accord", "type": "TREATY", "name": "Amber Coast Accord",
        "aliases": ["ACA"], "rules": {"withdrawal_period": "P3M"},
        "membership": {"as_of": "2024-01-01", "sources": ["our test"],
                       "membership_complete": False,
                       "states": {"FI": {"ratified": "2019-05-02", "in_force": "2019-06-01",
                                         "withdrawal_notified": "2023-08-10"}}},
    }]), encoding="utf-8")
    with pytest.raises(TreatyNotFound):
        treaty_status(store, "Amber Coast Accord", date(2023, 9, 1))
    monkeypatch.setenv("NEWSTRACE_GAZETTEER", str(extension))
    rows = treaty_status(store, "ACA", date(2023, 11, 10))
    assert (row_for(rows, "Finland")["status"], row_for(rows, "Finland")["since"]) == (
        "withdrawn", "2023-11-10")
    assert row_for(rows, "Sweden")["status"] == "unknown"


def test_unknown_treaty_and_state(store: Store) -> None:
    with pytest.raises(TreatyNotFound):
        treaty_status(store, "Treaty of Nowhere", date(2025, 1, 1))
    with pytest.raises(TreatyNotFound):
        state_history(store, "Atlantis")


def test_dates() -> None:
    assert first_day("2024-07") == date(2024, 7, 1)
    assert first_day("P6M") is None
    assert add_duration(date(2024, 8, 31), "P6M") == date(2025, 2, 28)
    assert add_duration(date(2025, 6, 27), "P6M") == date(2025, 12, 27)
    ccm_rule = {"in_force": "2010-08-01", "state_in_force": {"after": "P5M", "month_start": True}}
    assert in_force_after(date(2011, 3, 24), ccm_rule) == date(2011, 9, 1)
    assert in_force_after(date(2011, 7, 31), ccm_rule) == date(2012, 1, 1)
    assert in_force_after(date(2009, 1, 5), ccm_rule) == date(2010, 8, 1)  # the treaty's own
    assert in_force_after(date(2011, 3, 24), {"in_force": None}) is None


# --- the step each report states, as the events extractor read it ------------------------

FINLAND = [  # the government decides, the notice is deposited, a report gives the effect day
    ("2025-03-21", "Finland's government decided on 20 March to withdraw from the Ottawa "
                   "Convention."),
    ("2025-07-11", "Finland deposited its instrument of withdrawal from the Ottawa Convention "
                   "with the United Nations on 10 July."),
    ("2025-07-12", "Finland's withdrawal from the Ottawa Convention will take effect on "
                   "10 January 2026."),
]


def test_a_decision_a_deposited_instrument_and_an_announced_effect(
    store: Store, tmp_path: Path
) -> None:
    add_reports(store, tmp_path, FINLAND)
    decided = row_for(treaty_status(store, "Ottawa Convention", date(2025, 5, 1)), "Finland")
    assert (decided["status"], decided["pending"]) == ("party", "withdrawal decided 2025-03-20")
    notified = row_for(treaty_status(store, "Ottawa Convention", date(2025, 8, 1)), "Finland")
    assert (notified["status"], notified["since"]) == ("withdrawing", "2025-07-10")
    out = row_for(treaty_status(store, "Ottawa Convention", date(2026, 1, 11)), "Finland")
    assert (out["status"], out["since"], out["conflicts"]) == ("withdrawn", "2026-01-10", [])


def test_an_announced_effect_is_checked_against_the_notice_and_the_period(
    store: Store, tmp_path: Path
) -> None:
    add_reports(store, tmp_path, [
        ("2025-06-03", "Poland's withdrawal from the Arms Trade Treaty will take effect on "
                       "1 December."),
        ("2025-06-03", "Poland notified the UN Secretary-General of its withdrawal from the "
                       "Arms Trade Treaty on 2 June.")])
    row = row_for(treaty_status(store, "Arms Trade Treaty", date(2025, 12, 2)), "Poland")
    assert (row["status"], row["since"]) == ("withdrawn", "2025-12-01")
    assert row["conflicts"] == ["effect: reported 2025-12-01, but the notification of "
                                "2025-06-02 + P90D gives 2025-08-31"]


def test_an_announced_effect_without_a_notice_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    add_reports(store, tmp_path, [("2025-06-03", "Poland's withdrawal from the Arms Trade "
                                                 "Treaty will take effect on 1 December.")])
    row = row_for(treaty_status(store, "Arms Trade Treaty", date(2026, 1, 1)), "Poland")
    assert row["status"] == "party" and row["evidence"] == []


def test_a_parliaments_vote_to_ratify_is_pending_until_the_deposit(
    store: Store, tmp_path: Path
) -> None:
    treaty = "Treaty on the Prohibition of Nuclear Weapons"
    add_reports(store, tmp_path, [
        ("2025-03-04", f"The Seimas voted on 3 March to ratify the {treaty}."),
        ("2025-04-03", f"Lithuania deposited its instrument of ratification of the {treaty} "
                       "on 2 April.")])
    voted = row_for(treaty_status(store, treaty, date(2025, 3, 10)), "Lithuania")
    assert (voted["status"], voted["pending"]) == ("not party", "ratification decided 2025-03-03")
    deposited = row_for(treaty_status(store, treaty, date(2025, 4, 10)), "Lithuania")
    assert deposited["pending"] == ("ratification deposited 2025-04-02; in force for it from "
                                    "2025-07-01")
    bound = row_for(treaty_status(store, treaty, date(2025, 8, 1)), "Lithuania")
    assert (bound["status"], bound["since"], bound["basis"]) == ("party", "2025-07-01", "reports")
