"""The web UI (pages served beside the API), on SQLite and PostgreSQL: every page and its
`.json` twin, links that lead somewhere, report text that stays text, and the pages'
policy. The write path (POST with the operator's token) and the request size limit are in
test_writes.py."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import event as sqlalchemy_event

from conftest import DATABASES, database
from newstrace.serve import create_app
from newstrace.serve.web import records
from newstrace.serve.web.links import document_url, outlet_url, statement_url, treaty_url
from newstrace.serve.web.reading import segments
from newstrace.store import Store
from newstrace.store.queries import table_counts
from newstrace.views.timeline import timeline_rows
from web_reports import HOSTILE, IMAGE, ODD_ID, OTHER_TALLY, SCRIPT, build_database

# SQL written as a string: sqlalchemy's text(), a driver's own execute, a formatted query.
HANDMADE_SQL = re.compile(r"(?<![\w.])text\(|exec_driver_sql|execute\(f?[\"']|\.format\(")
# Pages the crawl visits at most: every kind is reached well before.
CRAWL_LIMIT = 60


@pytest.fixture(scope="module", params=DATABASES)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
       ) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("web")
    with database(request.param, folder, request) as url:
        build_database(folder, url)
        yield url


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


class Page(HTMLParser):
    """What a test reads of a page: its links, and every element with its attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        self.links += [value for name, value in attrs if name == "href" and value]


def html_of(client: TestClient, address: str, status: int = 200) -> str:
    response = client.get(address)
    assert response.status_code == status, (address, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def twin_of(client: TestClient, address: str, status: int = 200) -> Any:
    path, _, query = address.partition("?")
    response = client.get(path + ".json" + (f"?{query}" if query else ""))
    assert response.status_code == status, (address, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def crawl(client: TestClient) -> dict[str, str]:
    """The site's pages reached from the home page by its own links: address -> HTML. Each
    kind of page (search, entity, document, statement, event, treaty) takes its turn, so a
    short crawl reaches every kind."""
    seen: dict[str, str] = {}
    queues: dict[str, deque[str]] = {"": deque(["/"])}
    while any(queues.values()) and len(seen) < CRAWL_LIMIT:
        for queue in list(queues.values()):
            address = queue.popleft() if queue else None
            if address is None or address in seen:
                continue
            seen[address] = html_of(client, address)
            for link in Page(seen[address]).links:
                parts = urlsplit(link)
                if parts.scheme or parts.netloc or parts.path.endswith(".json") \
                        or link.startswith(("/api/", "/static/")):
                    continue
                kind = "statement" if "/statements/" in link else parts.path.split("/")[1]
                queues.setdefault(kind, deque()).append(
                    parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


@pytest.fixture(scope="module")
def pages(client: TestClient) -> dict[str, str]:
    return crawl(client)


def test_the_links_reach_every_kind_of_page(pages: dict[str, str]) -> None:
    kinds = {"outlets", "entities", "documents", "events", "treaties"}
    assert kinds <= {address.split("/")[1].split("?")[0] for address in pages}
    assert any("/statements/" in address for address in pages)
    assert any("mark=" in address for address in pages)


def test_every_page_has_a_json_twin_with_what_it_shows(client: TestClient,
                                                       pages: dict[str, str]) -> None:
    for address, html in list(pages.items())[:60]:
        record = twin_of(client, address)
        path, _, query = address.partition("?")
        twin = unquote(path) + ".json" + (f"?{query}" if query else "")
        assert [unquote(link) for link in Page(html).links].count(twin) == 2, address
        assert str(escape(record["title"])) in html, address


def test_the_home_page_counts_ranks_and_lists_the_latest_documents(client: TestClient) -> None:
    home = twin_of(client, "/")
    assert home["counts"]["documents"] == 10
    published = [row["published"] for row in home["documents"]]
    assert len(published) == 10 and published == sorted(published, reverse=True)
    assert all(row["url"].startswith("/entities/") for row in home["actors"] + home["speakers"])


def test_an_entity_page_links_its_statements_to_their_sentences(client: TestClient) -> None:
    found = twin_of(client, "/search?q=Šakalienė")
    person = next(e for e in found["entities"] if e["type"] == "PERSON")
    entity = twin_of(client, person["url"])
    assert entity["name"] == "Dovilė Šakalienė" and entity["roles"]
    assert {"Šakalienė", "Dovilė Šakalienė"} <= {alias for alias, _ in entity["aliases"]}
    said = next(s for s in entity["statements_by"] if "first task" in s["quote"])
    statement = twin_of(client, said["url"])
    assert statement["quote"] == said["quote"] and statement["speaker"] == entity["name"]
    assert [step["role"] for step in statement["chain"]][0] == "speaker"
    assert statement["chain"][0]["url"] == person["url"]
    document = twin_of(client, statement["source_url"].split("#")[0])
    target = next(m for m in document["marks"] if m["kind"] == "target")
    assert document["text"][target["start"]:target["end"]] == statement["sentence"]
    html = html_of(client, statement["source_url"].split("#")[0])
    assert '<span id="mark"></span>' in html


def test_an_entity_page_shows_the_roles_the_api_gives(client: TestClient) -> None:
    found = twin_of(client, "/search?q=Šakalienė")
    person = next(e for e in found["entities"] if e["type"] == "PERSON")
    entity = twin_of(client, person["url"])
    given = client.get(f"/api/v1/entities/{entity['id']}/roles", params={"limit": 500})
    assert [{k: v for k, v in role.items() if k != "url"} for role in entity["roles"]] \
        == given.json()["rows"]
    read = [role for role in entity["roles"] if role["basis"] != "reference"]
    assert read and all(role["url"] == document_url(role["document"]) for role in read)
    html = html_of(client, person["url"])
    assert all(str(escape(role["text"])) in html for role in read)


def test_search_finds_entities_statements_and_documents_and_counts_them(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    found = twin_of(client, "/search?q=sakaliene")  # accents and case ignored
    assert found["totals"] == {"entities": 1, "statements": 8, "documents": 2}
    assert all(s["speaker"] == "Dovilė Šakalienė" and s["url"] for s in found["statements"])
    monkeypatch.setattr(records, "HITS", 3)
    assert len(twin_of(client, "/search?q=sakaliene")["statements"]) == 3
    assert "8, the first 3 shown" in html_of(client, "/search?q=sakaliene")
    assert twin_of(client, "/search?q=")["totals"]["statements"] == 0


def test_an_entity_page_shows_the_first_of_long_lists_and_their_totals(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "LONG_LIST", 2)
    person = next(e for e in twin_of(client, "/search?q=Šakalienė")["entities"])
    entity = twin_of(client, person["url"])
    assert len(entity["statements_by"]) == 2 and entity["totals"]["statements_by"] == 8
    assert "8, the first 2 shown" in html_of(client, person["url"])


def test_a_document_page_marks_mentions_statements_and_events(client: TestClient) -> None:
    document = twin_of(client, document_url("01_wire_relay"))
    kinds = {m["kind"] for m in document["marks"]}
    assert kinds == {"mention", "statement", "event"}
    text = document["text"]
    for mark in document["marks"]:
        assert 0 <= mark["start"] < mark["end"] <= len(text)
    mention = next(m for m in document["marks"] if m["label"] == "Dovilė Šakalienė")
    assert text[mention["start"]:mention["end"]] in ("Dovilė Šakalienė", "Šakalienė")
    html = html_of(client, document_url("01_wire_relay"))
    assert f'href="{mention["url"]}"' in html
    # the text is all there, in order, however the marks overlap
    assert "".join(piece["text"] for piece in segments(text, document["marks"])) == text


@given(st.lists(st.tuples(st.integers(0, 36), st.integers(1, 12),
                          st.sampled_from(["mention", "statement", "event", "target"])),
                max_size=12))
@settings(max_examples=60, deadline=None, derandomize=True)
def test_marked_pieces_hold_the_text_once_with_the_marks_over_each(
        found: list[tuple[int, int, str]]) -> None:
    text = "0123456789" * 4  # a mark past its end is left out
    marks = [{"start": start, "end": start + length, "kind": kind, "url": f"/{start}",
              "label": kind} for start, length, kind in found]
    pieces = segments(text, marks)
    assert "".join(piece["text"] for piece in pieces) == text
    at = 0
    for piece in pieces:
        end = at + len(piece["text"])
        over = [m for m in marks if m["start"] <= at and end <= m["end"] <= len(text)]
        assert piece["kinds"] == sorted({m["kind"] for m in over})
        assert piece["ends"] == [{"url": m["url"], "label": m["label"]} for m in sorted(
            over, key=lambda m: m["start"]) if m["kind"] == "statement" and m["end"] == end]
        at = end


def test_an_event_page_lists_every_report_and_the_conflicts(client: TestClient,
                                                           pages: dict[str, str]) -> None:
    events = [twin_of(client, address) for address in pages if address.startswith("/events/")]
    assert events
    for event in events:
        for step in event["steps"]:
            assert step["reports"] and all(r["url"].startswith("/documents/")
                                           for r in step["reports"])
            assert isinstance(step["conflicts"], dict)


def test_an_event_page_reads_its_own_reports_alone(client: TestClient, db: str) -> None:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    every = timeline_rows(Store(db))
    event_id = every[-1]["event"]
    asked: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        # bound values by name (PostgreSQL's driver) or by place (SQLite's)
        asked.append((statement, list(parameters.values()) if isinstance(parameters, dict)
                       else parameters))

    sqlalchemy_event.listen(store.engine, "before_cursor_execute", note)
    try:
        steps = twin_of(client, f"/events/{event_id}")["steps"]
    finally:
        sqlalchemy_event.remove(store.engine, "before_cursor_execute", note)
    assert [{k: v for k, v in step.items() if k not in ("reports", "dated")} for step in steps] \
        == [{k: v for k, v in row.items() if k != "reports"} for row in every
            if row["event"] == event_id]
    # every read of event reports asks for this event's, never the whole timeline
    reading_events = [(sql, values) for sql, values in asked if "FROM events" in sql]
    assert reading_events and all(event_id in values for _, values in reading_events)


def test_an_event_page_flags_the_figures_its_reports_disagree_on(client: TestClient) -> None:
    vote = next(e for e in twin_of(client, document_url(OTHER_TALLY["id"]))["events"]
                if e["type"] == "parliamentary_vote")
    [step] = twin_of(client, vote["url"])["steps"]
    assert {report["document"] for report in step["reports"]} == {
        "06_english_quotes", OTHER_TALLY["id"]}
    assert sorted(tally["for"] for tally in step["conflicts"]["votes"]) == [88, 91]
    html = html_of(client, vote["url"])
    assert "The reports disagree" in html and "91 for, 9 against, 5 abstain" in html


def test_a_statement_page_lists_every_document_that_carried_it(client: TestClient) -> None:
    said = next(s for s in twin_of(client, document_url(OTHER_TALLY["id"]))["statements"]
                if "defence fund" in s["quote"])
    statement = twin_of(client, said["url"])
    assert [r["document"] for r in statement["carried_by"]] == [
        "06_english_quotes", OTHER_TALLY["id"]]  # the first report first
    assert "Carried by 2 documents" in html_of(client, said["url"])
    alone = twin_of(client, twin_of(client, document_url(ODD_ID["id"]))["statements"][0]["url"])
    assert alone["carried_by"] == []


def test_a_treaty_page_gives_each_state_on_the_day_asked(client: TestClient) -> None:
    record = twin_of(client, treaty_url("Ottawa Treaty", on=date(2025, 6, 1)))
    assert record["on"] == "2025-06-01" and record["states"]
    statuses = {row["status"] for row in record["states"]}
    assert statuses <= {"party", "signatory", "withdrawing", "withdrawn", "not party",
                        "unknown"}
    assert sum(record["counts"].values()) == len(record["states"])
    estonia = next(row for row in record["states"] if row["state"] == "Estonia")
    assert estonia["pending"] == "withdrawal decided 2025-05-09"
    assert record["states"][0] is estonia  # the states with evidence first
    [evidence] = estonia["evidence"]
    document = twin_of(client, evidence["url"].split("#")[0])
    target = next(m for m in document["marks"] if m["kind"] == "target")
    assert document["text"][target["start"]:target["end"]] == evidence["sentence"]
    before = twin_of(client, treaty_url("Ottawa Treaty", on=date(2025, 5, 1)))
    assert not next(r for r in before["states"] if r["state"] == "Estonia")["evidence"]
    assert "is not a day" in html_of(client, "/treaties/Ottawa Treaty?on=not-a-day", 422)
    assert "YYYY-MM-DD" in twin_of(client, "/treaties/Ottawa Treaty?on=2025-02-30", 422)["detail"]


def test_an_outlet_page_lists_its_documents_and_is_linked_from_them(client: TestClient,
                                                                    db: str) -> None:
    stored = Store(db).load(ODD_ID["id"]).document
    assert stored.outlet
    document = html_of(client, document_url(stored.id))
    address = outlet_url(stored.outlet)
    assert address in Page(document).links
    record = twin_of(client, address)
    assert record["outlet"] == stored.outlet and record["documents"] >= 1
    assert stored.id in [row["id"] for row in record["latest"]]
    assert record["first"] <= stored.published.isoformat() <= record["last"]
    assert escape(stored.outlet) in html_of(client, address)
    said = twin_of(client, document_url(stored.id))["statements"][0]
    assert address in Page(html_of(client, said["url"])).links  # from a statement's page
    assert "Not found" in html_of(client, outlet_url("No Such Outlet"), 404)


def test_an_odd_document_id_is_one_address(client: TestClient) -> None:
    address = document_url(ODD_ID["id"])
    assert twin_of(client, address)["id"] == ODD_ID["id"]
    assert ODD_ID["title"] in html_of(client, address)
    said = twin_of(client, address)["statements"][0]
    assert twin_of(client, said["url"])["document"]["id"] == ODD_ID["id"]


@pytest.mark.parametrize("address", [
    "/entities/ent_000000000000", "/events/evt_000000000000", "/documents/no-such-report",
    statement_url("01_wire_relay", (1, 2)), "/treaties/Treaty of Nowhere",
])
def test_what_is_not_stored_is_a_404_page_and_a_404_twin(client: TestClient,
                                                         address: str) -> None:
    assert "Not found" in html_of(client, address, 404)
    assert "detail" in twin_of(client, address, 404)


def test_report_text_is_always_text(client: TestClient, pages: dict[str, str]) -> None:
    hostile = [html_of(client, document_url(HOSTILE["id"])),
               html_of(client, "/search?q=never+run")]
    assert all("&lt;script&gt;" in html for html in hostile)
    for html in [*hostile, *pages.values()]:
        page = Page(html)
        assert "script" not in page.tags and "iframe" not in page.tags
        assert not [a for a in page.attributes if a[1].startswith("on")]
        assert not [a for a in page.attributes if a[1] in ("href", "src", "action")
                    and (a[2] or "").strip().lower().startswith(("javascript:", "data:"))]
    assert SCRIPT not in hostile[0] and IMAGE not in hostile[0]


def test_pages_allow_no_script(client: TestClient) -> None:
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    style = client.get("/static/style.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    assert client.get("/api/v1/statements").headers["content-security-policy"] == (
        "default-src 'none'; frame-ancestors 'none'")


@pytest.mark.parametrize("words", [
    "' OR '1'='1", "\"; DROP TABLE documents; --", "%", "_", "\\",
])
def test_hostile_words_are_only_words(client: TestClient, db: str, words: str) -> None:
    before = table_counts(Store(db))
    for address in ("/search", "/search.json"):
        assert client.get(address, params={"q": words}).status_code == 200
    for path in (f"/entities/{words}", f"/documents/{words}", f"/events/{words}"):
        assert client.get(path).status_code == 404
    assert table_counts(Store(db)) == before


def test_the_server_code_writes_no_sql_by_hand() -> None:
    """Every query of serve/ is built by SQLAlchemy with bound values, never a string."""
    package = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "serve"
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not HANDMADE_SQL.search(source), (path, HANDMADE_SQL.search(source))
