"""Treaty withdrawal steps on sentences written for these tests: a state that "ceased to be
a party" or "is no longer a party" has left (the effect, happened), under the same modality
rules as any event; a government's decision stated as taken is a happened decision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newstrace.models import Document, Event
from newstrace.pipeline import analyse, ingest
from newstrace.store import Store
from newstrace.views.treaties import treaty_status


def withdrawals(text: str) -> list[Event]:
    analysis = analyse(Document(text=text, published=dt.date(2026, 1, 12)))
    return [e for e in analysis.events if e.type == "treaty_withdrawal"]


@pytest.mark.parametrize(("text", "status", "date"), [
    ("Chile ceased to be a party to the Ottawa Convention on 4 January 2026.", "happened",
     "2026-01-04"),
    ("Chile is no longer a party to the Ottawa Convention.", "happened", None),
    ("Chile is not a party to the Ottawa Convention anymore.", "happened", None),
    ("Chile stopped being a party to the Ottawa Convention last week.", "happened", "2026-W02"),
    ("Chile's withdrawal from the Ottawa Convention became effective on 4 January.",
     "happened", "2026-01-04"),
    ("Chile will cease to be a party to the Ottawa Convention on 4 July.", "planned",
     "2026-07-04"),
    ("Chile could soon cease to be a party to the Ottawa Convention.", "hypothetical", None),
    ("Chile did not cease to be a party to the Ottawa Convention.", "negated", None),
    ("Chile threatened to stop being a party to the Ottawa Convention.", "hypothetical", None),
])
def test_a_membership_that_ended_is_the_withdrawal_in_effect(
    text: str, status: str, date: str | None
) -> None:
    (event,) = withdrawals(text)
    assert (event.step, event.status, event.date) == ("effect", status, date)


@pytest.mark.parametrize("text", [
    "Chile is a party to the Ottawa Convention.",
    "Chile is no longer a member of the football league.",
])
def test_a_party_that_still_is_one_or_no_treaty_is_no_withdrawal(text: str) -> None:
    assert withdrawals(text) == []


def test_the_treaty_view_counts_a_state_that_is_no_longer_a_party(
    tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "chile.txt"
    path.write_text("Chile ceased to be a party to the Ottawa Convention on 4 January 2026.",
                    encoding="utf-8")
    ingest([str(path)], store, dt.date(2026, 1, 12))
    (row,) = [r for r in treaty_status(store, "Ottawa Convention", dt.date(2026, 1, 10))
              if r["state"] == "Chile"]
    assert (row["status"], row["since"], row["basis"]) == ("withdrawn", "2026-01-04", "reports")


@pytest.mark.parametrize("text", [
    "The Chilean cabinet gave its approval to withdrawing from the Ottawa Convention.",
    "The Chilean government announced its decision to withdraw from the Ottawa Convention.",
    "The Chilean government has made the decision to leave the Ottawa Convention.",
    "Chile's cabinet resolved to pull out of the Ottawa Convention.",
])
def test_a_government_decision_stated_as_taken_is_a_happened_decision(text: str) -> None:
    (event,) = withdrawals(text)
    assert (event.step, event.status) == ("decision", "happened")


@pytest.mark.parametrize(("text", "status"), [
    ("The Chilean government may announce its decision to withdraw from the Ottawa "
     "Convention.", "hypothetical"),
    ("Critics attacked the Chilean government's decision to withdraw from the Ottawa "
     "Convention.", "planned"),
])
def test_a_decision_only_referred_to_or_possible_is_not_taken(text: str, status: str) -> None:
    (event,) = withdrawals(text)
    assert (event.step, event.status) == ("decision", status)
