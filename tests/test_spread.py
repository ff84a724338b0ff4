"""The spread of a fact: one statement or event carried by several outlets, its first report
and who relayed it when, as a copy of the first or in a story of their own."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, insert, select, update

from newstrace.cli import main
from newstrace.pipeline import ingest
from newstrace.serve import create_app
from newstrace.serve.web.reading import carried_by
from newstrace.store import Store, groups
from newstrace.store.schema import document_copies, documents, quotes
from newstrace.views.spread import Carried, similar, similar_within, sort_key, spread_rows
from wire_stories import ORIGINAL, RADIO, REPUBLISHED

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
try:
    from synthetic import build
finally:
    sys.path.pop(0)

PLEDGE = "We will keep the terminal open"


def three_outlets(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "week.jsonl"
    records = [  # stored out of order: the first report is found by its date
        {"id": "coastal", "text": REPUBLISHED, "outlet": "Coastal Daily",
         "published": "2026-03-03"},
        {"id": "radio", "text": RADIO, "outlet": "Harbour Radio", "published": "2026-03-04"},
        {"id": "wire", "text": ORIGINAL, "outlet": "Nordic Wire", "published": "2026-03-02"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert not ingest([str(path)], store).problems


def test_a_statement_carried_by_three_outlets_is_one_fact_with_its_first_report(
    tmp_path: Path, store: Store
) -> None:
    three_outlets(tmp_path, store)
    (row,) = [r for r in spread_rows(store, kind="statement") if PLEDGE in r["fact"]]
    assert row["fact"].startswith("Mirela Vaskova: ")
    assert row["first"] == {"document": "wire", "outlet": "Nordic Wire",
                            "published": "2026-03-02"}
    assert [(r["document"], r["published"], r["copy_of_first"]) for r in row["reports"]] == [
        ("wire", "2026-03-02", False), ("coastal", "2026-03-03", True),
        ("radio", "2026-03-04", False)]
    assert row["outlets"] == ["Nordic Wire", "Coastal Daily", "Harbour Radio"]
    # Words no speaker entity said are one statement in a document and its copy.
    (traders,) = [r for r in spread_rows(store) if "could delay shipments" in r["fact"]]
    assert [r["document"] for r in traders["reports"]] == ["wire", "coastal"]
    # Filters: by speaker, and by the first report's day.
    assert any(PLEDGE in r["fact"] for r in spread_rows(store, speaker="vaskova"))
    assert not any(PLEDGE in r["fact"] for r in spread_rows(store, speaker="Berger"))
    assert not spread_rows(store, since=date(2026, 3, 3))


def test_an_event_is_one_fact_by_its_global_id_and_the_cli_shows_the_spread(
    tmp_path: Path, fresh_db: str
) -> None:
    three_outlets(tmp_path, Store(fresh_db))
    (meeting,) = [r for r in spread_rows(Store(fresh_db), kind="event")
                  if r["reports"][0]["type"] == "meeting"]
    assert [r["document"] for r in meeting["reports"]] == ["wire", "radio"]
    result = CliRunner().invoke(main, ["spread", "--db", fresh_db, "--format", "json",
                                       "--speaker", "Vaskova"])
    assert result.exit_code == 0, result.output
    (row,) = [r for r in json.loads(result.output) if PLEDGE in r["fact"]]
    assert len(row["reports"]) == 3
    table = CliRunner().invoke(main, ["spread", "--db", fresh_db, "--kind", "statement"],
                               env={"COLUMNS": "250"})
    assert table.exit_code == 0 and "Coastal Daily, 2026-03-03 (copy)" in table.output


def test_similar_words_make_one_statement_but_a_few_words_must_be_the_same() -> None:
    full = tuple("we will keep the terminal open through the winter".split())
    assert similar(full, tuple("keep the terminal open through the winter".split()))
    assert not similar(full, tuple("we will close the terminal for the spring".split()))
    assert not similar(full, tuple("we will open the port to the winter fleet".split()))
    assert similar(full, tuple("we shall keep the terminal open through the winter".split()))
    assert similar(("no", "comment"), ("no", "comment"))
    assert not similar(("no", "comment"), ("no", "comment", "today"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["we", "will", "keep", "the", "port", "open"]),
                         max_size=8), max_size=14))
def test_a_speakers_quotes_compared_through_shared_word_pairs_group_as_every_pair_would(
        said: list[list[str]]) -> None:
    group = [Carried(f"doc{n}", None, None, " ".join(words), {}, tuple(words))
             for n, words in enumerate(said)]

    def components(pairs: list[tuple[int, int]]) -> set[frozenset[int]]:
        found = [{n} for n in range(len(group))]
        for a, b in pairs:
            one = next(c for c in found if a in c)
            other = next(c for c in found if b in c)
            if one is not other:
                one |= other
                found.remove(other)
        return {frozenset(c) for c in found}

    every = [(a, b) for a in range(len(group)) for b in range(a + 1, len(group))
             if similar(group[a].words, group[b].words)]
    assert components(list(similar_within(group))) == components(every)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Synthetic reports (bench/synthetic.py), some of them copies of others that quote the
    same words (by another speaker): statements joined through a copy too."""
    db = str(tmp_path_factory.mktemp("spread") / "synthetic.db")
    link_copies(build(db, 400))
    return db


def link_copies(store: Store) -> None:
    """25 pairs of documents quoting the same words linked as a copy and its first report
    (the earlier published, undated last)."""
    reading_words = select(quotes.c.document_id, documents.c.published, documents.c.text,
                                   quotes.c.content_start, quotes.c.content_end).join(
        documents, documents.c.id == quotes.c.document_id)
    said: dict[str, list[tuple[date, str]]] = {}
    with store.engine.connect() as conn:
        for document, published, text, start, end in conn.execute(reading_words):
            said.setdefault(text[start:end], []).append((published, document))
    links = [sorted(found, key=lambda told: (told[0] or date.max, told[1]))[:2]
             for found in said.values() if len(found) > 1][:25]
    with store.writing() as conn:
        conn.execute(insert(document_copies), [
            {"document_id": copy, "copy_of_id": first, "similarity": 0.9, "containment": 0.9}
            for (_, first), (_, copy) in links if first != copy])
        groups.fill(conn)  # links written here, not saved: the statements grouped anew


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Synthetic reports on three days and undated, dozens of facts first reported on each,
    some quotes without a speaker, some documents copies whose first reports name none: a
    page ends inside a day."""
    db = str(tmp_path_factory.mktemp("spread") / "crowded.db")
    store = build(db, 120)
    with store.writing() as conn:
        for n, day in enumerate([date(2021, 3, 1), date(2021, 3, 2), date(2021, 3, 3), None]):
            conn.execute(update(documents).where(func.substr(documents.c.id, -1).in_(
                [str(digit) for digit in range(10) if digit % 4 == n])).values(published=day))
        conn.execute(update(quotes).where(quotes.c.content_start % 3 == 0)
                     .values(speaker_id=None, speaker_text=None))
    link_copies(store)
    with store.writing() as conn:  # a first report naming its speaker only by surname
        conn.execute(update(quotes).where(quotes.c.document_id.in_(
            select(document_copies.c.copy_of_id))).values(speaker_id=None))
        groups.fill(conn)  # speakers changed here, not saved: the statements grouped anew
    return db


@pytest.mark.parametrize("min_reports", [1, 2])
def test_a_page_ending_inside_a_day_is_the_whole_list_cut(crowded: str, min_reports: int
                                                          ) -> None:
    store = Store(crowded)
    whole = spread_rows(store, min_reports=min_reports)
    days = [row["first"]["published"] for row in whole]
    assert {"2021-03-01", "2021-03-02", "2021-03-03"} <= set(days) and len(days) > 60
    assert None in days or min_reports > 1  # one report: the undated documents' own facts
    assert any(report["speaker"] == "(unknown)" for row in whole if row["kind"] == "statement"
               for report in row["reports"])
    for wanted in (1, 20):
        assert spread_rows(store, wanted=wanted, min_reports=min_reports)[:wanted] \
            == whole[:wanted]
        for at in range(0, len(whole), len(whole) // 15):
            after = sort_key(whole[at])
            later = [row for row in spread_rows(store, min_reports=min_reports, wanted=wanted,
                                                after=after) if sort_key(row) > after]
            assert later[:wanted] == [row for row in whole if sort_key(row) > after][:wanted]


@pytest.mark.parametrize("chosen", [
    {}, {"kind": "statement"}, {"kind": "event"}, {"min_reports": 1},
    {"since": date(2022, 5, 1)}, {"since": date(2021, 1, 1), "until": date(2021, 12, 31)}])
def test_a_page_of_the_spread_is_the_whole_list_cut(synthetic: str, chosen: dict[str, Any]
                                                    ) -> None:
    store = Store(synthetic)
    whole = spread_rows(store, **chosen)
    assert len(whole) > 30
    for wanted in (1, 7, 30):
        assert spread_rows(store, wanted=wanted, **chosen)[:wanted] == whole[:wanted]
        after = sort_key(whole[12])
        later = [row for row in spread_rows(store, wanted=wanted, after=after, **chosen)
                 if sort_key(row) > after]
        assert later[:wanted] == [row for row in whole if sort_key(row) > after][:wanted]


def test_the_spread_api_pages_through_the_whole_list_reading_no_quote_unasked(
    synthetic: str
) -> None:
    app = create_app(synthetic)
    whole = spread_rows(Store(synthetic))
    read: list[str] = []
    event.listen(app.state.store.engine, "before_cursor_execute",
                 lambda _conn, _cursor, statement, *_: read.append(statement))
    client = TestClient(app)
    answer = client.get("/api/v1/spread", params={"limit": 20}).json()
    # the first page reads the quotes of its days and of their speakers, never all of them
    reading_quotes = [sql for sql in read if "FROM quotes" in sql]
    assert reading_quotes and all("WHERE" in sql for sql in reading_quotes)
    paged = answer["rows"]
    while answer["next"]:
        answer = client.get(answer["next"]).json()
        paged += answer["rows"]
    assert [{key: value for key, value in row.items() if key != "reports_url"}
            for row in paged] == json.loads(json.dumps([shown(row, 20) for row in whole]))
    # statements joined through a copy, whoever each report names as the speaker
    assert any(len({r["speaker"] for r in row["reports"]}) > 1 for row in paged
               if row["kind"] == "statement")


def test_a_statement_page_lists_the_spread_row_of_its_quote_reading_only_its_own(
    synthetic: str
) -> None:
    """The statement page's "carried by" list, grouped from its quote alone, is the row of the
    whole spread list holding that quote, copies included; its reads of quotes are of some,
    never all. The page used to look for its words among the row's reports, one per
    document, and so listed nothing when its document's report was another of its quotes."""
    store = Store(synthetic)
    rows = [[{key: r[key] for key in ("document", "outlet", "published", "copy_of_first",
                                      "text")} for r in row["reports"]]
            for row in spread_rows(store, kind="statement")]
    with store.engine.connect() as conn:
        said = conn.execute(select(quotes.c.document_id, quotes.c.content_start,
                                   quotes.c.content_end, documents.c.text).join(
            documents, documents.c.id == quotes.c.document_id)).all()
    read: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _conn, _cursor, statement, *_: read.append(statement))
    by_words = by_quote = 0
    for document, start, end, text in said:
        listed = [{key: value for key, value in r.items() if key != "url"}
                  for r in carried_by(store, document, (start, end))]
        holding = next((reports for reports in rows if any(
            r["document"] == document and r["text"] == text[start:end] for r in reports)), None)
        if holding is not None:
            assert listed == holding
            by_words += 1
        elif listed:  # the statement's report of this document is another quote of it
            assert listed in rows and any(r["document"] == document for r in listed)
            by_quote += 1
    assert by_words > 100 and by_quote
    assert all("WHERE" in sql for sql in read if "FROM quotes" in sql)


def shown(row: dict[str, Any], reports: int) -> dict[str, Any]:
    """A whole spread row as the API lists it: its first ``reports`` reports and the counts
    of all its reports and outlets (the address of every report left out)."""
    return {**row, "reports": row["reports"][:reports], "report_count": len(row["reports"]),
            "outlet_count": len(row["outlets"])}


def paged_through(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(url, params=params).json()
    rows = answer["rows"]
    while answer["next"]:
        answer = client.get(answer["next"]).json()
        rows += answer["rows"]
    return rows


@pytest.fixture
def spread_db(db_url: str) -> str:
    """Synthetic reports with copies linked (`link_copies`), on SQLite and PostgreSQL."""
    link_copies(build(db_url, 150))
    return db_url


@pytest.mark.parametrize("chosen", [{}, {"kind": "event"}, {"speaker": "a"}])
def test_a_spread_row_shows_its_first_reports_and_its_address_lists_every_one(
    spread_db: str, chosen: dict[str, Any]
) -> None:
    """A row of /spread lists its first reports only (``reports``, 20 unless asked), with the
    number of all its reports and outlets; its ``reports_url`` pages through exactly the whole
    list of its reports, first report first, as JSON and CSV: nothing is lost."""
    store = Store(spread_db)
    whole = spread_rows(store, **chosen)
    client = TestClient(create_app(spread_db))
    paged = paged_through(client, "/api/v1/spread", limit=7, reports=2, **chosen)
    assert [{key: value for key, value in row.items() if key != "reports_url"}
            for row in paged] == json.loads(json.dumps([shown(row, 2) for row in whole]))
    assert any(row["report_count"] > 2 for row in paged)
    assert all(len(row["reports"]) == min(2, row["report_count"]) for row in paged)
    capped = [(row, every) for row, every in zip(paged, whole, strict=True)
              if row["report_count"] > 2]
    for row, every in capped[:12] + [(paged[0], whole[0])]:
        reports = json.loads(json.dumps(every["reports"]))
        assert paged_through(client, row["reports_url"], limit=2) == reports
        table = list(csv.DictReader(io.StringIO(client.get(
            row["reports_url"], params={"format": "csv", "limit": 200}).text)))
        assert [r["document"] for r in table] == [r["document"] for r in reports]
    assert client.get("/api/v1/spread/statement/no-such-document:1:2/reports").status_code \
        == 404
    assert client.get("/api/v1/spread/event/no-such-event/reports").status_code == 404
    assert client.get("/api/v1/spread", params={"reports": 0}).status_code == 422


def test_the_cli_lists_every_report_of_a_fact(spread_db: str) -> None:
    """The CLI's spread keeps each fact's whole list of reports (no counts, no cap)."""
    result = CliRunner().invoke(main, ["spread", "--db", spread_db, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(json.dumps(spread_rows(Store(spread_db))))
