"""Views over a store: chains with their sentences, entity records, conflicting figures."""

from datetime import date
from pathlib import Path

import pytest

from newstrace.models import Span
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.views.entities import entity_records
from newstrace.views.quotes import quote_rows, sentence_around
from newstrace.views.shared import timex_days
from newstrace.views.timeline import timeline_rows


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_vote_reported_twice_keeps_both_tallies(tmp_path: Path, store: Store) -> None:
    first = write(tmp_path, "a.txt", "Lawmakers in the Seimas on Thursday voted 103 to 1, "
                  "with 3 abstentions, to leave the Convention on Cluster Munitions.")
    second = write(tmp_path, "b.txt", "Lithuania's parliament voted to leave the Convention "
                   "on Cluster Munitions by 99 votes to 1, with 3 abstentions.")
    ingest([first], store, date(2024, 7, 18))
    ingest([second], store, date(2024, 7, 19))
    (vote,) = [row for row in timeline_rows(store) if row["type"] == "treaty_vote"]
    assert vote["args"]["actor"] == "Seimas" and len(vote["reports"]) == 2
    assert {v["for"] for v in vote["conflicts"]["votes"]} == {103, 99}


def test_quote_rows_carry_the_sentence_and_records_the_provenance(
    tmp_path: Path, store: Store
) -> None:
    text = ("Estonia opened a new depot on Monday. “We are ready,” Kaja Kallas told ERR. "
            "She praised the engineers.")
    ingest([write(tmp_path, "c.txt", text)], store, date(2024, 5, 2))
    (row,) = [r for r in quote_rows(store) if r["quote"] == "We are ready"]
    assert row["sentence"] == "“We are ready,” Kaja Kallas told ERR."
    assert row["speaker"] == "Kaja Kallas" and row["medium"] == "ERR"
    (record,) = entity_records(store, "kallas")
    assert record["statements_by"] and all(
        text[m["start"]:m["end"]] == m["text"] for m in record["mentions"])


@pytest.mark.parametrize("value, days", [
    ("2025", (date(2025, 1, 1), date(2025, 12, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2025-03-06", (date(2025, 3, 6), date(2025, 3, 6))),
    ("2025-W10", (date(2025, 3, 3), date(2025, 3, 9))),
    ("2020-W53", (date(2020, 12, 28), date(2021, 1, 3))),
    ("2025-Q4", (date(2025, 10, 1), date(2025, 12, 31))),
    ("2024-H1", (date(2024, 1, 1), date(2024, 6, 30))),
    ("199", (date(1990, 1, 1), date(1999, 12, 31))),
    ("P6M", None), ("XXXX-WXX-1", None), ("2025-02-30", None),
])
def test_timex_days(value: str, days: tuple[date, date] | None) -> None:
    assert timex_days(value) == days


@pytest.mark.parametrize(("text", "quoted", "sentence"), [
    ("Talks stalled. Mr. Lund said “we wait.” Then rain came.", "we wait.",
     "Mr. Lund said “we wait.”"),
    ("The port reopened on Monday. “It is calm,” Sgt. Ana Ruiz said. Trade resumed.",
     "It is calm,", "“It is calm,” Sgt. Ana Ruiz said."),
])
def test_a_quotes_sentence_is_whole_across_titles(text: str, quoted: str, sentence: str) -> None:
    start = text.index(quoted)
    assert sentence_around(text, Span(start, start + len(quoted))) == sentence
