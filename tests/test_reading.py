"""Views answered in SQL (store/reading.py): each filter gives what the same filter over the
whole list gives, a limit is the list's start, a key cursor stays put while reports are
stored, the bulk exports stream every row, and an older database gains the indexes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from random import Random
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import event, insert

from newstrace.cli import main
from newstrace.pipeline import ingest
from newstrace.serve import create_app
from newstrace.store import Store
from newstrace.store.reading import stored_dates
from newstrace.store.schema import VIEW_INDEXES, value_counts
from newstrace.views.entities import entity_records, entity_rows
from newstrace.views.quotes import Said, quote_rows, quote_stream
from newstrace.views.shared import in_range, matches
from newstrace.views.timeline import timeline_rows

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"
API = "/api/v1"
# Written by us: reports stored between two pages of a list.
LATE_REPORTS = [
    {"id": "00_early", "outlet": "Harbour Radio", "published": "2001-01-01",
     "text": 'Harbour master Ilse Brandt said: "The quay stays open all winter." '
             "Ships kept arriving."},
    {"id": "zz_late", "outlet": "Harbour Radio", "published": "2030-01-01",
     "text": 'Councillor Tomas Vik said: "We will repair the lighthouse next spring." '
             "The vote is due in May."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("reading") / "reading.db")
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


def test_each_statement_filter_is_the_filter_over_the_whole_list(db: str) -> None:
    store = Store(db)
    every = quote_rows(store)
    assert quote_rows(store, limit=5) == every[:5]
    spring, summer = date(2024, 1, 1), date(2025, 6, 30)
    for found, wanted in [
        (quote_rows(store, "sakaliene"), [r for r in every if matches("sakaliene", r["speaker"])]),
        (quote_rows(store, outlet="lrt"), None),
        (quote_rows(store, relay="bulgarian news agency"),
         [r for r in every if matches("bulgarian news agency", r["medium"], *r["relays"])]),
        (quote_rows(store, text="MUNITIONS"),
         [r for r in every if matches("munitions", r["quote"])]),
        (quote_rows(store, since=spring, until=summer),
         [r for r in every if spring.isoformat() <= (r["date"] or r["published"])[:10]
          <= summer.isoformat()]),
    ]:
        assert wanted is None or found == wanted
    assert quote_rows(store, relay="bulgarian news agency")
    assert quote_rows(store, speaker="no such speaker anywhere") == []


def test_the_relay_filter_reads_the_documents_referring_to_the_relay(db: str) -> None:
    store = Store(db)
    asked: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _conn, _cursor, statement, *_: asked.append(statement))
    relayed = quote_rows(store, relay="bulgarian news agency")
    assert relayed == [row for row in quote_rows(Store(db)) if matches(
        "bulgarian news agency", row["medium"], *row["relays"])]
    # the JSON of relays is read only in documents the index of references gives
    reading_quotes = [sql for sql in asked if "FROM quotes" in sql]
    assert reading_quotes and all("entity_documents" in sql for sql in reading_quotes)


def test_statements_by_an_entity_they_mention(db: str) -> None:
    store = Store(db)
    (lithuania,) = [r for r in entity_records(store, "lithuania") if r["name"] == "Lithuania"]
    about = quote_rows(store, entity=lithuania["id"])
    by_name = quote_rows(store, entity="Lithuania")  # "Lithuanian ..." entities too
    assert about and all(row in by_name for row in about) and len(by_name) > len(about)
    spans = {(m["document"], m["start"], m["end"]) for m in lithuania["mentions"]}
    for row in about:
        assert any(doc == row["document"] for doc, _, _ in spans)
    assert len(about) < len(quote_rows(store))


def test_an_entity_matched_by_an_alias_has_its_whole_record(db: str) -> None:
    store = Store(db)
    whole = {r["id"]: r for r in entity_rows(store)}
    for record in entity_records(store, "seimas"):
        assert len(record["mentions"]) == whole[record["id"]]["mentions"]
        assert record["aliases"] == whole[record["id"]]["aliases"]


def test_entity_pages_are_the_whole_list_cut(db: str) -> None:
    store = Store(db)
    every = entity_rows(store)
    assert every == sorted(every, key=lambda r: (-r["mentions"], r["name"], r["id"]))
    assert entity_rows(store, limit=7) == every[:7]
    key = (every[6]["mentions"], every[6]["name"], every[6]["id"])
    assert entity_rows(store, limit=5, after=key) == every[7:12]
    people = entity_rows(store, type_="person")
    assert people == [r for r in every if r["type"] == "PERSON"]


def test_timeline_filters_by_type_and_status(db: str) -> None:
    store = Store(db)
    every = timeline_rows(store)
    kind = every[0]["type"]
    assert timeline_rows(store, type_=kind) == [r for r in every if r["type"] == kind]
    assert timeline_rows(store, status="happened") == [
        r for r in every if r["status"] == "happened"]


def walk(client: TestClient, path: str, limit: int, between: Any = None) -> list[Any]:
    rows: list[Any] = []
    answer = client.get(f"{API}/{path}", params={"limit": limit}).json()
    while True:
        rows += answer["rows"]
        if answer["next"] is None:
            return rows
        if between is not None:
            between()
            between = None
        answer = client.get(answer["next"]).json()


@pytest.mark.parametrize(("path", "key"), [
    ("statements", lambda r: (r["document"], r["quote"])), ("documents", lambda r: r["id"]),
    ("entities", lambda r: r["id"]), ("events", lambda r: (r["event"], r.get("step"))),
])
def test_a_cursor_stays_put_while_reports_are_stored(tmp_path: Path, db: str, path: str,
                                                     key: Any) -> None:
    copy = str(tmp_path / "copy.db")
    sqlite3.connect(db).backup(target := sqlite3.connect(copy))
    target.close()
    client = TestClient(create_app(copy))
    before = [key(r) for r in walk(client, path, 500)]
    reports = tmp_path / "late.jsonl"
    reports.write_text("".join(json.dumps(r) + "\n" for r in LATE_REPORTS), encoding="utf-8")
    paged = [key(r) for r in walk(
        client, path, 4, lambda: ingest([str(reports)], Store(copy)))]
    assert len(set(paged)) == len(paged)  # nothing given twice
    assert set(before) <= set(paged)  # nothing stored before was lost
    if path == "statements":  # stored after the cursor's place: given on a later page
        assert any(doc == "zz_late" for doc, _ in paged)
        assert not any(doc == "00_early" for doc, _ in paged)


def test_the_bulk_exports_stream_every_row(db: str) -> None:
    client = TestClient(create_app(db))
    lines = client.get(f"{API}/export/statements").text.splitlines()
    assert [json.loads(line) for line in lines] == quote_rows(Store(db))
    table = list(csv.DictReader(io.StringIO(client.get(
        f"{API}/export/statements", params={"format": "csv"}).text)))
    assert len(table) == len(lines) and table[0]["document"] == json.loads(lines[0])["document"]
    for filters in ({"relay": "bulgarian news agency"}, {"text": "DELIVER"}):
        filtered = client.get(f"{API}/export/statements", params=filters).text.splitlines()
        wanted = quote_rows(Store(db), **filters)
        assert wanted and [json.loads(line) for line in filtered] == wanted
        assert len(wanted) < len(lines)
    reports = [json.loads(line) for line in
               client.get(f"{API}/export/events").text.splitlines()]
    timeline = timeline_rows(Store(db))
    assert len(reports) == sum(len(row["reports"]) for row in timeline)
    assert {r["event"] for r in reports} == {row["event"] for row in timeline}
    documents = client.get(f"{API}/export/documents", params={"format": "csv"})
    assert documents.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(documents.text)))) == 6
    empty = client.get(f"{API}/export/documents", params={"outlet": "no such outlet"})
    assert empty.status_code == 200 and empty.text == ""


def test_an_entitys_roles_over_time(db: str) -> None:
    client = TestClient(create_app(db))
    listed = client.get(f"{API}/entities", params={"name": "Šakalienė"}).json()["rows"][0]
    roles = client.get(f"{API}/entities/{listed['id']}/roles").json()["rows"]
    assert roles and all(r["basis"] in ("reference", "title", "description") for r in roles)
    assert any("minister" in r["role"].lower() for r in roles)
    assert [r["since"] or "" for r in roles] == sorted(r["since"] or "" for r in roles)
    assert client.get(f"{API}/entities/ent_000000000000/roles").status_code == 404


def test_a_version_6_database_gains_the_view_indexes(fresh_db: str) -> None:
    Store(fresh_db)
    old = sqlite3.connect(fresh_db)
    for index in VIEW_INDEXES:
        old.execute(f"DROP INDEX {index.name}")
    old.execute("UPDATE newstrace_meta SET value = '6' WHERE key = 'schema_version'")
    old.commit()
    Store(fresh_db)
    names = {row[0] for row in old.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {index.name for index in VIEW_INDEXES} <= names
    plan = " ".join(row[-1] for row in old.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM documents ORDER BY published, id LIMIT 5"))
    assert "ix_documents_published_id" in plan


@pytest.mark.parametrize("size", [1, 3, 8])
def test_statements_walked_from_place_to_place_are_the_whole_list(db: str, size: int) -> None:
    store = Store(db)
    for said in (Said(), Said(speaker="sakaliene"), Said(text="the")):
        whole = quote_rows(store, said.speaker, text=said.text)
        walked: list[dict[str, Any]] = []
        start = None
        while page := list(islice(quote_stream(store, said, start, size), size)):
            walked += [row for _, row in page]
            start = page[-1][0]
        assert walked == whole and whole


def test_a_date_range_reads_every_stored_date_that_may_overlap_it(db_url: str) -> None:
    # weeks that straddle New Year, decades, centuries, seasons, times, undated values
    values = {"2021-W52", "2020-W53", "2020-W01", "202", "20", "19", "201", "PRESENT_REF",
              "XXXX-07-04", "T10:00", "2021-07-04T10:00", "2021-WI", "2021-Q4", "0999", "P3D"}
    rng = Random(5)
    for _ in range(150):
        day = date(1995, 1, 1) + timedelta(days=rng.randrange(365 * 35))
        year, week, _ = day.isocalendar()
        values |= {day.isoformat(), day.isoformat()[:7], day.isoformat()[:4],
                   f"{year}-W{week:02d}"}
    store = Store(db_url)
    with store.writing() as conn:
        conn.execute(insert(value_counts), [{"kind": "event date", "value": value,
                                             "detail": "", "folded": value, "uses": 1}
                                            for value in sorted(values)])
    for _ in range(200):
        start = date(1995, 1, 1) + timedelta(days=rng.randrange(365 * 35))
        end = start + timedelta(days=rng.choice([0, 6, 40, 500]))
        since, until = rng.choice([(start, end), (start, None), (None, end)])
        found = stored_dates(store, "event date", since, until)
        assert len(found) < len(values) or since is None or until is None
        assert {v for v in found if in_range(v, since, until)} == {
            v for v in values if in_range(v, since, until)}, (since, until)
