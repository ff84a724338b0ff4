"""Treaty status over more than one membership (a state leaves and joins again, a signatory
ratifies), the armed-conflict clauses of the CCM and the Ottawa Convention, and `status` over
every treaty in the data. The reports are short sentences of our own; the fighting is an
invented scenario, stored as an event we construct."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import run
from newstrace.cli import main
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.models import Event, Span
from newstrace.resolve.crossdoc import link_analysis
from newstrace.store import Store
from newstrace.views.treaties import STATUSES, state_history, treaty_status
from test_treaties import LATVIA, add_reports, row_for

OTTAWA = "Ottawa Convention"
REJOINED = ("2027-03-05", "Latvia acceded to the Ottawa Convention on 3 March 2027, the "
                          "foreign ministry said.")
FIGHTING = ("2025-10-02", "Latvia and Russia were at war on 1 October 2025.")
TOOK_EFFECT = ("2026-02-03", "Latvia's withdrawal from the Ottawa Convention took effect on "
                             "2 February 2026.")


@pytest.fixture
def latvia(store: Store, tmp_path: Path) -> Store:
    add_reports(store, tmp_path, LATVIA)
    return store


def add_fighting(store: Store, published: str, text: str) -> None:
    """A report of fighting between two states, with the event PLOVER calls FIGHT (no
    extractor reads one yet, so the test states it)."""
    analysis = run(text, published)
    ids = {entity.name: entity.id for entity in analysis.entities}
    analysis.events.append(Event(
        id="evt_fighting", type="fighting", evidence=Span(0, len(text)), date="2025-10-01",
        args={"actor": ids["Latvia"], "target": ids["Russia"]}, plover="FIGHT"))
    store.save(analysis, link_analysis(analysis, store.entities_keyed))


# --- leaving and joining again ---------------------------------------------------------

def test_a_state_that_withdrew_and_acceded_again_is_party_from_the_new_date(
        latvia: Store, tmp_path: Path) -> None:
    add_reports(latvia, tmp_path, [REJOINED])
    out = row_for(treaty_status(latvia, OTTAWA, date(2027, 1, 1)), "Latvia")
    assert (out["status"], out["since"]) == ("withdrawn", "2025-12-27")
    deposited = row_for(treaty_status(latvia, OTTAWA, date(2027, 5, 1)), "Latvia")
    assert (deposited["status"], deposited["pending"]) == (
        "withdrawn", "accession deposited 2027-03-03; in force for it from 2027-09-01")
    back = row_for(treaty_status(latvia, OTTAWA, date(2027, 9, 1)), "Latvia")
    assert (back["status"], back["since"], back["basis"]) == ("party", "2027-09-01", "reports")
    assert back["conflicts"] == [] and back["caveat"] is None
    assert REJOINED[1] in {item["sentence"] for item in back["evidence"]}
    # The history shows both memberships, in order.
    steps = [(r["date"], r["step"], r["status"]) for r in state_history(latvia, "Latvia",
                                                                        OTTAWA)]
    assert ("2006-01-01", "in force", "party") in steps
    assert steps[-4:] == [("2025-06-27", "notification", "withdrawing"),
                          ("2025-12-27", "effect", "withdrawn"),
                          ("2027-03-03", "consent", "withdrawn"),
                          ("2027-09-01", "in force", "party")]


def test_an_old_accession_retold_after_a_withdrawal_is_not_a_new_membership(
        latvia: Store, tmp_path: Path) -> None:
    # A sentence dating the first accession, or not dating it at all, stays with the first
    # membership.
    add_reports(latvia, tmp_path, [
        ("2026-03-02", "Latvia acceded to the Ottawa Convention on 1 July 2005."),
        ("2026-03-03", "Latvia acceded to the Ottawa Convention, the ministry recalled.")])
    steps = {(e.status, e.date) for a in latvia.analyses() for e in a.events
             if e.type == "treaty_accession"}
    assert ("happened", None) in steps  # the undated one is read, and sits on its report's day
    row = row_for(treaty_status(latvia, OTTAWA, date(2027, 1, 1)), "Latvia")
    assert (row["status"], row["since"], row["pending"]) == ("withdrawn", "2025-12-27", None)


def test_a_signatory_that_ratifies_becomes_party(store: Store, tmp_path: Path) -> None:
    ccm = "Convention on Cluster Munitions"
    assert row_for(treaty_status(store, ccm, date(2025, 1, 1)), "Indonesia")["status"] == \
        "signatory"
    add_reports(store, tmp_path, [("2025-05-06", "Indonesia ratified the Convention on "
                                                 "Cluster Munitions on 5 May 2025.")])
    deposited = row_for(treaty_status(store, ccm, date(2025, 6, 1)), "Indonesia")
    assert (deposited["status"], deposited["pending"]) == (
        "signatory", "ratification deposited 2025-05-05; in force for it from 2025-11-01")
    bound = row_for(treaty_status(store, ccm, date(2025, 11, 1)), "Indonesia")
    assert (bound["status"], bound["since"], bound["basis"]) == ("party", "2025-11-01",
                                                                 "reports")
    history = state_history(store, "Indonesia", ccm)
    assert [(r["date"], r["step"], r["status"]) for r in history] == [
        ("2008-12-03", "signature", "signatory"), ("2025-05-05", "consent", "signatory"),
        ("2025-11-01", "in force", "party")]
    assert [len(r["evidence"]) for r in history] == [0, 1, 0]  # the report states the deposit


def test_a_succession_binds_from_the_notice_at_the_latest(store: Store) -> None:
    # The depositary dates the notice of succession, not the succession it reaches back to.
    row = row_for(treaty_status(store, OTTAWA, date(2024, 1, 1)), "South Sudan")
    assert (row["status"], row["since"], row["pending"]) == ("party", "2011-11-11", None)
    ctbt = row_for(treaty_status(store, "CTBT", date(2024, 1, 1)), "Montenegro")
    assert ctbt["status"] == "signatory"  # a treaty not in force binds no one


def test_a_bwc_accession_after_the_cutoff_binds_on_the_deposit(
        store: Store, tmp_path: Path) -> None:
    bwc = "Biological Weapons Convention"
    assert row_for(treaty_status(store, bwc, date(2024, 1, 1)), "Tuvalu")["status"] == "unknown"
    add_reports(store, tmp_path, [("2024-07-01", "Tuvalu acceded to the Biological Weapons "
                                                 "Convention on 28 June 2024.")])
    row = row_for(treaty_status(store, bwc, date(2024, 6, 28)), "Tuvalu")  # art. XIV(4)
    assert (row["status"], row["since"], row["basis"]) == ("party", "2024-06-28", "reports")


# --- the armed-conflict clause -----------------------------------------------------------

def test_the_clause_is_in_the_rules_with_its_article() -> None:
    entries = load_gazetteer().entries
    assert entries["ccm"].rules["armed_conflict_article"] == "Art. 20(3)"
    assert entries["ottawa-treaty"].rules["armed_conflict_article"] == "Art. 20(3)"
    assert entries["tpnw"].rules["armed_conflict_article"] == "Art. 17(3)"
    assert "armed_conflict_article" not in entries["att"].rules
    assert entries["ottawa-treaty"].rules["sources"]["armed_conflict"]


def test_a_withdrawal_by_the_rule_carries_the_clause_as_a_caveat(latvia: Store) -> None:
    withdrawing = row_for(treaty_status(latvia, OTTAWA, date(2025, 9, 1)), "Latvia")
    withdrawn = row_for(treaty_status(latvia, OTTAWA, date(2026, 1, 15)), "Latvia")
    for row in (withdrawing, withdrawn):
        assert row["caveat"] is not None and row["caveat"].startswith("Art. 20(3): ")
    assert withdrawn["status"] == "withdrawn" and withdrawn["pending"] is None
    # A party, and a treaty without such a clause, carry none.
    assert row_for(treaty_status(latvia, OTTAWA, date(2025, 5, 1)), "Latvia")["caveat"] is None


def test_a_withdrawal_a_report_says_took_effect_has_no_caveat(
        latvia: Store, tmp_path: Path) -> None:
    add_reports(latvia, tmp_path, [TOOK_EFFECT])
    row = row_for(treaty_status(latvia, OTTAWA, date(2026, 3, 1)), "Latvia")
    assert (row["status"], row["since"], row["caveat"]) == ("withdrawn", "2026-02-02", None)


def test_fighting_within_the_period_defers_the_effect_until_a_report_states_it(
        latvia: Store, tmp_path: Path) -> None:
    add_fighting(latvia, *FIGHTING)
    row = row_for(treaty_status(latvia, OTTAWA, date(2026, 1, 15)), "Latvia")
    assert (row["status"], row["since"], row["basis"]) == ("withdrawing", "2025-06-27",
                                                           "reports")
    assert row["pending"] == ("effect due 2025-12-27 deferred, Art. 20(3): engaged in an "
                              "armed conflict (reported 2025-10-01); withdrawing until a "
                              "report says it took effect")
    assert FIGHTING[1] in {item["sentence"] for item in row["evidence"]}
    # The report that the withdrawal took effect ends it; the later date is the clause's
    # doing, not a disagreement with the rule.
    add_reports(latvia, tmp_path, [TOOK_EFFECT])
    out = row_for(treaty_status(latvia, OTTAWA, date(2026, 3, 1)), "Latvia")
    assert (out["status"], out["since"], out["conflicts"]) == ("withdrawn", "2026-02-02", [])


def test_fighting_does_not_touch_a_treaty_without_the_clause(
        store: Store, tmp_path: Path) -> None:
    add_reports(store, tmp_path, [("2025-06-28", "Latvia notified the UN Secretary-General of "
                                                 "its withdrawal from the Arms Trade Treaty "
                                                 "on 27 June.")])
    add_fighting(store, *FIGHTING)
    row = row_for(treaty_status(store, "Arms Trade Treaty", date(2025, 10, 1)), "Latvia")
    assert (row["status"], row["since"], row["caveat"]) == ("withdrawn", "2025-09-25", None)


# --- every treaty in the data --------------------------------------------------------------

FIELDS = {"state", "status", "since", "basis", "pending", "caveat", "conflicts", "evidence"}


@pytest.mark.parametrize("key", sorted(
    e.key for e in load_gazetteer().entries.values() if e.type == "TREATY"))
def test_status_answers_for_every_treaty_in_table_and_json(
        latvia: Store, fresh_db: str, key: str) -> None:
    name = load_gazetteer().entries[key].name
    runner = CliRunner()
    args = ["status", "--treaty", name, "--on", "2026-01-15", "--db", fresh_db]
    result = runner.invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and len({row["state"] for row in rows}) == len(rows)
    for row in rows:
        assert set(row) == FIELDS
        assert row["status"] in STATUSES and row["basis"] in ("reference", "reports")
        assert isinstance(row["conflicts"], list)
        assert all(set(item) == {"document", "sentence"} for item in row["evidence"])
    membership = load_gazetteer().entries[key].membership
    if not membership.get("states"):  # no membership known: every state unknown
        assert {row["status"] for row in rows} <= {"unknown"}
    table = runner.invoke(main, args)
    assert table.exit_code == 0 and "status" in table.output
