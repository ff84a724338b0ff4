"""Sums of money in events, on sentences written for these tests: a total so far and a new
sum are kinds of their own, two facts never compared; the giver is the clause's subject
and the recipient its "to" phrase or indirect object, wherever the parse hangs them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newstrace.models import Analysis, Document, Event
from newstrace.pipeline import analyse, ingest
from newstrace.store import Store
from newstrace.views.timeline import timeline_rows


def analysis_of(text: str) -> Analysis:
    return analyse(Document(text=text, published=dt.date(2025, 6, 4)))


def funding(text: str) -> tuple[Event, dict[str, str]]:
    analysis = analysis_of(text)
    (event,) = [e for e in analysis.events if e.type == "funding"]
    return event, {e.id: e.name for e in analysis.entities}


@pytest.mark.parametrize(("text", "kind"), [
    ("Norway has given Moldova 80 million euros since 2023.", "total"),
    ("Norway has provided a total of 80 million euros to Moldova so far.", "total"),
    ("Over the past two years, Norway has given Moldova 80 million euros.", "total"),
    ("In total, Norway has donated 80 million euros to Moldova.", "total"),
    ("Norway has granted Moldova 80 million euros to date.", "total"),
    ("Norway has given about 80 million euros to Moldova in recent years.", "total"),
    ("Norway will allocate a further 15 million euros to Moldova.", "new"),
    ("Norway pledged 15 million euros to Moldova on Tuesday.", "new"),
    ("Norway announced a new aid package of 15 million euros for Moldova.", "new"),
    ("Norway granted 15 million euros to a new hospital in Moldova.", None),
    ("Norway has granted 15 million euros to Moldova.", None),
])
def test_the_kind_of_a_sum_is_read_from_its_clause(text: str, kind: str | None) -> None:
    event, _ = funding(text)
    assert event.amount is not None and event.amount.get("kind") == kind


def test_a_total_since_a_year_is_not_dated_by_the_year_it_started() -> None:
    event, _ = funding("Norway has given Moldova 80 million euros since 2023.")
    assert event.date is None


def test_a_total_and_a_new_sum_are_two_events_without_a_conflict(
    tmp_path: Path, store: Store
) -> None:
    for name, text in (
        ("a.txt", "Norway has provided 80 million euros to Moldova since 2023."),
        ("b.txt", "Norway has provided 80 million euros to Moldova since 2023. It will "
                  "allocate another 15 million euros to Moldova."),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest([str(tmp_path / name)], store, dt.date(2025, 6, 4))
    rows = [r for r in timeline_rows(store) if r["type"] == "funding"]
    assert sorted(r["args"]["amount"]["value"] for r in rows) == [1.5e7, 8e7]
    assert all("amount" not in r["conflicts"] for r in rows)
    (total,) = [r for r in rows if r["args"]["amount"].get("kind") == "total"]
    assert len(total["reports"]) == 2


@pytest.mark.parametrize(("text", "giver", "receiver"), [
    ("Estonia gave 12 million euros to Ukraine on Monday.", "Estonia", "Ukraine"),
    ("Norway has provided 60 million euros in humanitarian aid to Moldova since 2022.",
     "Norway", "Moldova"),
    ("After talks with Sweden on Monday, Norway gave 40 million euros to Moldova.",
     "Norway", "Moldova"),
])
def test_the_giver_is_the_subject_and_the_recipient_the_to_phrase(
    text: str, giver: str, receiver: str
) -> None:
    event, names = funding(text)
    assert names[str(event.args["actor"])] == giver
    assert names[str(event.args["recipient"])] == receiver


def test_a_described_giver_is_the_state_it_describes_or_no_one() -> None:
    event, names = funding("Norway hosted a donors' conference in Oslo. The Nordic country "
                           "has provided 40 million euros to Moldova.")
    assert names[str(event.args["actor"])] == "Norway"
    event, names = funding("Moldova thanked its donors. The Nordic country has provided "
                           "40 million euros to Moldova.")
    assert "actor" not in event.args and names[str(event.args["recipient"])] == "Moldova"
